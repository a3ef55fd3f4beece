import Foundation
import SwitchboardCore

/// A filtered, keyset-paginated list of tickets, newest activity first.
public struct TicketQuery: Sendable, Hashable {
    /// Assignee filter: one agent, or nobody.
    public enum Assignee: Sendable, Hashable {
        case agent(Agent.ID)
        case unassigned
    }

    public var visibility: TicketVisibility
    public var statuses: [TicketStatus]
    public var teamID: Team.ID?
    public var assignee: Assignee?
    public var priority: Priority?
    public var customerID: Customer.ID?
    public var merchantID: Organization.ID?
    public var tag: String?
    public var updatedSince: Date?
    /// Only tickets opened at or after this moment.
    public var createdSince: Date?
    public var limit: Int
    public var cursor: TicketCursor?
    /// Only tickets that came by this channel.
    public var channel: Channel?
    /// Only tickets in one of these teams (nil: any team or none; empty: none at all).
    public var teamIDs: [Team.ID]?
    /// Only tickets whose SLA warning time has come by then (warned or overdue).
    public var warnedBy: Date?
    public var order: Order = .recentlyUpdated

    public enum Order: Sendable, Hashable {
        /// Newest change first, in pages (the cursor).
        case recentlyUpdated
        /// Nearest SLA due time first, those without one last; one page, no cursor.
        case mostAtRisk
    }

    public static let maxLimit = 200

    public init(
        visibility: TicketVisibility, statuses: [TicketStatus] = [], teamID: Team.ID? = nil, assignee: Assignee? = nil,
        priority: Priority? = nil, customerID: Customer.ID? = nil, merchantID: Organization.ID? = nil,
        tag: String? = nil, updatedSince: Date? = nil, limit: Int = 50, cursor: TicketCursor? = nil
    ) {
        self.visibility = visibility
        self.statuses = statuses
        self.teamID = teamID
        self.assignee = assignee
        self.priority = priority
        self.customerID = customerID
        self.merchantID = merchantID
        self.tag = tag
        self.updatedSince = updatedSince
        self.limit = min(max(limit, 1), Self.maxLimit)
        self.cursor = cursor
    }
}

/// A position in a ticket list: the last row's update time and id. Opaque to clients.
public struct TicketCursor: Sendable, Hashable {
    public var updatedAt: Int64
    public var id: Int64

    public init(updatedAt: Int64, id: Int64) {
        self.updatedAt = updatedAt
        self.id = id
    }

    public init(after ticket: Ticket) {
        self.init(updatedAt: ticket.updatedAt.millisecondsSince1970, id: ticket.id.rawValue)
    }

    /// The URL-safe text form.
    public var encoded: String {
        Data("t1.\(updatedAt).\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public init?(encoded: String) {
        guard encoded.count <= 64 else { return nil }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ".")
        guard parts.count == 3, parts[0] == "t1", let updatedAt = Int64(parts[1]), let id = Int64(parts[2]) else { return nil }
        self.init(updatedAt: updatedAt, id: id)
    }
}

/// One page of tickets and where the next one starts (nil at the end).
public struct TicketPage: Sendable, Hashable {
    public var tickets: [Ticket]
    public var nextCursor: TicketCursor?

    public init(tickets: [Ticket], nextCursor: TicketCursor?) {
        self.tickets = tickets
        self.nextCursor = nextCursor
    }
}

/// A full-text search over ticket subjects and messages.
public struct TicketSearchQuery: Sendable, Hashable {
    public var text: String
    public var visibility: TicketVisibility
    /// Whether internal notes count (false for customers).
    public var includeInternal: Bool
    public var limit: Int

    /// How many of the newest matching documents are ranked; beyond that, relevance is not computed.
    public static let candidateLimit = 2_000

    public init(text: String, visibility: TicketVisibility, includeInternal: Bool, limit: Int = 20) {
        self.text = text
        self.visibility = visibility
        self.includeInternal = includeInternal
        self.limit = min(max(limit, 1), 100)
    }
}

/// A search result: the ticket and its relevance (higher is better, comparable within one search).
/// Results come by relevance, then newer tickets first.
public struct TicketSearchHit: Sendable, Hashable {
    public var ticket: Ticket
    public var score: Double

    public init(ticket: Ticket, score: Double) {
        self.ticket = ticket
        self.score = score
    }
}
