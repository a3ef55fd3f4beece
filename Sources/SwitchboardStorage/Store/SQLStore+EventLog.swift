import Foundation
import SwitchboardCore

/// The desk's event log as live screens read it: every stored ticket event, in an order that a
/// reader can resume from without missing one.
///
/// On SQLite one writer commits groups in id order, so the event id is the position. On
/// PostgreSQL ids are handed out when rows are inserted, not when they commit: event 12 can commit
/// after event 13, and a reader that had seen 13 would never see 12. So each event carries its
/// transaction's id (`tx`, migration 2), the log is read in (tx, id) order, and only events of
/// transactions older than every transaction still running (the snapshot's xmin) are readable.
/// Whatever commits later has a larger tx and sorts after everything already read.
extension SQLStore {
    static let loggedEventColumns = """
        e.id, e.ticket_id, e.sequence, e.kind, e.actor_kind, e.actor_id, e.data, e.created_at, e.previous_hash, e.hash, \
        t.number AS ticket_number, t.customer_id, t.merchant_id, t.team_id, t.assignee_id
        """

    /// The transaction id below which every transaction has ended (PostgreSQL).
    static let settledTransactions = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"

    public func eventLog(after position: EventLogPosition, limit: Int) async throws -> [LoggedEvent] {
        let limit = max(1, min(limit, 10_000))
        return try await read { connection in
            switch connection.dialect {
            case .sqlite:
                return try await connection.query(
                    """
                    SELECT \(Self.loggedEventColumns) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
                    WHERE e.id > ? ORDER BY e.id LIMIT ?
                    """,
                    [.integer(position.eventID), .int(limit)]
                ).map { try Self.loggedEvent($0, transaction: 0) }
            case .postgres:
                return try await connection.query(
                    """
                    SELECT \(Self.loggedEventColumns), e.tx FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
                    WHERE (e.tx, e.id) > (?, ?) AND e.tx < \(Self.settledTransactions)
                    ORDER BY e.tx, e.id LIMIT ?
                    """,
                    [.integer(position.transaction), .integer(position.eventID), .int(limit)]
                ).map { try Self.loggedEvent($0, transaction: try $0.int("tx")) }
            }
        }
    }

    public func eventLogHead() async throws -> EventLogPosition {
        try await read { connection in
            switch connection.dialect {
            case .sqlite:
                let id = try await connection.first("SELECT COALESCE(MAX(id), 0) AS id FROM ticket_events")?.int("id") ?? 0
                return EventLogPosition(transaction: 0, eventID: id)
            case .postgres:
                guard let row = try await connection.first(
                    "SELECT tx, id FROM ticket_events WHERE tx < \(Self.settledTransactions) ORDER BY tx DESC, id DESC LIMIT 1"
                ) else { return .start }
                return EventLogPosition(transaction: try row.int("tx"), eventID: try row.int("id"))
            }
        }
    }

    public func eventLogPosition(of event: TicketEvent.ID) async throws -> EventLogPosition? {
        try await read { connection in
            switch connection.dialect {
            case .sqlite:
                let found = try await connection.first("SELECT id FROM ticket_events WHERE id = ?", [.id(event)])
                return found.map { _ in EventLogPosition(transaction: 0, eventID: event.rawValue) }
            case .postgres:
                guard let row = try await connection.first("SELECT tx FROM ticket_events WHERE id = ?", [.id(event)]) else { return nil }
                return EventLogPosition(transaction: try row.int("tx"), eventID: event.rawValue)
            }
        }
    }

    static func loggedEvent(_ row: SQLRow, transaction: Int64) throws -> LoggedEvent {
        let event = try Self.event(row)
        return LoggedEvent(
            event: event, position: EventLogPosition(transaction: transaction, eventID: event.id.rawValue),
            ticketNumber: try row.int("ticket_number"), customerID: try row.id("customer_id"), merchantID: try row.optionalID("merchant_id"),
            teamID: try row.optionalID("team_id"), assigneeID: try row.optionalID("assignee_id")
        )
    }
}
