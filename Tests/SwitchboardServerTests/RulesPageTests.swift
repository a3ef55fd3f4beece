import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
@testable import SwitchboardWeb
import Testing

/// The routing and SLA pages: what supervisors change there reaches new cases, a refused change
/// comes back with what was typed and why (in the page's language) and saves nothing.
@Suite("Routing and SLA pages")
struct RulesPageTests {
    /// A page form posted as `role`, in `language` (the page-language cookie).
    static func post(
        _ client: any TestClientProtocol, _ desk: TestDesk, _ role: Role, _ uri: String, _ fields: [(String, String)], language: String = "en"
    ) async throws -> TestResponse {
        var headers = WebPageTests.formType
        headers[.cookie] = "sb_session=\(desk.credentials[role]!.cookie!); \(Pages.languageCookie)=\(language)"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: WebPageTests.form([("csrf", desk.credentials[role]!.csrf!)] + fields))
    }

    static func page(_ client: any TestClientProtocol, _ desk: TestDesk, _ role: Role, _ uri: String) async throws -> (status: HTTPResponse.Status, html: String) {
        let response = try await TicketPageTests.get(client, desk, role, uri)
        return (response.status, String(buffer: response.body))
    }

    static func version(_ client: any TestClientProtocol, _ desk: TestDesk, _ path: String) async throws -> Int {
        Int(try #require(try await client.call(desk, .agent, .get, path).json["version"]?.numberValue))
    }

    /// The words the catalog has for `key` in `language`, as the page's HTML writes them.
    static func words(_ key: String, _ language: UILanguage) -> String {
        (Catalog.strings(language)[key] ?? "(no words for \(key))").replacingOccurrences(of: "'", with: "&#39;")
    }

    /// Opens a ticket as Alice through the API and returns the team routing gave it.
    static func openTicket(_ client: any TestClientProtocol, _ desk: TestDesk, subject: String) async throws -> Team.ID? {
        let response = try await client.call(desk, .alice, .post, "/api/v1/tickets", json: #"{"subject":"\#(subject)","message":"\#(subject)"}"#)
        #expect(response.status == .created)
        let number = try #require(try response.json["ticket"]?["number"]?.numberValue)
        return try await desk.store.ticket(number: Int64(number))?.teamID
    }

    static func rule(name: String, keywords: String, team: Team.ID, version: Int, raise: String = "", tags: String = "") -> [(String, String)] {
        [("version", String(version)), ("name", name), ("keywords", keywords), ("team", String(team.rawValue)), ("raise", raise), ("tags", tags)]
    }

    @Test("a supervisor adds and edits a rule on the page, and the next new case goes where the rule now says")
    func editingRoutes() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let fixture = desk.fixture
                let added = try await Self.post(client, desk, .supervisor, "/admin/routing/rules", Self.rule(name: "Kettles", keywords: "kettle", team: fixture.payments.id, version: 0))
                #expect(added.status == .seeOther && added.headers[.location] == "/admin/routing?saved=1#rule-1")
                #expect(try await Self.openTicket(client, desk, subject: "My kettle leaks") == fixture.payments.id)

                let (_, html) = try await Self.page(client, desk, .supervisor, "/admin/routing?saved=1")
                #expect(html.contains(Self.words("routingSaved", .english)))
                #expect(html.contains("Kettles") && html.contains("→ Payments"), "the rule reads as a sentence")
                #expect(html.contains("“\u{2068}kettle\u{2069}”"))

                let fields = Self.rule(name: "Kettles", keywords: "kettle", team: fixture.orders.id, version: 1, raise: "high", tags: "appliance") + [("channel", "web")]
                let edited = try await Self.post(client, desk, .supervisor, "/admin/routing/rules/0", fields)
                #expect(edited.status == .seeOther)
                let rule = try #require(try await desk.desk.intake.routing.settings.current().body.rules.first)
                #expect(rule.actions.teamID == fixture.orders.id && rule.actions.priority == .high && rule.actions.tags == ["appliance"])
                #expect(rule.conditions.channels == [.web])
                #expect(try await Self.openTicket(client, desk, subject: "Another kettle question") == fixture.orders.id)

                // A second rule, moved above the first, decides first; deleting it hands cases back.
                _ = try await Self.post(client, desk, .supervisor, "/admin/routing/rules", Self.rule(name: "Lids", keywords: "kettle lid", team: fixture.payments.id, version: 2))
                #expect(try await Self.post(client, desk, .supervisor, "/admin/routing/rules/1/move", [("version", "3"), ("direction", "up")]).headers[.location] == "/admin/routing?saved=1#rule-1")
                #expect(try await Self.openTicket(client, desk, subject: "The kettle lid is loose") == fixture.payments.id)
                #expect(try await Self.post(client, desk, .supervisor, "/admin/routing/rules/0/delete", [("version", "4")]).status == .seeOther)
                #expect(try await Self.openTicket(client, desk, subject: "The kettle lid is loose") == fixture.orders.id)

                // The default team and overflow, from their forms.
                #expect(try await Self.post(client, desk, .supervisor, "/admin/routing/default", [("version", "5"), ("team", String(fixture.payments.id.rawValue))]).status == .seeOther)
                #expect(try await Self.openTicket(client, desk, subject: "Hello there") == fixture.payments.id)
                let overflow = try await Self.post(client, desk, .admin, "/admin/routing/overflow", [
                    ("version", "6"), ("from0", String(fixture.orders.id.rawValue)), ("to0", String(fixture.payments.id.rawValue)), ("after0", "۳۰"),
                    ("from1", ""), ("to1", ""), ("after1", ""),
                ])
                #expect(overflow.status == .seeOther)
                let saved = try await desk.desk.intake.routing.settings.current()
                #expect(saved.version == 7 && saved.body.overflow.map(\.afterSeconds) == [1800], "Persian digits are read as minutes")
                let removed = try await Self.post(client, desk, .admin, "/admin/routing/overflow", [
                    ("version", "7"), ("from0", String(fixture.orders.id.rawValue)), ("to0", String(fixture.payments.id.rawValue)), ("after0", "30"), ("remove0", "yes"),
                ])
                #expect(removed.status == .seeOther)
                #expect(try await desk.desk.intake.routing.settings.current().body.overflow.isEmpty)
            }
        }
    }

    @Test("a rule naming a team that does not exist, bad minutes or a bad tag come back with what was typed, in the page's language, and save nothing")
    func refusedRouting() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let fixture = desk.fixture
                let ghost = try await Self.post(client, desk, .supervisor, "/admin/routing/rules", Self.rule(name: "Ghost team rule", keywords: "haunted kettle", team: Team.ID(9999), version: 0), language: "fa")
                #expect(ghost.status == .badRequest)
                let html = String(buffer: ghost.body)
                #expect(html.contains("<html lang=\"fa\" dir=\"rtl\">"))
                #expect(html.contains(Self.words("problem.field.actions.teamId", .persian)))
                #expect(html.contains(#"value="Ghost team rule""#) && html.contains(#"value="haunted kettle""#), "what was typed is shown again")
                #expect(html.contains(#"<details class="card rule-add" id="rule-new-edit" open>"#), "in its form, opened")

                let nothing = try await Self.post(client, desk, .supervisor, "/admin/routing/rules", [("version", "0"), ("name", "Does nothing"), ("team", ""), ("raise", ""), ("tags", "")])
                #expect(nothing.status == .badRequest && String(buffer: nothing.body).contains(Self.words("problem.field.actions", .english)))
                let badTag = try await Self.post(client, desk, .supervisor, "/admin/routing/rules", Self.rule(name: "Tags", keywords: "x", team: fixture.orders.id, version: 0, tags: "no spaces allowed"))
                #expect(badTag.status == .badRequest && String(buffer: badTag.body).contains(Self.words("problem.field.tags", .english)))

                for minutes in ["0", "-5", "soon", ""] {
                    let refused = try await Self.post(client, desk, .supervisor, "/admin/routing/overflow", [
                        ("version", "0"), ("from0", String(fixture.orders.id.rawValue)), ("to0", String(fixture.payments.id.rawValue)), ("after0", minutes),
                    ], language: "zh-Hans")
                    #expect(refused.status == .badRequest, "\(minutes)")
                    let page = String(buffer: refused.body)
                    #expect(page.contains(Self.words("problem.field.afterMinutes", .chinese)), "\(minutes)")
                    #expect(page.contains(#"name="after0" type="text" inputmode="numeric" value="\#(minutes)""#), "the minutes typed stay: \(minutes)")
                }
                let circle = try await Self.post(client, desk, .supervisor, "/admin/routing/overflow", [
                    ("version", "0"), ("from0", String(fixture.orders.id.rawValue)), ("to0", String(fixture.payments.id.rawValue)), ("after0", "10"),
                    ("from1", String(fixture.payments.id.rawValue)), ("to1", String(fixture.orders.id.rawValue)), ("after1", "10"),
                ])
                #expect(circle.status == .badRequest && String(buffer: circle.body).contains(Self.words("problem.field.overflowTeamId", .english)))
                #expect(try await Self.version(client, desk, "/api/v1/routing") == 0, "nothing was saved")
            }
        }
    }

    @Test("a change made from a page read before someone else's save is refused, and the page shows what is saved now")
    func staleVersion() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let fixture = desk.fixture
                #expect(try await Self.post(client, desk, .supervisor, "/admin/routing/rules", Self.rule(name: "First", keywords: "one", team: fixture.orders.id, version: 0)).status == .seeOther)
                let stale = try await Self.post(client, desk, .admin, "/admin/routing/rules", Self.rule(name: "Second", keywords: "two", team: fixture.orders.id, version: 0), language: "fa")
                #expect(stale.status == .conflict)
                let html = String(buffer: stale.body)
                #expect(html.contains(Self.words("problem.conflict.version", .persian)))
                #expect(html.contains("First") && html.contains(#"name="version" value="1""#), "the page as it is now, to redo the change on")
                #expect(try await desk.desk.intake.routing.settings.current().body.rules.map(\.name) == ["First"])

                let staleSLA = try await Self.post(client, desk, .supervisor, "/admin/sla/policies", [("version", "3"), ("name", "Fast"), ("first-response", "30"), ("warning", "75")])
                #expect(staleSLA.status == .conflict && String(buffer: staleSLA.body).contains(Self.words("problem.conflict.version", .english)))
                #expect(try await Self.version(client, desk, "/api/v1/sla-policies") == 0)
            }
        }
    }

    @Test("SLA policies and holidays from the page: a zero, negative or wordy target and a date that is not a day are refused; good ones are listed as saved")
    func slaPolicies() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let fixture = desk.fixture
                func policy(_ first: String, resolution: String = "1440", warning: String = "80") -> [(String, String)] {
                    [("version", "0"), ("name", "Quick"), ("priority", "urgent"), ("first-response", first), ("next-response", ""), ("resolution", resolution),
                     ("clock", "calendar"), ("paused", "pending-customer"), ("warning", warning), ("step", "raise-priority"), ("step", "notify-assignee")]
                }
                for (first, key) in [("0", "problem.field.targets.first-response"), ("-15", "problem.field.targets.first-response"), ("fifteen", "problem.field.targets.first-response")] {
                    let refused = try await Self.post(client, desk, .supervisor, "/admin/sla/policies", policy(first), language: "fa")
                    #expect(refused.status == .badRequest, "\(first)")
                    let html = String(buffer: refused.body)
                    #expect(html.contains(Self.words(key, .persian)), "\(first)")
                    #expect(html.contains(#"value="\#(first)""#) && html.contains(#"value="Quick""#), "what was typed stays: \(first)")
                }
                let none = try await Self.post(client, desk, .supervisor, "/admin/sla/policies", policy("", resolution: ""), language: "fa")
                #expect(none.status == .badRequest && String(buffer: none.body).contains(Self.words("problem.field.targets", .persian)), "a policy promises something")
                let warning = try await Self.post(client, desk, .supervisor, "/admin/sla/policies", policy("30", warning: "150"))
                #expect(warning.status == .badRequest && String(buffer: warning.body).contains(Self.words("problem.field.warningShare", .english)))
                #expect(try await Self.version(client, desk, "/api/v1/sla-policies") == 0, "nothing was saved")

                let added = try await Self.post(client, desk, .supervisor, "/admin/sla/policies", policy("30"))
                #expect(added.status == .seeOther && added.headers[.location] == "/admin/sla?saved=1#policy-1")
                let saved = try #require(try await desk.desk.sla.settings.current().body.policies.first)
                #expect(saved.targets == [.firstResponse: 1800, .resolution: 86_400] && !saved.businessTime && saved.pausedWhile == [.pendingCustomer])
                #expect(saved.escalation == [.notifyAssignee, .raisePriority], "the steps in the page's fixed order")
                #expect(abs(saved.warningShare - 0.8) < 0.0001)
                let (_, html) = try await Self.page(client, desk, .agent, "/admin/sla?lang=en")
                #expect(html.contains("First reply 30 min") && html.contains("Resolution 24 h") && html.contains("warning at 80%"))

                // Holidays: a date that is not a day is refused with the text kept; names after dates are dropped.
                let team = "/admin/sla/holidays/\(fixture.orders.id.rawValue)"
                let bad = try await Self.post(client, desk, .supervisor, team, [("version", "1"), ("days", "2026-12-25 Christmas\n2027-02-30 Not a day")], language: "zh-Hans")
                #expect(bad.status == .badRequest)
                #expect(String(buffer: bad.body).contains(Self.words("problem.field.holidays", .chinese)))
                #expect(String(buffer: bad.body).contains("2027-02-30 Not a day</textarea>"))
                #expect(try await desk.desk.sla.settings.current().body.holidays.isEmpty, "nothing was saved")
                let good = try await Self.post(client, desk, .supervisor, team, [("version", "1"), ("days", "2026-12-25 Christmas\n\n۲۰۲۷-۰۱-۰۱ New Year\n2026-12-25")])
                #expect(good.status == .seeOther)
                #expect(try await desk.desk.sla.settings.current().body.holidays[fixture.orders.id] == ["2026-12-25", "2027-01-01"])
                #expect(try await Self.post(client, desk, .supervisor, "/admin/sla/holidays/9999", [("version", "2"), ("days", "2026-12-25")]).status == .notFound)
            }
        }
    }

    @Test("agents read the rules without edit controls and cannot save; merchant staff and customers are kept out; the header links supervisors")
    func access() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                for path in ["/admin/routing", "/admin/sla"] {
                    let (status, html) = try await Self.page(client, desk, .agent, path)
                    #expect(status == .ok && html.contains(Self.words("rulesReadOnly", .english)), "\(path)")
                    #expect(!html.contains("<form class=\"rule-form\""), "no edit forms for an agent: \(path)")
                    #expect(try await Self.page(client, desk, .merchantAgent, path).status == .forbidden, "\(path)")
                    #expect(try await TicketPageTests.get(client, desk, .alice, path).headers[.location] == "/sign-in", "\(path)")
                    let editable = try await Self.page(client, desk, .supervisor, path)
                    #expect(editable.status == .ok && editable.html.contains("<form class=\"rule-form\"") && !editable.html.contains(Self.words("rulesReadOnly", .english)))
                }
                let fixture = desk.fixture
                let posts: [(String, [(String, String)])] = [
                    ("/admin/routing/rules", Self.rule(name: "Mine", keywords: "x", team: fixture.orders.id, version: 0)),
                    ("/admin/routing/default", [("version", "0"), ("team", String(fixture.orders.id.rawValue))]),
                    ("/admin/routing/overflow", [("version", "0")]),
                    ("/admin/sla/policies", [("version", "0"), ("name", "Mine"), ("first-response", "30"), ("warning", "75")]),
                    ("/admin/sla/holidays/\(fixture.orders.id.rawValue)", [("version", "0"), ("days", "2026-12-25")]),
                ]
                for (path, fields) in posts {
                    #expect(try await Self.post(client, desk, .agent, path, fields).status == .forbidden, "\(path)")
                    #expect(try await Self.post(client, desk, .merchantAgent, path, fields).status == .forbidden, "\(path)")
                }
                #expect(try await Self.version(client, desk, "/api/v1/routing") == 0)
                #expect(try await Self.version(client, desk, "/api/v1/sla-policies") == 0)

                let link = #"<a href="/admin/routing">"#
                #expect(try await Self.page(client, desk, .supervisor, "/agent").html.contains(link))
                #expect(try await Self.page(client, desk, .admin, "/admin").html.contains(link), "from the admin overview too")
                #expect(try await !Self.page(client, desk, .agent, "/agent").html.contains(link))
                #expect(try await !Self.page(client, desk, .merchantAgent, "/agent").html.contains(link))
            }
        }
    }

    @Test("the team page refuses a time zone that does not exist and hours that run backwards or overlap, in the page's language")
    func teamHours() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let path = "/admin/teams/\(desk.fixture.orders.id.rawValue)"
                let cases: [(String, String, String)] = [
                    ("Mars/Olympus", "09:00–18:00", "problem.field.timeZone"),
                    ("Asia/Tehran", "18:00–09:00", "problem.field.hours"),
                    ("Asia/Tehran", "09:00–13:00, 12:00–17:00", "problem.field.hours"),
                ]
                for (zone, hours, key) in cases {
                    let refused = try await Self.post(client, desk, .admin, path, [("name", "Orders"), ("timeZone", zone), ("day0", hours)], language: "fa")
                    let location = try #require(refused.headers[.location], "\(zone) \(hours)")
                    var headers: HTTPFields = [:]
                    headers[.cookie] = "sb_session=\(desk.credentials[.admin]!.cookie!); \(Pages.languageCookie)=fa"
                    let page = String(buffer: try await client.execute(uri: location, method: .get, headers: headers).body)
                    #expect(page.contains(Self.words(key, .persian)), "\(zone) \(hours)")
                }
                let stored = try #require(try await desk.store.team(desk.fixture.orders.id))
                #expect(stored.hours.timeZone == "Asia/Shanghai" && stored.hours.days[0].count == 1, "nothing changed")
            }
        }
    }
}
