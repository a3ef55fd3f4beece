import Foundation
import Hummingbird
import HTTPTypes
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The customer portal: their requests, one request's progress with a reply box, a new request,
/// the survey, the summary, transcript and receipt; and the two ways in — a one-time link mailed
/// to them, or the shop's signed "Help" link.
struct PortalPagesController: Sendable {
    let pages: Pages
    let loader: TicketPageLoader
    let store: any Store
    let intake: MessageIntake
    let signIn: SignIn
    let opening: TicketOpening
    let assistant: AssistantService
    let files: AttachmentFiles
    let surveys: Surveys
    let receipts: Receipts
    let directory: DirectoryCache
    let clock: any WallClock
    /// How many receipt checks a ticket and an address may ask for.
    let receiptChecks: AttemptLimiter

    /// How many requests the home page lists at a time.
    static let pageSize = 50

    /// The ways in, open to anyone.
    func registerEntrances(on router: RouterGroup<DeskRequestContext>) {
        router.get("sign-in", use: signInPage)
        router.post("sign-in", use: requestLink)
        router.post("sign-in/link", use: followLink)
        router.get("enter", use: enter)
    }

    /// The pages of a signed-in customer.
    func registerPages(on router: RouterGroup<DeskRequestContext>) {
        router.get(use: home)
        router.post("notices", use: setNotices)
        router.get("requests/new", use: newRequest)
        router.post("requests", use: fileRequest)
        router.get("tickets/{number}", use: ticket)
        router.post("tickets/{number}/messages", use: addMessage)
        router.post("tickets/{number}/survey", use: answerSurvey)
        router.get("tickets/{number}/receipt", use: receipt)
        router.get("tickets/{number}/transcript", use: transcript)
        router.get("tickets/{number}/transcript.txt", use: transcriptText)
    }

    /// The pages anyone may open: a survey from its emailed link, the receipt check, the keys.
    func registerOpenPages(on router: RouterGroup<DeskRequestContext>) {
        router.get("survey/{number}", use: surveyPage)
        router.post("survey/{number}", use: answerSurveyByLink)
        router.get("verify", use: verifyPage)
        router.post("verify", use: verify)
        router.get(".well-known/switchboard-keys", use: publicKeys)
    }

    /// The portal's calls from its pages' scripts (the API's CSRF header rule applies).
    func registerAPI(on router: RouterGroup<DeskRequestContext>) {
        router.post("v1/portal/assist", use: assist)
        router.post("v1/portal/attachments", use: upload)
        router.post("v1/receipts/verify", use: verifyAPI)
    }

    @Sendable func home(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer(let id)? = context.principal, let session = context.session else { return Pages.redirect("/portal/sign-in") }
        let language = pages.language(request)
        guard let customer = try await store.customer(id) else { return Pages.redirect("/portal/sign-in") }
        let cursor = request.uri.queryParameters["before"].flatMap { TicketCursor(encoded: String($0)) }
        let page = try await store.listTickets(TicketQuery(
            visibility: try AccessPolicy.ticketVisibility(.customer(id)), limit: Self.pageSize, cursor: cursor
        ))
        // The listed requests' promises and survey answers, in one read.
        let events = try await store.events(
            tickets: page.tickets.map(\.id), kinds: [.commitmentMade, .commitmentKept, .commitmentMissed, .surveyAnswered]
        )
        let model = PortalHomePage(
            language: language.value, csrfToken: session.csrfToken, user: PageFrame.User(name: customer.name, agentNumber: nil),
            tickets: page.tickets, agents: try await directory.snapshot().agents, promises: events.filter { $0.kind != .surveyAnswered },
            surveyed: Set(events.filter { $0.kind == .surveyAnswered }.map(\.ticketID)), notices: customer.notices,
            noticesSaved: request.uri.queryParameters["saved"] != nil, older: page.nextCursor?.encoded, now: clock.now()
        )
        return pages.page(model, language: language)
    }

    /// What the customer wants to be emailed about.
    @Sendable func setNotices(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer(let id)? = context.principal else { throw APIError.unauthenticated }
        guard let notices = context.form?["notices"].flatMap(Customer.Notices.init(rawValue:)) else {
            return Pages.redirect("/portal", problem: DomainError.invalidField("notices", "choose all or replies"))
        }
        try await store.setNotices(notices, for: id)
        return Pages.redirect("/portal?saved=1")
    }

    @Sendable func ticket(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try await loader.response(.customer, request: request, context: context)
    }

    @Sendable func addMessage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let principal = context.principal, let form = context.form else { throw APIError.unauthenticated }
        let number = try TicketPageLoader.number(context)
        do {
            let message = try NewMessage(author: principal.messageAuthor, visibility: .public, body: form["body"] ?? "")
            // A reply to a closed request opens its follow-up: the customer lands there.
            let outcome = try await intake.receive(message, on: number, by: principal)
            return Pages.redirect("/portal/tickets/\(outcome.result.ticket.number)")
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            return Pages.redirect("/portal/tickets/\(number)", problem: error)
        }
    }

    /// The link in the sign-in email opens a page with one button; the button (a POST) spends the
    /// link, so a mail scanner that fetches every link cannot use it up. Without a token: the page
    /// where a customer asks for such a link.
    @Sendable func signInPage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let token = request.uri.queryParameters["token"].map(String.init) else {
            if case .customer? = context.principal { return Pages.redirect("/portal") }
            return portalSignInPage(request, sent: false)
        }
        let language = pages.language(request)
        let (formToken, cookie) = pages.formToken(request)
        // Someone already signed in sends their session's token (what the form check expects).
        let csrf = context.session?.csrfToken ?? formToken
        var response = pages.page(MagicLinkPage(language: language.value, csrfToken: csrf, token: String(token.prefix(200))), language: language)
        response.setCookie(cookie)
        // The token stays out of caches and out of the Referer of anything the page loads.
        response.headers[.cacheControl] = "no-store"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }

    /// The button on the link's page: redeems the one-time token, starts a session, opens the portal.
    @Sendable func followLink(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let customer: Customer.ID
        do {
            customer = try await signIn.redeem(token: context.form?["token"] ?? "")
        } catch let error as APIError where error.status == .unauthorized {
            // A used or expired link: the sign-in page says so and offers a new one.
            var response = portalSignInPage(request, sent: false, expired: true)
            response.status = .unauthorized
            return response
        }
        let (cookie, _) = try await signIn.startSession(.customer(customer), lifetime: signIn.configuration.customerSessionLifetime)
        var response = Pages.redirect("/portal")
        response.setCookie(cookie)
        return response
    }

    /// The shop's "Help" link: `?externalId=…&email=…&name=…&issuedAt=…&signature=…`, the signature
    /// the shop's HMAC of the claim (docs/API.md). A valid, recent one signs the customer in
    /// (created on first visit); an old or altered one gets a page that leads back to the shop.
    @Sendable func enter(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let customer: Customer.ID
        do {
            // Read as a form is: shops' URL encoders write a space as "+" (and a real "+" as %2B).
            let query = try FormBody.parse(request.uri.query ?? "")
            let value = { (name: String) -> String? in query[name] }
            let claim = try ShopIdentityClaim(
                externalId: value("externalId") ?? "", email: value("email"), name: value("name"), issuedAt: value("issuedAt")
            )
            // The page's language is a preference: one the desk cannot read is left out, not an error.
            let language = value("lang").flatMap { try? LanguageTag.validate($0, field: "lang") }
            customer = try await signIn.verifiedCustomer(claim, signature: value("signature") ?? "", language: language)
        } catch let error as APIError where error.status == .unauthorized {
            return shopLinkPage(request, reason: error.code == "identity_expired" ? .expired : .invalid)
        } catch is DomainError {
            return shopLinkPage(request, reason: .invalid)
        } catch let error as APIError where error.status == .badRequest {
            return shopLinkPage(request, reason: .invalid)
        }
        let (cookie, _) = try await signIn.startSession(.customer(customer), lifetime: signIn.configuration.customerSessionLifetime)
        var response = Pages.redirect("/portal")
        response.setCookie(cookie)
        return response
    }

    private func shopLinkPage(_ request: Request, reason: ShopLinkPage.Reason) -> Response {
        let language = pages.language(request)
        // Back to the page the customer came from, when it is a web page of another site.
        let shop = request.headers[.referer].flatMap { referer -> String? in
            guard let url = URL(string: referer), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil,
                  !referer.hasPrefix(signIn.configuration.baseURL) else { return nil }
            return referer
        }
        var response = pages.page(ShopLinkPage(language: language.value, reason: reason, shop: shop), language: language)
        response.status = reason == .expired ? .gone : .unauthorized
        return response
    }

    /// Asks for a sign-in link: the same answer whether or not the address is known.
    @Sendable func requestLink(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let form = context.form ?? FormBody(pairs: [])
        do {
            try await signIn.sendMagicLink(to: form["email"] ?? "", from: context.clientAddress)
        } catch is DomainError {
            // A malformed address gets the same answer: nothing to mail.
        }
        return portalSignInPage(request, sent: true)
    }

    /// The customers' way in: an email field that mails a one-time link.
    func portalSignInPage(_ request: Request, sent: Bool, expired: Bool = false) -> Response {
        let language = pages.language(request)
        let (token, cookie) = pages.formToken(request)
        var response = pages.page(PortalSignInPage(language: language.value, csrfToken: token, sent: sent, expired: expired), language: language)
        response.setCookie(cookie)
        return response
    }
}
