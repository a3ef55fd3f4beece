import Foundation
import SwitchboardCore

/// Routing inside the store: the queue, who is free, and the assignments Core's `Routing.dispatch`
/// decides, all in one transaction so no agent is given more than their room. On PostgreSQL an
/// advisory lock makes dispatch one at a time across nodes (an agent in two teams would otherwise
/// count twice); on SQLite the one writer does.
extension SQLStore {
    static let dispatchLock: Int64 = 0x5357_4244 // "SWBD"

    public func dispatch(at now: Date, overflow: [RoutingSettings.Overflow]) async throws -> DispatchOutcome {
        let now = now.roundedToMilliseconds
        return try await write { connection in
            if connection.dialect == .postgres {
                try await connection.query("SELECT pg_advisory_xact_lock(?)", [.integer(Self.dispatchLock)])
            }
            let queued = try await Self.queuedCases(connection)
            guard !queued.isEmpty else { return DispatchOutcome() }
            var outcome = DispatchOutcome()
            // Overflow first: a case that waited too long in one team is offered to the next at once.
            var moved: [Ticket.ID: Team.ID] = [:]
            for item in Routing.overflowing(queued, overflow: overflow, at: now) {
                let before = try await Self.lockTicket(id: item.ticketID, connection)
                guard before.isWaitingForAgent, before.teamID == item.from else { continue }
                if let ticket = try await Self.apply([.transfer(to: item.to, reason: TicketChange.overflowReason, assignee: nil)], to: before, actor: .system, at: now, connection) {
                    moved[ticket.id] = item.to
                    outcome.overflowed.append(ticket.number)
                }
            }
            let candidates = try await Self.candidates(connection)
            guard candidates.contains(where: { $0.presence == .online && $0.load < $0.capacity }) else { return outcome }
            let current = queued.map { item -> Routing.Queued in
                guard let team = moved[item.waiting.ticketID] else { return item }
                var next = item
                next.teamID = team
                next.waiting.queuedAt = now
                return next
            }
            for assignment in Routing.dispatch(current, agents: candidates, at: now) {
                let before = try await Self.lockTicket(id: assignment.ticketID, connection)
                guard before.isWaitingForAgent else { continue }
                if let ticket = try await Self.apply([.assign(assignment.agentID)], to: before, actor: .system, at: now, connection) {
                    try await connection.query("UPDATE agents SET last_assigned_at = ? WHERE id = ?", [.date(now), .id(assignment.agentID)])
                    outcome.assigned.append(DispatchOutcome.Assigned(ticketNumber: ticket.number, agentID: assignment.agentID))
                }
            }
            return outcome
        }
    }

    public func waitingLine(team: Team.ID, handledSince: Date) async throws -> WaitingLine {
        try await read { connection in
            let queued = try await Self.queuedCases(connection, team: team)
            let seats = try await Self.candidates(connection).filter { $0.teamIDs.contains(team) }
            // How long the team's recently finished cases took their agent: from the last
            // assignment to the last change (the solve, for a case nobody touched after).
            let handling = try await connection.query(
                """
                SELECT t.updated_at, MAX(e.created_at) AS assigned_at
                FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id AND e.kind = 'assigned'
                WHERE t.team_id = ? AND t.status IN ('solved', 'closed') AND t.updated_at >= ?
                GROUP BY t.id, t.updated_at ORDER BY t.updated_at DESC LIMIT 50
                """,
                [.id(team), .date(handledSince)]
            ).map { row in max(0, try row.date("updated_at").timeIntervalSince(try row.date("assigned_at"))) }
            return WaitingLine(queued: Routing.queueOrder(queued.map(\.waiting)), seats: seats, handlingTimes: handling)
        }
    }

    public func routingCandidates() async throws -> [Routing.Candidate] {
        try await read { connection in try await Self.candidates(connection) }
    }

    /// Cases waiting for an agent, oldest first (a queue longer than this is served in slices).
    static func queuedCases(_ connection: isolated any SQLConnection, team: Team.ID? = nil) async throws -> [Routing.Queued] {
        try await connection.query(
            """
            SELECT t.id, t.team_id, t.priority, t.category, t.language, t.queued_at, t.updated_at, t.sla_due_at, c.tier
            FROM tickets t JOIN customers c ON c.id = t.customer_id
            WHERE t.assignee_id IS NULL AND t.team_id IS NOT NULL AND t.status NOT IN ('solved', 'closed')\(team == nil ? "" : " AND t.team_id = ?")
            ORDER BY t.queued_at, t.id LIMIT 5000
            """,
            team.map { [.id($0)] } ?? []
        ).map { row in
            let priority: Priority = try row.enumValue("priority")
            return Routing.Queued(
                waiting: Routing.Waiting(
                    ticketID: try row.id("id"), lane: Routing.Waiting.lane(priority: priority, tier: try row.optionalString("tier")),
                    dueAt: try row.optionalDate("sla_due_at"), queuedAt: try row.optionalDate("queued_at") ?? row.date("updated_at")
                ),
                teamID: try row.id("team_id"), skill: try row.optionalString("category"), language: try row.optionalString("language")
            )
        }
    }

    /// Every active agent who belongs to a team, with their open cases counted.
    static func candidates(_ connection: isolated any SQLConnection) async throws -> [Routing.Candidate] {
        var teams: [Agent.ID: Set<Team.ID>] = [:]
        for row in try await connection.query("SELECT team_id, agent_id FROM team_members", []) {
            teams[try row.id("agent_id"), default: []].insert(try row.id("team_id"))
        }
        var loads: [Agent.ID: Int] = [:]
        for row in try await connection.query(
            "SELECT assignee_id, COUNT(*) AS n FROM tickets WHERE assignee_id IS NOT NULL AND status NOT IN ('solved', 'closed') GROUP BY assignee_id", []
        ) {
            loads[try row.id("assignee_id")] = Int(try row.int("n"))
        }
        return try await connection.query(
            "SELECT id, presence, skills, languages, capacity, last_assigned_at, created_at FROM agents WHERE active = ?", [.bool(true)]
        ).compactMap { row in
            let id: Agent.ID = try row.id("id")
            guard let memberOf = teams[id] else { return nil }
            return Routing.Candidate(
                id: id, presence: try row.enumValue("presence"), skills: Set(try row.stringArray("skills")),
                languages: Set(try row.stringArray("languages")), capacity: Int(try row.int("capacity")), load: loads[id] ?? 0,
                idleSince: try row.optionalDate("last_assigned_at") ?? row.date("created_at"), teamIDs: memberOf
            )
        }
    }

    /// Applies commands to a locked ticket and records their events; nil when nothing changed.
    static func apply(
        _ commands: [TicketCommand], to original: Ticket, actor: EventActor, at now: Date, _ connection: isolated any SQLConnection
    ) async throws -> Ticket? {
        var ticket = original
        var changes: [TicketChange] = []
        for command in commands {
            if let (next, change) = try ticket.applying(command, at: now) {
                ticket = next
                changes.append(change)
            }
        }
        guard !changes.isEmpty else { return nil }
        try await record(changes, on: ticket, actor: actor, at: now, connection)
        try await saveTicket(ticket, connection)
        return ticket
    }

    public func act(
        onTicket id: Ticket.ID, actor: EventActor, at now: Date,
        decide: @escaping @Sendable (Ticket, [TicketEvent]) throws -> [TicketAction]
    ) async throws -> (ticket: Ticket, recorded: [TicketChange]) {
        let now = now.roundedToMilliseconds
        return try await write { connection in
            let original = try await Self.lockTicket(id: id, connection)
            let events = try await connection.query(
                "SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY sequence", [.id(id)]
            ).map(Self.event)
            var ticket = original
            var changes: [TicketChange] = []
            for action in try decide(original, events) {
                switch action {
                case .record(let change):
                    changes.append(change)
                case .say(let message):
                    // Said on the ticket as it stands: the assistant's words do not move its status.
                    let stored = try await Self.insertMessage(message, ticket: id, at: now, connection)
                    changes.append(.message(id: stored.id, author: stored.author, visibility: stored.visibility, bodySHA256: Self.sha256(stored.body)))
                case .command(let command):
                    if let (next, change) = try ticket.applying(command, at: now) {
                        ticket = next
                        changes.append(change)
                    }
                }
            }
            guard !changes.isEmpty else { return (original, []) }
            try await Self.record(changes, on: ticket, actor: actor, at: now, connection)
            if ticket != original { try await Self.saveTicket(ticket, connection) }
            return (ticket, changes)
        }
    }

    public func setSLAMarks(_ marks: [SLAMarks]) async throws {
        guard !marks.isEmpty else { return }
        try await write { connection in
            for mark in marks {
                try await connection.query(
                    "UPDATE tickets SET sla_due_at = ?, sla_warn_at = ? WHERE id = ?",
                    [mark.dueAt.map { .date($0.roundedToMilliseconds) } ?? .null, mark.warningAt.map { .date($0.roundedToMilliseconds) } ?? .null, .id(mark.ticketID)]
                )
            }
            try await Self.insertJobs(marks.compactMap(\.timer), at: Date().roundedToMilliseconds, connection)
        }
    }

    // MARK: Presence

    public func setPresence(_ presence: Agent.Presence, of agent: Agent.ID, at now: Date) async throws -> Agent {
        let now = now.roundedToMilliseconds
        return try await write { connection in
            // Coming online counts as the start of being idle for the longest-idle tie, unless they had a case since.
            try await connection.query(
                """
                UPDATE agents SET presence = ?, last_active_at = ?,
                    last_assigned_at = CASE WHEN ? = 'online' AND presence <> 'online' THEN ? ELSE last_assigned_at END
                WHERE id = ?
                """,
                [.text(presence.rawValue), .date(now), .text(presence.rawValue), .date(now), .id(agent)]
            )
            guard let found = try await Self.loadAgent(agent, connection) else { throw DomainError.notFound("agent") }
            return found
        }
    }

    public func touchAgent(_ agent: Agent.ID, at now: Date) async throws {
        try await write { connection in
            try await connection.query("UPDATE agents SET last_active_at = ? WHERE id = ?", [.date(now.roundedToMilliseconds), .id(agent)])
        }
    }

    public func markIdleAgentsAway(inactiveSince: Date) async throws -> [Agent.ID] {
        try await write { connection in
            try await connection.query(
                "UPDATE agents SET presence = 'away' WHERE presence = 'online' AND active = ? AND COALESCE(last_active_at, created_at) < ? RETURNING id",
                [.bool(true), .date(inactiveSince.roundedToMilliseconds)]
            ).map { try $0.id("id") }
        }
    }
}
