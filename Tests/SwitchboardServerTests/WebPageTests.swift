import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import SwitchboardWeb
import Testing

@Suite("Pages over HTTP")
struct WebPageTests {
    static func cookie(_ response: TestResponse, _ name: String) -> String? {
        for field in response.headers where field.name == .setCookie && field.value.hasPrefix("\(name)=") {
            return String(field.value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&"))
    }

    static let formType: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test("an agent signs in through the form, sees the queue, and signs out")
    func signInAndOut() async throws {
        try await TestDesk.with { desk in
            try await AuthFlowTests.setPassword(desk, desk.fixture.agent)
            try await desk.client { client in
                // Not signed in: the queue sends you to the sign-in page.
                let queue = try await client.execute(uri: "/agent", method: .get)
                #expect(queue.status == .seeOther && queue.headers[.location] == "/sign-in")

                let page = try await client.execute(uri: "/sign-in", method: .get)
                #expect(page.status == .ok)
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                let formToken = try #require(Self.cookie(page, WebController.formCookie))
                #expect(String(buffer: page.body).contains("value=\"\(formToken)\""))

                // Without the form's token the post is refused (a page on another site cannot sign you in).
                var headers = Self.formType
                let forged = try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                                      body: Self.form([("email", "ada@desk.test"), ("password", "correct horse battery")]))
                #expect(forged.status == .forbidden)

                headers[.cookie] = "\(WebController.formCookie)=\(formToken)"
                let wrong = try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                                     body: Self.form([("csrf", formToken), ("email", "ada@desk.test"), ("password", "nope")]))
                #expect(wrong.status == .unauthorized)
                #expect(String(buffer: wrong.body).contains("That email and password do not match an account."))
                #expect(String(buffer: wrong.body).contains("value=\"ada@desk.test\""), "the email stays filled in")

                let right = try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                                     body: Self.form([("csrf", formToken), ("email", "ADA@desk.test"), ("password", "correct horse battery")]))
                #expect(right.status == .seeOther && right.headers[.location] == "/agent")
                let session = try #require(Self.cookie(right, "sb_session"))

                let signedIn: HTTPFields = [.cookie: "sb_session=\(session)"]
                let all = try await client.execute(uri: "/agent?view=all", method: .get, headers: signedIn)
                #expect(all.status == .ok)
                let html = String(buffer: all.body)
                #expect(html.contains("Kettle leaks"))
                #expect(html.contains(">\(desk.aliceTicket.number)</a>"))

                // Signing out needs the session's token in the form.
                var out = Self.formType
                out[.cookie] = "sb_session=\(session)"
                let forgedOut = try await client.execute(uri: "/sign-out", method: .post, headers: out, body: Self.form([("csrf", "wrong")]))
                #expect(forgedOut.status == .forbidden)
                let csrf = try #require(html.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
                let signedOut = try await client.execute(uri: "/sign-out", method: .post, headers: out, body: Self.form([("csrf", String(csrf))]))
                #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/sign-in")
                #expect(try await client.execute(uri: "/agent", method: .get, headers: signedIn).status == .seeOther)
            }
        }
    }

    @Test("the language comes from ?lang (and is remembered), then the cookie, then the browser")
    func language() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let browser = try await client.execute(uri: "/sign-in", method: .get, headers: [.acceptLanguage: "fa-IR,fa;q=0.9,en;q=0.5"])
                #expect(String(buffer: browser.body).contains("<html lang=\"fa\" dir=\"rtl\">"))
                let chosen = try await client.execute(uri: "/sign-in?lang=zh-CN", method: .get, headers: [.acceptLanguage: "fa"])
                #expect(String(buffer: chosen.body).contains("<html lang=\"zh-Hans\" dir=\"ltr\">"))
                let saved = try #require(Self.cookie(chosen, WebController.languageCookie))
                let later = try await client.execute(uri: "/sign-in", method: .get, headers: [.acceptLanguage: "fa", .cookie: "\(WebController.languageCookie)=\(saved)"])
                #expect(String(buffer: later.body).contains("登录客服工作台"))
            }
        }
    }

    @Test("a hostile subject is shown as text in the queue")
    func escaping() async throws {
        try await TestDesk.with { desk in
            let hostile = "<img src=x onerror=alert(1)> <script>alert(2)</script>"
            _ = try await desk.store.createTicket(
                try desk.fixture.newTicket(hostile, body: "body", team: desk.fixture.orders), actor: .customer(desk.fixture.alice.id), at: desk.clock.now()
            )
            try await desk.client { client in
                let page = try await client.call(desk, .agent, .get, "/agent?view=all")
                let html = String(buffer: page.body)
                #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
                #expect(!html.contains("<img src=x"))
                #expect(!html.contains("<script>alert"))
            }
        }
    }

    @Test("customers and integrations are not agents: the queue sends them to sign in")
    func notForCustomers() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                for role in [Role.alice, .readToken] {
                    let page = try await client.call(desk, role, .get, "/agent?view=all")
                    #expect(page.status == .seeOther, "\(role)")
                }
            }
        }
    }

    @Test("static files are served under their hashed names only, cached for a year")
    func assets() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let css = try await client.execute(uri: StaticAssets.stylesheet.path, method: .get)
                #expect(css.status == .ok)
                #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(css.headers[.contentType] == "text/css; charset=utf-8")
                #expect(try await client.execute(uri: "/static/desk.css", method: .get).status == .notFound)
                #expect(try await client.execute(uri: "/static/..%2F..%2Fetc%2Fpasswd", method: .get).status == .notFound)
            }
        }
    }

    @Test("bad forms get clear errors")
    func badForms() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let json = try await client.execute(uri: "/sign-in", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
                #expect(json.status == .unsupportedMediaType)
                var headers = Self.formType
                headers[.cookie] = "\(WebController.formCookie)=abc"
                let broken = try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: ByteBuffer(string: "csrf=%zz"))
                #expect(broken.status == .badRequest)
                let huge = try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: ByteBuffer(string: "csrf=" + String(repeating: "a", count: 40_000)))
                #expect(huge.status == .contentTooLarge)
            }
        }
    }
}
