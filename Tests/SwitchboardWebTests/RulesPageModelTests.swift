import Foundation
import SwitchboardCore
@testable import SwitchboardWeb
import Testing

/// The routing and SLA pages as rendered: sentences in every language, labelled controls,
/// typed names as text, and a refused form shown again open with what was typed.
@Suite("Routing and SLA page models")
struct RulesPageModelTests {
    let renderer = try! PageRenderer()
    let hostile = "<img src=x onerror=alert(1)>"
    let platform = Organization(id: Organization.ID(1), name: "Market", kind: .platform, createdAt: Date())
    let shop = Organization(id: Organization.ID(2), name: "Jade Tea House", kind: .merchant, createdAt: Date())

    func teams() throws -> [Team] {
        let hours = try BusinessHours.weekdays(from: 9, to: 18, timeZone: "Asia/Tehran")
        return [
            Team(id: Team.ID(1), organizationID: platform.id, name: "Orders", hours: hours, createdAt: Date()),
            Team(id: Team.ID(2), organizationID: platform.id, name: hostile, hours: hours, createdAt: Date()),
            Team(id: Team.ID(3), organizationID: shop.id, name: "Jade Tea service", hours: hours, createdAt: Date()),
        ]
    }

    func routing() throws -> RoutingSettings {
        try RoutingSettings(
            defaultTeamID: Team.ID(1),
            rules: [
                RoutingRule(name: hostile, conditions: .init(topics: ["refund"], languages: ["fa"]), actions: .init(teamID: Team.ID(2), priority: .high, tags: ["money"])),
                RoutingRule(name: "Fraud", conditions: .init(merchants: [shop.id], keywords: ["کلاهبرداری"]), actions: .init(priority: .urgent)),
            ],
            overflow: [try .init(fromTeamID: Team.ID(1), toTeamID: Team.ID(2), afterSeconds: 1800)]
        )
    }

    func sla() throws -> SLASettings {
        SLASettings(
            policies: [try SLAPolicy(name: "Urgent", conditions: .init(priorities: [.urgent]), targets: [.firstResponse: 900, .resolution: 4 * 3600], businessTime: false)],
            holidays: [Team.ID(1): ["2026-12-25"]]
        )
    }

    func pages(_ language: UILanguage, canEdit: Bool = true) throws -> [String] {
        let user = PageFrame.User(name: "Sam", agentNumber: "1002", isAdmin: true, seesDeskRules: true)
        return [
            renderer.render(RoutingPage(language: language, csrfToken: "tok", user: user, settings: try routing(), version: 3, teams: try teams(), organizations: [platform, shop], canEdit: canEdit)),
            renderer.render(SLAPage(language: language, csrfToken: "tok", user: user, settings: try sla(), version: 5, teams: try teams(), organizations: [platform, shop], canEdit: canEdit)),
        ]
    }

    @Test("every control has a label, typed names stay text, forms carry the token and the version, in every language")
    func controls() throws {
        let control = try Regex(#"<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)""#)
        // An attribute of a tag, skipping quoted values: the typed name "<img src=x onerror=…>" is
        // shown as text and kept as a value, which is the point.
        let handler = try Regex(#"<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s"=>]+(?:\s*=\s*"[^"]*")?)*\s+on[a-z]+\s*="#)
        for language in UILanguage.allCases {
            for html in try pages(language) {
                #expect(html.contains("dir=\"\(language.direction)\""))
                #expect(!html.contains("<img src=x") && html.contains("&lt;img src=x"))
                #expect(html.firstMatch(of: handler) == nil && html.components(separatedBy: "<script").count == 2, "no inline scripts")
                #expect(!html.contains("style="), "no inline styles")
                #expect(html.contains(#"name="csrf" value="tok""#))
                #expect(html.contains(#"name="version" value="3""#) || html.contains(#"name="version" value="5""#))
                #expect(html.matches(of: control).count > 20)
                var ids = Set<String>()
                for match in html.matches(of: control) {
                    let id = String(html[match.output[1].range!])
                    #expect(ids.insert(id).inserted, "\(id) is used twice")
                    #expect(html.contains("<label for=\"\(id)\"") || html.contains("<label class=\"inline\" for=\"\(id)\""), "no label for \(id)")
                }
            }
        }
    }

    @Test("rules and policies read as sentences in the page's language")
    func sentences() throws {
        let english = try pages(.english)
        #expect(english[0].contains("When topic is \u{2068}Refund\u{2069} and language is \u{2068}Persian\u{2069}"))
        #expect(english[0].contains("priority at least High · tags money"))
        #expect(english[0].contains("“\u{2068}کلاهبرداری\u{2069}”"), "a keyword isolated inside its quotes")
        #expect(english[0].contains("→ The default team"), "a rule without a team leaves the case to the default team")
        #expect(english[0].contains("Orders → &lt;img"), "overflow reads from team to team")
        #expect(english[1].contains("First reply 15 min") && english[1].contains("Resolution 4 h") && english[1].contains("Counted around the clock"))
        #expect(english[1].contains("warning at 75%") && english[1].contains("Dec 25, 2026"))
        let persian = try pages(.persian)
        #expect(persian[0].contains("وقتی موضوع \u{2068}بازپرداخت\u{2069} باشد و زبان \u{2068}فارسی\u{2069} باشد"))
        #expect(persian[0].contains("«\u{2068}کلاهبرداری\u{2069}»") && persian[0].contains("← "))
        #expect(persian[1].contains("نخستین پاسخ ۱۵ دقیقه") && persian[1].contains("۷۵٪"))
        #expect(try pages(.chinese)[1].contains("首次回复 15 分钟"))
    }

    @Test("read-only for those who may not change them: no forms, and a line that says why")
    func readOnly() throws {
        for html in try pages(.english, canEdit: false) {
            #expect(!html.contains("<form class=\"rule-form\"") && !html.contains("/delete"))
            #expect(html.contains("Only the platform&#39;s supervisors and admins change these"))
        }
    }

    @Test("a refused form comes back open, with what was typed and the reason, and the alert links to it")
    func refusedDraft() throws {
        var draft = RoutingRuleDraft()
        draft.name = "Typed name"
        draft.keywords = "typed, words"
        draft.channels = ["chat"]
        let user = PageFrame.User(name: "Sam", agentNumber: "1002")
        let html = renderer.render(RoutingPage(
            language: .persian, csrfToken: "tok", user: user, settings: try routing(), version: 3, teams: try teams(), organizations: [platform, shop],
            canEdit: true, draft: .rule(index: 1, draft), problem: PageProblem.settingsKey(code: "invalid_field", field: "rules[1].actions.teamId")
        ))
        #expect(html.contains(#"<details class="rule-edit" id="rule-2-edit" open>"#))
        #expect(html.contains(#"value="Typed name""#) && html.contains(#"value="typed, words""#) && html.contains(#"value="chat" checked"#))
        #expect(html.contains(##"<a href="#rule-2-edit">"##))
        #expect(html.components(separatedBy: Catalog.strings(.persian)["problem.field.actions.teamId"]!).count == 3, "at the top and in the form")
        #expect(html.contains(#"id="rule-1-edit">"#), "other rules' forms stay closed")

        let holidays = renderer.render(SLAPage(
            language: .english, csrfToken: "tok", user: user, settings: try sla(), version: 5, teams: try teams(), organizations: [platform, shop],
            canEdit: true, draft: .holidays(team: Team.ID(3), text: "2027-02-30 Not a day"), problem: PageProblem.settingsKey(code: "invalid_field", field: "holidays.3[0]")
        ))
        #expect(holidays.contains("2027-02-30 Not a day</textarea>") && holidays.contains("Write one holiday per line"))
        #expect(!holidays.contains("/admin/teams/"), "only admins get the link to a team's page")
    }

    @Test("a problem's key leaves out the place in the list", arguments: [
        ("rules[2].actions.teamId", "invalid_field.actions.teamId"), ("overflow[0].fromTeamId", "invalid_field.fromTeamId"),
        ("holidays.3[0]", "invalid_field.holidays"), ("policies[1].targets.first-response", "invalid_field.targets.first-response"),
        ("name", "invalid_field.name"),
    ])
    func keys(_ field: String, _ key: String) {
        #expect(PageProblem.settingsKey(code: "invalid_field", field: field) == key)
    }

    @Test("numbers typed in Persian, Arabic-Indic or full-width digits are numbers")
    func digits() {
        #expect(RulesNumbers.parse("۳۰") == 30 && RulesNumbers.parse("٤٥") == 45 && RulesNumbers.parse("１５") == 15 && RulesNumbers.parse(" 7 ") == 7)
        #expect(RulesNumbers.parse("soon") == nil && RulesNumbers.parse("") == nil && RulesNumbers.parse("1e3") == nil)
        #expect(RulesNumbers.text(30) == "30" && RulesNumbers.text(1.5) == "1.5")
    }
}
