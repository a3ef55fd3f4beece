import Foundation

/// A change someone asks for on an existing ticket.
public enum TicketCommand: Sendable, Hashable {
    /// Give the ticket to an agent, or back to the team queue with nil.
    case assign(Agent.ID?)
    /// Hand the ticket to another team, with the reason the customer's story moves on.
    case transfer(to: Team.ID, reason: String, assignee: Agent.ID?)
    case setStatus(TicketStatus)
    /// A new priority; `reason` is set when a rule raised it (recorded with the change).
    case setPriority(Priority, reason: String? = nil)
    case setTags([String])
    /// Set (value) or remove (nil) custom fields; values were validated against the definitions.
    case setFields([String: FieldValue?])
    case setProblem(Problem)
    case setCategory(String?)
    /// The language the customer writes in (a tag such as en, zh, fa), or nil when unknown.
    case setLanguage(String?)
    /// Give a chat back to the assistant: out of its team's queue and its agent's hands, and the
    /// assistant answers the customer again.
    case handBackToAssistant
    /// An agent takes the chat a customer is waiting in: the customer is told they joined. (Their
    /// assignment and the status come as their own commands, before this one.)
    case acceptChat(Agent.ID)

    /// A transfer with a validated reason.
    public static func validatedTransfer(to team: Team.ID, reason: String, assignee: Agent.ID? = nil) throws -> TicketCommand {
        .transfer(to: team, reason: try Validate.text(reason, field: "reason", maxLength: Limits.reason), assignee: assignee)
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
        case .setPriority(let priority, let reason):
            guard priority != self.priority else { return nil }
            guard status != .closed else { throw Self.closedError }
            next.priority = priority
            change = .priorityChanged(from: self.priority, to: priority, reason: reason)
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
            let cleaned = try Validate.optionalName(category, field: "category", maxLength: Limits.category)?.lowercased()
            guard cleaned != self.category else { return nil }
            next.category = cleaned
            change = .categoryChanged(from: self.category, to: cleaned)
        case .setLanguage(let language):
            let cleaned = try language.map { try LanguageTag.validate($0, field: "language") }
            guard cleaned != self.language else { return nil }
            next.language = cleaned
            change = .languageChanged(from: self.language, to: cleaned)
        case .acceptChat(let agent):
            guard channel == .chat else { throw DomainError.invalidField("action", "only a chat is accepted; this case came by \(channel.rawValue)") }
            guard status.isActive else { throw DomainError(.invalidTransition, "a solved or closed chat is not accepted", field: "status") }
            change = .other(kind: ChatState.acceptedKind, data: ChatState.acceptance(by: agent))
        case .handBackToAssistant:
            guard teamID != nil || assigneeID != nil else { return nil }
            guard status.isActive else { throw DomainError(.invalidTransition, "a solved or closed case is not handed back", field: "status") }
            next.teamID = nil
            next.assigneeID = nil
            var data: [String: JSONValue] = [:]
            if let teamID { data["fromTeam"] = .number(Double(teamID.rawValue)) }
            if let assigneeID { data["fromAgent"] = .number(Double(assigneeID.rawValue)) }
            change = .other(kind: ChatState.handbackKind, data: .object(data))
        }
        next.updatedAt = max(now, updatedAt)
        next.queuedAt = next.queuePlace(after: self, at: now)
        return (next, change)
    }

    /// What a new message does to this ticket: moves its status (or leaves it), or — a customer's
    /// public reply to a closed case — opens a linked follow-up, since a closed ticket is final.
    /// Agents, bots and the system cannot reply on a closed ticket (a note is still allowed).
    public func effect(of message: NewMessage) throws -> MessageEffect {
        guard message.visibility == .public else { return .status(status) }
        switch message.author {
        case .customer:
            return status == .closed ? .followUp : .status(status.afterCustomerReply)
        case .agent, .bot, .system:
            guard status != .closed else { throw Self.closedError }
            return .status(message.author == .system ? status : status.afterAgentReply)
        }
    }

    static let closedError = DomainError(.invalidTransition, "a closed ticket is final and cannot change", field: "status")
}

/// What a message does to the ticket it is written on.
public enum MessageEffect: Sendable, Hashable {
    /// The message joins the ticket, which then has this status.
    case status(TicketStatus)
    /// The ticket is closed: the message opens a new ticket that follows it up.
    case followUp
}

extension NewTicket {
    /// The ticket a customer's reply to a closed case opens: same subject, customer, channel,
    /// category, priority, team, merchant and language, linked back to the closed one.
    public static func followUp(of closed: Ticket, message: NewMessage) throws -> NewTicket {
        try NewTicket(
            subject: closed.subject, customerID: closed.customerID, channel: closed.channel, category: closed.category,
            priority: closed.priority, teamID: closed.teamID, merchantID: closed.merchantID, language: closed.language,
            firstMessage: message, followUpOf: closed.number
        )
    }
}
