import Foundation

/// What a customer is told when their case is solved: the problem as they stated it, what was
/// done (the status changes and the agents' last public reply), the promises and whether they were
/// kept, and who handled it. Built from the ticket's structured problem, its events and its
/// messages — nothing is made up and no outside service is asked.
public struct CaseSummary: Sendable {
    public struct Step: Sendable, Hashable {
        public var at: Date
        public var change: TicketChange
    }

    public var number: Int64
    public var subject: String
    /// The problem in the customer's words: the structured parts, or their first message.
    public var problem: Problem
    public var firstMessage: String?
    /// Status changes and transfers, in order.
    public var steps: [Step]
    /// The last public reply from an agent: what was done, in their words.
    public var finalReply: Message?
    public var promises: [(commitment: Commitment, state: Commitment.State, note: String?)]
    /// Everyone who owned the case, first owner first.
    public var handledBy: [Agent.ID]
    public var openedAt: Date
    public var solvedAt: Date?

    public init(ticket: Ticket, messages: [Message], events: [TicketEvent]) {
        number = ticket.number
        subject = ticket.subject
        problem = ticket.problem
        let publicMessages = messages.filter { $0.visibility == .public }
        firstMessage = publicMessages.first { if case .customer = $0.author { true } else { false } }?.body
        finalReply = publicMessages.last { if case .agent = $0.author { true } else { false } }
        let changes = events.map { (event: $0, change: try? $0.change()) }
        steps = changes.compactMap { item in
            switch item.change {
            case .statusChanged?, .transferred?: item.change.map { Step(at: item.event.createdAt, change: $0) }
            default: nil
            }
        }
        promises = Commitment.all(in: changes.compactMap(\.change))
        var owners: [Agent.ID] = []
        for case .assigned(_, let to?)? in changes.map(\.change) where !owners.contains(to) { owners.append(to) }
        if let assignee = ticket.assigneeID, !owners.contains(assignee) { owners.append(assignee) }
        handledBy = owners
        openedAt = ticket.createdAt
        solvedAt = steps.last { if case .statusChanged(_, .solved) = $0.change { true } else { false } }?.at
    }

    /// What the customer said the problem was, in one text: the structured "what happened", or
    /// their first message.
    public var statedProblem: String {
        problem.whatHappened ?? firstMessage ?? subject
    }
}
