import Foundation

/// What an agent is told about, in the header's count and list.
public enum NotificationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A case was given to them.
    case assigned
    /// One of their cases passed the warning share of a promised wait.
    case slaWarning = "sla-warning"
    /// A promised wait ran out on one of their cases (or their team's, for supervisors).
    case slaBreached = "sla-breached"
    /// A promise they made is due soon.
    case commitmentDue = "commitment-due"
    /// A promise was missed.
    case commitmentMissed = "commitment-missed"
    /// A case came back to the team that sent it (supervisors).
    case bouncedBack = "bounced-back"
    /// A customer's survey said their problem was not solved or scored it low (supervisors).
    case lowSatisfaction = "low-satisfaction"
}

/// A notification as stored: which agent, about which ticket, caused by which event.
public struct AgentNotification: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<AgentNotification>

    public var id: ID
    public var agentID: Agent.ID
    public var kind: NotificationKind
    public var ticketNumber: Int64
    public var eventID: TicketEvent.ID
    /// The facts the line shows (the target and due time, the promise's words).
    public var detail: JSONValue
    public var createdAt: Date
    public var readAt: Date?

    public init(
        id: ID, agentID: Agent.ID, kind: NotificationKind, ticketNumber: Int64, eventID: TicketEvent.ID, detail: JSONValue, createdAt: Date,
        readAt: Date?
    ) {
        self.id = id
        self.agentID = agentID
        self.kind = kind
        self.ticketNumber = ticketNumber
        self.eventID = eventID
        self.detail = detail
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

/// A notification to store.
public struct NewNotification: Sendable, Hashable {
    public var agentID: Agent.ID
    public var kind: NotificationKind
    public var ticketNumber: Int64
    public var eventID: TicketEvent.ID
    public var detail: JSONValue
    public var createdAt: Date

    public init(agentID: Agent.ID, kind: NotificationKind, ticketNumber: Int64, eventID: TicketEvent.ID, detail: JSONValue = [:], createdAt: Date) {
        self.agentID = agentID
        self.kind = kind
        self.ticketNumber = ticketNumber
        self.eventID = eventID
        self.detail = detail
        self.createdAt = createdAt
    }
}

/// Something the desk does to a ticket on its own (an SLA timer, a promise's due time): an
/// event to record as it is, or a command whose change is recorded.
public enum TicketAction: Sendable, Hashable {
    case record(TicketChange)
    case command(TicketCommand)
    /// A message written on the ticket (the assistant's reply in a chat), without moving its status.
    case say(NewMessage)
}
