import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

/// The portal keeps for the customer what concerns them: a request filed from a form, each
/// request's owner, next step and promises, the survey that reopens what was not solved, and a
/// receipt that tells a record changed afterwards.
@Suite("Customer portal")
struct PortalFlowTests {
    typealias Page = TicketPageTests

    static func solve(_ client: some TestClientProtocol, _ desk: TestDesk, _ number: Int64) async throws {
        #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/status", json: #"{"status":"solved"}"#).status == .ok)
    }

    static func kinds(_ desk: TestDesk, _ number: Int64) async throws -> [EventKind] {
        guard let ticket = try await desk.store.ticket(number: number) else { return [] }
        return try await desk.store.events(ticket: ticket.id).map(\.kind)
    }

    @Test("a customer files a request from the form: theirs, with its parts as the problem; a refused form comes back as typed")
    func fileRequest() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let empty = try await Page.post(client, desk, .alice, "/portal/requests", [("whatHappened", "  "), ("when", "last Tuesday")])
                #expect(empty.status == .unprocessableContent)
                let again = String(buffer: empty.body)
                #expect(again.contains(#"value="last Tuesday""#) && again.contains("Tell us what happened."))
                let unknown = try await Page.post(client, desk, .alice, "/portal/requests", [("whatHappened", "It broke"), ("category", "no-such-topic")])
                #expect(unknown.status == .unprocessableContent)

                let filed = try await Page.post(client, desk, .alice, "/portal/requests?lang=fa", [
                    ("whatHappened", "فنجان شکسته رسید\nدو تا از شش تا"), ("when", "دیروز"), ("expectation", "بازپرداخت"), ("order", "58213"),
                ])
                #expect(filed.status == .seeOther)
                let number = try #require(filed.headers[.location].flatMap { Int64($0.split(separator: "/").last ?? "") })
                let ticket = try #require(try await desk.store.ticket(number: number))
                #expect(ticket.customerID == desk.fixture.alice.id && ticket.channel == .web && ticket.subject == "فنجان شکسته رسید")
                #expect(ticket.problem.when == "دیروز" && ticket.problem.whatHappened?.hasPrefix("فنجان") == true)
                let first = try #require(try await desk.store.messages(ticket: ticket.id, includeInternal: true).first)
                #expect(first.body.contains("58213") && first.body.contains("زمان: دیروز"), "one story for the agent, in the customer's words")
                #expect(try await Page.get(client, desk, .bob, "/portal/tickets/\(number)").status == .notFound)
            }
        }
    }

    @Test("my requests: each with its owner's name and number, the next step, and the promises still open — only one's own")
    func home() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                let agent = desk.fixture.agent
                #expect(try await client.call(desk, .supervisor, .post, "/api/v1/tickets/\(number)/assign", json: #"{"assigneeId":\#(agent.id)}"#).status == .ok)
                let due = ISO8601DateFormatter().string(from: desk.clock.now().addingTimeInterval(3 * 86_400))
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/commitments", json: #"{"text":"Refund within 3 days","dueAt":"\#(due)"}"#).status == .created)
                let html = String(buffer: try await Page.get(client, desk, .alice, "/portal").body)
                #expect(html.contains(desk.aliceTicket.subject) && html.contains("#\(agent.number)") && html.contains("Refund within 3 days"))
                #expect(html.contains("Open promises") && !html.contains(desk.bobTicket.subject))
                let bobs = String(buffer: try await Page.get(client, desk, .bob, "/portal").body)
                #expect(!bobs.contains(desk.aliceTicket.subject) && !bobs.contains("Refund within 3 days"))
                // What the customer wants to be emailed about is theirs to choose, and checked.
                #expect(try await Page.post(client, desk, .alice, "/portal/notices", [("notices", "replies")]).status == .seeOther)
                #expect(try await desk.store.customer(desk.fixture.alice.id)?.notices == .replies)
                let bad = try await Page.post(client, desk, .alice, "/portal/notices", [("notices", "never")])
                #expect(bad.headers[.location]?.contains("problem=invalid_field.notices") == true)
                #expect(try await desk.store.customer(desk.fixture.alice.id)?.notices == .replies)
            }
        }
    }

    @Test("a low survey answer reopens the case, raises its priority and tells the supervisors; bad answers are refused and store nothing")
    func survey() async throws {
        try await TestDesk.with(configure: { $0.surveys = SurveySettings(editWindow: 600) }) { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                let path = "/portal/tickets/\(number)/survey"
                let early = try await Page.post(client, desk, .alice, path, [("overall", "5"), ("solved", "yes")])
                #expect(early.headers[.location]?.contains("problem=conflict.surveyOpen") == true, "not before it is solved")
                try await Self.solve(client, desk, number)
                #expect(String(buffer: try await Page.get(client, desk, .alice, "/portal/tickets/\(number)").body).contains(#"action="\#(path)""#))
                for (fields, problem) in [
                    ([("overall", "9"), ("solved", "yes")], "invalid_field.overall"), ([("overall", "five"), ("solved", "yes")], "invalid_field.overall"),
                    ([("overall", "3")], "invalid_field.solved"), ([("overall", "3"), ("speed", "0"), ("solved", "no")], "invalid_field.speed"),
                    ([("overall", "3"), ("solved", "no"), ("comment", String(repeating: "x", count: 2_001))], "invalid_field.comment"),
                ] {
                    let refused = try await Page.post(client, desk, .alice, path, fields)
                    #expect(refused.headers[.location]?.contains("problem=\(problem)") == true, "\(fields)")
                }
                #expect(try await Page.post(client, desk, .bob, path, [("overall", "1"), ("solved", "no")]).status == .notFound)
                #expect(try await !Self.kinds(desk, number).contains(.surveyAnswered), "nothing stored half")

                let low = try await Page.post(client, desk, .alice, path, [("overall", "2"), ("solved", "no"), ("comment", "<b>still broken</b>")])
                #expect(low.headers[.location] == "/portal/tickets/\(number)?done=reopened")
                let reopened = try #require(try await desk.store.ticket(number: number))
                #expect(reopened.status == .open && reopened.priority == .high)
                let events = try await desk.store.events(ticket: reopened.id)
                let escalation = events.compactMap { event -> [Agent.ID]? in
                    if case .escalated(.notifySupervisor, .lowSatisfaction, let agents)? = try? event.change() { return agents }
                    return nil
                }
                #expect(escalation == [[desk.fixture.supervisor.id]])
                let agentPage = String(buffer: try await Page.get(client, desk, .agent, "/agent/tickets/\(number)").body)
                #expect(agentPage.contains("&lt;b&gt;still broken&lt;/b&gt;") && !agentPage.contains("<b>still broken"))
                #expect(try await ClockFlowTests.settled(desk) {
                    try await desk.store.notifications(agent: desk.fixture.supervisor.id, limit: 10).contains { $0.kind == .lowSatisfaction }
                })

                // Changed within the day: a new event, no second escalation; the same form twice stores once.
                #expect(try await Page.post(client, desk, .alice, path, [("overall", "4"), ("solved", "yes")]).status == .seeOther)
                #expect(try await Page.post(client, desk, .alice, path, [("overall", "4"), ("solved", "yes")]).status == .seeOther)
                // Low again after a good answer: the case was escalated once already.
                #expect(try await Page.post(client, desk, .alice, path, [("overall", "1"), ("solved", "no")]).status == .seeOther)
                let after = try await Self.kinds(desk, number)
                #expect(after.filter { $0 == .surveyAnswered }.count == 3 && after.filter { $0 == .escalated }.count == 1)
                #expect(try await desk.store.ticket(number: number)?.priority == .high, "raised once")

                // After the edit window (ten minutes here, a day by default), the answer stands.
                desk.clock.advance(by: 660)
                let late = try await Page.post(client, desk, .alice, path, [("overall", "5"), ("solved", "yes")])
                #expect(late.headers[.location]?.contains("problem=conflict.survey") == true)
            }
        }
    }

    @Test("a closed case's low answer is kept and told to the supervisors; a closed case stays closed")
    func closedLow() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                try await Self.solve(client, desk, number)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/status", json: #"{"status":"closed"}"#).status == .ok)
                let low = try await Page.post(client, desk, .alice, "/portal/tickets/\(number)/survey", [("overall", "1"), ("solved", "no"), ("comment", "never arrived")])
                #expect(low.headers[.location] == "/portal/tickets/\(number)?done=survey")
                let ticket = try #require(try await desk.store.ticket(number: number))
                #expect(ticket.status == .closed && ticket.priority == .normal)
                let kinds = try await Self.kinds(desk, number)
                #expect(kinds.contains(.surveyAnswered) && kinds.contains(.escalated))
            }
        }
    }

    @Test("an emailed survey link opens the survey without signing in; an altered or expired one is refused in the customer's language")
    func surveyLink() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                try await Self.solve(client, desk, number)
                let link = try await desk.desk.surveys.link(for: number)
                let page = try await client.execute(uri: link, method: .get)
                #expect(page.status == .ok && String(buffer: page.body).contains(#"name="overall""#))
                let forged = try await client.execute(uri: link.replacingOccurrences(of: "s=", with: "s=0") + "&lang=fa", method: .get)
                #expect(forged.status == .forbidden && String(buffer: forged.body).contains("این پیوند نظرسنجی معتبر نیست"))
                let stretched = link.replacingOccurrences(of: "e=", with: "e=9")
                #expect(try await client.execute(uri: stretched, method: .get).status == .forbidden, "a later expiry breaks the signature")

                // Answered through the link, with the form's own token.
                let cookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
                let csrf = try #require(String(buffer: page.body).components(separatedBy: #"name="csrf" value=""#).dropFirst().first?.prefix { $0 != "\"" })
                let query = URLComponents(string: link)!.queryItems!
                var headers = WebPageTests.formType
                headers[.cookie] = cookie
                let answered = try await client.execute(uri: "/survey/\(number)", method: .post, headers: headers, body: WebPageTests.form([
                    ("csrf", String(csrf)), ("e", query[0].value!), ("s", query[1].value!), ("overall", "5"), ("solved", "yes"),
                ]))
                #expect(answered.status == .seeOther && answered.headers[.location]?.hasSuffix("done=survey") == true)
                #expect(try await Self.kinds(desk, number).contains(.surveyAnswered))

                // Opened where the customer is signed in: the form carries their session's token.
                let signedIn = try await client.execute(uri: link, method: .get, headers: [.cookie: "sb_session=\(desk.credentials[.alice]!.cookie!)"])
                #expect(String(buffer: signedIn.body).contains(#"name="csrf" value="\#(desk.credentials[.alice]!.csrf!)""#))

                desk.clock.advance(by: SurveySettings().linkLifetime + 60)
                #expect(try await client.execute(uri: link, method: .get).status == .gone)
            }
        }
    }

    @Test("a receipt verifies while the record holds, and fails once the record was changed, or the receipt was")
    func receipts() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                #expect(try await Page.get(client, desk, .bob, "/portal/tickets/\(number)/receipt").status == .notFound)
                let download = try await Page.get(client, desk, .alice, "/portal/tickets/\(number)/receipt")
                #expect(download.status == .ok && download.headers[.contentDisposition]?.contains("attachment") == true)
                let receipt = String(buffer: download.body)
                func check(_ text: String) async throws -> JSONValue {
                    try await client.execute(uri: "/api/v1/receipts/verify", method: .post, body: ByteBuffer(string: text)).json
                }
                #expect(try await check(receipt)["result"] == "holds")
                // The record grows afterwards: still the chain the receipt names.
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"On its way"}"#).status == .created)
                #expect(try await check(receipt)["result"] == "holds")
                // The receipt altered: another ticket's number, or the head.
                let other = receipt.replacingOccurrences(of: #""ticket" : \#(number)"#, with: #""ticket" : \#(desk.bobTicket.number)"#)
                let otherResult = try await check(other)["result"]
                #expect(other != receipt && otherResult == "forged")
                // Keys rotate; the old receipt still verifies, new ones name the new key.
                let rotated = try await desk.desk.receipts.rotate()
                #expect(try await check(receipt)["result"] == "holds")
                let fresh = String(buffer: try await Page.get(client, desk, .alice, "/portal/tickets/\(number)/receipt").body)
                #expect(fresh.contains(rotated.id))
                let keys = try await client.execute(uri: "/.well-known/switchboard-keys", method: .get).json["keys"]?.arrayValue ?? []
                #expect(keys.count == 2 && keys.allSatisfy { $0["private"] == nil })
                // Out of band, a message is rewritten: the receipt tells.
                try await desk.store.runScript("UPDATE messages SET body = 'We never promised anything' WHERE ticket_id = \(desk.aliceTicket.id.rawValue)")
                let changed = try await check(receipt)
                #expect(changed["result"] == "changed")
                let page = try await client.execute(uri: "/verify?lang=zh", method: .get)
                #expect(page.status == .ok)
                #expect(try await client.execute(uri: "/api/v1/receipts/verify", method: .post, body: ByteBuffer(string: "{not json")).status == .badRequest)
            }
        }
    }

    @Test("receipt checks are bounded per ticket and per address; past the bound the answer is 429, in words on the page")
    func receiptCheckLimit() async throws {
        try await TestDesk.with(configure: { $0.receiptCheckLimits = AttemptLimits(perAccount: 3, perAddress: 10, window: 600) }) { desk in
            try await desk.client { client in
                let receipt = String(buffer: try await Page.get(client, desk, .alice, "/portal/tickets/\(desk.aliceTicket.number)/receipt").body)
                for _ in 0..<3 {
                    #expect(try await client.execute(uri: "/api/v1/receipts/verify", method: .post, body: ByteBuffer(string: receipt)).json["result"] == "holds")
                }
                let refused = try await client.execute(uri: "/api/v1/receipts/verify", method: .post, body: ByteBuffer(string: receipt))
                #expect(refused.status == .tooManyRequests && refused.errorCode == "rate_limited")
                let page = try await client.execute(uri: "/verify", method: .get)
                let cookie = try #require(page.headers[.setCookie]?.split(separator: ";").first.map(String.init))
                let csrf = try #require(String(buffer: page.body).components(separatedBy: #"name="csrf" value=""#).dropFirst().first?.prefix { $0 != "\"" })
                var headers = WebPageTests.formType
                headers[.cookie] = cookie
                let refusedPage = try await client.execute(uri: "/verify?lang=zh", method: .post, headers: headers, body: WebPageTests.form([("csrf", String(csrf)), ("receipt", receipt)]))
                #expect(String(buffer: refusedPage.body).contains("此处刚刚验证了太多凭证"))
            }
        }
    }

    @Test("the customer is emailed about replies, status and promises in their language; never about notes or their own doing; replies only when they asked")
    func notices() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"A note","visibility":"internal"}"#).status == .created)
                #expect(try await client.call(desk, .alice, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"Any news?"}"#).status == .created)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"It ships today"}"#).status == .created)
                #expect(try await ClockFlowTests.settled(desk) { desk.mailer.outbox.contains { $0.subject.contains("New reply") } })
                let reply = try #require(desk.mailer.outbox.first { $0.subject.contains("New reply") })
                #expect(reply.to == "alice@example.com" && reply.body.contains("It ships today") && reply.body.contains("/portal/tickets/\(number)"))
                #expect(!desk.mailer.outbox.contains { $0.body.contains("A note") || $0.body.contains("Any news?") })

                try await desk.store.setNotices(.replies, for: desk.fixture.alice.id)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/status", json: #"{"status":"on-hold"}"#).status == .ok)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"Still with the courier"}"#).status == .created)
                #expect(try await ClockFlowTests.settled(desk) { desk.mailer.outbox.contains { $0.body.contains("Still with the courier") } })
                #expect(!desk.mailer.outbox.contains { $0.subject.contains("Request #\(number):") }, "no status mail for replies-only")

                try await desk.store.setNotices(.all, for: desk.fixture.alice.id)
                try await Self.solve(client, desk, number)
                #expect(try await ClockFlowTests.settled(desk) { desk.mailer.outbox.contains { $0.subject == "Your request #\(number) is solved" } })
                let solved = try #require(desk.mailer.outbox.first { $0.subject == "Your request #\(number) is solved" })
                #expect(solved.body.contains("Still with the courier"), "the summary carries the last reply")
            }
        }
    }

    @Test("the transcript holds the conversation and what happened, never a note")
    func transcript() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"Secret note","visibility":"internal"}"#).status == .created)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"Public <answer>"}"#).status == .created)
                let text = try await Page.get(client, desk, .alice, "/portal/tickets/\(number)/transcript.txt")
                #expect(text.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(String(buffer: text.body).contains("Public <answer>") && !String(buffer: text.body).contains("Secret note"))
                let html = String(buffer: try await Page.get(client, desk, .alice, "/portal/tickets/\(number)/transcript").body)
                #expect(html.contains("Public &lt;answer&gt;") && !html.contains("Secret note"))
                #expect(try await Page.get(client, desk, .bob, "/portal/tickets/\(number)/transcript.txt").status == .notFound)
            }
        }
    }
}
