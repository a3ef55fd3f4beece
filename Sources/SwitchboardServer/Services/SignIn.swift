import Foundation
import Hummingbird
import Logging
import SwitchboardCore
import SwitchboardStorage

/// Signing in and out, for the API and the pages alike: agents by email and password under the
/// sign-in limits; customers by a shop-signed identity or a one-time link mailed to them.
struct SignIn: Sendable {
    let store: any Store
    let configuration: ServerConfiguration
    let clock: any WallClock
    let mailer: any Mailer
    let passwords: PasswordHasher
    let throttle: SignInThrottle
    let devices: SignInDevices
    let magicLinkLimiter: AttemptLimiter
    let bus: any EventBus
    let customers: CustomerLookup
    let logger: Logger

    init(store: any Store, configuration: ServerConfiguration, clock: any WallClock, mailer: any Mailer, bus: any EventBus, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.mailer = mailer
        self.bus = bus
        self.logger = logger
        customers = CustomerLookup(store: store)
        passwords = PasswordHasher(cost: configuration.bcryptCost)
        throttle = SignInThrottle(policy: configuration.signInPolicy)
        devices = SignInDevices(store: store, secureCookies: configuration.secureCookies)
        magicLinkLimiter = AttemptLimiter(limits: configuration.magicLinkLimits)
    }

    /// The outcome of an agent's sign-in attempt.
    enum AgentSignIn {
        /// With the session's cookie and CSRF token, and the cookie that marks this browser as
        /// one the agent signs in from.
        case signedIn(Agent, cookie: Cookie, csrf: String, device: Cookie)
        case failed
        /// Too many failures from here for this account, or from this address; try again after
        /// this many seconds.
        case paused(TimeInterval)
    }

    /// Checks an agent's email and password under the sign-in throttle and starts a session on
    /// success. `device` is the browser's device cookie, if it sent one.
    func authenticateAgent(email rawEmail: String, password: String, address: String, device: String?) async throws -> AgentSignIn {
        let email = rawEmail.trimmingWhitespace().lowercased()
        let now = clock.now()
        let credentials = try await store.agentCredentials(email: email)
        var knownDevice: String?
        if let credentials { knownDevice = try await devices.knownDevice(device, agent: credentials.agent.id) }
        let source: SignInThrottle.Source = knownDevice.map { SignInThrottle.Source.knownDevice($0) } ?? .address(address)
        // The attempt counts as a failure from here until the password proves right.
        if let wait = throttle.begin(account: email, source: source, address: address, now: now) { return .paused(wait) }
        // Check a decoy of the same cost when the account is missing, so the time taken does not
        // tell which addresses are agents.
        let hash = if let stored = credentials?.passwordHash { stored } else { try await passwords.decoy() }
        let matches = try await passwords.verify(password, against: hash)
        guard let credentials, credentials.passwordHash != nil, matches, credentials.agent.active else { return .failed }
        throttle.succeeded(account: email, source: source, address: address)
        let (cookie, csrf) = try await startSession(.agent(credentials.agent.id), lifetime: configuration.agentSessionLifetime)
        // A password changed, or the agent deactivated, while this one was checked: the change
        // ended every session before this one existed, so this one ends too.
        let current = try await store.agentCredentials(email: email)
        guard current?.passwordHash == credentials.passwordHash, current?.agent.active == true else {
            try await store.deleteSession(tokenHash: Secrets.hash(cookie.value))
            return .failed
        }
        let deviceCookie = try await devices.cookie(for: credentials.agent.id, device: knownDevice)
        return .signedIn(credentials.agent, cookie: cookie, csrf: csrf, device: deviceCookie)
    }

    /// Forgets the caller's session (if any), on every node, and returns the cookie that clears it in the browser.
    func endSession(_ session: StoredSession?) async throws -> Cookie {
        if let session {
            try await store.deleteSession(tokenHash: session.tokenHash)
            bus.announce(.credentialChanged(hash: session.tokenHash))
        }
        return Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: "", maxAge: 0, path: "/",
            secure: configuration.secureCookies, httpOnly: true, sameSite: .lax
        )
    }

    /// Stores a new session and returns its cookie and CSRF token.
    func startSession(_ subject: StoredSession.Subject, lifetime: TimeInterval) async throws -> (Cookie, String) {
        let token = Secrets.token()
        let csrf = Secrets.token(bytes: 24)
        let now = clock.now()
        try await store.createSession(StoredSession(
            tokenHash: Secrets.hash(token), subject: subject, csrfToken: csrf, createdAt: now, expiresAt: now.addingTimeInterval(lifetime)
        ))
        let cookie = Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: token, maxAge: Int(lifetime), path: "/",
            secure: configuration.secureCookies, httpOnly: true, sameSite: .lax
        )
        return (cookie, csrf)
    }

    /// The customer a shop vouches for. The signature must be the shop's HMAC of the claim's
    /// whole payload (`ShopIdentityClaim.signedPayload`), made within `shopLinkLifetime`: a claim
    /// is believed only as signed, and a link copied from a browser stops working soon after.
    /// Finds the customer by the shop's id or creates them; a signed email address becomes their
    /// email identity unless another customer already holds it.
    func verifiedCustomer(_ claim: ShopIdentityClaim, signature: String, language: String?) async throws -> Customer.ID {
        let secret = try await identitySecret()
        guard Secrets.constantTimeEqual(Secrets.hmac(claim.signedPayload, key: secret), signature.lowercased()) else {
            throw APIError(.unauthorized, code: "invalid_signature", message: "the signature does not match this desk's secret over externalId, email, name and issuedAt (see docs/API.md)")
        }
        switch claim.freshness(at: clock.now(), lifetime: configuration.shopLinkLifetime) {
        case .fresh: break
        case .expired:
            throw APIError(.unauthorized, code: "identity_expired", message: "the signed identity was issued more than \(Int(configuration.shopLinkLifetime / 60)) minutes ago; the shop signs a new one for each visit")
        case .issuedInTheFuture:
            throw APIError(.unauthorized, code: "identity_expired", message: "the signed identity's issuedAt is ahead of this desk's clock; check the shop's clock")
        }
        let external = try claim.externalIdentity()
        if let existing = try await store.customer(identity: external) {
            let id = existing.mergedInto ?? existing.id
            // The shop now vouches for an address the customer had not given before: theirs, if free.
            if let email = claim.emailIdentity, !existing.identities.contains(email), try await store.customer(identity: email) == nil {
                _ = try? await store.addIdentity(email, to: id)
            }
            return id
        }
        let name = claim.name ?? "Customer \(external.value.prefix(12))"
        if let email = claim.emailIdentity, try await store.customer(identity: email) == nil {
            do {
                return try await customers.findOrCreate(external, NewCustomer(name: name, language: language, identities: [external, email])).id
            } catch let error as DomainError where error.code == .conflict {
                // Someone took the address in the meantime: the customer comes in without it.
            }
        }
        return try await customers.findOrCreate(external, NewCustomer(name: name, language: language, identities: [external])).id
    }

    /// The secret shops sign customer identities with: configured, or generated once per desk.
    func identitySecret() async throws -> String {
        try await ShopLinks.secret(configured: configuration.identitySecret, store: store)
    }

    /// Mails a one-time sign-in link if the address belongs to a customer. The caller answers the
    /// same either way, so the answer cannot be used to probe for customers.
    /// At most a few links go to one address per window (`magicLinkLimits`), and one client cannot
    /// spray many addresses; past that the request is answered the same but nothing is mailed.
    func sendMagicLink(to email: String, from address: String) async throws {
        guard let identity = try? ContactIdentity(kind: .email, value: email) else {
            throw DomainError.invalidField("email", "email is not an email address")
        }
        let now = clock.now()
        if magicLinkLimiter.retryAfter(account: identity.value, address: address, now: now) != nil {
            logger.notice("sign-in link not sent: too many requested for this address or from this client")
            return
        }
        magicLinkLimiter.record(account: identity.value, address: address, now: now)
        guard let customer = try await store.customer(identity: identity) else { return }
        let token = Secrets.token()
        try await store.createMagicLink(
            tokenHash: Secrets.hash(token), customer: customer.mergedInto ?? customer.id, at: now,
            expiresAt: now.addingTimeInterval(configuration.magicLinkLifetime)
        )
        let link = "\(configuration.baseURL)/portal/sign-in?token=\(token)"
        try await mailer.send(OutgoingMail(
            to: identity.value, subject: "Your sign-in link",
            body: "Open this link to see your requests. It works once, for \(Int(configuration.magicLinkLifetime / 60)) minutes:\n\(link)\n"
        ))
    }

    /// Longer than any token the desk makes; anything longer is not worth a lookup.
    static let maxTokenLength = 200

    /// The customer a one-time sign-in link belongs to; the link is used up.
    func redeem(token: String) async throws -> Customer.ID {
        guard token.count <= Self.maxTokenLength, let customer = try await store.redeemMagicLink(tokenHash: Secrets.hash(token), at: clock.now()) else {
            throw APIError(.unauthorized, code: "invalid_link", message: "this sign-in link is used, expired or unknown; ask for a new one")
        }
        return customer
    }
}
