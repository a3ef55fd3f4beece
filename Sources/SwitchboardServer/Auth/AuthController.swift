import Foundation
import Hummingbird
import Logging
import SwitchboardCore
import SwitchboardStorage

/// The sign-in API: agents sign in with email and password and get a session cookie; customers
/// come in with a shop-signed identity token or a one-time magic link. An adapter over `SignIn`.
struct AuthController: Sendable {
    let signIn: SignIn
    let store: any Store

    func register(on router: RouterGroup<DeskRequestContext>) {
        let auth = router.group("v1/auth")
        auth.post("sign-in", use: signInRoute)
        auth.post("sign-out", use: signOut)
        auth.get("me", use: me)
        let customers = router.group("v1/customer-auth")
        customers.post("identity", use: identity)
        customers.post("magic-link", use: requestMagicLink)
        customers.post("magic-link/redeem", use: redeemMagicLink)
    }

    struct SignInRequest: Decodable {
        var email: String
        var password: String
    }

    @Sendable func signInRoute(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(SignInRequest.self, from: request, limit: 16 * 1024)
        guard body.email.count <= Limits.email else { throw APIError.badRequest("email is at most \(Limits.email) characters", field: "email") }
        guard body.password.count <= Limits.password.upperBound else {
            throw APIError.badRequest("password is at most \(Limits.password.upperBound) characters", field: "password")
        }
        let device = request.cookies[SignInDevices.cookieName]?.value
        switch try await signIn.authenticateAgent(email: body.email, password: body.password, address: context.clientAddress, device: device) {
        case .paused(let wait):
            var headers = HTTPFields()
            headers[.retryAfter] = String(Int(wait.rounded(.up)))
            throw APIError(.tooManyRequests, code: "too_many_attempts", message: "too many failed sign-ins; try again later", headers: headers)
        case .failed:
            throw APIError(.unauthorized, code: "sign_in_failed", message: "the email or password is wrong")
        case .signedIn(let agent, let cookie, let csrf, let deviceCookie):
            var response = try JSONBody.response(SessionResponse(kind: "agent", agent: AgentResponse(agent), customer: nil, csrfToken: csrf))
            response.setCookie(cookie)
            response.setCookie(deviceCookie)
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var response = Response(status: .noContent)
        response.setCookie(try await signIn.endSession(context.session))
        return response
    }

    @Sendable func me(_ request: Request, context: DeskRequestContext) async throws -> Response {
        switch try context.requirePrincipal() {
        case .agent(let staff):
            guard let agent = try await store.agent(staff.agentID) else { throw APIError.unauthenticated }
            return try JSONBody.response(SessionResponse(kind: "agent", agent: AgentResponse(agent), customer: nil, csrfToken: context.session?.csrfToken))
        case .customer(let id):
            guard let customer = try await store.customer(id) else { throw APIError.unauthenticated }
            return try JSONBody.response(SessionResponse(kind: "customer", agent: nil, customer: CustomerResponse(customer), csrfToken: context.session?.csrfToken))
        case .integration:
            return try JSONBody.response(SessionResponse(kind: "integration", agent: nil, customer: nil, csrfToken: nil))
        }
    }

    // MARK: Customers

    struct IdentityRequest: Decodable {
        /// The shop's own id for the customer.
        var externalId: String
        var email: String?
        var name: String?
        /// Unix seconds when the shop signed (a string or a number).
        var issuedAt: IssuedAt?
        /// Hex HMAC-SHA256 of the claim's payload (docs/API.md) with the desk's identity secret,
        /// computed by the shop's server.
        var signature: String
        /// The customer's language for the pages (a preference, not part of the claim).
        var language: String?
    }

    /// Shops send the time as a JSON number or string; both mean Unix seconds.
    struct IssuedAt: Decodable {
        let text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) { text = String(number) } else { text = try container.decode(String.self) }
        }
    }

    @Sendable func identity(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(IdentityRequest.self, from: request, limit: 16 * 1024)
        let claim = try ShopIdentityClaim(externalId: body.externalId, email: body.email, name: body.name, issuedAt: body.issuedAt?.text)
        let language = try body.language.map { try LanguageTag.validate($0, field: "language") }
        let customer = try await signIn.verifiedCustomer(claim, signature: body.signature, language: language)
        return try await customerSession(customer)
    }

    struct MagicLinkRequest: Decodable {
        var email: String
    }

    @Sendable func requestMagicLink(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(MagicLinkRequest.self, from: request, limit: 16 * 1024)
        try await signIn.sendMagicLink(to: body.email, from: context.clientAddress)
        return try JSONBody.response(["status": "sent if the address is known"], status: .accepted)
    }

    struct RedeemRequest: Decodable {
        var token: String
    }

    @Sendable func redeemMagicLink(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(RedeemRequest.self, from: request, limit: 16 * 1024)
        guard body.token.count <= SignIn.maxTokenLength else {
            throw APIError.badRequest("token is at most \(SignIn.maxTokenLength) characters", field: "token")
        }
        return try await customerSession(try await signIn.redeem(token: body.token))
    }

    private func customerSession(_ id: Customer.ID) async throws -> Response {
        guard let customer = try await store.customer(id) else { throw APIError.notFound("customer") }
        let (cookie, csrf) = try await signIn.startSession(.customer(id), lifetime: signIn.configuration.customerSessionLifetime)
        var response = try JSONBody.response(SessionResponse(kind: "customer", agent: nil, customer: CustomerResponse(customer), csrfToken: csrf))
        response.setCookie(cookie)
        return response
    }
}

/// What a sign-in returns: who you are and the CSRF token to send with changes.
struct SessionResponse: Encodable {
    let kind: String
    let agent: AgentResponse?
    let customer: CustomerResponse?
    let csrfToken: String?
}
