import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The ticket pages: the agent's ticket view with its composer and actions, the customer portal
/// (their requests, one request's progress, a reply box, the magic-link entry), and the live
/// stream that tells an open page something changed.
struct TicketPagesController: Sendable {
    let web: WebController
    var desk: Desk { web.desk }

    static let routes: Set<String> = [
        "get /agent/tickets/{number}", "post /agent/tickets/{number}/messages", "post /agent/tickets/{number}/change",
        "get /portal", "get /portal/sign-in", "post /portal/sign-in", "get /portal/tickets/{number}", "post /portal/tickets/{number}/messages",
        "get /live/tickets/{number}", "get /live/queue", "get /portal/enter",
    ]

    func register(on router: Router<DeskRequestContext>) {
        router.get("agent/tickets/{number}", use: agentTicket)
        router.post("agent/tickets/{number}/messages", use: addMessage)
        router.post("agent/tickets/{number}/change", use: change)
        router.get("portal", use: portalHome)
        router.get("portal/sign-in", use: portalSignIn)
        router.post("portal/sign-in", use: requestPortalLink)
        router.get("portal/tickets/{number}", use: portalTicket)
        router.post("portal/tickets/{number}/messages", use: addMessage)
        router.get("live/tickets/{number}", use: live)
        router.get("live/queue", use: liveQueue)
        router.get("portal/enter", use: portalEnter)
    }

    // MARK: Agent

    @Sendable func agentTicket(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent? = context.principal, context.session != nil else { return WebController.redirect("/sign-in") }
        return try await ticketPage(.agent, request: request, context: context)
    }

    @Sendable func change(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent? = context.principal else { return WebController.redirect("/sign-in") }
        let (principal, form) = try await web.checkedForm(request, context: context)
        let number = try TicketsController.number(context)
        let back = "/agent/tickets/\(number)"
        do {
            let operations = TicketOperations(desk: desk)
            switch form["action"] {
            case "status":
                guard let status = form["status"].flatMap(TicketStatus.init(rawValue:)) else { throw DomainError.invalidField("status", "choose a status") }
                _ = try await operations.apply([.setStatus(status)], to: number, by: principal, assignee: nil, team: nil)
            case "priority":
                guard let priority = form["priority"].flatMap(Priority.init(rawValue:)) else { throw DomainError.invalidField("priority", "choose a priority") }
                _ = try await operations.apply([.setPriority(priority)], to: number, by: principal, assignee: nil, team: nil)
            case "assign":
                let assignee = try await agent(form["assignee"])
                _ = try await operations.apply([.assign(assignee?.id)], to: number, by: principal, assignee: assignee, team: nil)
            case "transfer":
                guard let raw = form["team"], let id = Int64(raw), let team = try await desk.store.team(Team.ID(id)) else {
                    throw DomainError.invalidField("team", "choose a team")
                }
                let command = try TicketCommand.validatedTransfer(to: team.id, reason: form["reason"] ?? "")
                _ = try await operations.apply([command], to: number, by: principal, assignee: nil, team: team)
            case "tags":
                let tags = (form["tags"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                _ = try await operations.apply([.setTags(try Validate.tags(tags))], to: number, by: principal, assignee: nil, team: nil)
            default:
                throw DomainError.invalidField("action", "unknown action")
            }
        } catch let error as DomainError where error.code != .notFound {
            return WebController.redirect(back, error: error.message)
        }
        return WebController.redirect(back)
    }

    // MARK: Customer portal

    @Sendable func portalHome(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer(let id)? = context.principal, let session = context.session else { return WebController.redirect("/portal/sign-in") }
        let language = web.language(request)
        let customer = try await desk.store.customer(id)
        let page = try await desk.store.listTickets(TicketQuery(visibility: try AccessPolicy.ticketVisibility(.customer(id)), limit: 50))
        let model = PortalHomePage(
            language: language.value, csrfToken: session.csrfToken, user: PageFrame.User(name: customer?.name ?? "", agentNumber: nil),
            tickets: page.tickets
        )
        return web.page(renderer: model, languageCookie: language.cookie)
    }

    /// The link in the sign-in email: redeems the one-time token, starts a session, opens the portal.
    /// Without a token: the page where a customer asks for such a link.
    @Sendable func portalSignIn(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard request.uri.queryParameters["token"] != nil else {
            if case .customer? = context.principal { return WebController.redirect("/portal") }
            return web.portalSignInPage(request, sent: false)
        }
        let auth = AuthController(desk: desk)
        let customer: Customer.ID
        do {
            customer = try await auth.redeem(token: request.uri.queryParameters["token"].map(String.init) ?? "")
        } catch let error as APIError where error.status == .unauthorized {
            // A used or expired link: the sign-in page says so and offers a new one.
            var response = web.portalSignInPage(request, sent: false, expired: true)
            response.status = .unauthorized
            return response
        }
        let (cookie, _) = try await auth.startSession(.customer(customer), lifetime: desk.configuration.customerSessionLifetime)
        var response = WebController.redirect("/portal")
        response.setCookie(cookie)
        return response
    }

    /// The shop's "Help" link: `?externalId=…&signature=hex(HMAC-SHA256(externalId, secret))`, with
    /// optional `name` and `email`. A valid signature signs the customer in (created on first visit).
    @Sendable func portalEnter(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        guard let externalId = parameters["externalId"].map(String.init), let signature = parameters["signature"].map(String.init) else {
            throw APIError.badRequest("the link needs externalId and signature", field: "signature")
        }
        let auth = AuthController(desk: desk)
        let customer = try await auth.verifiedCustomer(
            externalId: externalId, signature: signature, name: parameters["name"].map(String.init),
            email: parameters["email"].map(String.init), language: parameters["lang"].map(String.init)
        )
        let (cookie, _) = try await auth.startSession(.customer(customer), lifetime: desk.configuration.customerSessionLifetime)
        var response = WebController.redirect("/portal")
        response.setCookie(cookie)
        return response
    }

    /// Asks for a sign-in link: the same answer whether or not the address is known.
    @Sendable func requestPortalLink(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        _ = try web.checkFormToken(request, form)
        do {
            try await AuthController(desk: desk).sendMagicLink(to: form["email"] ?? "", from: context.clientAddress)
        } catch is DomainError {
            // A malformed address gets the same answer: nothing to mail.
        }
        return web.portalSignInPage(request, sent: true)
    }

    @Sendable func portalTicket(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer? = context.principal, context.session != nil else { return WebController.redirect("/portal/sign-in") }
        return try await ticketPage(.customer, request: request, context: context)
    }

    // MARK: Both

    @Sendable func addMessage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard context.principal != nil else { return WebController.redirect("/sign-in") }
        let (principal, form) = try await web.checkedForm(request, context: context)
        let number = try TicketsController.number(context)
        let isAgent = if case .agent = principal { true } else { false }
        let visibility: Message.Visibility = isAgent && form["visibility"] == "internal" ? .internal : .public
        var back = isAgent ? "/agent/tickets/\(number)" : "/portal/tickets/\(number)"
        do {
            let message = try NewMessage(author: principal.messageAuthor, visibility: visibility, body: form["body"] ?? "")
            let result = try await TicketOperations(desk: desk).addMessage(message, to: number, by: principal)
            // A reply to a closed request opened a follow-up: go there.
            if result.ticket.number != number { back = isAgent ? "/agent/tickets/\(result.ticket.number)" : "/portal/tickets/\(result.ticket.number)" }
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            return WebController.redirect(back, error: error.message)
        }
        return WebController.redirect(back)
    }

    /// Server-sent events: one `change` line whenever this ticket changes, and a comment every
    /// 25 seconds so proxies keep the connection. What a customer may see is decided by the page
    /// they reload, never by the stream, which carries no ticket data.
    @Sendable func live(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw APIError(.unauthorized, code: "unauthorized", message: "sign in first") }
        let number = try TicketsController.number(context)
        guard let ticket = try await desk.store.ticket(number: number) else { throw APIError.notFound("ticket") }
        try AccessPolicy.requireVisible(ticket, to: principal)
        let customerSees = if case .customer = principal { true } else { false }
        return Self.stream(desk.events.subscribe(bufferingNewest: 16), label: String(number)) { event in
            // An internal note changes nothing a customer can see.
            event.ticket.id == ticket.id && !(customerSees && event.message?.visibility == .internal)
        }
    }

    /// The agent queue's stream: a `change` whenever a ticket this agent may see is opened or changes.
    @Sendable func liveQueue(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent? = context.principal, let principal = context.principal else {
            throw APIError(.unauthorized, code: "unauthorized", message: "sign in as an agent first")
        }
        return Self.stream(desk.events.subscribe(bufferingNewest: 64), label: "queue") { event in
            (try? AccessPolicy.requireVisible(event.ticket, to: principal)) != nil
        }
    }

    static func stream(_ events: AsyncStream<DeskEvent>, label: String, matching: @escaping @Sendable (DeskEvent) -> Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            enum Signal { case heartbeat, change }
            try await withThrowingTaskGroup(of: Void.self) { group in
                let (signals, signal) = AsyncStream<Signal>.makeStream(bufferingPolicy: .bufferingNewest(8))
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(25))
                        signal.yield(.heartbeat)
                    }
                }
                group.addTask {
                    for await event in events where matching(event) { signal.yield(.change) }
                    signal.finish()
                }
                for await next in signals {
                    switch next {
                    case .heartbeat: try await writer.write(ByteBuffer(string: ": still here\n\n"))
                    case .change: try await writer.write(ByteBuffer(string: "event: change\ndata: \(label)\n\n"))
                    }
                }
                group.cancelAll()
            }
            try await writer.finish(nil)
        })
    }

    // MARK: Helpers

    func ticketPage(_ audience: TicketView.Audience, request: Request, context: DeskRequestContext) async throws -> Response {
        guard let principal = context.principal, let session = context.session else { return WebController.redirect("/sign-in") }
        let number = try TicketsController.number(context)
        guard let ticket = try await desk.store.ticket(number: number) else { throw APIError.notFound("ticket") }
        try AccessPolicy.requireVisible(ticket, to: principal)
        let language = web.language(request)
        let directory = try await desk.directory.snapshot()
        let messages = try await desk.store.messages(ticket: ticket.id, includeInternal: AccessPolicy.seesInternal(principal))
        let events = try await desk.store.events(ticket: ticket.id)
        let customer = try await desk.store.customer(ticket.customerID)
        var others: [Ticket] = []
        var user = PageFrame.User(name: customer?.name ?? "", agentNumber: nil)
        if case .agent(let staff) = principal {
            let me = directory.agents[staff.agentID]
            user = PageFrame.User(name: me?.name ?? "", agentNumber: me.map { String($0.number) }, isAdmin: staff.role == .admin)
            others = try await desk.store.listTickets(TicketQuery(
                visibility: try AccessPolicy.ticketVisibility(principal), customerID: ticket.customerID, limit: 11
            )).tickets
        }
        let model = TicketView(
            audience: audience, language: language.value, csrfToken: session.csrfToken, user: user, ticket: ticket, customer: customer,
            messages: messages, events: events, directory: TicketView.Directory(agents: directory.agents, teams: directory.teams),
            otherTickets: others, error: request.uri.queryParameters["error"].map { String($0.prefix(300)) }
        )
        return web.page(renderer: model, languageCookie: language.cookie)
    }

    func agent(_ raw: String?) async throws -> Agent? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let id = Int64(raw) else { throw DomainError.invalidField("assignee", "choose an agent") }
        return try await TicketOperations(desk: desk).activeAgent(id, field: "assignee")
    }
}
