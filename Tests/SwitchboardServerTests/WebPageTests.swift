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
                let formToken = try #require(Self.cookie(page, Pages.formCookie))
                #expect(String(buffer: page.body).contains("value=\"\(formToken)\""))

                // Without the form's token the post is refused (a page on another site cannot sign you in).
                var headers = Self.formType
                let forged = try await client.execute(uri: "/sign-in", method: .post, headers: headers,
                                                      body: Self.form([("email", "ada@desk.test"), ("password", "correct horse battery")]))
                #expect(forged.status == .forbidden)

                headers[.cookie] = "\(Pages.formCookie)=\(formToken)"
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
                let saved = try #require(Self.cookie(chosen, Pages.languageCookie))
                let later = try await client.execute(uri: "/sign-in", method: .get, headers: [.acceptLanguage: "fa", .cookie: "\(Pages.languageCookie)=\(saved)"])
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
                headers[.cookie] = "\(Pages.formCookie)=abc"
                let broken = try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: ByteBuffer(string: "csrf=%zz"))
                #expect(broken.status == .badRequest)
                let huge = try await client.execute(uri: "/sign-in", method: .post, headers: headers, body: ByteBuffer(string: "csrf=" + String(repeating: "a", count: 40_000)))
                #expect(huge.status == .contentTooLarge)
            }
        }
    }
}

@Suite("Ticket pages over HTTP")
struct TicketPageTests {
    static func post(_ client: any TestClientProtocol, _ desk: TestDesk, _ role: Role, _ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        var headers = WebPageTests.formType
        headers[.cookie] = "sb_session=\(desk.credentials[role]!.cookie!)"
        let csrf = desk.credentials[role]!.csrf!
        return try await client.execute(uri: uri, method: .post, headers: headers, body: WebPageTests.form([("csrf", csrf)] + fields))
    }

    static func get(_ client: any TestClientProtocol, _ desk: TestDesk, _ role: Role, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: "sb_session=\(desk.credentials[role]!.cookie!)"])
    }

    @Test("an agent replies and notes; the customer sees the reply and never the note")
    func replyAndNote() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                let page = try await Self.get(client, desk, .agent, "/agent/tickets/\(number)")
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("My kettle leaks from the bottom"))

                let reply = try await Self.post(client, desk, .agent, "/agent/tickets/\(number)/messages", [("body", "We are sending a new kettle today."), ("visibility", "public")])
                #expect(reply.status == .seeOther && reply.headers[.location] == "/agent/tickets/\(number)")
                let note = try await Self.post(client, desk, .agent, "/agent/tickets/\(number)/messages", [("body", "Supplier batch 7 is faulty"), ("visibility", "internal")])
                #expect(note.status == .seeOther)

                let agentView = String(buffer: try await Self.get(client, desk, .agent, "/agent/tickets/\(number)").body)
                #expect(agentView.contains("We are sending a new kettle today."))
                #expect(agentView.contains("Supplier batch 7 is faulty"))
                #expect(agentView.contains("entry-agent note"), "the note is marked as one")

                let portal = try await Self.get(client, desk, .alice, "/portal/tickets/\(number)")
                #expect(portal.status == .ok)
                let customerView = String(buffer: portal.body)
                #expect(customerView.contains("We are sending a new kettle today."))
                #expect(!customerView.contains("Supplier batch 7"))
                #expect(!customerView.contains("Internal note"))

                // The customer answers from the portal.
                let answer = try await Self.post(client, desk, .alice, "/portal/tickets/\(number)/messages", [("body", "Thank you!"), ("visibility", "internal")])
                #expect(answer.status == .seeOther && answer.headers[.location] == "/portal/tickets/\(number)")
                let messages = try await desk.store.messages(ticket: desk.aliceTicket.id, includeInternal: true)
                #expect(messages.last?.body == "Thank you!" && messages.last?.visibility == .public, "customers cannot write internal notes")
            }
        }
    }

    @Test("a customer cannot open, answer or follow another customer's ticket")
    func otherCustomers() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                #expect(try await Self.get(client, desk, .bob, "/portal/tickets/\(number)").status == .notFound)
                #expect(try await Self.post(client, desk, .bob, "/portal/tickets/\(number)/messages", [("body", "hi")]).status == .notFound)
                #expect(try await Self.get(client, desk, .bob, "/live/tickets/\(number)").status == .notFound)
                #expect(try await Self.get(client, desk, .alice, "/agent/tickets/\(number)").status == .seeOther, "the agent view is for agents")
                let list = String(buffer: try await Self.get(client, desk, .bob, "/portal").body)
                #expect(!list.contains("Kettle leaks"))
                #expect(list.contains("茶叶包装破损"))
            }
        }
    }

    @Test("actions change the ticket; a refused change comes back as a readable error")
    func actions() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                let base = "/agent/tickets/\(number)/change"
                #expect(try await Self.post(client, desk, .agent, base, [("action", "priority"), ("priority", "urgent")]).status == .seeOther)
                #expect(try await Self.post(client, desk, .agent, base, [("action", "tags"), ("tags", "kettle, leak")]).status == .seeOther)
                for status in ["solved", "closed"] {
                    let changed = try await Self.post(client, desk, .agent, base, [("action", "status"), ("status", status)])
                    #expect(changed.headers[.location] == "/agent/tickets/\(number)", "\(status)")
                }
                let ticket = try #require(try await desk.store.ticket(number: number))
                #expect(ticket.priority == .urgent && ticket.tags == ["kettle", "leak"] && ticket.status == .closed)
                // Closed is final: reopening is refused, and the page says why.
                let refused = try await Self.post(client, desk, .agent, base, [("action", "status"), ("status", "open")])
                let location = try #require(refused.headers[.location])
                #expect(location == "/agent/tickets/\(number)?problem=invalid_transition.status")
                let page = String(buffer: try await Self.get(client, desk, .agent, location).body)
                #expect(page.contains("role=\"alert\"") && page.contains("a closed ticket cannot change at all"))
                // In the page's language, not the error's English.
                let persian = String(buffer: try await Self.get(client, desk, .agent, location + "&lang=fa").body)
                #expect(persian.contains("درخواست بسته دیگر تغییر نمی‌کند") && !persian.contains("a closed ticket"))
                // Without the form's token nothing changes.
                var headers = WebPageTests.formType
                headers[.cookie] = "sb_session=\(desk.credentials[.agent]!.cookie!)"
                let forged = try await client.execute(uri: base, method: .post, headers: headers, body: WebPageTests.form([("action", "priority"), ("priority", "low")]))
                #expect(forged.status == .forbidden)
                #expect(try await desk.store.ticket(number: number)?.priority == .urgent)
            }
        }
    }

    @Test("the mailed link opens a page whose button signs the customer in once; opening the link spends nothing")
    func magicLink() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let asked = try await client.call(desk, .anonymous, .post, "/api/v1/customer-auth/magic-link", json: #"{"email":"alice@example.com"}"#)
                #expect(asked.status == .accepted)
                let mail = try #require(desk.mailer.outbox.last)
                let token = String(try #require(mail.body.firstMatch(of: /token=([A-Za-z0-9_\-]+)/)?.1))
                // A mail scanner fetches the link, twice: no session, and the link still works.
                var page = try await client.execute(uri: "/portal/sign-in?token=\(token)&lang=fa", method: .get)
                page = try await client.execute(uri: "/portal/sign-in?token=\(token)&lang=fa", method: .get)
                #expect(page.status == .ok && WebPageTests.cookie(page, "sb_session") == nil)
                #expect(page.headers[.cacheControl] == "no-store")
                let html = String(buffer: page.body)
                #expect(html.contains(#"action="/portal/sign-in/link""#) && html.contains("ادامه به درخواست‌های من"))
                let formCookie = try #require(WebPageTests.cookie(page, Pages.formCookie))
                let csrf = try #require(html.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
                var headers = WebPageTests.formType
                headers[.cookie] = "\(Pages.formCookie)=\(formCookie)"
                // Without the page's form token the button does nothing.
                let forged = try await client.execute(uri: "/portal/sign-in/link", method: .post, headers: headers, body: WebPageTests.form([("token", token)]))
                #expect(forged.status == .forbidden)
                let pressed = try await client.execute(uri: "/portal/sign-in/link", method: .post, headers: headers, body: WebPageTests.form([("csrf", String(csrf)), ("token", token)]))
                #expect(pressed.status == .seeOther && pressed.headers[.location] == "/portal")
                let cookie = try #require(WebPageTests.cookie(pressed, "sb_session"))
                let portal = try await client.execute(uri: "/portal", method: .get, headers: [.cookie: "sb_session=\(cookie)"])
                #expect(String(buffer: portal.body).contains("Kettle leaks"))
                let again = try await client.execute(uri: "/portal/sign-in/link", method: .post, headers: headers, body: WebPageTests.form([("csrf", String(csrf)), ("token", token)]))
                #expect(again.status == .unauthorized && WebPageTests.cookie(again, "sb_session") == nil)
                #expect(String(buffer: again.body).contains("That link was already used or has expired."), "a used link offers a new one")
            }
        }
    }
}

@Suite("Admin page over HTTP")
struct AdminPageTests {
    @Test("admins see the desk's organizations, teams, agents and tokens; others are sent away")
    func access() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let page = try await TicketPageTests.get(client, desk, .admin, "/admin")
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                #expect(html.contains(desk.fixture.platform.name))
                #expect(html.contains(desk.fixture.orders.name))
                #expect(html.contains(desk.fixture.agent.email))
                #expect(html.contains("Europe/") || html.contains("Asia/") || html.contains("UTC"), "teams show their time zone")
                // An agent who is not an admin gets the forbidden page, in their language; a stranger, the sign-in page.
                let forbidden = try await TicketPageTests.get(client, desk, .agent, "/admin")
                #expect(forbidden.status == .forbidden && forbidden.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(try await client.execute(uri: "/admin", method: .get).headers[.location] == "/sign-in")
                #expect(try await TicketPageTests.get(client, desk, .alice, "/admin").headers[.location] == "/sign-in")
                #expect(try await TicketPageTests.post(client, desk, .agent, "/admin/tokens", [("name", "x"), ("scope", "tickets:read")]).status == .forbidden)
            }
        }
    }

    @Test("a token made on the page works once shown, and stops working when revoked")
    func tokens() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let noScopes = try await TicketPageTests.post(client, desk, .admin, "/admin/tokens", [("name", "Shop sync")])
                #expect(noScopes.status == .seeOther && noScopes.headers[.location]?.hasPrefix("/admin?problem=") == true)

                let created = try await TicketPageTests.post(client, desk, .admin, "/admin/tokens",
                                                             [("name", "Shop <sync>"), ("scope", "tickets:read"), ("scope", "customers:read")])
                #expect(created.status == .created)
                let html = String(buffer: created.body)
                let secret = try #require(html.firstMatch(of: /<code class="secret">(sb_[^<]+)<\/code>/)?.1)
                #expect(html.contains("Shop &lt;sync&gt;"))
                let start = try #require(html.range(of: "Shop &lt;sync&gt;</td>"))
                let row = String(html[start.lowerBound...]).components(separatedBy: "</tr>")[0]
                #expect(row.contains("tickets:read") && row.contains("customers:read"))
                let bearer: HTTPFields = [.authorization: "Bearer \(secret)"]
                #expect(try await client.execute(uri: "/api/v1/tickets", method: .get, headers: bearer).status == .ok)
                // Shown once: the overview never repeats it.
                #expect(!String(buffer: try await TicketPageTests.get(client, desk, .admin, "/admin").body).contains(String(secret)))

                let id = try #require(try await desk.store.apiTokens(organization: nil).first { $0.name == "Shop <sync>" }?.id)
                let revoked = try await TicketPageTests.post(client, desk, .admin, "/admin/tokens/\(id)/revoke", [])
                #expect(revoked.status == .seeOther)
                #expect(try await client.execute(uri: "/api/v1/tickets", method: .get, headers: bearer).status == .unauthorized)
            }
        }
    }
}

@Suite("Queue filters over HTTP")
struct QueueFilterTests {
    @Test("status and priority narrow the view, and paging keeps them")
    func filters() async throws {
        try await TestDesk.with { desk in
            _ = try await desk.store.updateTicket(number: desk.aliceTicket.number, commands: [.setPriority(.urgent)], actor: .agent(desk.fixture.agent.id), at: desk.clock.now()) { _ in }
            try await desk.client { client in
                let urgent = String(buffer: try await TicketPageTests.get(client, desk, .agent, "/agent?view=all&priority=urgent").body)
                #expect(urgent.contains("Kettle leaks"))
                #expect(urgent.contains("<option value=\"urgent\" selected>"))
                let low = String(buffer: try await TicketPageTests.get(client, desk, .agent, "/agent?view=all&priority=low").body)
                #expect(!low.contains("Kettle leaks"))
                let solved = String(buffer: try await TicketPageTests.get(client, desk, .agent, "/agent?view=all&status=solved").body)
                #expect(!solved.contains("Kettle leaks"))
                let nonsense = try await TicketPageTests.get(client, desk, .agent, "/agent?view=all&status=%3Cscript%3E&priority=sideways")
                #expect(nonsense.status == .ok && String(buffer: nonsense.body).contains("Kettle leaks"), "unknown filter values are ignored")
            }
        }
    }
}

@Suite("Admin forms over HTTP")
struct AdminFormTests {
    @Test("an admin adds a team and an agent who can then sign in; bad values come back as errors")
    func teamAndAgent() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let badZone = try await TicketPageTests.post(client, desk, .admin, "/admin/teams", [("name", "Night shift"), ("timeZone", "Mars/Olympus"), ("opens", "9"), ("closes", "18")])
                #expect(badZone.headers[.location]?.hasPrefix("/admin?problem=") == true)
                let team = try await TicketPageTests.post(client, desk, .admin, "/admin/teams", [("name", "Night shift"), ("timeZone", "Asia/Tehran"), ("opens", "8"), ("closes", "20")])
                #expect(team.headers[.location] == "/admin")
                let created = try #require(try await desk.store.teams(organization: nil).first { $0.name == "Night shift" })
                #expect(created.hours.timeZone == "Asia/Tehran" && created.hours.days[0].first?.start == 8 * 60 && created.hours.days[6].isEmpty)

                let agent = try await TicketPageTests.post(client, desk, .admin, "/admin/agents", [
                    ("name", "نیلوفر"), ("email", "niloufar@desk.test"), ("role", "agent"), ("team", String(created.id.rawValue)),
                    ("skills", "refund, exchange"), ("languages", "fa, en"), ("password", "a long enough password"),
                ])
                #expect(agent.headers[.location] == "/admin")
                let stored = try #require(try await desk.store.agents(organization: nil).first { $0.email == "niloufar@desk.test" })
                #expect(stored.teamIDs == [created.id])
                #expect(Set(stored.skills) == ["refund", "exchange"] && Set(stored.languages) == ["fa", "en"])
                let page = String(buffer: try await TicketPageTests.get(client, desk, .admin, "/admin").body)
                #expect(page.contains("نیلوفر") && page.contains("Night shift"))
                let signIn = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"niloufar@desk.test","password":"a long enough password"}"#)
                #expect(signIn.status == .ok, "the new agent signs in with the first password")

                let duplicate = try await TicketPageTests.post(client, desk, .admin, "/admin/agents", [("name", "Again"), ("email", "niloufar@desk.test"), ("role", "agent")])
                #expect(duplicate.headers[.location]?.hasPrefix("/admin?problem=") == true)
                let noRole = try await TicketPageTests.post(client, desk, .admin, "/admin/agents", [("name", "X"), ("email", "x@desk.test"), ("role", "owner")])
                #expect(noRole.headers[.location]?.hasPrefix("/admin?problem=") == true)
                #expect(try await TicketPageTests.post(client, desk, .supervisor, "/admin/agents", [("name", "X"), ("email", "y@desk.test"), ("role", "admin")]).status == .forbidden)
            }
        }
    }
}

extension AdminFormTests {
    @Test("an admin changes an agent's role, teams and capacity and deactivates them; no one locks themselves out")
    func editAgent() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let ada = desk.fixture.agent
                let page = String(buffer: try await TicketPageTests.get(client, desk, .admin, "/admin/agents/\(ada.id.rawValue)").body)
                #expect(page.contains("Ada Agent") && page.contains(#"value="\#(desk.fixture.orders.id.rawValue)" checked"#))
                #expect(!page.contains("Tea House service"), "only the agent's own organization's teams are offered")

                let saved = try await TicketPageTests.post(client, desk, .admin, "/admin/agents/\(ada.id.rawValue)", [
                    ("name", "Ada Lovelace"), ("role", "supervisor"), ("team", String(desk.fixture.payments.id.rawValue)),
                    ("skills", "refund"), ("languages", "en, fa"), ("capacity", "5"),
                ])
                #expect(saved.headers[.location] == "/admin")
                let stored = try #require(try await desk.store.agent(ada.id))
                #expect(stored.name == "Ada Lovelace" && stored.role == .supervisor && stored.teamIDs == [desk.fixture.payments.id])
                #expect(stored.capacity == 5 && stored.skills == ["refund"] && !stored.active, "an unticked box deactivates")
                #expect(try await client.call(desk, .agent, .get, "/api/v1/tickets").status == .unauthorized, "a deactivated agent is signed out")

                let foreignTeam = try await TicketPageTests.post(client, desk, .admin, "/admin/agents/\(ada.id.rawValue)", [
                    ("name", "Ada"), ("role", "agent"), ("team", String(desk.fixture.merchantTeam.id.rawValue)), ("capacity", "5"), ("active", "yes"),
                ])
                #expect(foreignTeam.headers[.location]?.hasPrefix("/admin/agents/\(ada.id.rawValue)?problem=") == true)
                #expect(try await desk.store.agent(ada.id)?.teamIDs == [desk.fixture.payments.id])

                let me = desk.fixture.admin
                let selfOff = try await TicketPageTests.post(client, desk, .admin, "/admin/agents/\(me.id.rawValue)", [("name", "Ann"), ("role", "admin"), ("capacity", "10")])
                #expect(selfOff.headers[.location]?.contains("problem=") == true)
                let selfDemoted = try await TicketPageTests.post(client, desk, .admin, "/admin/agents/\(me.id.rawValue)", [("name", "Ann"), ("role", "agent"), ("capacity", "10"), ("active", "yes")])
                #expect(selfDemoted.headers[.location]?.contains("problem=") == true)
                let admin = try #require(try await desk.store.agent(me.id))
                #expect(admin.active && admin.role == .admin)
                let ownPage = String(buffer: try await TicketPageTests.get(client, desk, .admin, "/admin/agents/\(me.id.rawValue)").body)
                #expect(ownPage.contains("another admin can change your role"))

                #expect(try await TicketPageTests.get(client, desk, .admin, "/admin/agents/999999").status == .notFound)
                #expect(try await TicketPageTests.get(client, desk, .supervisor, "/admin/agents/\(ada.id.rawValue)").status == .forbidden)
                #expect(try await TicketPageTests.post(client, desk, .supervisor, "/admin/agents/\(ada.id.rawValue)", [("name", "X"), ("role", "admin"), ("capacity", "1")]).status == .forbidden)
                #expect(try await desk.store.agent(ada.id)?.role == .supervisor)
            }
        }
    }

    @Test("a platform admin adds a merchant and its first admin, who then manages only that merchant and not the desk's jobs")
    func newMerchant() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let page = String(buffer: try await TicketPageTests.get(client, desk, .admin, "/admin").body)
                #expect(page.contains(#"action="/admin/organizations""#) && page.contains(#"id="new-agent-organization""#))
                #expect(try await TicketPageTests.post(client, desk, .admin, "/admin/organizations", [("name", "")]).headers[.location]?.hasPrefix("/admin?problem=") == true)
                #expect(try await TicketPageTests.post(client, desk, .admin, "/admin/organizations", [("name", "گالری شیراز")]).headers[.location] == "/admin")
                let shop = try #require(try await desk.store.organizations().first { $0.name == "گالری شیراز" })
                #expect(shop.kind == .merchant)

                let added = try await TicketPageTests.post(client, desk, .admin, "/admin/agents", [
                    ("organization", String(shop.id.rawValue)), ("name", "Reza"), ("email", "reza@shiraz.test"), ("role", "admin"),
                    ("password", "a long enough password"),
                ])
                #expect(added.headers[.location] == "/admin")
                let reza = try #require(try await desk.store.agents(organization: shop.id).first)
                #expect(reza.role == .admin && reza.organizationID == shop.id)
                // A platform team is not the new merchant's.
                let wrongTeam = try await TicketPageTests.post(client, desk, .admin, "/admin/agents", [
                    ("organization", String(shop.id.rawValue)), ("name", "Sara"), ("email", "sara@shiraz.test"), ("role", "agent"),
                    ("team", String(desk.fixture.orders.id.rawValue)),
                ])
                #expect(wrongTeam.headers[.location]?.hasPrefix("/admin?problem=") == true)

                // The merchant's admin signs in and sees only their merchant; they cannot add organizations or agents elsewhere.
                let signIn = try await client.call(desk, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"reza@shiraz.test","password":"a long enough password"}"#)
                let cookie = try #require(WebPageTests.cookie(signIn, "sb_session"))
                let csrf = try #require(try signIn.json["csrfToken"]?.stringValue)
                let headers: HTTPFields = [.cookie: "sb_session=\(cookie)"]
                let theirs = String(buffer: try await client.execute(uri: "/admin", method: .get, headers: headers).body)
                #expect(theirs.contains("گالری شیراز") && !theirs.contains("Tea House") && !theirs.contains(#"action="/admin/organizations""#))
                // The desk's background jobs are the platform's alone.
                #expect(!theirs.contains(#"href="/admin/jobs""#))
                #expect(try await client.execute(uri: "/admin/jobs", method: .get, headers: headers).status == .forbidden)
                var form = headers
                form[.contentType] = "application/x-www-form-urlencoded"
                let refused = try await client.execute(uri: "/admin/organizations", method: .post, headers: form, body: WebPageTests.form([("csrf", csrf), ("name", "Mine too")]))
                #expect(refused.status == .forbidden)
                let elsewhere = try await client.execute(uri: "/admin/agents", method: .post, headers: form, body: WebPageTests.form([
                    ("csrf", csrf), ("organization", String(desk.fixture.platform.id.rawValue)), ("name", "Mallory"), ("email", "m@x.test"), ("role", "admin"),
                ]))
                #expect(elsewhere.status == .forbidden)
                #expect(try await desk.store.agents(organization: nil).contains { $0.email == "m@x.test" } == false)
            }
        }
    }

    @Test("an admin sets a team's zone and hours day by day, split shifts and Persian digits included")
    func editTeam() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let team = desk.fixture.orders
                let page = String(buffer: try await TicketPageTests.get(client, desk, .admin, "/admin/teams/\(team.id.rawValue)").body)
                #expect(page.contains("09:00–18:00") && page.contains("Asia/Shanghai"))
                var fields: [(String, String)] = [("name", "Orders & delivery"), ("timeZone", "Europe/London"), ("day0", "09:00–12:00, 13:00-18:00"), ("day5", "۱۰:۰۰–۱۴:۰۰")]
                fields += (1...4).map { ("day\($0)", "8-20") } + [("day6", "")]
                #expect(try await TicketPageTests.post(client, desk, .admin, "/admin/teams/\(team.id.rawValue)", fields).headers[.location] == "/admin")
                let stored = try #require(try await desk.store.team(team.id))
                #expect(stored.name == "Orders & delivery" && stored.hours.timeZone == "Europe/London")
                #expect(stored.hours.days[0] == [.init(start: 540, end: 720), .init(start: 780, end: 1080)])
                #expect(stored.hours.days[1] == [.init(start: 480, end: 1200)] && stored.hours.days[5] == [.init(start: 600, end: 840)] && stored.hours.days[6].isEmpty)

                for bad in ["25:00–26:00", "18:00–09:00", "09:00–12:00, 11:00–13:00", "nine to five"] {
                    let refused = try await TicketPageTests.post(client, desk, .admin, "/admin/teams/\(team.id.rawValue)", [("name", "Orders"), ("timeZone", "Europe/London"), ("day0", bad)])
                    #expect(refused.headers[.location]?.hasPrefix("/admin/teams/\(team.id.rawValue)?problem=") == true, "\(bad)")
                }
                #expect(try await desk.store.team(team.id)?.hours.days[0].count == 2, "a refused change leaves the hours as they were")
                #expect(try await TicketPageTests.get(client, desk, .agent, "/admin/teams/\(team.id.rawValue)").status == .forbidden)
                #expect(try await TicketPageTests.post(client, desk, .agent, "/admin/teams/\(team.id.rawValue)", [("name", "Mine"), ("timeZone", "UTC")]).status == .forbidden)
            }
        }
    }
}

@Suite("Shop entry to the portal")
struct PortalEntryTests {
    @Test("a shop-signed link signs the customer in; a forged, altered or old one leads back to the shop")
    func signedLink() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let now = Shop.now(desk)
                let signature = Shop.signature("shop-77", name: "Zhang Wei", issuedAt: now)
                let entered = try await client.execute(uri: "/portal/enter?externalId=shop-77&name=Zhang%20Wei&issuedAt=\(now)&signature=\(signature)", method: .get)
                #expect(entered.status == .seeOther && entered.headers[.location] == "/portal")
                let cookie = try #require(WebPageTests.cookie(entered, "sb_session"))
                let portal = try await client.execute(uri: "/portal", method: .get, headers: [.cookie: "sb_session=\(cookie)"])
                #expect(String(buffer: portal.body).contains("Zhang Wei"))
                // Another name than the one signed.
                let altered = try await client.execute(uri: "/portal/enter?externalId=shop-77&name=Admin&issuedAt=\(now)&signature=\(signature)", method: .get)
                #expect(altered.status == .unauthorized && WebPageTests.cookie(altered, "sb_session") == nil)
                #expect(String(buffer: altered.body).contains("This help link does not work"))
                let forged = try await client.execute(uri: "/portal/enter?externalId=shop-77&issuedAt=\(now)&signature=\(String(repeating: "0", count: 64))", method: .get)
                #expect(forged.status == .unauthorized)
                #expect(try await client.execute(uri: "/portal/enter?externalId=shop-77", method: .get).status == .unauthorized)
                // Eleven minutes later the same link is refused, in the customer's language, with the way back to the shop.
                desk.clock.advance(by: 11 * 60)
                let late = try await client.execute(
                    uri: "/portal/enter?externalId=shop-77&name=Zhang%20Wei&issuedAt=\(now)&signature=\(signature)&lang=fa", method: .get,
                    headers: [.referer: "https://shop.example/orders/77"]
                )
                #expect(late.status == .gone && WebPageTests.cookie(late, "sb_session") == nil)
                let html = String(buffer: late.body)
                #expect(html.contains("این لینک پشتیبانی منقضی شده است") && html.contains(#"href="https://shop.example/orders/77""#) && html.contains(#"dir="rtl""#))
                // The queue's live stream is for agents only.
                #expect(try await client.execute(uri: "/live/queue", method: .get, headers: [.cookie: "sb_session=\(cookie)"]).status == .unauthorized)
            }
        }
    }
}

extension PortalEntryTests {
    @Test("the link switchboard shop-link prints signs in, a plus in the address and a Persian name included")
    func shopLinkCommand() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let claim = try ShopIdentityClaim(externalId: "shop 9", email: "mina+tea@example.com", name: "مینا", issuedAt: String(Shop.now(desk)))
                let link = ShopLinks.link(claim, secret: TestDesk.secret, baseURL: "http://desk.test")
                // Python's urlencode and PHP's urlencode write a space as "+".
                let spaced = try ShopIdentityClaim(externalId: "shop-10", email: nil, name: "Nasrin Ahmadi", issuedAt: String(Shop.now(desk)))
                let plus = "/portal/enter?externalId=shop-10&name=Nasrin+Ahmadi&issuedAt=\(spaced.issuedAt)&signature=\(ShopLinks.signature(spaced, secret: TestDesk.secret))"
                #expect(try await client.execute(uri: plus, method: .get).status == .seeOther)
                #expect(ShopLinks.signature(claim, secret: TestDesk.secret) == Shop.signature("shop 9", email: "mina+tea@example.com", name: "مینا", issuedAt: claim.issuedAt))
                let entered = try await client.execute(uri: String(link.dropFirst("http://desk.test".count)), method: .get)
                #expect(entered.status == .seeOther && entered.headers[.location] == "/portal")
                #expect(try await desk.store.customer(identity: ContactIdentity(kind: .email, value: "mina+tea@example.com"))?.name == "مینا")
            }
        }
    }
}

@Suite("Customer sign-in page")
struct PortalSignInPageTests {
    @Test("a customer asks for a link by email; the answer never says whether the address is known")
    func askForLink() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                #expect(try await client.execute(uri: "/portal", method: .get).headers[.location] == "/portal/sign-in")
                let page = try await client.execute(uri: "/portal/sign-in?lang=fa", method: .get)
                #expect(page.status == .ok && String(buffer: page.body).contains("dir=\"rtl\""))
                let token = try #require(WebPageTests.cookie(page, Pages.formCookie))
                var headers = WebPageTests.formType
                headers[.cookie] = "\(Pages.formCookie)=\(token)"
                var answers: [String] = []
                for email in ["alice@example.com", "nobody@example.com", "not an email"] {
                    let sent = try await client.execute(uri: "/portal/sign-in", method: .post, headers: headers, body: WebPageTests.form([("csrf", token), ("email", email)]))
                    #expect(sent.status == .ok)
                    answers.append(String(buffer: sent.body))
                }
                #expect(Set(answers).count == 1, "the same page for known, unknown and malformed addresses")
                #expect(desk.mailer.outbox.count == 1 && desk.mailer.outbox.first?.to == "alice@example.com")
                let forged = try await client.execute(uri: "/portal/sign-in", method: .post, headers: WebPageTests.formType, body: WebPageTests.form([("email", "alice@example.com")]))
                #expect(forged.status == .forbidden)
            }
        }
    }
}
