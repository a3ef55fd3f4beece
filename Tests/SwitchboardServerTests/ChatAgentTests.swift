import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSClient
import NIOWebSocket
import NIOCore
import NIOPosix
import Synchronization
import SwitchboardBench
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

@Suite("Agents and the live chat")
struct ChatAgentTests {
    /// A customer's chat, handed off and (as the routing rules would) put in the Orders team's queue.
    static func waitingChat(_ desk: TestDesk, _ probe: inout ChatSocketProbe) async throws -> Int64 {
        try await probe.send(ChatSocketTests.hello())
        _ = try await probe.next("welcome")
        try await probe.send(ChatSocketTests.message("w-1", "My order 4471 arrived broken and I need it sorted today"))
        let number = Int64(try #require(try await probe.next("ack")?["ticket"]?.numberValue))
        try await probe.send(#"{"type":"person"}"#)
        _ = try await probe.next("ack") { $0["person"] == .bool(true) }
        _ = try await desk.store.updateTicket(
            number: number, commands: [.transfer(to: desk.fixture.orders.id, reason: TicketChange.handoffReason, assignee: nil)],
            actor: .bot, at: desk.clock.now()
        ) { _ in }
        return number
    }

    static func body(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test("a handed-off chat announces itself to its team until an agent accepts it; the customer is told who joined; a second agent cannot take it")
    func acceptance() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                try await ChatSocketProbe.with(port: port) { probe in
                    let number = try await Self.waitingChat(desk, &probe)
                    let queue = Self.body(try await TicketPageTests.get(client, desk, .agent, "/agent"))
                    #expect(queue.contains(#"data-incoming-chats="1""#) && queue.contains("<title>(1) "), "the header and the title count it")
                    let chats = Self.body(try await TicketPageTests.get(client, desk, .agent, "/agent?view=chats"))
                    #expect(chats.contains("/agent/tickets/\(number)\""))
                    let page = Self.body(try await TicketPageTests.get(client, desk, .agent, "/agent/tickets/\(number)"))
                    #expect(page.contains("data-chat-accept"))

                    let accepted = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/change", [("action", "accept")])
                    #expect(accepted.status == .seeOther && accepted.headers[.location] == "/agent/tickets/\(number)")
                    let ticket = try #require(try await desk.store.ticket(number: number))
                    #expect(ticket.assigneeID == desk.fixture.agent.id && ticket.status == .open)
                    let joined = try #require(try await probe.next("joined"))
                    #expect(joined["number"]?.numberValue == Double(desk.fixture.agent.number) && joined["name"]?.stringValue == desk.fixture.agent.name)
                    #expect(Self.body(try await TicketPageTests.get(client, desk, .agent, "/agent")).contains(#"data-incoming-chats="0""#))
                    #expect(!Self.body(try await TicketPageTests.get(client, desk, .agent, "/agent/tickets/\(number)")).contains("data-chat-accept"))

                    // The supervisor comes too late: told so, and the chat stays with Ada.
                    let late = try await TicketPageTests.post(client, desk, .supervisor, "/agent/tickets/\(number)/change", [("action", "accept")])
                    #expect(late.headers[.location]?.contains("problem=conflict") == true)
                    #expect(try await desk.store.ticket(number: number)?.assigneeID == desk.fixture.agent.id)

                    // With a person in the chat the assistant says nothing more.
                    _ = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/messages", [("body", "Sorry about that, a new one ships today."), ("visibility", "public")])
                    _ = try await probe.next("message") { $0["author"]?.stringValue == "agent" }
                    let turnsBefore = try await desk.store.events(ticket: ticket.id).filter { $0.kind == AssistantTurn.eventKind }.count
                    try await probe.send(ChatSocketTests.message("w-2", "Thank you! Do I need to send the broken one back?"))
                    _ = try await probe.next("ack") { $0["id"]?.stringValue == "w-2" }
                    let turnsAfter = try await desk.store.events(ticket: ticket.id).filter { $0.kind == AssistantTurn.eventKind }.count
                    #expect(turnsAfter == turnsBefore, "the assistant took no turn")

                    // Solved: the chat offers its survey, a signed link that opens it.
                    _ = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/change", [("action", "status"), ("status", "solved")])
                    let solved = try #require(try await probe.next("status") { $0["status"]?.stringValue == "solved" })
                    let survey = try #require(solved["survey"]?.stringValue)
                    #expect(survey.hasPrefix("/survey/\(number)?e="))
                    #expect(try await client.execute(uri: survey, method: .get).status == .ok)
                    _ = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/change", [("action", "status"), ("status", "open")])

                    // Handed back, the assistant answers again.
                    _ = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/change", [("action", "handback")])
                    _ = try await probe.next("assistant")
                    let back = try #require(try await desk.store.ticket(number: number))
                    #expect(back.assigneeID == nil && back.teamID == nil)
                    try await probe.outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    @Test("typing and read marks pass both ways and are never stored; a ticket that is not a chat takes none")
    func typingAndReading() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                try await ChatSocketProbe.with(port: port) { probe in
                    let number = try await Self.waitingChat(desk, &probe)
                    _ = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/change", [("action", "accept")])
                    _ = try await probe.next("joined")
                    let ticket = try #require(try await desk.store.ticket(number: number))
                    let eventsBefore = try await desk.store.events(ticket: ticket.id).count

                    // The agent types: the customer's window names them.
                    let typed = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/signal", [("kind", "typing")])
                    #expect(typed.status == .noContent)
                    let typing = try #require(try await probe.next("typing"))
                    #expect(typing["name"]?.stringValue == desk.fixture.agent.name && typing["number"]?.numberValue == Double(desk.fixture.agent.number))
                    let customerMessage = try #require(try await desk.store.messages(ticket: ticket.id, includeInternal: false).first { $0.clientID == "w-1" })
                    _ = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/signal", [("kind", "read"), ("upTo", String(customerMessage.id.rawValue))])
                    #expect(try await probe.next("read")?["upTo"]?.numberValue == Double(customerMessage.id.rawValue))
                    #expect(try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(number)/signal", [("kind", "dance")]).status == .badRequest)
                    #expect(try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/\(desk.aliceTicket.number)/signal", [("kind", "typing")]).status == .notFound)

                    // The customer types and reads: the agent's page of the chat hears it.
                    let cookie = [("Cookie", "sb_session=\(desk.credentials[.agent]!.cookie!)")]
                    try await EventStreamClient.with(port: port, path: "/live/tickets/\(number)", headers: cookie, group: MultiThreadedEventLoopGroup.singleton) { status, stream in
                        #expect(status == 200)
                        try await Task.sleep(for: .milliseconds(200))
                        try await probe.send(#"{"type":"typing"}"#)
                        #expect(try await stream.next("typing", within: .seconds(5))?.data == "customer")
                        try await probe.send(#"{"type":"read","upTo":987654}"#)
                        #expect(try await stream.next("read", within: .seconds(5))?.data == "987654")
                    }
                    // The page opened later still knows how far the customer read.
                    let page = Self.body(try await TicketPageTests.get(client, desk, .agent, "/agent/tickets/\(number)"))
                    #expect(page.contains(#"data-customer-read="987654""#))
                    #expect(try await desk.store.events(ticket: ticket.id).count == eventsBefore, "nothing of it was stored")
                    try await probe.outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    @Test("an agent opens a ticket for a customer who called: found or added by email, routed, the form kept when refused")
    func newTicket() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let form = Self.body(try await TicketPageTests.get(client, desk, .agent, "/agent/tickets/new?lang=fa"))
                #expect(form.contains(#"dir="rtl""#) && form.contains("name=\"email\""))
                // Refused: no subject. Everything typed comes back, the reason in the page's language.
                let refused = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/new", [
                    ("email", "caller@example.com"), ("name", "Reza Caller"), ("subject", ""), ("message", "Called about a late parcel"),
                    ("visibility", "public"), ("channel", "phone"), ("team", ""), ("priority", "normal"),
                ])
                #expect(refused.status == .unprocessableContent)
                let again = Self.body(refused)
                #expect(again.contains("Reza Caller") && again.contains("Called about a late parcel") && again.contains("role=\"alert\""))
                let opened = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/new", [
                    ("email", "caller@example.com"), ("name", "Reza Caller"), ("subject", "Late parcel"), ("message", "Called about a late parcel, order 5512"),
                    ("visibility", "public"), ("channel", "phone"), ("team", String(desk.fixture.orders.id.rawValue)), ("priority", "high"),
                ])
                #expect(opened.status == .seeOther)
                let number = try #require(opened.headers[.location].flatMap { Int64($0.split(separator: "/").last ?? "") })
                let ticket = try #require(try await desk.store.ticket(number: number))
                #expect(ticket.channel == .phone && ticket.teamID == desk.fixture.orders.id && ticket.priority == .high && ticket.subject == "Late parcel")
                let customer = try #require(try await desk.store.customer(ticket.customerID))
                #expect(customer.name == "Reza Caller")
                let messages = try await desk.store.messages(ticket: ticket.id, includeInternal: true)
                #expect(messages.count == 1 && messages[0].author == .agent(desk.fixture.agent.id) && messages[0].visibility == .public)
                // The same address again is the same customer.
                let second = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/new", [
                    ("email", "caller@example.com"), ("name", "Reza"), ("subject", "Another question"), ("message", "And the invoice?"),
                    ("visibility", "internal"), ("channel", "email"), ("team", ""), ("priority", "normal"),
                ])
                let secondNumber = try #require(second.headers[.location].flatMap { Int64($0.split(separator: "/").last ?? "") })
                #expect(try await desk.store.ticket(number: secondNumber)?.customerID == ticket.customerID)
                // A channel the page does not offer is refused, not guessed.
                let chat = try await TicketPageTests.post(client, desk, .agent, "/agent/tickets/new", [
                    ("email", "caller@example.com"), ("name", "Reza"), ("subject", "x"), ("message", "y"), ("channel", "chat"), ("priority", "normal"),
                ])
                #expect(chat.status == .unprocessableContent)
            }
        }
    }
}
