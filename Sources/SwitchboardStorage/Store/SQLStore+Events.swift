import Foundation
import SwitchboardCore

extension SQLStore {
    /// Where a new run of events attaches to a ticket's chain.
    enum ChainStart {
        /// The ticket is new: the first event points at the genesis hash.
        case genesis
        /// After the ticket's latest stored event.
        case latest
    }

    /// Appends one hash-chained event per change, in the caller's transaction, and returns their sequences.
    @discardableResult
    static func record(
        _ changes: [TicketChange], on ticket: Ticket, from start: ChainStart = .latest, actor: EventActor, at now: Date,
        _ connection: isolated any SQLConnection
    ) async throws -> [Int64] {
        try await record(changes.map { ($0, actor) }, on: ticket, from: start, at: now, connection)
    }

    /// The same, each change with its own actor (a customer's message, then what the assistant did about it).
    @discardableResult
    static func record(
        _ changes: [(change: TicketChange, actor: EventActor)], on ticket: Ticket, from start: ChainStart = .latest, at now: Date,
        _ connection: isolated any SQLConnection
    ) async throws -> [Int64] {
        var sequences: [Int64] = []
        var sequence: Int64 = 0
        var previous = EventChain.genesisHash
        if case .latest = start,
           let head = try await connection.first(
               "SELECT sequence, hash FROM ticket_events WHERE ticket_id = ? ORDER BY sequence DESC LIMIT 1", [.id(ticket.id)]
           ) {
            sequence = try head.int("sequence")
            previous = try head.string("hash")
        }
        var binds: [SQLValue] = []
        for (change, actor) in changes {
            sequence += 1
            let data = change.canonicalData
            let content = EventChain.canonicalContent(
                ticketID: ticket.id, sequence: sequence, kind: change.kind, actor: actor, canonicalData: data, createdAt: now
            )
            let hash = EventChain.hash(previous: previous, content: content, digest: digest)
            binds += [
                .id(ticket.id), .integer(sequence), .text(change.kind.rawValue), .text(actor.kind),
                actor.id.map(SQLValue.integer) ?? .null, .text(data), .date(now), .text(previous), .text(hash),
            ]
            previous = hash
            sequences.append(sequence)
        }
        // One statement for all of them: on PostgreSQL every statement is a round trip.
        if !changes.isEmpty {
            try await connection.query(
                """
                INSERT INTO ticket_events (ticket_id, sequence, kind, actor_kind, actor_id, data, created_at, previous_hash, hash)
                VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: changes.count).joined(separator: ", "))
                """,
                binds
            )
        }
        return sequences
    }

    public func events(ticket: Ticket.ID) async throws -> [TicketEvent] {
        try await read { connection in
            try await connection.query("SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY sequence", [.id(ticket)]).map(Self.event)
        }
    }

    public func events(ticket: Ticket.ID, after sequence: Int64) async throws -> [TicketEvent] {
        try await read { connection in
            try await connection.query(
                "SELECT * FROM ticket_events WHERE ticket_id = ? AND sequence > ? ORDER BY sequence", [.id(ticket), .integer(sequence)]
            ).map(Self.event)
        }
    }

    public func events(tickets: [Ticket.ID], kinds: [EventKind]) async throws -> [TicketEvent] {
        guard !tickets.isEmpty, !kinds.isEmpty else { return [] }
        return try await read { connection in
            let list = Self.idList("ticket_id", tickets.map(\.rawValue), connection.dialect)
            let names = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            // Kind names are a–z, digits and _ (EventKind checks), so they are written inline.
            return try await connection.query(
                "SELECT * FROM ticket_events WHERE \(list.sql) AND kind IN (\(names)) ORDER BY ticket_id, sequence", [list.bind]
            ).map(Self.event)
        }
    }

    public func verifyTicket(number: Int64) async throws -> ChainVerification? {
        try await read { (connection) -> ChainVerification? in
            guard let row = try await connection.first("SELECT id FROM tickets WHERE number = ?", [.integer(number)]) else { return nil }
            let ticketID: Ticket.ID = try row.id("id")
            let events = try await connection.query(
                "SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY sequence", [.id(ticketID)]
            ).map(Self.event)
            let chain = EventChain.verify(events, digest: Self.digest)
            guard case .intact = chain else { return chain }
            // The chain is sound; now hold every message to the digest its event recorded.
            let messages = try await connection.query("SELECT * FROM messages WHERE ticket_id = ? ORDER BY id", [.id(ticketID)]).map(Self.message)
            var recorded: [Message.ID: (event: TicketEvent, visibility: Message.Visibility, digest: String)] = [:]
            for event in events where event.kind == .message {
                guard case .message(let id, _, let visibility, let digest) = try? event.change() else {
                    return .broken(ChainBreak(sequence: event.sequence, eventID: event.id, reason: "event \(event.sequence) does not read as a message event"))
                }
                recorded[id] = (event, visibility, digest)
            }
            for message in messages {
                guard let (event, visibility, digest) = recorded[message.id] else {
                    return .broken(ChainBreak(
                        sequence: events.last?.sequence ?? 0, eventID: events.last?.id ?? TicketEvent.ID(0),
                        reason: "message \(message.id) has no event recording it"
                    ))
                }
                if digest != Self.sha256(message.body) || visibility != message.visibility {
                    return .broken(ChainBreak(
                        sequence: event.sequence, eventID: event.id,
                        reason: "message \(message.id) no longer matches what event \(event.sequence) recorded"
                    ))
                }
            }
            return chain
        }
    }

    static func event(_ row: SQLRow) throws -> TicketEvent {
        guard let actor = EventActor(kind: try row.string("actor_kind"), id: try row.optionalInt("actor_id")) else {
            throw StoreError.corruptRow(column: "actor_kind")
        }
        return TicketEvent(
            id: try row.id("id"), ticketID: try row.id("ticket_id"), sequence: try row.int("sequence"),
            kind: try row.enumValue("kind"), actor: actor, data: try row.json("data"), createdAt: try row.date("created_at"),
            previousHash: try row.string("previous_hash"), hash: try row.string("hash")
        )
    }
}
