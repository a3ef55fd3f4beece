import Foundation

/// A change someone asks for on an existing ticket.
public enum TicketCommand: Sendable, Hashable {
    /// Give the ticket to an agent, or back to the team queue with nil.
    case assign(Agent.ID?)
    /// Hand the ticket to another team, with the reason the customer's story moves on.
    case transfer(to: Team.ID, reason: String, assignee: Agent.ID?)
    case setStatus(TicketStatus)
    case setPriority(Priority)
    case setTags([String])
    /// Set (value) or remove (nil) custom fields; values were validated against the definitions.
    case setFields([String: FieldValue?])
    case setProblem(Problem)
    case setCategory(String?)

    /// A transfer with a validated reason.
    public static func validatedTransfer(to team: Team.ID, reason: String, assignee: Agent.ID? = nil) throws -> TicketCommand {
        .transfer(to: team, reason: try Validate.text(reason, field: "reason", maxLength: 1_000), assignee: assignee)
    }
}

extension Ticket {
    /// Applies `command`, returning the changed ticket and the change to record,
    /// or nil when the command changes nothing. Invalid status moves throw.
    public func applying(_ command: TicketCommand, at now: Date) throws -> (ticket: Ticket, change: TicketChange)? {
        var next = self
        let change: TicketChange
        switch command {
        case .assign(let agent):
            guard agent != assigneeID else { return nil }
            guard status != .closed else { throw Self.closedError }
            next.assigneeID = agent
            change = .assigned(from: assigneeID, to: agent)
        case .transfer(let team, let reason, let assignee):
            guard status != .closed else { throw Self.closedError }
            guard team != teamID || assignee != assigneeID else { return nil }
            next.teamID = team
            next.assigneeID = assignee
            change = .transferred(fromTeam: teamID, toTeam: team, reason: reason, assignee: assignee)
        case .setStatus(let target):
            guard target != status else { return nil }
            next.status = try status.transition(to: target)
            change = .statusChanged(from: status, to: target)
        case .setPriority(let priority):
            guard priority != self.priority else { return nil }
            guard status != .closed else { throw Self.closedError }
            next.priority = priority
            change = .priorityChanged(from: self.priority, to: priority)
        case .setTags(let tags):
            let validated = try Validate.tags(tags)
            guard validated != self.tags else { return nil }
            next.tags = validated
            let old = Set(self.tags), new = Set(validated)
            change = .tagsChanged(added: new.subtracting(old).sorted(), removed: old.subtracting(new).sorted())
        case .setFields(let updates):
            var set: [String: FieldValue] = [:]
            var removed: [String] = []
            for (key, value) in updates {
                if let value {
                    if fields[key] != value { set[key] = value }
                    next.fields[key] = value
                } else if fields[key] != nil {
                    removed.append(key)
                    next.fields[key] = nil
                }
            }
            guard !set.isEmpty || !removed.isEmpty else { return nil }
            change = .fieldsChanged(set: set, removed: removed.sorted())
        case .setProblem(let problem):
            guard problem != self.problem else { return nil }
            next.problem = problem
            change = .problemUpdated(problem)
        case .setCategory(let category):
            let cleaned = try Validate.optionalName(category, field: "category", maxLength: 80)?.lowercased()
            guard cleaned != self.category else { return nil }
            next.category = cleaned
            change = .categoryChanged(from: self.category, to: cleaned)
        }
        next.updatedAt = max(now, updatedAt)
        return (next, change)
    }

    /// The status change a new message causes, if any. A customer's public reply to a closed
    /// ticket is refused here; the caller opens a linked follow-up instead.
    public func statusAfter(message: NewMessage) throws -> TicketStatus {
        guard message.visibility == .public else { return status }
        switch message.author {
        case .customer:
            guard status != .closed else {
                throw DomainError(.invalidTransition, "ticket is closed; a reply opens a follow-up ticket", field: "status")
            }
            return status.afterCustomerReply
        case .agent, .bot, .system:
            guard status != .closed else { throw Self.closedError }
            return message.author == .system ? status : status.afterAgentReply
        }
    }

    static let closedError = DomainError(.invalidTransition, "a closed ticket is final and cannot change", field: "status")
}
