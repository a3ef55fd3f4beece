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
                let signature = Secrets.hmac("shop-user-42", key: TestDesk.secret)
                let customer = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: #"{"externalId":"shop-user-42","signature":"\#(signature)"}"#)
                #expect(customer.status == .ok)
                // After the window the account may try again.
                desk.clock.advance(by: 16 * 60)
                let later = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"ada@desk.test","password":"correct horse battery"}"#)
                #expect(later.status == .ok)
            }
        }
    }

    @Test("a shop-signed identity signs a customer in, creating them once")
    func identityToken() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let signature = Secrets.hmac("u-777", key: TestDesk.secret)
                let body = #"{"externalId":"u-777","signature":"\#(signature)","name":"Dana","email":"dana@example.com"}"#
                let first = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: body)
                #expect(first.status == .ok)
                let id = try #require(try first.json["customer"]?["id"]?.numberValue)
                let second = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: body)
                #expect(try second.json["customer"]?["id"]?.numberValue == id)
                let cookie = try #require(Self.sessionCookie(first))
                let tickets = try await client.execute(uri: "/api/v1/tickets", method: .get, headers: [.cookie: "sb_session=\(cookie)"])
                #expect(try tickets.json["tickets"]?.arrayValue?.isEmpty == true)
                let forged = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/identity", json: #"{"externalId":"u-778","signature":"\#(signature)"}"#)
                #expect(forged.status == .unauthorized && forged.errorCode == "invalid_signature")
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
