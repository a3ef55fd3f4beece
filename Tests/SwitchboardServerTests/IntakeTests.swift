import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

@Suite("One intake path, with the assistant in it")
struct IntakeTests {
    /// The reply from the issue that started it: on the portal it used to reopen the ticket and nothing else.
    static let askingForAPerson = "人工！我要找人工客服"

    /// What the API shows staff about the last customer message of a ticket.
    static func lastAnalysis(_ client: any TestClientProtocol, _ desk: TestDesk, _ number: Int64) async throws -> JSONValue? {
        let messages = try await client.call(desk, .agent, .get, "/api/v1/tickets/\(number)/messages").json["messages"]?.arrayValue ?? []
        return messages.last { $0["author"]?["kind"]?.stringValue == "customer" }?["analysis"]
    }

    @Test("a customer's reply through the API is read: language, intent, a person asked for, and the rules act on the ticket")
    func api() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                let body = try JSONValue.object(["body": .string(Self.askingForAPerson)]).canonical
                #expect(try await client.call(desk, .alice, .post, "/api/v1/tickets/\(number)/messages", json: body).status == .created)
                let analysis = try #require(try await Self.lastAnalysis(client, desk, number))
                #expect(analysis["state"]?.stringValue == "done" && analysis["language"]?.stringValue == "zh")
                #expect(analysis["intents"]?.arrayValue?.first?["label"]?.stringValue == "talk_to_human")
                #expect(analysis["handoff"]?["requested"] == .bool(true) && analysis["handoff"]?["phrase"]?.stringValue != nil)
                let ticket = try #require(try await desk.store.ticket(number: number))
                #expect(ticket.language == "zh" && ticket.priority == .high, "the language is set and the case moves up")
                let events = try await desk.store.events(ticket: ticket.id)
                #expect(events.contains { $0.kind == .handoffRequested && $0.actor == .bot })
                #expect(try events.first { $0.kind == .priorityChanged }?.change() == .priorityChanged(from: .normal, to: .high, reason: "person-requested"))
                // The customer sees that they asked for a person, not how the desk filed it.
                let theirs = String(buffer: try await client.call(desk, .alice, .get, "/api/v1/tickets/\(number)/events").body)
                #expect(theirs.contains("handoff_requested") && !theirs.contains("priority_changed") && !theirs.contains("language_changed"))
                let asCustomer = try await client.call(desk, .alice, .get, "/api/v1/tickets/\(number)/messages")
                #expect(!String(buffer: asCustomer.body).contains("analysis"), "what the assistant read is for staff")
            }
        }
    }

    @Test("the same words through the portal form are read the same way")
    func portal() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                let posted = try await TicketPageTests.post(client, desk, .alice, "/portal/tickets/\(number)/messages", [("body", Self.askingForAPerson)])
                #expect(posted.status == .seeOther && posted.headers[.location] == "/portal/tickets/\(number)")
                let analysis = try #require(try await Self.lastAnalysis(client, desk, number))
                #expect(analysis["language"]?.stringValue == "zh" && analysis["handoff"]?["requested"] == .bool(true))
                // The agent's page shows it at the top, in the agent's language.
                let page = String(buffer: try await TicketPageTests.get(client, desk, .agent, "/agent/tickets/\(number)?lang=fa").body)
                #expect(page.contains("برداشت دستیار") && page.contains("گفت‌وگو با انسان") && page.contains("چینی"))
                #expect(page.contains("name=\"intent\""), "with the form to correct the intent")
            }
        }
    }

    @Test("agents' replies and notes are not analysed; a reply to a closed ticket is read on its follow-up")
    func whoIsRead() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                _ = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"I am so angry about this!!! urgent"}"#)
                #expect(try await desk.store.analyses(ticket: desk.aliceTicket.id).isEmpty)
                #expect(try await desk.store.ticket(number: number)?.priority == .normal)
                for status in ["solved", "closed"] {
                    _ = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/status", json: #"{"status":"\#(status)"}"#)
                }
                let reply = try await client.call(desk, .alice, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"It is broken again, I need a refund"}"#)
                #expect(reply.status == .created && reply.headers[HTTPField.Name("Switchboard-Follow-Up-Of")!] == String(number))
                let followUp = try #require(try reply.json["ticket"]?["number"]?.numberValue).rounded()
                #expect(Int64(followUp) != number)
                let analysis = try #require(try await Self.lastAnalysis(client, desk, Int64(followUp)))
                #expect(analysis["intents"]?.arrayValue?.first?["label"]?.stringValue == "refund")
            }
        }
    }

    @Test("without a model, a message is stored at once with its analysis pending, and read when the model is ready")
    func pending() async throws {
        try await TestDesk.with(trained: false) { desk in
            // The desk is not running: no model yet. Intake stores the message anyway.
            #expect(desk.desk.assistant.ready == nil)
            let message = try NewMessage(author: .customer(desk.fixture.alice.id), visibility: .public, body: "سفارشم نرسیده و عصبانی هستم، اپراتور!")
            let outcome = try await desk.desk.intake.receive(message, on: desk.aliceTicket.number, by: .customer(desk.fixture.alice.id))
            let messageID = try #require(outcome.result.message).id
            let stored = try await desk.store.analyses(ticket: desk.aliceTicket.id)
            #expect(stored[messageID]?.state == .pending)
            #expect(try await desk.store.jobCounts()[.queued] == 1)
            // Start the desk: the assistant trains, the job reads the message, the rules act.
            try await desk.client { _ in
                let deadline = ContinuousClock.now + .seconds(60)
                while ContinuousClock.now < deadline, try await desk.store.pendingAnalyses(limit: 1).isEmpty == false {
                    try await Task.sleep(for: .milliseconds(100))
                }
                let done = try await desk.store.analyses(ticket: desk.aliceTicket.id)
                let analysis = try #require(done[messageID]?.state.analysis)
                #expect(analysis.language == "fa" && analysis.personRequested)
                #expect(try await desk.store.ticket(number: desk.aliceTicket.number)?.language == "fa")
            }
        }
    }

    @Test("an agent corrects the intent on the page and through the API; a made-up intent is refused in the page's language")
    func correction() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                _ = try await client.call(desk, .alice, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"my coupon code does not work"}"#)
                let messages = try await client.call(desk, .agent, .get, "/api/v1/tickets/\(number)/messages").json["messages"]?.arrayValue ?? []
                let id = try #require(messages.last?["id"]?.numberValue).rounded()
                let corrected = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/intent", [("message", String(Int(id))), ("intent", "account_login")])
                #expect(corrected.headers[.location] == "/agent/tickets/\(number)")
                let events = try await desk.store.events(ticket: desk.aliceTicket.id)
                #expect(try events.last { $0.kind == .intentCorrected }?.change() == .intentCorrected(messageID: Message.ID(Int64(id)), from: "coupon", to: "account_login"))
                let refused = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/intent", [("message", String(Int(id))), ("intent", "free_money")])
                let location = try #require(refused.headers[.location])
                #expect(location.hasSuffix("problem=invalid_field.intent"))
                let page = String(buffer: try await TicketPageTests.get(client, desk, .agent, location + "&lang=zh-Hans").body)
                #expect(page.contains("请选择智能助手的一个诉求类别"))
                // Through the API: staff only, known intents only.
                let api = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages/\(Int(id))/intent", json: #"{"intent":"refund"}"#)
                #expect(api.status == .ok)
                #expect(try await client.call(desk, .alice, .post, "/api/v1/tickets/\(number)/messages/\(Int(id))/intent", json: #"{"intent":"refund"}"#).status == .forbidden)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages/\(Int(id))/intent", json: #"{"intent":"nope"}"#).errorField == "intent")
            }
        }
    }
}
