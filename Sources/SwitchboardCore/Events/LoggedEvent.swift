import Foundation

/// A stored event as the desk's log delivers it to live screens: the event, its typed change, and
/// the facts about its ticket that decide who may see it.
public struct LoggedEvent: Sendable, Hashable {
    /// The event and its decoded change live in one shared box: a busy desk hands the same event
    /// to every open queue, and each copy is then one reference, not a dozen strings.
    private final class Body: Sendable {
        let event: TicketEvent
        let change: TicketChange?

        init(event: TicketEvent) {
            self.event = event
            change = try? event.change()
        }
    }

    private let body: Body
    public var event: TicketEvent { body.event }
    /// Nil when the stored payload does not read (a subscriber then only learns the ticket changed).
    public var change: TicketChange? { body.change }
    public var position: EventLogPosition
    public var ticketNumber: Int64
    public var customerID: Customer.ID
    public var merchantID: Organization.ID?
    public var teamID: Team.ID?
    public var assigneeID: Agent.ID?

    public init(
        event: TicketEvent, position: EventLogPosition, ticketNumber: Int64, customerID: Customer.ID, merchantID: Organization.ID?,
        teamID: Team.ID?, assigneeID: Agent.ID?
    ) {
        body = Body(event: event)
        self.position = position
        self.ticketNumber = ticketNumber
        self.customerID = customerID
        self.merchantID = merchantID
        self.teamID = teamID
        self.assigneeID = assigneeID
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.event == rhs.event && lhs.position == rhs.position && lhs.ticketNumber == rhs.ticketNumber && lhs.customerID == rhs.customerID
            && lhs.merchantID == rhs.merchantID && lhs.teamID == rhs.teamID && lhs.assigneeID == rhs.assigneeID
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(event)
        hasher.combine(position)
    }

    /// Whether someone with `visibility` may learn of this event: the ticket is theirs to see and,
    /// for its customer, the change is one their progress page shows.
    public func isVisible(to visibility: TicketVisibility) -> Bool {
        switch visibility {
        case .all: true
        case .merchant(let id): merchantID == id
        case .customer(let id): customerID == id && (change?.isCustomerVisible ?? false)
        }
    }
}

/// Where an event sits in the desk's log. Events are delivered in position order, and an event
/// becomes readable only when no event before it can still appear, so a reader that resumes
/// after a position misses nothing. On SQLite (one writer) the position is the event id; on
/// PostgreSQL it is the writing transaction first, then the id (see the store's event log).
public struct EventLogPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var transaction: Int64
    public var eventID: Int64

    public init(transaction: Int64, eventID: Int64) {
        self.transaction = transaction
        self.eventID = eventID
    }

    /// Before every event.
    public static let start = EventLogPosition(transaction: 0, eventID: 0)

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.transaction, lhs.eventID) < (rhs.transaction, rhs.eventID)
    }

    public var description: String { "\(transaction)/\(eventID)" }
}
