import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The HTML pages: sign-in, the agent queue, and the static assets they load. Pages check their own
/// CSRF tokens from a form field (a browser form cannot send the API's `X-CSRF-Token` header).
struct WebController: Sendable {
    let desk: Desk
    let renderer: PageRenderer

    static let languageCookie = "sb_lang"
    /// A per-browser token for the sign-in form, before any session exists (login CSRF).
    static let formCookie = "sb_form"
    /// The page routes, which the OpenAPI document (an API description) leaves out.
    static let routes: Set<String> = Set(["get /", "get /sign-in", "post /sign-in", "post /sign-out", "get /agent", "get /static/{name}"])
        .union(TicketPagesController.routes).union(AdminPagesController.routes)

    init(desk: Desk) throws {
        self.desk = desk
        renderer = try PageRenderer()
    }

    func register(on router: Router<DeskRequestContext>) {
        router.get("/", use: home)
        router.get("sign-in", use: signInPage)
        router.post("sign-in", use: signIn)
        router.post("sign-out", use: signOut)
        router.get("agent", use: queue)
        router.get("static/{name}", use: asset)
        TicketPagesController(web: self).register(on: router)
        AdminPagesController(web: self).register(on: router)
    }

    // MARK: Pages

    @Sendable func home(_ request: Request, context: DeskRequestContext) async throws -> Response {
        if case .agent? = context.principal { return Self.redirect("/agent") }
        return Self.redirect("/sign-in")
    }

    @Sendable func signInPage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        if case .agent? = context.principal { return Self.redirect("/agent") }
        let language = language(request)
        let token = request.cookies[Self.formCookie]?.value.nilIfEmpty ?? Secrets.token()
        var response = html(renderer.render(SignInPage(language: language.value, csrfToken: token)))
        response.setCookie(formCookie(token))
        if let cookie = language.cookie { response.setCookie(cookie) }
        return response
    }

    @Sendable func signIn(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let token = try checkFormToken(request, form)
        let language = language(request).value
        let email = (form["email"] ?? "").trimmingWhitespace().lowercased()
        func again(_ problem: SignInPage.SignInProblem, status: HTTPResponse.Status) -> Response {
            var response = html(renderer.render(SignInPage(language: language, csrfToken: token, error: problem, email: email)), status: status)
            response.setCookie(formCookie(token))
            return response
        }
        switch try await AuthController(desk: desk).authenticateAgent(email: email, password: form["password"] ?? "", address: context.clientAddress) {
        case .paused: return again(.paused, status: .tooManyRequests)
        case .failed: return again(.wrongCredentials, status: .unauthorized)
        case .signedIn(_, let cookie, _):
            var response = Self.redirect("/agent")
            response.setCookie(cookie)
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: DeskRequestContext) async throws -> Response {
        if let session = context.session {
            let form = try await FormBody.read(request)
            guard let sent = form["csrf"], Secrets.constantTimeEqual(sent, session.csrfToken) else { throw APIError.csrf }
        }
        var response = Self.redirect("/sign-in")
        response.setCookie(try await AuthController(desk: desk).endSession(context))
        return response
    }

    @Sendable func queue(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent(let staff)? = context.principal, let session = context.session else { return Self.redirect("/sign-in") }
        let language = language(request)
        let parameters = request.uri.queryParameters
        let view = parameters["view"].flatMap { QueuePage.ViewKind(rawValue: String($0)) } ?? .mine
        let cursor = try parameters["cursor"].map { raw -> TicketCursor in
            guard let cursor = TicketCursor(encoded: String(raw)) else { throw APIError.badRequest("the cursor is not valid", field: "cursor") }
            return cursor
        }
        let visibility = try AccessPolicy.ticketVisibility(.agent(staff))
        // Optional filters on top of the view; unknown values are ignored rather than guessed.
        let statusFilter = parameters["status"].flatMap { TicketStatus(rawValue: String($0)) }
        let priorityFilter = parameters["priority"].flatMap { Priority(rawValue: String($0)) }
        func filtered(_ query: TicketQuery) -> TicketQuery {
            var query = query
            if let statusFilter { query.statuses = [statusFilter] }
            query.priority = priorityFilter
            return query
        }
        func query(_ kind: QueuePage.ViewKind, limit: Int, cursor: TicketCursor? = nil) -> TicketQuery {
            let open: [TicketStatus] = [.new, .open, .pendingCustomer, .onHold]
            switch kind {
            case .mine: return TicketQuery(visibility: visibility, statuses: open, assignee: .agent(staff.agentID), limit: limit, cursor: cursor)
            case .team:
                // An agent in several teams sees the first; the filter bar will offer the others.
                return TicketQuery(visibility: visibility, statuses: open, teamID: staff.teamIDs.sorted { $0.rawValue < $1.rawValue }.first,
                                   limit: limit, cursor: cursor)
            case .unassigned: return TicketQuery(visibility: visibility, statuses: [.new, .open], assignee: .unassigned, limit: limit, cursor: cursor)
            case .all: return TicketQuery(visibility: visibility, statuses: open, limit: limit, cursor: cursor)
            }
        }
        let page = try await desk.store.listTickets(filtered(query(view, limit: 50, cursor: cursor)))
        // Badges count up to 200 ("200" then means "200 or more"), without loading the tickets.
        var counts: [QueuePage.ViewKind: Int] = [:]
        for kind in QueuePage.ViewKind.allCases {
            counts[kind] = try await desk.store.countTickets(query(kind, limit: 1), upTo: TicketQuery.maxLimit)
        }
        let directory = try await desk.directory.snapshot()
        let names = try await desk.customerNames.names(for: page.tickets.map(\.customerID))
        let me = directory.agents[staff.agentID]
        let tickets = page.tickets.map { ticket in
            QueuePage.Ticket(
                number: String(ticket.number), subject: ticket.subject, customer: names[ticket.customerID] ?? "",
                status: ticket.status.rawValue, priority: ticket.priority.rawValue,
                assignee: ticket.assigneeID.flatMap { directory.agents[$0] }.map { "\($0.name) · #\($0.number)" },
                updatedAt: ticket.updatedAt
            )
        }
        let model = QueuePage(
            language: language.value, csrfToken: session.csrfToken,
            user: PageFrame.User(name: me?.name ?? "", agentNumber: me.map { String($0.number) }, isAdmin: staff.role == .admin),
            current: view, counts: counts, tickets: tickets, nextCursor: page.nextCursor?.encoded,
            status: statusFilter?.rawValue, priority: priorityFilter?.rawValue
        )
        var response = html(renderer.render(model))
        if let cookie = language.cookie { response.setCookie(cookie) }
        return response
    }

    @Sendable func asset(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let name = context.parameters.get("name"), let asset = StaticAssets.asset(named: name) else {
            throw APIError(.notFound, code: "not_found", message: "no such file")
        }
        var headers = HTTPFields()
        headers[.contentType] = asset.contentType
        // The name changes with the content, so the file may be kept for a year.
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.body)))
    }

    // MARK: Helpers

    /// The page language: `?lang=` (remembered in a cookie), then the cookie, then `Accept-Language`.
    func language(_ request: Request) -> (value: UILanguage, cookie: Cookie?) {
        if let asked = request.uri.queryParameters["lang"].flatMap({ UILanguage(tag: String($0)) }) {
            let cookie = Cookie(
                name: Self.languageCookie, value: asked.rawValue, maxAge: 365 * 86_400, path: "/",
                secure: desk.configuration.secureCookies, httpOnly: false, sameSite: .lax
            )
            return (asked, cookie)
        }
        if let saved = request.cookies[Self.languageCookie].flatMap({ UILanguage(tag: $0.value) }) { return (saved, nil) }
        return (UILanguage.negotiate(acceptLanguage: request.headers[.acceptLanguage]), nil)
    }

    /// A form sent before there is a session (sign-in, asking for a link) must carry the token of
    /// its browser's form cookie, so another site cannot post it. Returns that token.
    func checkFormToken(_ request: Request, _ form: FormBody) throws -> String {
        guard let expected = request.cookies[Self.formCookie]?.value, !expected.isEmpty,
              let sent = form["csrf"], Secrets.constantTimeEqual(sent, expected) else {
            throw APIError(.forbidden, code: "csrf_failed", message: "the form expired; reload the page and try again")
        }
        return expected
    }

    /// A form sent with a session: the session's CSRF token must be in its `csrf` field.
    func checkedForm(_ request: Request, context: DeskRequestContext) async throws -> (Principal, FormBody) {
        guard let principal = context.principal, let session = context.session else {
            throw APIError(.unauthorized, code: "unauthorized", message: "sign in first")
        }
        let form = try await FormBody.read(request, limit: max(desk.configuration.maxBodySize, 64 * 1024))
        guard let sent = form["csrf"], Secrets.constantTimeEqual(sent, session.csrfToken) else { throw APIError.csrf }
        return (principal, form)
    }

    /// Back to `path`, with a refused change's reason for the page to show.
    static func redirect(_ path: String, error: String) -> Response {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return redirect(path + "?error=" + (error.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
    }

    /// The customers' way in: an email field that mails a one-time link.
    func portalSignInPage(_ request: Request, sent: Bool, expired: Bool = false) -> Response {
        let language = language(request)
        let token = request.cookies[Self.formCookie]?.value.nilIfEmpty ?? Secrets.token()
        var response = html(renderer.render(PortalSignInPage(language: language.value, csrfToken: token, sent: sent, expired: expired)))
        response.setCookie(formCookie(token))
        if let cookie = language.cookie { response.setCookie(cookie) }
        return response
    }

    /// A rendered page, with the language cookie when the language was just chosen.
    func page(renderer model: some WebPage, languageCookie: Cookie?) -> Response {
        var response = html(renderer.render(model))
        if let languageCookie { response.setCookie(languageCookie) }
        return response
    }

    func formCookie(_ token: String) -> Cookie {
        Cookie(name: Self.formCookie, value: token, maxAge: 3_600, path: "/", secure: desk.configuration.secureCookies, httpOnly: true, sameSite: .strict)
    }

    func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Scripts and styles only from the desk itself: an injected `<script>` or `onerror=` cannot run.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
