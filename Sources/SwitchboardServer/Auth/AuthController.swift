import Foundation
import Hummingbird
import Logging
import SwitchboardCore
import SwitchboardStorage

/// Agents sign in with email and password and get a session cookie; customers come in with a
/// shop-signed identity token or a one-time magic link.
struct AuthController: Sendable {
    let desk: Desk

    func register(on router: Router<DeskRequestContext>) {
        let auth = router.group("api/v1/auth")
        auth.post("sign-in", use: signIn)
        auth.post("sign-out", use: signOut)
        auth.get("me", use: me)
        let customers = router.group("api/v1/customer-auth")
        customers.post("identity", use: identity)
        customers.post("magic-link", use: requestMagicLink)
        customers.post("magic-link/redeem", use: redeemMagicLink)
    }

    struct SignInRequest: Decodable {
        var email: String
        var password: String
    }

    @Sendable func signIn(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(SignInRequest.self, from: request, limit: 16 * 1024)
        switch try await authenticateAgent(email: body.email, password: body.password, address: context.clientAddress) {
        case .paused(let wait):
            var headers = HTTPFields()
            headers[.retryAfter] = String(Int(wait.rounded(.up)))
            throw APIError(.tooManyRequests, code: "too_many_attempts", message: "too many failed sign-ins; try again later", headers: headers)
        case .failed:
            throw APIError(.unauthorized, code: "sign_in_failed", message: "the email or password is wrong")
        case .signedIn(let agent, let cookie, let csrf):
            var response = try JSONBody.response(SessionResponse(kind: "agent", agent: AgentResponse(agent), customer: nil, csrfToken: csrf))
            response.setCookie(cookie)
            return response
        }
    }

    /// The outcome of an agent's sign-in attempt, for the API and the sign-in page alike.
    enum AgentSignIn {
        case signedIn(Agent, cookie: Cookie, csrf: String)
        case failed
        /// Too many failures for this account or address; try again after this many seconds.
        case paused(TimeInterval)
    }

    /// Checks an agent's email and password under the sign-in limits and starts a session on success.
    func authenticateAgent(email rawEmail: String, password: String, address: String) async throws -> AgentSignIn {
        let email = rawEmail.trimmingWhitespace().lowercased()
        let now = desk.clock.now()
        if let wait = desk.signInLimiter.retryAfter(account: email, address: address, now: now) { return .paused(wait) }
        let credentials = try await desk.store.agentCredentials(email: email)
        // Check a decoy hash when the account is missing, so timing does not reveal which emails exist.
        let matches = try await desk.passwords.verify(password, against: credentials?.passwordHash ?? PasswordHasher.decoy)
        guard let credentials, credentials.passwordHash != nil, matches, credentials.agent.active else {
            desk.signInLimiter.record(account: email, address: address, now: now)
            return .failed
        }
        desk.signInLimiter.clear(account: email)
        let (cookie, csrf) = try await startSession(.agent(credentials.agent.id), lifetime: desk.configuration.agentSessionLifetime)
        return .signedIn(credentials.agent, cookie: cookie, csrf: csrf)
    }

    @Sendable func signOut(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var response = Response(status: .noContent)
        response.setCookie(try await endSession(context))
        return response
    }

    /// Forgets the caller's session (if any) and returns the cookie that clears it in the browser.
    func endSession(_ context: DeskRequestContext) async throws -> Cookie {
        if let session = context.session {
            try await desk.store.deleteSession(tokenHash: session.tokenHash)
            desk.credentials.forget(session.tokenHash)
        }
        return Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
            secure: desk.configuration.secureCookies, httpOnly: true, sameSite: .lax
        )
    }

    @Sendable func me(_ request: Request, context: DeskRequestContext) async throws -> Response {
        switch try context.requirePrincipal() {
        case .agent(let staff):
            guard let agent = try await desk.store.agent(staff.agentID) else { throw APIError.unauthenticated }
            return try JSONBody.response(SessionResponse(kind: "agent", agent: AgentResponse(agent), customer: nil, csrfToken: context.session?.csrfToken))
        case .customer(let id):
            guard let customer = try await desk.store.customer(id) else { throw APIError.unauthenticated }
            return try JSONBody.response(SessionResponse(kind: "customer", agent: nil, customer: CustomerResponse(customer), csrfToken: context.session?.csrfToken))
        case .integration:
            return try JSONBody.response(SessionResponse(kind: "integration", agent: nil, customer: nil, csrfToken: nil))
        }
    }

    // MARK: Customers

    struct IdentityRequest: Decodable {
        /// The shop's own id for the customer.
        var externalId: String
        /// Hex HMAC-SHA256 of `externalId` with the desk's identity secret, computed by the shop's server.
        var signature: String
        var name: String?
        var email: String?
        var language: String?
    }

    @Sendable func identity(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(IdentityRequest.self, from: request, limit: 16 * 1024)
        let customer = try await verifiedCustomer(
            externalId: body.externalId, signature: body.signature, name: body.name, email: body.email, language: body.language
        )
        return try await customerSession(customer)
    }

    /// The customer a shop vouches for: checks the HMAC of the external id with the desk's secret,
    /// then finds the customer by that identity or creates them.
    func verifiedCustomer(externalId: String, signature: String, name: String?, email: String?, language: String?) async throws -> Customer.ID {
        let identity = try ContactIdentity(kind: .external, value: externalId)
        let secret = try await CustomerIdentitySecret.value(desk)
        guard Secrets.constantTimeEqual(Secrets.hmac(identity.value, key: secret), signature.lowercased()) else {
            throw APIError(.unauthorized, code: "invalid_signature", message: "the identity signature does not match this desk's secret")
        }
        let customer: Customer
        if let existing = try await desk.store.customer(identity: identity) {
            customer = existing
        } else {
            var identities = [identity]
            if let email, let emailIdentity = try? ContactIdentity(kind: .email, value: email),
               try await desk.store.customer(identity: emailIdentity) == nil {
                identities.append(emailIdentity)
            }
            customer = try await desk.store.createCustomer(NewCustomer(
                name: name ?? "Customer \(identity.value.prefix(12))", language: language, identities: identities
            ))
        }
        return customer.mergedInto ?? customer.id
    }

    struct MagicLinkRequest: Decodable {
        var email: String
        /// Where to land after signing in (a path on this desk).
        var next: String?
    }

    @Sendable func requestMagicLink(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(MagicLinkRequest.self, from: request, limit: 16 * 1024)
        try await sendMagicLink(to: body.email, from: context.clientAddress)
        return try JSONBody.response(["status": "sent if the address is known"], status: .accepted)
    }

    /// Mails a one-time sign-in link if the address belongs to a customer. The caller answers the
    /// same either way, so the answer cannot be used to probe for customers.
    /// At most a few links go to one address per window (`magicLinkLimits`), and one client cannot
    /// spray many addresses; past that the request is answered the same but nothing is mailed.
    func sendMagicLink(to email: String, from address: String) async throws {
        let identity = try ContactIdentity(kind: .email, value: email)
        let now = desk.clock.now()
        if desk.magicLinkLimiter.retryAfter(account: identity.value, address: address, now: now) != nil {
            desk.logger.notice("sign-in link not sent: too many requested for this address or from this client")
            return
        }
        desk.magicLinkLimiter.record(account: identity.value, address: address, now: now)
        guard let customer = try await desk.store.customer(identity: identity) else { return }
        let token = Secrets.token()
        try await desk.store.createMagicLink(
            tokenHash: Secrets.hash(token), customer: customer.mergedInto ?? customer.id, at: now,
            expiresAt: now.addingTimeInterval(desk.configuration.magicLinkLifetime)
        )
        let link = "\(desk.configuration.baseURL)/portal/sign-in?token=\(token)"
        try await desk.mailer.send(OutgoingMail(
            to: identity.value, subject: "Your sign-in link",
            body: "Open this link to see your requests. It works once, for \(Int(desk.configuration.magicLinkLifetime / 60)) minutes:\n\(link)\n"
        ))
    }

    struct RedeemRequest: Decodable {
        var token: String
    }

    @Sendable func redeemMagicLink(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(RedeemRequest.self, from: request, limit: 16 * 1024)
        return try await customerSession(try await redeem(token: body.token))
    }

    /// The customer a one-time sign-in link belongs to; the link is used up.
    func redeem(token: String) async throws -> Customer.ID {
        guard token.count < 200, let customer = try await desk.store.redeemMagicLink(tokenHash: Secrets.hash(token), at: desk.clock.now()) else {
            throw APIError(.unauthorized, code: "invalid_link", message: "this sign-in link is used, expired or unknown; ask for a new one")
        }
        return customer
    }

    private func customerSession(_ id: Customer.ID) async throws -> Response {
        guard let customer = try await desk.store.customer(id) else { throw APIError.notFound("customer") }
        let (cookie, csrf) = try await startSession(.customer(id), lifetime: desk.configuration.customerSessionLifetime)
        var response = try JSONBody.response(SessionResponse(kind: "customer", agent: nil, customer: CustomerResponse(customer), csrfToken: csrf))
        response.setCookie(cookie)
        return response
    }

    /// Stores a new session and returns its cookie and CSRF token.
    func startSession(_ subject: StoredSession.Subject, lifetime: TimeInterval) async throws -> (Cookie, String) {
        let token = Secrets.token()
        let csrf = Secrets.token(bytes: 24)
        let now = desk.clock.now()
        try await desk.store.createSession(StoredSession(
            tokenHash: Secrets.hash(token), subject: subject, csrfToken: csrf, createdAt: now, expiresAt: now.addingTimeInterval(lifetime)
        ))
        let cookie = Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: token, maxAge: Int(lifetime), path: "/",
            secure: desk.configuration.secureCookies, httpOnly: true, sameSite: .lax
        )
        return (cookie, csrf)
    }
}

/// What a sign-in returns: who you are and the CSRF token to send with changes.
struct SessionResponse: Encodable {
    let kind: String
    let agent: AgentResponse?
    let customer: CustomerResponse?
    let csrfToken: String?
}

/// The secret shops sign customer identities with: configured, or generated once per desk.
enum CustomerIdentitySecret {
    static func value(_ desk: Desk) async throws -> String {
        if let configured = desk.configuration.identitySecret { return configured }
        return try await desk.store.setting("identity_secret") { Secrets.token(bytes: 32) }
    }
}
