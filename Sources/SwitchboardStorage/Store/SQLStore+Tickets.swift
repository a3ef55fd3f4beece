import Foundation
import SwitchboardCore

extension SQLStore {
    static let ticketColumns = """
        id, number, subject, customer_id, channel, category, priority, status, team_id, assignee_id, merchant_id, \
        tags, fields, problem_what, problem_when, problem_expectation, language, follow_up_of, created_at, updated_at, \
        queued_at, sla_due_at, sla_warn_at
        """

    // MARK: Opening tickets

    public func createTicket(_ new: NewTicket, actor: EventActor, at now: Date, analysis: AnalysisState?, jobs: [NewJob]) async throws -> TicketWithMessage {
        let now = now.roundedToMilliseconds
        let terms = IndexTerms(new)
        return try await write { connection in
            let created = try await Self.insertTicket(new, terms: terms, actor: actor, at: now, analysis: analysis, connection)
            try await Self.insertJobs(jobs, at: now, connection)
            return created
        }
    }

    /// The search terms of a new ticket's subject and first message.
    struct IndexTerms: Sendable {
        let subject: String
        let message: String

        init(_ new: NewTicket) {
            subject = SQLStore.indexTerms(new.subject)
            message = new.firstMessage.map { SQLStore.indexTerms($0.body) } ?? ""
        }
    }

    public func importTickets(_ batch: [TicketImport], actor: EventActor) async throws -> [Ticket] {
        let terms = batch.map { IndexTerms($0.ticket) }
        return try await write { connection in
            var tickets: [Ticket] = []
            tickets.reserveCapacity(batch.count)
            for (item, terms) in zip(batch, terms) {
                tickets.append(try await Self.insertTicket(
                    item.ticket, status: item.status, terms: terms, actor: actor, at: item.openedAt.roundedToMilliseconds, connection
                ).ticket)
            }
            return tickets
        }
    }

    /// Writes a new ticket, its first message and, with a done `analysis` of that message, what the
    /// intake rules decide: applied before the row is written, so a ticket costs one insert of its
    /// row and one of its events (created and message as the author, the rules' changes as `bot`).
    static func insertTicket(
        _ new: NewTicket, status: TicketStatus = .new, terms: IndexTerms, actor: EventActor, at now: Date, analysis: AnalysisState? = nil,
        _ connection: isolated any SQLConnection
    ) async throws -> TicketWithMessage {
        guard var customer = try await connection.first("SELECT id, name, merged_into_id FROM customers WHERE id = ?", [.id(new.customerID)]) else {
            throw DomainError.invalidField("customerId", "there is no such customer")
        }
        // A ticket for a merged-away customer goes to the customer they were merged into.
        if let survivor: Customer.ID = try customer.optionalID("merged_into_id"),
           let row = try await connection.first("SELECT id, name, merged_into_id FROM customers WHERE id = ?", [.id(survivor)]) {
            customer = row
        }
        let customerID: Customer.ID = try customer.id("id")
        // Team, assignee and merchant are checked by the caller against the directory; the schema's
        // foreign keys still refuse ids that do not exist.
        var previous: Ticket?
        if let number = new.followUpOf {
            guard let row = try await connection.first("SELECT \(ticketColumns) FROM tickets WHERE number = ?", [.integer(number)]) else {
                throw DomainError.invalidField("followUpOf", "there is no such ticket")
            }
            previous = try ticket(row)
        }

        let number = try await connection.nextValue(of: "ticket_number")
        var ticket = Ticket(
            id: Ticket.ID(0), number: number, subject: new.subject, customerID: customerID, channel: new.channel,
            category: new.category, priority: new.priority, status: status, teamID: new.teamID, assigneeID: new.assigneeID,
            merchantID: new.merchantID, tags: new.tags, fields: new.fields, problem: new.problem, language: new.language,
            followUpOf: new.followUpOf, createdAt: now, updatedAt: now
        )
        let created = TicketChange.created(TicketChange.TicketCreated(ticket: ticket))
        let read = new.firstMessage == nil ? nil : analysis?.analysis
        var decided: [TicketChange] = []
        if let read {
            (ticket, decided) = decideIntake(IntakeRules.decide(read, message: Message.ID(0), for: ticket).commands, on: ticket, at: now)
        }
        let row = try await connection.first(
            """
            INSERT INTO tickets (number, subject, customer_id, channel, category, priority, status, team_id, assignee_id,
                                 merchant_id, tags, fields, problem_what, problem_when, problem_expectation, language,
                                 follow_up_of, created_at, updated_at, queued_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [
                .integer(number), .text(ticket.subject), .id(customerID), .text(ticket.channel.rawValue), .optional(ticket.category),
                .text(ticket.priority.rawValue), .text(ticket.status.rawValue), .optional(ticket.teamID), .optional(ticket.assigneeID),
                .optional(ticket.merchantID), jsonArray(ticket.tags), fieldsJSON(ticket.fields), .optional(ticket.problem.whatHappened),
                .optional(ticket.problem.when), .optional(ticket.problem.expectation), .optional(ticket.language),
                new.followUpOf.map(SQLValue.integer) ?? .null, .date(now), .date(now), ticket.isWaitingForAgent ? .date(now) : .null,
            ]
        )
        ticket.id = try row!.id("id")
        if ticket.isWaitingForAgent { ticket.queuedAt = now }
        for tag in ticket.tags {
            try await connection.query("INSERT INTO ticket_tags (tag, ticket_id) VALUES (?, ?)", [.text(tag), .id(ticket.id)])
        }

        var changes: [(change: TicketChange, actor: EventActor)] = [(created, actor)]
        var message: Message?
        if let first = new.firstMessage {
            let stored = try await insertMessage(first, ticket: ticket.id, at: now, connection)
            changes.append((.message(id: stored.id, author: stored.author, visibility: stored.visibility, bodySHA256: sha256(stored.body)), actor))
            message = stored
            if let analysis {
                try await storeAnalysis(analysis, of: stored, at: now, connection)
                if let read, let handoff = IntakeRules.handoff(read, message: stored.id) { changes.append((handoff, .bot)) }
                changes += decided.map { ($0, EventActor.bot) }
            }
        }
        let sequences = try await record(changes, on: ticket, from: .genesis, at: now, connection)
        try await index(SearchDocument(ticket: ticket.id, sequence: 0, isInternal: false), terms: terms.subject, connection)
        if let message {
            try await index(SearchDocument(ticket: ticket.id, sequence: sequences[1], isInternal: message.visibility == .internal), terms: terms.message, connection)
        }
        if let previous {
            try await record([.followUpOpened(number: number)], on: previous, actor: actor, at: now, connection)
        }
        return TicketWithMessage(ticket: ticket, message: message, customerName: try customer.string("name"))
    }

    // MARK: Reading tickets

    public func ticket(number: Int64) async throws -> Ticket? {
        try await read { connection in
            try await connection.first("SELECT \(Self.ticketColumns) FROM tickets WHERE number = ?", [.integer(number)]).map(Self.ticket)
        }
    }

    public func listTickets(_ query: TicketQuery) async throws -> TicketPage {
        let (whereClause, binds) = Self.filter(query)
        let order = query.order == .mostAtRisk
            ? "CASE WHEN sla_due_at IS NULL THEN 1 ELSE 0 END, sla_due_at, id"
            : "updated_at DESC, id DESC"
        let template = "SELECT \(Self.ticketColumns) FROM tickets \(whereClause) ORDER BY \(order) LIMIT \(query.limit + 1)"
        return try await read { connection in
            let sql = try await Self.resolvingTag(template, query: query, on: connection)
            var tickets = try await connection.query(sql, binds).map(Self.ticket)
            var next: TicketCursor?
            if tickets.count > query.limit {
                tickets.removeLast()
                next = query.order == .mostAtRisk ? nil : tickets.last.map(TicketCursor.init(after:))
            }
            return TicketPage(tickets: tickets, nextCursor: next)
        }
    }

    public func countTickets(_ query: TicketQuery, upTo cap: Int) async throws -> Int {
        let (whereClause, binds) = Self.filter(query)
        let template = "SELECT COUNT(*) AS n FROM (SELECT 1 FROM tickets \(whereClause) LIMIT \(max(0, cap))) matching"
        return try await read { connection in
            let sql = try await Self.resolvingTag(template, query: query, on: connection)
            return Int(try await connection.first(sql, binds)?.int("n") ?? 0)
        }
    }

    /// The WHERE clause and its binds for a query's filters and cursor (its limit is the caller's).
    /// A tag filter is left as `{tag}` for `resolvingTag`, which needs the database.
    static func filter(_ query: TicketQuery) -> (String, [SQLValue]) {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        visibilityCondition(query.visibility, column: "", into: &conditions, &binds)
        if !query.statuses.isEmpty {
            conditions.append("status IN (\(placeholders(query.statuses.count)))")
            binds += query.statuses.map { .text($0.rawValue) }
        }
        if let team = query.teamID { conditions.append("team_id = ?"); binds.append(.id(team)) }
        if let teams = query.teamIDs {
            if teams.isEmpty {
                conditions.append("1 = 0")
            } else {
                conditions.append("team_id IN (\(placeholders(teams.count)))")
                binds += teams.map { .id($0) }
            }
        }
        if let channel = query.channel { conditions.append("channel = ?"); binds.append(.text(channel.rawValue)) }
        switch query.assignee {
        case .agent(let agent)?: conditions.append("assignee_id = ?"); binds.append(.id(agent))
        case .unassigned?: conditions.append("assignee_id IS NULL")
        case nil: break
        }
        if let priority = query.priority { conditions.append("priority = ?"); binds.append(.text(priority.rawValue)) }
        if let customer = query.customerID { conditions.append("customer_id = ?"); binds.append(.id(customer)) }
        if let merchant = query.merchantID { conditions.append("merchant_id = ?"); binds.append(.id(merchant)) }
        if let tag = query.tag {
            conditions.append("{tag}")
            binds.append(.text(tag))
        }
        if let since = query.updatedSince { conditions.append("updated_at >= ?"); binds.append(.date(since)) }
        if let since = query.createdSince { conditions.append("created_at >= ?"); binds.append(.date(since)) }
        if let warned = query.warnedBy { conditions.append("sla_warn_at <= ?"); binds.append(.date(warned)) }
        if let cursor = query.cursor, query.order == .recentlyUpdated {
            conditions.append("(updated_at, id) < (?, ?)")
            binds += [.integer(cursor.updatedAt), .integer(cursor.id)]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), binds)
    }

    /// Fills in the tag condition. A rare tag: collect its few tickets and sort them. A common one:
    /// walk the newest tickets and keep those that carry it, which stops after one page.
    static func resolvingTag(_ sql: String, query: TicketQuery, on connection: any SQLConnection) async throws -> String {
        guard let tag = query.tag else { return sql }
        let count = try await connection.first(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM ticket_tags WHERE tag = ? LIMIT \(rareTag)) tagged", [.text(tag)]
        )?.int("n") ?? 0
        return sql.replacingOccurrences(
            of: "{tag}",
            with: count < rareTag
                ? "id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)"
                : "EXISTS (SELECT 1 FROM ticket_tags WHERE tag = ? AND ticket_id = tickets.id)"
        )
    }

    /// Fewer tickets than this carry a "rare" tag (see `listTickets`).
    static let rareTag = 2_000

    public func ticketCounts(visibility: TicketVisibility) async throws -> [TicketStatus: Int] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        Self.visibilityCondition(visibility, column: "", into: &conditions, &binds)
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let finalBinds = binds
        return try await read { connection in
            var counts: [TicketStatus: Int] = [:]
            for row in try await connection.query("SELECT status, COUNT(*) AS n FROM tickets \(whereClause) GROUP BY status", finalBinds) {
                counts[try row.enumValue("status")] = Int(try row.int("n"))
            }
            return counts
        }
    }

    static func visibilityCondition(_ visibility: TicketVisibility, column prefix: String, into conditions: inout [String], _ binds: inout [SQLValue]) {
        switch visibility {
        case .all: break
        case .merchant(let id): conditions.append("\(prefix)merchant_id = ?"); binds.append(.id(id))
        case .customer(let id): conditions.append("\(prefix)customer_id = ?"); binds.append(.id(id))
        }
    }

    // MARK: Changing tickets

    public func addMessage(
        _ message: NewMessage, toTicket number: Int64, actor: EventActor, at now: Date, analysis: AnalysisState?, jobs: [NewJob],
        check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> MessageOutcome {
        let now = now.roundedToMilliseconds
        let terms = Self.indexTerms(message.body)
        return try await write { connection in
            var ticket = try await Self.lockTicket(number: number, connection)
            try check(ticket)
            let outcome: MessageOutcome
            switch try ticket.effect(of: message) {
            case .followUp:
                let followUp = try NewTicket.followUp(of: ticket, message: message)
                let created = try await Self.insertTicket(followUp, terms: IndexTerms(followUp), actor: actor, at: now, analysis: analysis, connection)
                outcome = .followUp(created, closed: ticket.number)
            case .status(let status):
                let stored = try await Self.insertMessage(message, ticket: ticket.id, at: now, connection)
                var changes: [(change: TicketChange, actor: EventActor)] = [
                    (.message(id: stored.id, author: stored.author, visibility: stored.visibility, bodySHA256: Self.sha256(stored.body)), actor),
                ]
                if status != ticket.status {
                    changes.append((.statusChanged(from: ticket.status, to: status), actor))
                    let before = ticket
                    ticket.status = status
                    ticket.queuedAt = ticket.queuePlace(after: before, at: now)
                }
                ticket.updatedAt = max(now, ticket.updatedAt)
                if let analysis {
                    // What the assistant read acts on the ticket as the message left it, as `bot`.
                    try await Self.storeAnalysis(analysis, of: stored, at: now, connection)
                    if let read = analysis.analysis {
                        let decision = IntakeRules.decide(read, message: stored.id, for: ticket)
                        if let handoff = decision.handoff { changes.append((handoff, .bot)) }
                        let decided: [TicketChange]
                        (ticket, decided) = Self.decideIntake(decision.commands, on: ticket, at: now)
                        changes += decided.map { ($0, EventActor.bot) }
                    }
                }
                let sequences = try await Self.record(changes, on: ticket, at: now, connection)
                try await Self.index(
                    SearchDocument(ticket: ticket.id, sequence: sequences[0], isInternal: stored.visibility == .internal), terms: terms, connection
                )
                try await Self.saveTicket(ticket, connection)
                let name = try await connection.first("SELECT name FROM customers WHERE id = ?", [.id(ticket.customerID)])?.string("name")
                outcome = .added(TicketWithMessage(ticket: ticket, message: stored, customerName: name))
            }
            try await Self.insertJobs(jobs, at: now, connection)
            return outcome
        }
    }

    public func updateTicket(
        number: Int64, commands: [TicketCommand], actor: EventActor, at now: Date,
        check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> Ticket {
        let now = now.roundedToMilliseconds
        return try await write { connection in
            let original = try await Self.lockTicket(number: number, connection)
            try check(original)
            var ticket = original
            var changes: [TicketChange] = []
            for command in commands {
                if let (next, change) = try ticket.applying(command, at: now) {
                    ticket = next
                    changes.append(change)
                }
            }
            guard !changes.isEmpty else { return original }
            try await Self.record(changes, on: ticket, actor: actor, at: now, connection)
            try await Self.saveTicket(ticket, connection)
            if ticket.tags != original.tags {
                try await connection.query("DELETE FROM ticket_tags WHERE ticket_id = ?", [.id(ticket.id)])
                for tag in ticket.tags {
                    try await connection.query("INSERT INTO ticket_tags (tag, ticket_id) VALUES (?, ?)", [.text(tag), .id(ticket.id)])
                }
            }
            return ticket
        }
    }

    /// Loads a ticket for change; on PostgreSQL the row stays locked until the transaction ends.
    static func lockTicket(number: Int64, _ connection: isolated any SQLConnection) async throws -> Ticket {
        let lock = connection.dialect == .postgres ? " FOR UPDATE" : ""
        guard let row = try await connection.first("SELECT \(ticketColumns) FROM tickets WHERE number = ?\(lock)", [.integer(number)]) else {
            throw DomainError.notFound("ticket")
        }
        return try ticket(row)
    }

    /// Writes the ticket's current state (everything but its number, customer-independent keys and
    /// creation time), its place in the queue included (`Ticket.queuePlace`).
    static func saveTicket(_ ticket: Ticket, _ connection: isolated any SQLConnection) async throws {
        try await connection.query(
            """
            UPDATE tickets SET queued_at = ?, customer_id = ?, category = ?, priority = ?, status = ?, team_id = ?, assignee_id = ?, tags = ?,
                fields = ?, problem_what = ?, problem_when = ?, problem_expectation = ?, language = ?, updated_at = ?
            WHERE id = ?
            """,
            [ticket.queuedAt.map { .date($0) } ?? .null] + [
                .id(ticket.customerID), .optional(ticket.category), .text(ticket.priority.rawValue), .text(ticket.status.rawValue),
                .optional(ticket.teamID), .optional(ticket.assigneeID), jsonArray(ticket.tags), fieldsJSON(ticket.fields),
                .optional(ticket.problem.whatHappened), .optional(ticket.problem.when), .optional(ticket.problem.expectation),
                .optional(ticket.language), .date(ticket.updatedAt), .id(ticket.id),
            ]
        )
    }

    // MARK: Messages

    static func insertMessage(_ new: NewMessage, ticket: Ticket.ID, at now: Date, _ connection: isolated any SQLConnection) async throws -> Message {
        let attachments = new.attachments.isEmpty ? "[]" : try encode(new.attachments)
        let row = try await connection.first(
            """
            INSERT INTO messages (ticket_id, author_kind, author_id, visibility, body, attachments, created_at, client_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [
                .id(ticket), .text(new.author.kind), new.author.id.map(SQLValue.integer) ?? .null, .text(new.visibility.rawValue),
                .text(new.body), .text(attachments), .date(now), .optional(new.clientID),
            ]
        )
        let id: Message.ID = try row!.id("id")
        var message = Message(id: id, ticketID: ticket, author: new.author, visibility: new.visibility, body: new.body, attachments: new.attachments, createdAt: now)
        message.clientID = new.clientID
        return message
    }

    public func message(clientID: String, author: MessageAuthor) async throws -> (message: Message, ticketNumber: Int64)? {
        try await read { connection in
            guard let row = try await connection.first(
                """
                SELECT m.*, t.number AS ticket_number FROM messages m JOIN tickets t ON t.id = m.ticket_id
                WHERE m.author_kind = ? AND m.author_id = ? AND m.client_id = ?
                """,
                [.text(author.kind), author.id.map(SQLValue.integer) ?? .null, .text(clientID)]
            ) else { return nil }
            return (try Self.message(row), try row.int("ticket_number"))
        }
    }

    public func messages(ticket: Ticket.ID, includeInternal: Bool) async throws -> [Message] {
        try await read { connection in
            let filter = includeInternal ? "" : " AND visibility = 'public'"
            return try await connection.query("SELECT * FROM messages WHERE ticket_id = ?\(filter) ORDER BY id", [.id(ticket)]).map(Self.message)
        }
    }

    public func messages(ticket: Ticket.ID, includeInternal: Bool, after message: Message.ID) async throws -> [Message] {
        try await read { connection in
            let filter = includeInternal ? "" : " AND visibility = 'public'"
            return try await connection.query(
                "SELECT * FROM messages WHERE ticket_id = ? AND id > ?\(filter) ORDER BY id", [.id(ticket), .id(message)]
            ).map(Self.message)
        }
    }

    static func message(_ row: SQLRow) throws -> Message {
        guard let author = MessageAuthor(kind: try row.string("author_kind"), id: try row.optionalInt("author_id")) else {
            throw StoreError.corruptRow(column: "author_kind")
        }
        let attachments: [Attachment]
        do { attachments = try JSONDecoder().decode([Attachment].self, from: Data(try row.string("attachments").utf8)) } catch {
            throw StoreError.corruptRow(column: "attachments")
        }
        var message = Message(
            id: try row.id("id"), ticketID: try row.id("ticket_id"), author: author, visibility: try row.enumValue("visibility"),
            body: try row.string("body"), attachments: attachments, createdAt: try row.date("created_at")
        )
        // Rows read through older column lists (a desk before migration 6) have no client id.
        if row.columns.index["client_id"] != nil { message.clientID = try row.optionalString("client_id") }
        return message
    }

    // MARK: Rows

    static func ticket(_ row: SQLRow) throws -> Ticket {
        var fields: [String: FieldValue] = [:]
        guard case .object(let stored) = try row.json("fields") else { throw StoreError.corruptRow(column: "fields") }
        for (key, value) in stored {
            guard let field = FieldValue(tagged: value) else { throw StoreError.corruptRow(column: "fields") }
            fields[key] = field
        }
        return Ticket(
            id: try row.id("id"), number: try row.int("number"), subject: try row.string("subject"),
            customerID: try row.id("customer_id"), channel: try row.enumValue("channel"), category: try row.optionalString("category"),
            priority: try row.enumValue("priority"), status: try row.enumValue("status"), teamID: try row.optionalID("team_id"),
            assigneeID: try row.optionalID("assignee_id"), merchantID: try row.optionalID("merchant_id"),
            tags: try row.stringArray("tags"), fields: fields,
            problem: Problem(
                whatHappened: try row.optionalString("problem_what"), when: try row.optionalString("problem_when"),
                expectation: try row.optionalString("problem_expectation")
            ),
            language: try row.optionalString("language"), followUpOf: try row.optionalInt("follow_up_of"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            queuedAt: try row.optionalDate("queued_at"), slaDueAt: try row.optionalDate("sla_due_at"), slaWarningAt: try row.optionalDate("sla_warn_at")
        )
    }

    static func fieldsJSON(_ fields: [String: FieldValue]) -> SQLValue {
        .json(.object(fields.mapValues(\.tagged)))
    }
}
