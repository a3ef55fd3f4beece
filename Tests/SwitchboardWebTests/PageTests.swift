import Foundation
import SwitchboardCore
@testable import SwitchboardWeb
import Testing

@Suite("Page words")
struct CatalogTests {
    @Test("every key has its own words in every page language")
    func complete() {
        for (key, translations) in Catalog.entries {
            for language in UILanguage.allCases {
                let text = translations[language] ?? ""
                #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) is empty in \(language)")
            }
        }
        // Across every table: a key listed twice would silently take the later table's words.
        let keys = (Catalog.table + Catalog.spineTable + Catalog.accessTable + Catalog.serviceTable + Catalog.routingTable).map(\.0)
        #expect(Set(keys).count == keys.count, "a key is listed twice")
    }
}

@Suite("Pages")
struct PageTests {
    let renderer = try! PageRenderer()
    let hostile = "<img src=x onerror=alert(1)><script>alert('x')</script>"

    func queue(_ language: UILanguage, subject: String = "Kettle arrived broken", tickets: Int = 1) -> String {
        let ticket = QueuePage.Ticket(
            number: "SB-1042", subject: subject, customer: "梅 林", status: "pending-customer", priority: "urgent",
            assignee: nil, updatedAt: Date(timeIntervalSince1970: 1_795_435_200)
        )
        let page = QueuePage(
            language: language, csrfToken: "token-123", user: .init(name: "Ana", agentNumber: "1024"), current: .mine,
            counts: [.mine: 3, .team: 12, .unassigned: 1_250, .all: 40], tickets: Array(repeating: ticket, count: tickets),
            nextCursor: "abc&def", timeZone: TimeZone(identifier: "UTC")!
        )
        return renderer.render(page)
    }

    @Test("Persian pages run right to left; English and Chinese left to right")
    func direction() {
        #expect(queue(.persian).contains("<html lang=\"fa\" dir=\"rtl\">"))
        #expect(queue(.english).contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(queue(.chinese).contains("<html lang=\"zh-Hans\" dir=\"ltr\">"))
    }

    @Test("words, dates and numbers follow the page language")
    func localised() {
        let persian = queue(.persian)
        #expect(persian.contains("در انتظار مشتری"))
        #expect(persian.contains("فوری"))
        #expect(persian.contains("۱٬۲۵۰"), "counts in Persian digits")
        #expect(persian.contains("۱۴۰۵"), "dates in the Persian calendar")
        let chinese = queue(.chinese)
        #expect(chinese.contains("等待顾客回复"))
        #expect(chinese.contains("2026"))
        let english = queue(.english)
        #expect(english.contains("Waiting for customer"))
        #expect(english.contains("1,250"))
    }

    @Test("what people typed is shown as text, never as markup, in any language")
    func escaping() {
        for language in UILanguage.allCases {
            let html = queue(language, subject: hostile)
            #expect(!html.contains("<img src=x"))
            #expect(!html.contains("<script>alert"))
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        }
        let signIn = renderer.render(SignInPage(language: .english, csrfToken: "t", error: .wrongCredentials, email: "\"><script>x</script>"))
        #expect(!signIn.contains("<script>x"))
        #expect(signIn.contains("That email and password do not match an account."))
    }

    @Test("no inline event handlers or inline scripts on any page")
    func noInlineHandlers() throws {
        let pages = UILanguage.allCases.flatMap { [queue($0), renderer.render(SignInPage(language: $0, csrfToken: "t"))] }
        let handler = try Regex("\\son[a-z]+\\s*=")
        for html in pages {
            #expect(html.firstMatch(of: handler) == nil)
            // The only script element is the external module.
            #expect(html.components(separatedBy: "<script").count == 2)
            #expect(html.contains("<script type=\"module\" src=\"/static/desk."))
        }
    }

    @Test("forms carry the CSRF token and every control has a label")
    func forms() throws {
        let signIn = renderer.render(SignInPage(language: .chinese, csrfToken: "csrf-abc"))
        #expect(signIn.contains("name=\"csrf\" value=\"csrf-abc\""))
        for id in ["email", "password", "language-menu"] {
            #expect(signIn.contains("<label for=\"\(id)\""), "no label for \(id)")
        }
        let html = queue(.english)
        #expect(html.contains("name=\"csrf\" value=\"token-123\""), "the sign-out form needs the token")
        #expect(html.contains("href=\"/agent?view=mine&amp;cursor=abc%26def\""), "the next-page link keeps its cursor intact")
        #expect(html.contains("aria-current=\"page\""))
    }

    @Test("the agent and team settings pages: labelled controls, typed names as text, every language")
    func adminEditPages() throws {
        let organization = Organization.ID(1)
        let team = Team(
            id: Team.ID(7), organizationID: organization, name: hostile,
            hours: try BusinessHours(timeZone: "Asia/Tehran", days: [[.init(start: 540, end: 720), .init(start: 780, end: 1020)]] + Array(repeating: [], count: 6)),
            createdAt: Date()
        )
        let other = Team(id: Team.ID(8), organizationID: Organization.ID(2), name: "Another shop's team", hours: team.hours, createdAt: Date())
        let agent = Agent(
            id: Agent.ID(3), organizationID: organization, number: 1007, name: hostile, email: "ada@desk.test", role: .supervisor,
            teamIDs: [team.id], skills: ["refund"], languages: ["fa"], capacity: 6, presence: .online, active: false, createdAt: Date()
        )
        let control = try Regex(#"<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)""#)
        for language in UILanguage.allCases {
            let user = PageFrame.User(name: "Ann", agentNumber: "1001", isAdmin: true)
            let agentPage = renderer.render(AgentEditPage(language: language, csrfToken: "tok", user: user, agent: agent, teams: [team, other], isSelf: false))
            let teamPage = renderer.render(TeamEditPage(language: language, csrfToken: "tok", user: user, team: team))
            for html in [agentPage, teamPage] {
                #expect(!html.contains("<img src=x") && html.contains("&lt;img src=x"))
                #expect(html.contains("name=\"csrf\" value=\"tok\""))
                #expect(html.contains("dir=\"\(language.direction)\""))
                #expect(html.matches(of: control).count >= 3)
                for match in html.matches(of: control) {
                    let id = String(html[match.output[1].range!])
                    #expect(html.contains("<label for=\"\(id)\"") || html.contains("<label class=\"inline\" for=\"\(id)\""), "no label for \(id)")
                }
            }
            #expect(agentPage.contains(#"value="supervisor" selected"#) && agentPage.contains(#"value="7" checked"#))
            #expect(!agentPage.contains("Another shop's team"), "teams of other organizations are not offered")
            #expect(!agentPage.contains(#"name="active" value="yes" checked"#), "an inactive agent's box starts unticked")
            #expect(teamPage.contains("09:00–12:00, 13:00–17:00") && teamPage.contains("Asia/Tehran"))
        }
        let own = renderer.render(AgentEditPage(language: .persian, csrfToken: "t", user: .init(name: "Ann", agentNumber: "1001", isAdmin: true), agent: agent, teams: [], isSelf: true))
        #expect(own.contains("disabled") && own.contains(#"<input type="hidden" name="active" value="yes">"#))
    }

    @Test("the header's unread count and long waits are written in the page's digits and words; Persian parts are not split by a dot that reads as zero")
    func countsAndWaits() {
        let now = Date(timeIntervalSince1970: 1_795_435_200)
        let late = QueuePage.Ticket(
            number: "SB-7", subject: "Cup", customer: "Kaveh", status: "open", priority: "normal", assignee: nil,
            updatedAt: now, dueAt: now.addingTimeInterval(-(15 * 86_400 + 3 * 3_600 + 120)), warningAt: now.addingTimeInterval(-16 * 86_400)
        )
        func render(_ language: UILanguage, unread: Int) -> String {
            renderer.render(QueuePage(
                language: language, csrfToken: "t", user: .init(name: "Ana", agentNumber: "1024", presence: "online", unread: unread), current: .mine,
                counts: [.mine: 1], tickets: [late], nextCursor: nil, timeZone: TimeZone(identifier: "UTC")!, now: now
            ))
        }
        let english = render(.english, unread: 120), persian = render(.persian, unread: 5), none = render(.english, unread: 0)
        #expect(english.contains(#"<bdi dir="ltr">99+</bdi>"#) && persian.contains(#"<bdi dir="ltr">۵</bdi>"#))
        #expect(!none.contains("data-unread"), "no badge when nothing is unread")
        #expect(english.contains("15 d 3 h") && persian.contains("۱۵ روز ۳ ساعت"), "past two days, days and hours")
        let notice = AgentNotification(
            id: .init(1), agentID: .init(2), kind: .slaWarning, ticketNumber: 7, eventID: .init(3), detail: ["target": "resolution"], createdAt: now, readAt: nil
        )
        let list = renderer.render(NotificationsPage(language: .persian, csrfToken: "t", user: .init(name: "Ana", agentNumber: "1024"), notifications: [notice]))
        #expect(list.contains("؛ ") && !list.contains(" · "))
    }

    @Test("an empty queue says so instead of showing an empty table")
    func empty() {
        let html = queue(.english, tickets: 0)
        #expect(html.contains("No tickets here."))
        #expect(!html.contains("<table"))
    }
}

@Suite("Static assets")
struct StaticAssetTests {
    @Test("names carry a hash of the content, so they can be cached forever")
    func hashedNames() {
        let css = StaticAssets.stylesheet
        #expect(css.hashedName.hasPrefix("desk.") && css.hashedName.hasSuffix(".css"))
        #expect(css.hashedName.count == "desk..css".count + 16)
        #expect(StaticAsset(name: "a.css", contentType: "text/css", body: "x").hashedName != StaticAsset(name: "a.css", contentType: "text/css", body: "y").hashedName)
        #expect(StaticAssets.asset(named: css.hashedName) == css)
        #expect(StaticAssets.asset(named: "desk.css") == nil)
        #expect(StaticAssets.asset(named: "../../etc/passwd") == nil)
    }
}
