import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Chats a person was found for that no agent has accepted yet: the customer is waiting in the
/// window. They announce themselves on every staff page (a count in the header and the page
/// title) until someone accepts. An agent sees those of their teams; supervisors and admins,
/// those of every team they may see. A chat still with the assistant has no team and is not here;
/// nor is one nobody touched for `recent`, or opened more than a day ago (its customer has left the
/// window: it is a ticket in the queue like any other, answered where they will read it).
enum IncomingChats {
    static let recent: TimeInterval = 3600
    static let sameDay: TimeInterval = 86_400

    static func query(
        for staff: Principal.StaffMember, store: any Store, now: Date, limit: Int = 50, cursor: TicketCursor? = nil
    ) async throws -> TicketQuery {
        var query = TicketQuery(visibility: try AccessPolicy.ticketVisibility(.agent(staff)), statuses: [.new], limit: limit, cursor: cursor)
        query.channel = .chat
        query.updatedSince = now.addingTimeInterval(-recent)
        // A chat is a conversation of the day: an old case touched by a clock is not a customer
        // waiting in a window.
        query.createdSince = now.addingTimeInterval(-Self.sameDay)
        if staff.role >= .supervisor {
            query.teamIDs = try await store.teams(organization: staff.organizationKind == .platform ? nil : staff.organizationID).map(\.id)
        } else {
            query.teamIDs = staff.teamIDs.sorted { $0.rawValue < $1.rawValue }
        }
        // Longest waiting first.
        query.order = .mostAtRisk
        return query
    }

    /// How many wait, up to 100 ("99+" past that).
    static func count(for staff: Principal.StaffMember, store: any Store, now: Date) async throws -> Int {
        try await store.countTickets(try await query(for: staff, store: store, now: now, limit: 1), upTo: 100)
    }
}
