import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

@Suite("Sign-in and sessions")
struct AuthFlowTests {
    static func setPassword(_ desk: TestDesk, _ agent: Agent, _ password: String = "correct horse battery") async throws {
        try await desk.store.setPasswordHash(try await PasswordHasher(cost: 4).hash(password), for: agent.id)
    }

    static func sessionCookie(_ response: TestResponse) -> String? {
        guard let header = response.headers[.setCookie], header.hasPrefix("sb_session=") else { return nil }
        return String(header.dropFirst("sb_session=".count).prefix { $0 != ";" })
    }

    @Test("an agent signs in, uses the cookie with its CSRF token, and signs out")
    func agentSession() async throws {
        try await TestDesk.with { desk in
            try await Self.setPassword(desk, desk.fixture.agent)
            try await desk.client { client in
                let signIn = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"ADA@desk.test","password":"correct horse battery"}"#)
                #expect(signIn.status == .ok)
                let setCookie = try #require(signIn.headers[.setCookie])
                #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
                #expect(!setCookie.contains("Secure"), "no TLS in tests, so no Secure flag")
                let cookie = try #require(Self.sessionCookie(signIn))
                let csrf = try #require(try signIn.json["csrfToken"]?.stringValue)
                let session: HTTPFields = [.cookie: "sb_session=\(cookie)", .contentType: "application/json"]
                let me = try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: session)
                #expect(try me.json["agent"]?["email"]?.stringValue == "ada@desk.test")
                // A change without the CSRF token is refused; with it, it goes through.
                let body = ByteBuffer(string: #"{"status":"open"}"#)
                let forged = try await client.execute(uri: "/api/v1/tickets/\(desk.aliceTicket.number)/status", method: .post, headers: session, body: body)
                #expect(forged.status == .forbidden && forged.errorCode == "csrf_failed")
                var withToken = session
                withToken[AuthenticationMiddleware.csrfHeader] = csrf
                let changed = try await client.execute(uri: "/api/v1/tickets/\(desk.aliceTicket.number)/status", method: .post, headers: withToken, body: body)
                #expect(changed.status == .ok)
                let out = try await client.execute(uri: "/api/v1/auth/sign-out", method: .post, headers: withToken)
                #expect(out.status == .noContent)
                #expect(try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: session).status == .unauthorized)
            }
        }
    }

    @Test("secure cookies behind TLS")
    func secureCookie() async throws {
        try await TestDesk.with(configure: { $0.publicURL = "https://help.example.com" }) { desk in
            try await Self.setPassword(desk, desk.fixture.agent)
            try await desk.client { client in
                let signIn = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"ada@desk.test","password":"correct horse battery"}"#)
                #expect(signIn.headers[.setCookie]?.contains("Secure") == true)
            }
        }
    }

    @Test("failed sign-ins pause the account, but never the customer's way in")
    func rateLimit() async throws {
        try await TestDesk.with { desk in
            try await Self.setPassword(desk, desk.fixture.agent)
            try await desk.client { client in
                for _ in 0..<5 {
                    let wrong = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"ada@desk.test","password":"wrong password"}"#)
                    #expect(wrong.status == .unauthorized && wrong.errorCode == "sign_in_failed")
                }
                let paused = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"ada@desk.test","password":"correct horse battery"}"#)
                #expect(paused.status == .tooManyRequests)
                #expect(Int(paused.headers[.retryAfter] ?? "") ?? 0 > 0)
                // Another agent on the same address can still sign in (the address limit is higher).
                try await Self.setPassword(desk, desk.fixture.supervisor)
                let other = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"sam@desk.test","password":"correct horse battery"}"#)
                #expect(other.status == .ok)
                // The customer entry is untouched by the limiter.
                let customer = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: Shop.body("shop-user-42", issuedAt: Shop.now(desk)))
                #expect(customer.status == .ok)
                // After the delay the account may try again.
                desk.clock.advance(by: 2)
                let later = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"ada@desk.test","password":"correct horse battery"}"#)
                #expect(later.status == .ok)
            }
        }
    }

    @Test("a browser the agent signed in from before is not paused by failures from elsewhere; a forged or borrowed device cookie is")
    func knownDevice() async throws {
        try await TestDesk.with { desk in
            try await Self.setPassword(desk, desk.fixture.agent)
            try await Self.setPassword(desk, desk.fixture.supervisor)
            try await desk.client { client in
                func signIn(_ email: String, _ password: String, device: String? = nil) async throws -> TestResponse {
                    let headers: HTTPFields = device.map { [.cookie: "\(SignInDevices.cookieName)=\($0)"] } ?? [:]
                    return try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"\#(email)","password":"\#(password)"}"#, headers: headers)
                }
                func deviceCookie(_ response: TestResponse) -> String? {
                    response.headers[values: .setCookie].first { $0.hasPrefix("\(SignInDevices.cookieName)=") }
                        .map { String($0.dropFirst(SignInDevices.cookieName.count + 1).prefix { $0 != ";" }) }
                }
                let first = try await signIn("ada@desk.test", "correct horse battery")
                let laptop = try #require(deviceCookie(first))
                #expect(first.headers[values: .setCookie].contains { $0.hasPrefix("sb_device=") && $0.contains("HttpOnly") })
                let sams = try #require(deviceCookie(try await signIn("sam@desk.test", "correct horse battery")))
                // Someone guesses Ada's password from the same network until it pauses.
                for _ in 0..<6 { _ = try await signIn("ada@desk.test", "guess") }
                #expect(try await signIn("ada@desk.test", "correct horse battery").status == .tooManyRequests)
                // Ada's laptop still gets in, and keeps its device id.
                let again = try await signIn("ada@desk.test", "correct horse battery", device: laptop)
                #expect(again.status == .ok)
                #expect(deviceCookie(again)?.split(separator: ".").dropFirst().first == laptop.split(separator: ".").dropFirst().first)
                // Sam's device cookie, or a forged one, is not Ada's device.
                #expect(try await signIn("ada@desk.test", "correct horse battery", device: sams).status == .tooManyRequests)
                let forged = laptop.split(separator: ".").prefix(2).joined(separator: ".") + "." + String(repeating: "0", count: 64)
                #expect(try await signIn("ada@desk.test", "correct horse battery", device: forged).status == .tooManyRequests)
            }
        }
    }

    @Test("behind a trusted proxy, sign-in failures count against the forwarded client; without one the header is ignored")
    func trustedProxy() async throws {
        for trusted in [true, false] {
            try await TestDesk.with(configure: { if trusted { $0.trustedProxies = TrustedProxies([IPRange("127.0.0.0/8")!, IPRange("::1")!]) } }) { desk in
                try await Self.setPassword(desk, desk.fixture.agent)
                try await desk.live { client in
                    func signIn(_ password: String, from forwarded: String) async throws -> HTTPResponse.Status {
                        try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"ada@desk.test","password":"\#(password)"}"#, headers: [HTTPField.Name("X-Forwarded-For")!: forwarded]).status
                    }
                    for _ in 0..<6 { _ = try await signIn("guess", from: "203.0.113.9") }
                    // A client cannot escape by writing another address on the left.
                    #expect(try await signIn("correct horse battery", from: "192.0.2.50, 203.0.113.9") == .tooManyRequests)
                    // Ada, at her own address, is a different client only when the proxy is trusted.
                    #expect(try await signIn("correct horse battery", from: "198.51.100.7") == (trusted ? .ok : .tooManyRequests))
                }
            }
        }
    }

    @Test("a new password or a deactivation ends the agent's other sessions; nothing else is revoked")
    func sessionsEnd() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                try await Self.setPassword(desk, desk.fixture.agent)
                try await Self.setPassword(desk, desk.fixture.admin)
                func signIn(_ email: String, _ password: String = "correct horse battery") async throws -> (cookie: String, csrf: String) {
                    let response = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"\#(email)","password":"\#(password)"}"#)
                    return (try #require(Self.sessionCookie(response)), try #require(try response.json["csrfToken"]?.stringValue))
                }
                func me(_ session: (cookie: String, csrf: String)) async throws -> HTTPResponse.Status {
                    try await client.execute(uri: "/api/v1/auth/me", method: .get, headers: [.cookie: "sb_session=\(session.cookie)"]).status
                }
                func patch(_ session: (cookie: String, csrf: String), _ agent: Agent, _ json: String) async throws -> HTTPResponse.Status {
                    let headers: HTTPFields = [.cookie: "sb_session=\(session.cookie)", AuthenticationMiddleware.csrfHeader: session.csrf, .contentType: "application/json"]
                    return try await client.execute(uri: "/api/v1/agents/\(agent.id)", method: .patch, headers: headers, body: ByteBuffer(string: json)).status
                }
                // An admin sets a new password for the agent: both of the agent's sessions end.
                let phone = try await signIn("ada@desk.test"), laptop = try await signIn("ada@desk.test")
                let admin = try await signIn("ann@desk.test")
                #expect(try await me(phone) == .ok)
                #expect(try await patch(admin, desk.fixture.agent, #"{"password":"a brand new passphrase"}"#) == .ok)
                #expect(try await me(phone) == .unauthorized)
                #expect(try await me(laptop) == .unauthorized)
                // The integrations' tokens are untouched.
                #expect(try await client.call(desk, .readToken, .get, "/api/v1/tickets").status == .ok)
                // The admin changes their own password: the session they use stays, their others end.
                let adminElsewhere = try await signIn("ann@desk.test")
                #expect(try await patch(admin, desk.fixture.admin, #"{"password":"another long passphrase"}"#) == .ok)
                #expect(try await me(admin) == .ok)
                #expect(try await me(adminElsewhere) == .unauthorized)
                // A deactivated agent's sessions are gone, not just refused: reactivating them does not revive one.
                let ada = try await signIn("ada@desk.test", "a brand new passphrase")
                #expect(try await patch(admin, desk.fixture.agent, #"{"active":false}"#) == .ok)
                #expect(try await patch(admin, desk.fixture.agent, #"{"active":true}"#) == .ok)
                #expect(try await me(ada) == .unauthorized)
                // A password too short changes nothing, the other fields of the request included.
                #expect(try await patch(admin, desk.fixture.agent, #"{"name":"Renamed","password":"short"}"#) == .badRequest)
                #expect(try await desk.store.agent(desk.fixture.agent.id)?.name == desk.fixture.agent.name)
            }
        }
    }

    @Test("a shop-signed identity signs a customer in, creating them once, with the email the shop signed")
    func identityToken() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let body = Shop.body("u-777", email: "Dana@Example.com", name: "Dana", issuedAt: Shop.now(desk))
                let first = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: body)
                #expect(first.status == .ok)
                let id = try #require(try first.json["customer"]?["id"]?.numberValue)
                let second = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: body)
                #expect(try second.json["customer"]?["id"]?.numberValue == id)
                #expect(try await desk.store.customer(identity: ContactIdentity(kind: .email, value: "dana@example.com"))?.id.rawValue == Int64(id))
                let cookie = try #require(Self.sessionCookie(first))
                let tickets = try await client.execute(uri: "/api/v1/tickets", method: .get, headers: [.cookie: "sb_session=\(cookie)"])
                #expect(try tickets.json["tickets"]?.arrayValue?.isEmpty == true)
                let forged = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: Shop.body(
                    "u-778", issuedAt: Shop.now(desk), signature: Shop.signature("u-777", issuedAt: Shop.now(desk))
                ))
                #expect(forged.status == .unauthorized && forged.errorCode == "invalid_signature")
                // The form of the first release (a signature over the id alone) no longer signs anyone in.
                let old = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: #"{"externalId":"u-777","signature":"\#(Secrets.hmac("u-777", key: TestDesk.secret))"}"#)
                #expect(old.status == .badRequest && old.errorField == "issuedAt")
            }
        }
    }

    @Test("an email the shop did not sign is not believed: a shopper cannot claim another customer's address")
    func unsignedEmail() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let now = Shop.now(desk)
                // Mallory's shop session is real, but the address is added after the shop signed.
                let claimed = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: Shop.body(
                    "mallory-1", email: "victim@example.com", issuedAt: now, signature: Shop.signature("mallory-1", issuedAt: now)
                ))
                #expect(claimed.status == .unauthorized && claimed.errorCode == "invalid_signature")
                #expect(try await desk.store.customer(identity: ContactIdentity(kind: .email, value: "victim@example.com")) == nil)
                // On the page link too.
                let link = "/portal/enter?externalId=mallory-1&email=victim%40example.com&issuedAt=\(now)&signature=\(Shop.signature("mallory-1", issuedAt: now))"
                let page = try await client.execute(uri: link, method: .get)
                #expect(page.status == .unauthorized && WebPageTests.cookie(page, "sb_session") == nil)
                #expect(try await desk.store.customer(identity: ContactIdentity(kind: .email, value: "victim@example.com")) == nil)
                // Even a signed address that belongs to another customer stays theirs: the shopper
                // is signed in as themselves and sees none of Alice's requests.
                let signed = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: Shop.body("mallory-1", email: "alice@example.com", issuedAt: now))
                #expect(signed.status == .ok)
                #expect(try signed.json["customer"]?["id"]?.numberValue != Double(desk.fixture.alice.id.rawValue))
                #expect(try await desk.store.customer(identity: ContactIdentity(kind: .email, value: "alice@example.com"))?.id == desk.fixture.alice.id)
                let cookie = try #require(Self.sessionCookie(signed))
                let tickets = try await client.execute(uri: "/api/v1/tickets", method: .get, headers: [.cookie: "sb_session=\(cookie)"])
                #expect(try tickets.json["tickets"]?.arrayValue?.isEmpty == true)
            }
        }
    }

    @Test("a shop's signed identity is good for ten minutes after the shop signed it, and not from the future")
    func identityExpires() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let fresh = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: Shop.body("u-1", issuedAt: Shop.now(desk, offset: -9 * 60)))
                #expect(fresh.status == .ok)
                let old = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: Shop.body("u-1", issuedAt: Shop.now(desk, offset: -11 * 60)))
                #expect(old.status == .unauthorized && old.errorCode == "identity_expired")
                let ahead = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: Shop.body("u-1", issuedAt: Shop.now(desk, offset: 10 * 60)))
                #expect(ahead.status == .unauthorized && ahead.errorCode == "identity_expired")
            }
        }
    }

    @Test("a magic link works once, and unknown addresses get the same answer")
    func magicLink() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let unknown = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/magic-link", json: #"{"email":"stranger@example.com"}"#)
                #expect(unknown.status == .accepted)
                #expect(desk.mailer.outbox.isEmpty)
                let known = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/magic-link", json: #"{"email":"Alice@Example.com"}"#)
                #expect(known.status == .accepted)
                #expect(String(buffer: known.body) == String(buffer: unknown.body))
                let mail = try #require(desk.mailer.outbox.first)
                #expect(mail.to == "alice@example.com")
                let token = try #require(mail.body.components(separatedBy: "token=").last?.components(separatedBy: "\n").first)
                let redeemed = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/magic-link/redeem", json: #"{"token":"\#(token)"}"#)
                #expect(redeemed.status == .ok)
                #expect(try redeemed.json["customer"]?["id"]?.numberValue == Double(desk.fixture.alice.id.rawValue))
                let again = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/magic-link/redeem", json: #"{"token":"\#(token)"}"#)
                #expect(again.status == .unauthorized && again.errorCode == "invalid_link")
            }
        }
    }

    @Test("sign-in links cannot flood an inbox: past the limit the answer is the same and nothing is mailed")
    func magicLinkFlood() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                var answers: Set<String> = []
                for _ in 0..<6 {
                    let asked = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/magic-link", json: #"{"email":"alice@example.com"}"#)
                    #expect(asked.status == .accepted)
                    answers.insert(String(buffer: asked.body))
                }
                #expect(answers.count == 1, "the answer never says whether a link went out")
                #expect(desk.mailer.outbox.count == 3, "three links per address per quarter hour")
                // The links already sent still work: the customer is never locked out of support.
                let token = try #require(desk.mailer.outbox.first?.body.components(separatedBy: "token=").last?.components(separatedBy: "\n").first)
                #expect(try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/magic-link/redeem", json: #"{"token":"\#(token)"}"#).status == .ok)
                // Another customer's address is counted on its own (the same client is under its own, higher limit).
                _ = try await desk.store.addIdentity(try ContactIdentity(kind: .email, value: "bob@example.com"), to: desk.fixture.bob.id)
                #expect(try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/magic-link", json: #"{"email":"bob@example.com"}"#).status == .accepted)
                #expect(desk.mailer.outbox.count == 4)
            }
        }
    }

    @Test("a revoked API token stops working at once")
    func revokedToken() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let created = try await client.call(desk, .admin, .post, "/api/v1/api-tokens", json: #"{"name":"Shop sync","scopes":["tickets:read"]}"#)
                #expect(created.status == .created)
                let secret = try #require(try created.json["token"]?.stringValue)
                let id = try #require(try created.json["id"]?.numberValue)
                #expect(secret.hasPrefix("sb_"))
                let bearer: HTTPFields = [.authorization: "Bearer \(secret)"]
                #expect(try await client.execute(uri: "/api/v1/tickets", method: .get, headers: bearer).status == .ok)
                let listed = try await client.call(desk, .admin, .get, "/api/v1/api-tokens")
                #expect(String(buffer: listed.body).contains(secret) == false, "the secret is never shown again")
                #expect(try await client.call(desk, .admin, .delete, "/api/v1/api-tokens/\(Int(id))").status == .ok)
                let after = try await client.execute(uri: "/api/v1/tickets", method: .get, headers: bearer)
                #expect(after.status == .unauthorized && after.errorCode == "invalid_token")
                #expect(try await client.execute(uri: "/api/v1/tickets", method: .get, headers: [.authorization: "Bearer sb_made_up"]).status == .unauthorized)
            }
        }
    }
}
