import Foundation
import SwitchboardCore

/// A customer message's analysis beside the message, and what the intake rules do with it.
extension SQLStore {
    /// Stores the analysis of a message just written (done, or pending to be filled in later).
    static func storeAnalysis(_ state: AnalysisState, of message: Message, at now: Date, _ connection: isolated any SQLConnection) async throws {
        try await connection.query(
            """
            INSERT INTO message_analyses (message_id, ticket_id, state, language, intent, confidence, out_of_scope, polarity, anger,
                                          person_requested, model_version, details, created_at, analysed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.id(message.id), .id(message.ticketID)] + analysisColumns(state) + [.date(now), state.analysis == nil ? .null : .date(now)]
        )
    }

    /// Applies the intake rules' commands to `ticket` and returns it with the changes to record
    /// as the assistant. A command the state machine refuses is skipped: a rule never costs the
    /// customer their message.
    static func decideIntake(_ commands: [TicketCommand], on ticket: Ticket, at now: Date) -> (Ticket, [TicketChange]) {
        var next = ticket
        var changes: [TicketChange] = []
        for command in commands {
            if let (changed, change) = try? next.applying(command, at: now) {
                next = changed
                changes.append(change)
            }
        }
        return (next, changes)
    }

    /// state, language, intent, confidence, out_of_scope, polarity, anger, person_requested, model_version, details.
    static func analysisColumns(_ state: AnalysisState) -> [SQLValue] {
        guard let analysis = state.analysis else {
            return [.text("pending"), .null, .null, .null, .null, .null, .null, .null, .null, .null]
        }
        return [
            .text("done"), .text(analysis.language), .optional(analysis.intent?.label), analysis.intent.map { .real($0.confidence) } ?? .null,
            .bool(analysis.outOfScope), .text(analysis.polarity.rawValue), .real(analysis.anger), .bool(analysis.personRequested),
            .text(analysis.modelVersion), .json(analysis.json),
        ]
    }

    public func analyses(ticket: Ticket.ID) async throws -> [Message.ID: StoredAnalysis] {
        try await read { connection in
            var found: [Message.ID: StoredAnalysis] = [:]
            for row in try await connection.query(
                "SELECT message_id, state, details, corrected_intent FROM message_analyses WHERE ticket_id = ?", [.id(ticket)]
            ) {
                let id: Message.ID = try row.id("message_id")
                found[id] = StoredAnalysis(messageID: id, state: try Self.analysisState(row), correctedIntent: try row.optionalString("corrected_intent"))
            }
            return found
        }
    }

    static func analysisState(_ row: SQLRow) throws -> AnalysisState {
        guard try row.string("state") == "done", let details = try row.optionalString("details") else { return .pending }
        guard let analysis = MessageAnalysis(json: (try? JSONValue.parse(details)) ?? .null) else {
            throw StoreError.corruptRow(column: "details")
        }
        return .done(analysis)
    }

    public func recentCustomerMessages(ticket number: Int64, limit: Int) async throws -> [String] {
        try await read { connection in
            try await connection.query(
                """
                SELECT m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id
                WHERE t.number = ? AND m.author_kind = 'customer' ORDER BY m.id DESC LIMIT ?
                """,
                [.integer(number), .int(max(0, limit))]
            ).map { try $0.string("body") }.reversed()
        }
    }

    public func pendingAnalyses(limit: Int) async throws -> [PendingAnalysis] {
        try await read { connection in
            let rows = try await connection.query(
                """
                SELECT m.*, t.number AS ticket_number FROM message_analyses a
                JOIN messages m ON m.id = a.message_id JOIN tickets t ON t.id = a.ticket_id
                WHERE a.state = 'pending' ORDER BY a.created_at, a.message_id LIMIT ?
                """,
                [.int(max(0, limit))]
            )
            var pending: [PendingAnalysis] = []
            for row in rows {
                let message = try Self.message(row)
                let earlier = try await connection.query(
                    """
                    SELECT body FROM messages WHERE ticket_id = ? AND author_kind = 'customer' AND id < ?
                    ORDER BY id DESC LIMIT 20
                    """,
                    [.id(message.ticketID), .id(message.id)]
                ).map { try $0.string("body") }
                pending.append(PendingAnalysis(message: message, ticketNumber: try row.int("ticket_number"), earlier: earlier.reversed()))
            }
            return pending
        }
    }

    public func completeAnalysis(_ analysis: MessageAnalysis, message: Message.ID, at now: Date) async throws -> Ticket? {
        let now = now.roundedToMilliseconds
        return try await write { (connection) -> Ticket? in
            guard let row = try await connection.first(
                "SELECT ticket_id FROM message_analyses WHERE message_id = ? AND state = 'pending'", [.id(message)]
            ) else { return nil }
            let ticket = try await Self.lockTicket(id: try row.id("ticket_id"), connection)
            let columns = Self.analysisColumns(.done(analysis))
            try await connection.query(
                """
                UPDATE message_analyses SET state = ?, language = ?, intent = ?, confidence = ?, out_of_scope = ?, polarity = ?, anger = ?,
                    person_requested = ?, model_version = ?, details = ?, analysed_at = ?
                WHERE message_id = ?
                """,
                columns + [.date(now), .id(message)]
            )
            let decision = IntakeRules.decide(analysis, message: message, for: ticket)
            let (decided, changes) = Self.decideIntake(decision.commands, on: ticket, at: now)
            let all = (decision.handoff.map { [$0] } ?? []) + changes
            guard !all.isEmpty else { return ticket }
            try await Self.record(all, on: decided, actor: .bot, at: now, connection)
            if decided != ticket { try await Self.saveTicket(decided, connection) }
            return decided
        }
    }

    public func correctIntent(
        message: Message.ID, toIntent rawIntent: String, onTicket number: Int64, actor: EventActor, at now: Date,
        check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> Ticket {
        let now = now.roundedToMilliseconds
        let intent = try Validate.name(rawIntent, field: "intent", maxLength: 80)
        return try await write { connection in
            let ticket = try await Self.lockTicket(number: number, connection)
            try check(ticket)
            guard let row = try await connection.first(
                "SELECT intent, corrected_intent FROM message_analyses WHERE message_id = ? AND ticket_id = ? AND state = 'done'",
                [.id(message), .id(ticket.id)]
            ) else {
                throw DomainError.invalidField("messageId", "this ticket has no analysed customer message \(message)")
            }
            let previous = try row.optionalString("corrected_intent") ?? row.optionalString("intent")
            guard previous != intent else { return ticket }
            try await connection.query(
                "UPDATE message_analyses SET corrected_intent = ? WHERE message_id = ?", [.text(intent), .id(message)]
            )
            var next = ticket
            var changes: [TicketChange] = [.intentCorrected(messageID: message, from: previous, to: intent)]
            // A category the assistant took from the wrong intent follows the right one.
            if let previous, let derived = IntakeRules.category(forIntent: previous), ticket.category == derived,
               let (changed, change) = try? next.applying(.setCategory(IntakeRules.category(forIntent: intent)), at: now) {
                next = changed
                changes.append(change)
            }
            next.updatedAt = max(now, next.updatedAt)
            try await Self.record(changes, on: next, actor: actor, at: now, connection)
            try await Self.saveTicket(next, connection)
            return next
        }
    }

    /// Loads a ticket by id for change (locked until the transaction ends on PostgreSQL).
    static func lockTicket(id: Ticket.ID, _ connection: isolated any SQLConnection) async throws -> Ticket {
        let lock = connection.dialect == .postgres ? " FOR UPDATE" : ""
        guard let row = try await connection.first("SELECT \(ticketColumns) FROM tickets WHERE id = ?\(lock)", [.id(id)]) else {
            throw DomainError.notFound("ticket")
        }
        return try ticket(row)
    }
}
