import Foundation
import SwitchboardCore

/// An agent's notifications: a case given to them, a clock about to run out or run out, a promise
/// due. Each comes from one event, at most once per agent and kind, so a node that reads the log
/// again after a restart tells nobody twice.
extension SQLStore {
    public func addNotifications(_ notifications: [NewNotification]) async throws {
        guard !notifications.isEmpty else { return }
        try await write { connection in
            for start in stride(from: 0, to: notifications.count, by: 100) {
                let rows = notifications[start..<min(start + 100, notifications.count)]
                var values: [SQLValue] = []
                for item in rows {
                    values += [.id(item.agentID), .text(item.kind.rawValue), .integer(item.ticketNumber), .id(item.eventID), .json(item.detail), .date(item.createdAt.roundedToMilliseconds)]
                }
                try await connection.query(
                    """
                    INSERT INTO notifications (agent_id, kind, ticket_number, event_id, detail, created_at)
                    VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?)", count: rows.count).joined(separator: ", "))
                    ON CONFLICT (agent_id, event_id, kind) DO NOTHING
                    """,
                    values
                )
            }
        }
    }

    public func notifications(agent: Agent.ID, limit: Int) async throws -> [AgentNotification] {
        try await read { connection in
            try await connection.query(
                "SELECT id, agent_id, kind, ticket_number, event_id, detail, created_at, read_at FROM notifications WHERE agent_id = ? ORDER BY id DESC LIMIT ?",
                [.id(agent), .int(max(1, min(limit, 200)))]
            ).compactMap { row in
                // A kind a newer Switchboard wrote is skipped, not an error.
                guard let kind = NotificationKind(rawValue: try row.string("kind")) else { return nil }
                return AgentNotification(
                    id: try row.id("id"), agentID: try row.id("agent_id"), kind: kind, ticketNumber: try row.int("ticket_number"),
                    eventID: try row.id("event_id"), detail: try row.json("detail"), createdAt: try row.date("created_at"),
                    readAt: try row.optionalDate("read_at")
                )
            }
        }
    }

    public func unreadNotificationCount(agent: Agent.ID) async throws -> Int {
        try await read { connection in
            Int(try await connection.first("SELECT COUNT(*) AS n FROM notifications WHERE agent_id = ? AND read_at IS NULL", [.id(agent)])?.int("n") ?? 0)
        }
    }

    public func markNotificationsRead(agent: Agent.ID, upTo id: AgentNotification.ID?, at now: Date) async throws -> Int {
        try await write { connection in
            var sql = "UPDATE notifications SET read_at = ? WHERE agent_id = ? AND read_at IS NULL"
            var binds: [SQLValue] = [.date(now.roundedToMilliseconds), .id(agent)]
            if let id {
                sql += " AND id <= ?"
                binds.append(.id(id))
            }
            return try await connection.query(sql + " RETURNING id", binds).count
        }
    }
}
