import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The agent's queue: views (mine, my team, unassigned, all) with counts, filters and keyset paging.
struct QueuePageController: Sendable {
    let pages: Pages
    let store: any Store
    let directory: DirectoryCache
    let customerNames: CustomerNames
    let clock: any WallClock

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get(use: queue)
    }

    @Sendable func queue(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent(let staff)? = context.principal, let session = context.session else { return Pages.redirect("/sign-in") }
        let language = pages.language(request)
        let parameters = request.uri.queryParameters
        let view = parameters["view"].flatMap { QueuePage.ViewKind(rawValue: String($0)) } ?? .mine
        let cursor = try parameters["cursor"].map { raw -> TicketCursor in
            guard let cursor = TicketCursor(encoded: String(raw)) else { throw APIError.badRequest("the cursor is not valid", field: "cursor") }
            return cursor
        }
        let visibility = try AccessPolicy.ticketVisibility(.agent(staff))
        let now = clock.now()
        // Optional filters on top of the view; unknown values are ignored rather than guessed.
        let statusFilter = parameters["status"].flatMap { TicketStatus(rawValue: String($0)) }
        let priorityFilter = parameters["priority"].flatMap { Priority(rawValue: String($0)) }
        func filtered(_ query: TicketQuery) -> TicketQuery {
            var query = query
            if let statusFilter { query.statuses = [statusFilter] }
            query.priority = priorityFilter
            return query
        }
        let chats = try await IncomingChats.query(for: staff, store: store, now: now, limit: 50, cursor: cursor)
        func query(_ kind: QueuePage.ViewKind, limit: Int, cursor: TicketCursor? = nil) -> TicketQuery {
            let open: [TicketStatus] = [.new, .open, .pendingCustomer, .onHold]
            var query: TicketQuery
            switch kind {
            case .mine: query = TicketQuery(visibility: visibility, statuses: open, assignee: .agent(staff.agentID), limit: limit, cursor: cursor)
            case .team:
                // An agent in several teams sees the first; the filter bar will offer the others.
                query = TicketQuery(visibility: visibility, statuses: open, teamID: staff.teamIDs.sorted { $0.rawValue < $1.rawValue }.first,
                                    limit: limit, cursor: cursor)
            case .unassigned: query = TicketQuery(visibility: visibility, statuses: [.new, .open], assignee: .unassigned, limit: limit, cursor: cursor)
            case .chats:
                query = chats
                query.limit = limit
                query.cursor = cursor
            case .atRisk:
                query = TicketQuery(visibility: visibility, statuses: open, limit: limit, cursor: cursor)
                query.warnedBy = now
            case .all: query = TicketQuery(visibility: visibility, statuses: open, limit: limit, cursor: cursor)
            }
            // The cases that can least wait come first; "all" stays newest first, in pages.
            if kind != .all { query.order = .mostAtRisk }
            return query
        }
        // A search answers across every view (the desk's multilingual search, newest relevant first).
        let search = parameters["q"].map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        let page: TicketPage
        if let search {
            let hits = try await store.searchTickets(TicketSearchQuery(text: search, visibility: visibility, includeInternal: true, limit: 50))
            page = TicketPage(tickets: hits.map(\.ticket), nextCursor: nil)
        } else {
            page = try await store.listTickets(filtered(query(view, limit: 50, cursor: cursor)))
        }
        // Badges count up to 200 ("200" then means "200 or more"), without loading the tickets.
        var counts: [QueuePage.ViewKind: Int] = [:]
        for kind in QueuePage.ViewKind.allCases {
            counts[kind] = try await store.countTickets(query(kind, limit: 1), upTo: TicketQuery.maxLimit)
        }
        let directory = try await self.directory.snapshot()
        let names = try await customerNames.names(for: page.tickets.map(\.customerID))
        let tickets = page.tickets.map { ticket in
            QueuePage.Ticket(
                number: String(ticket.number), subject: ticket.subject, customer: names[ticket.customerID] ?? "",
                status: ticket.status.rawValue, priority: ticket.priority.rawValue,
                assignee: ticket.assigneeID.flatMap { directory.agents[$0] }.map { "\($0.name) · #\($0.number)" },
                updatedAt: ticket.updatedAt, dueAt: ticket.slaDueAt, warningAt: ticket.slaWarningAt
            )
        }
        let model = QueuePage(
            language: language.value, csrfToken: session.csrfToken,
            user: try await StaffFrame.user(staff, store: store, now: clock.now()),
            current: view, counts: counts, tickets: tickets, nextCursor: page.nextCursor?.encoded,
            status: statusFilter?.rawValue, priority: priorityFilter?.rawValue, search: search, now: now
        )
        return pages.page(model, language: language)
    }
}

/// The stylesheet and script the pages load, under names that change with their content.
struct AssetsController: Sendable {
    func register(on router: Router<DeskRequestContext>) {
        router.get("static/{name}", use: asset)
    }

    @Sendable func asset(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let name = context.parameters.get("name"), let asset = StaticAssets.asset(named: name) else {
            throw HTTPError(.notFound)
        }
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        // The name changes with the content, so the file may be kept for a year.
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.body)))
    }
}
