import Foundation

/// One case, whatever channel it came from. The row is the current state; its events are the history.
public struct Ticket: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Ticket>

    public var id: ID
    /// The human-readable number, unique per desk, that customers and agents quote.
    public var number: Int64
    public var subject: String
    public var customerID: Customer.ID
    public var channel: Channel
    public var category: String?
    public var priority: Priority
    public var status: TicketStatus
    public var teamID: Team.ID?
    public var assigneeID: Agent.ID?
    /// The merchant involved in the case; that merchant's agents can see it.
    public var merchantID: Organization.ID?
    public var tags: [String]
    public var fields: [String: FieldValue]
    public var problem: Problem
    public var language: String?
    /// The closed ticket this one follows up, if any.
    public var followUpOf: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    /// Since when the ticket waits in its team's queue for an agent (nil when someone has it, or it is done).
    public var queuedAt: Date?
    /// The nearest due time of its running SLA clocks, and when agents are warned about it (kept
    /// by the desk from the clocks, so queues sort most-at-risk first).
    public var slaDueAt: Date?
    public var slaWarningAt: Date?

    public init(
        id: ID, number: Int64, subject: String, customerID: Customer.ID, channel: Channel, category: String?,
        priority: Priority, status: TicketStatus, teamID: Team.ID?, assigneeID: Agent.ID?,
        merchantID: Organization.ID?, tags: [String], fields: [String: FieldValue], problem: Problem,
        language: String?, followUpOf: Int64?, createdAt: Date, updatedAt: Date,
        queuedAt: Date? = nil, slaDueAt: Date? = nil, slaWarningAt: Date? = nil
    ) {
        self.queuedAt = queuedAt
        self.slaDueAt = slaDueAt
        self.slaWarningAt = slaWarningAt
        self.id = id
        self.number = number
        self.subject = subject
        self.customerID = customerID
        self.channel = channel
        self.category = category
        self.priority = priority
        self.status = status
        self.teamID = teamID
        self.assigneeID = assigneeID
        self.merchantID = merchantID
        self.tags = tags
        self.fields = fields
        self.problem = problem
        self.language = language
        self.followUpOf = followUpOf
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Ticket {
    /// Waiting for an agent of its team: it has a team, nobody has it, and it is not done.
    public var isWaitingForAgent: Bool { assigneeID == nil && teamID != nil && status.isActive }

    /// Since when the ticket waits after a change from `before`: a case that keeps waiting in the
    /// same team keeps its place; one that starts waiting, or moves to another team's queue, joins
    /// it now; one that someone has, or that is done, waits for nobody.
    public func queuePlace(after before: Ticket, at now: Date) -> Date? {
        guard isWaitingForAgent else { return nil }
        if before.isWaitingForAgent, before.teamID == teamID { return before.queuedAt ?? now }
        return now
    }
}

/// The channel a ticket arrived on.
public enum Channel: String, Sendable, Codable, CaseIterable {
    case web
    case email
    case chat
    case phone
    case api
}

/// How urgent a ticket is.
public enum Priority: String, Sendable, Codable, CaseIterable, Comparable {
    case urgent
    case high
    case normal
    case low

    private var rank: Int {
        switch self {
        case .urgent: 3
        case .high: 2
        case .normal: 1
        case .low: 0
        }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }

    /// One step up (an escalation), nil for urgent.
    public var higher: Priority? {
        switch self {
        case .low: .normal
        case .normal: .high
        case .high: .urgent
        case .urgent: nil
        }
    }
}

/// The structured problem: what happened, when, and what the customer expects.
public struct Problem: Sendable, Hashable, Codable {
    public var whatHappened: String?
    public var when: String?
    public var expectation: String?

    public init(whatHappened: String? = nil, when: String? = nil, expectation: String? = nil) {
        self.whatHappened = whatHappened
        self.when = when
        self.expectation = expectation
    }

    /// Validates each part as multi-line text of at most 2,000 characters; blank parts become nil.
    public static func validated(whatHappened: String?, when: String?, expectation: String?) throws -> Problem {
        func part(_ value: String?, _ field: String) throws -> String? {
            guard let value, !value.trimmingWhitespace().isEmpty else { return nil }
            return try Validate.text(value, field: field, maxLength: Limits.problemPart).trimmingWhitespace()
        }
        return Problem(
            whatHappened: try part(whatHappened, "problem.whatHappened"),
            when: try part(when, "problem.when"),
            expectation: try part(expectation, "problem.expectation")
        )
    }

    /// The parts still missing, so the assistant or an agent can ask for them.
    public var missingParts: [String] {
        [("whatHappened", whatHappened), ("when", when), ("expectation", expectation)]
            .filter { $0.1 == nil }
            .map(\.0)
    }
}

/// What is needed to open a ticket.
public struct NewTicket: Sendable, Hashable {
    public var subject: String
    public var customerID: Customer.ID
    public var channel: Channel
    public var category: String?
    public var priority: Priority
    public var teamID: Team.ID?
    public var assigneeID: Agent.ID?
    public var merchantID: Organization.ID?
    public var tags: [String]
    public var fields: [String: FieldValue]
    public var problem: Problem
    public var language: String?
    /// The first message, usually the customer's own words.
    public var firstMessage: NewMessage?
    public var followUpOf: Int64?

    public init(
        subject: String, customerID: Customer.ID, channel: Channel, category: String? = nil,
        priority: Priority = .normal, teamID: Team.ID? = nil, assigneeID: Agent.ID? = nil,
        merchantID: Organization.ID? = nil, tags: [String] = [], fields: [String: FieldValue] = [:],
        problem: Problem = Problem(), language: String? = nil, firstMessage: NewMessage? = nil,
        followUpOf: Int64? = nil
    ) throws {
        self.subject = try Validate.name(subject, field: "subject", maxLength: Limits.subject)
        self.customerID = customerID
        self.channel = channel
        self.category = try Validate.optionalName(category, field: "category", maxLength: Limits.category)?.lowercased()
        self.priority = priority
        self.teamID = teamID
        self.assigneeID = assigneeID
        self.merchantID = merchantID
        self.tags = try Validate.tags(tags)
        self.fields = fields
        self.problem = problem
        self.language = try language.map { try LanguageTag.validate($0, field: "language") }
        self.firstMessage = firstMessage
        self.followUpOf = followUpOf
    }
}

/// A ticket brought over from another desk (or generated for a load test): opened at its own time,
/// already in its current status.
public struct TicketImport: Sendable, Hashable {
    public var ticket: NewTicket
    public var status: TicketStatus
    public var openedAt: Date

    public init(ticket: NewTicket, status: TicketStatus, openedAt: Date) {
        self.ticket = ticket
        self.status = status
        self.openedAt = openedAt
    }
}
