import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The customer portal: their requests, one request's progress with a reply box, and the two ways
/// in — a one-time link mailed to them, or the shop's signed "Help" link.
struct PortalPagesController: Sendable {
    let pages: Pages
    let loader: TicketPageLoader
    let store: any Store
    let intake: MessageIntake
    let signIn: SignIn

    /// The ways in, open to anyone.
    func registerEntrances(on router: RouterGroup<DeskRequestContext>) {
        router.get("sign-in", use: signInPage)
        router.post("sign-in", use: requestLink)
        router.get("enter", use: enter)
    }

    /// The pages of a signed-in customer.
    func registerPages(on router: RouterGroup<DeskRequestContext>) {
        router.get(use: home)
        router.get("tickets/{number}", use: ticket)
        router.post("tickets/{number}/messages", use: addMessage)
    }

    @Sendable func home(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer(let id)? = context.principal, let session = context.session else { return Pages.redirect("/portal/sign-in") }
        let language = pages.language(request)
        let customer = try await store.customer(id)
        let page = try await store.listTickets(TicketQuery(visibility: try AccessPolicy.ticketVisibility(.customer(id)), limit: 50))
        let model = PortalHomePage(
            language: language.value, csrfToken: session.csrfToken, user: PageFrame.User(name: customer?.name ?? "", agentNumber: nil),
            tickets: page.tickets
        )
        return pages.page(model, language: language)
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

    /// The link in the sign-in email: redeems the one-time token, starts a session, opens the portal.
    /// Without a token: the page where a customer asks for such a link.
    @Sendable func signInPage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let token = request.uri.queryParameters["token"].map(String.init) else {
            if case .customer? = context.principal { return Pages.redirect("/portal") }
            return portalSignInPage(request, sent: false)
        }
        let customer: Customer.ID
        do {
            customer = try await signIn.redeem(token: token)
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

    /// The shop's "Help" link: `?externalId=…&signature=hex(HMAC-SHA256(externalId, secret))`, with
    /// optional `name` and `email`. A valid signature signs the customer in (created on first visit).
    @Sendable func enter(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        guard let externalId = parameters["externalId"].map(String.init), let signature = parameters["signature"].map(String.init) else {
            throw APIError.badRequest("the link needs externalId and signature", field: "signature")
        }
        let customer = try await signIn.verifiedCustomer(
            externalId: externalId, signature: signature, name: parameters["name"].map(String.init),
            email: parameters["email"].map(String.init), language: parameters["lang"].map(String.init)
        )
        let (cookie, _) = try await signIn.startSession(.customer(customer), lifetime: signIn.configuration.customerSessionLifetime)
        var response = Pages.redirect("/portal")
        response.setCookie(cookie)
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
