import Foundation
import SwitchboardCore

/// A ticket as the API shows it. Customers get their progress view: no tags, custom fields,
/// category, merchant or priority.
struct TicketResponse: Encodable, Sendable {
    let number: Int64
    let subject: String
    let status: TicketStatus
    let channel: Channel
    let language: String?
    let customer: CustomerSummary
    let team: TeamSummary?
    let assignee: AgentSummary?
    let problem: ProblemResponse
    let followUpOf: Int64?
    let createdAt: Date
    let updatedAt: Date
    // Staff only:
    let priority: Priority?
    let category: String?
    let merchant: OrganizationSummary?
    let tags: [String]?
    let fields: [String: JSONValue]?

    init(_ ticket: Ticket, customerName: String, directory: DirectoryCache.Snapshot, audience: Audience) {
        number = ticket.number
        subject = ticket.subject
        status = ticket.status
        channel = ticket.channel
        language = ticket.language
        customer = CustomerSummary(id: ticket.customerID.rawValue, name: customerName)
        team = ticket.teamID.flatMap { directory.teams[$0] }.map(TeamSummary.init)
        assignee = ticket.assigneeID.flatMap { directory.agents[$0] }.map(AgentSummary.init)
        problem = ProblemResponse(ticket.problem)
        followUpOf = ticket.followUpOf
        createdAt = ticket.createdAt
        updatedAt = ticket.updatedAt
        let staff = audience == .staff
        priority = staff ? ticket.priority : nil
        category = staff ? ticket.category : nil
        merchant = staff ? ticket.merchantID.flatMap { directory.organizations[$0] }.map(OrganizationSummary.init) : nil
        tags = staff ? ticket.tags : nil
        fields = staff ? ticket.fields.mapValues(\.json) : nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(subject, forKey: .subject)
        try container.encode(status, forKey: .status)
        try container.encode(channel, forKey: .channel)
        try container.encode(language, forKey: .language)
        try container.encode(customer, forKey: .customer)
        try container.encode(team, forKey: .team)
        try container.encode(assignee, forKey: .assignee)
        try container.encode(problem, forKey: .problem)
        try container.encode(followUpOf, forKey: .followUpOf)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encodeIfPresent(priority, forKey: .priority)
        if priority != nil {
            // Staff see these keys even when empty, so clients can rely on them.
            try container.encode(category, forKey: .category)
            try container.encode(merchant, forKey: .merchant)
        }
        try container.encodeIfPresent(tags, forKey: .tags)
        try container.encodeIfPresent(fields, forKey: .fields)
    }

    enum CodingKeys: String, CodingKey {
        case number, subject, status, channel, language, customer, team, assignee, problem, followUpOf, createdAt, updatedAt
        case priority, category, merchant, tags, fields
    }
}

struct ProblemResponse: Encodable, Sendable {
    let whatHappened: String?
    let when: String?
    let expectation: String?
    /// The parts still to ask for.
    let missing: [String]

    init(_ problem: Problem) {
        whatHappened = problem.whatHappened
        when = problem.when
        expectation = problem.expectation
        missing = problem.missingParts
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(whatHappened, forKey: .whatHappened)
        try container.encode(when, forKey: .when)
        try container.encode(expectation, forKey: .expectation)
        try container.encode(missing, forKey: .missing)
    }

    enum CodingKeys: String, CodingKey { case whatHappened, when, expectation, missing }
}

/// A page of tickets.
struct TicketListResponse: Encodable, Sendable {
    let tickets: [TicketResponse]
    /// Pass as `cursor` to get the next page; null on the last page.
    let nextCursor: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tickets, forKey: .tickets)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey { case tickets, nextCursor }
}

struct SearchHitResponse: Encodable, Sendable {
    let ticket: TicketResponse
    let score: Double
}

struct SearchResponse: Encodable, Sendable {
    let query: String
    let results: [SearchHitResponse]
}

/// A ticket and the message just added to it.
struct TicketMessageResponse: Encodable, Sendable {
    let ticket: TicketResponse
    let message: MessageResponse?
}
