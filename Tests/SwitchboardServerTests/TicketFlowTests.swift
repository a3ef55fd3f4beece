import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
@testable import SwitchboardStorage
import SwitchboardTestSupport
import Testing

@Suite("Ticket flows through the API")
struct TicketFlowTests {
    @Test("an internal note never reaches the customer; the customer sees who owns the case")
    func customerView() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                _ = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/assign", json: #"{"assigneeId":\#(desk.fixture.agent.id)}"#)
                _ = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"Supplier batch 7 is faulty","visibility":"internal"}"#)
                _ = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"A new kettle is on its way"}"#)
                _ = try await client.call(desk, .agent, .patch, "/api/v1/tickets/\(number)", json: #"{"tags":["faulty-batch"],"priority":"high"}"#)
                let messages = try await client.call(desk, .alice, .get, "/api/v1/tickets/\(number)/messages")
                let bodies = try messages.json["messages"]?.arrayValue?.compactMap { $0["body"]?.stringValue } ?? []
                #expect(bodies == ["My kettle leaks from the bottom", "A new kettle is on its way"])
                let ticket = try await client.call(desk, .alice, .get, "/api/v1/tickets/\(number)")
                let view = try ticket.json
                #expect(view["assignee"]?["number"]?.numberValue == Double(desk.fixture.agent.number))
                #expect(view["tags"] == nil && view["priority"] == nil, "customers do not see internal handling")
                #expect(view["status"]?.stringValue == "open")
                let events = try await client.call(desk, .alice, .get, "/api/v1/tickets/\(number)/events")
                let text = String(buffer: events.body)
                #expect(!text.contains("Supplier") && !text.contains("faulty-batch") && !text.contains("hash"))
                let kinds = try events.json["events"]?.arrayValue?.compactMap { $0["kind"]?.stringValue }
                #expect(kinds == ["created", "message", "assigned", "message", "status_changed"])
                // Numbered over what the customer sees: no gap where the note and the tags were.
                let numbers = try events.json["events"]?.arrayValue?.compactMap { $0["sequence"]?.numberValue }
                #expect(numbers == [1, 2, 3, 4, 5])
                let staff = try await client.call(desk, .agent, .get, "/api/v1/tickets/\(number)/events")
                #expect(try staff.json["events"]?.arrayValue?.count == 8)
                let search = try await client.call(desk, .alice, .get, "/api/v1/tickets/search?q=supplier")
                #expect(try search.json["results"]?.arrayValue?.isEmpty == true)
            }
        }
    }

    @Test("unassigning is said, never inferred: an empty body or an unknown key is refused, null unassigns")
    func assignNeedsTheAssignee() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let path = "/api/v1/tickets/\(desk.aliceTicket.number)/assign"
                #expect(try await client.call(desk, .agent, .post, path, json: #"{"assigneeId":\#(desk.fixture.agent.id)}"#).status == .ok)
                let empty = try await client.call(desk, .agent, .post, path, json: "{}")
                #expect(empty.status == .badRequest && empty.errorField == "assigneeId")
                let misspelt = try await client.call(desk, .agent, .post, path, json: #"{"assignee":null}"#)
                #expect(misspelt.status == .badRequest && misspelt.errorField == "assignee")
                #expect(try await desk.store.ticket(number: desk.aliceTicket.number)?.assigneeID == desk.fixture.agent.id)
                #expect(try await client.call(desk, .agent, .post, path, json: #"{"assigneeId":null}"#).status == .ok)
                #expect(try await desk.store.ticket(number: desk.aliceTicket.number)?.assigneeID == nil)
            }
        }
    }

    @Test("32 first tickets at once for one new address make one customer with 32 tickets")
    func concurrentFirstTickets() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for index in 0..<32 {
                        group.addTask {
                            try await client.call(desk, .agent, .post, "/api/v1/tickets", json: #"{"subject":"Order \#(index)","customer":{"name":"Nima","email":"nima@example.com"},"message":"Where is it?"}"#).status
                        }
                    }
                    return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0 == .created }, "\(statuses.filter { $0 != .created })")
                let nima = try #require(try await desk.store.customer(identity: ContactIdentity(kind: .email, value: "nima@example.com")))
                let tickets = try await desk.store.listTickets(TicketQuery(visibility: .customer(nima.id), limit: 50)).tickets
                #expect(tickets.count == 32)
            }
        }
    }

    @Test("hostile HTML is stored and returned as plain text")
    func hostileHTML() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let payload = #"<img src=x onerror=alert(1)><script>alert('x')</script>"#
                let escaped = payload.replacingOccurrences(of: "\"", with: "\\\"")
                let response = try await client.call(desk, .alice, .post, "/api/v1/tickets/\(desk.aliceTicket.number)/messages", json: #"{"body":"\#(escaped)"}"#)
                #expect(response.status == .created)
                #expect(try response.json["message"]?["body"]?.stringValue == payload)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test("a customer's reply to a closed ticket opens a linked follow-up")
    func followUp() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                for status in ["solved", "closed"] {
                    #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/status", json: #"{"status":"\#(status)"}"#).status == .ok)
                }
                let reopen = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/status", json: #"{"status":"open"}"#)
                #expect(reopen.status == .conflict && reopen.errorCode == "invalid_transition")
                #expect(try reopen.json["error"]?["message"]?.stringValue?.contains("'closed'") == true)
                let reply = try await client.call(desk, .alice, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"It leaks again"}"#)
                #expect(reply.status == .created)
                let followUp = try reply.json["ticket"]
                #expect(followUp?["followUpOf"]?.numberValue == Double(number))
                #expect(followUp?["number"]?.numberValue != Double(number))
                #expect(reply.headers[.location] == "/api/v1/tickets/\(Int64(followUp?["number"]?.numberValue ?? 0))")
                let old = try await client.call(desk, .agent, .get, "/api/v1/tickets/\(number)/events")
                #expect(try old.json["events"]?.arrayValue?.last?["kind"]?.stringValue == "follow_up_opened")
            }
        }
    }

    @Test("lists page with cursors; filters and bad parameters")
    func listing() async throws {
        try await TestDesk.with { desk in
            for index in 0..<7 {
                _ = try await desk.store.createTicket(try desk.fixture.newTicket("Extra \(index)", team: desk.fixture.orders), actor: .system, at: desk.clock.now().addingTimeInterval(Double(index)))
            }
            try await desk.client { client in
                var seen: [Double] = []
                var uri = "/api/v1/tickets?limit=3&teamId=\(desk.fixture.orders.id)"
                for _ in 0..<5 {
                    let page = try await client.call(desk, .agent, .get, uri)
                    #expect(page.status == .ok)
                    seen += try page.json["tickets"]?.arrayValue?.compactMap { $0["number"]?.numberValue } ?? []
                    guard let cursor = try page.json["nextCursor"]?.stringValue else { break }
                    uri = "/api/v1/tickets?limit=3&teamId=\(desk.fixture.orders.id)&cursor=\(cursor)"
                }
                #expect(seen.count == 8 && Set(seen).count == 8)
                let bad = try await client.call(desk, .agent, .get, "/api/v1/tickets?status=lost")
                #expect(bad.status == .badRequest && bad.errorField == "status")
                #expect(try await client.call(desk, .agent, .get, "/api/v1/tickets?cursor=garbage").status == .badRequest)
                #expect(try await client.call(desk, .agent, .get, "/api/v1/tickets?limit=0").status == .badRequest)
                let mine = try await client.call(desk, .agent, .get, "/api/v1/tickets?assignee=me")
                #expect(try mine.json["tickets"]?.arrayValue?.isEmpty == true)
            }
        }
    }

    @Test("search speaks Chinese through the query string")
    func search() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let query = "包装".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
                let response = try await client.call(desk, .agent, .get, "/api/v1/tickets/search?q=\(query)")
                #expect(try response.json["results"]?.arrayValue?.first?["ticket"]?["number"]?.numberValue == Double(desk.bobTicket.number))
                #expect(try await client.call(desk, .agent, .get, "/api/v1/tickets/search").status == .badRequest)
            }
        }
    }

    @Test("the audit trail verifies through the API")
    func verify() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let response = try await client.call(desk, .supervisor, .get, "/api/v1/tickets/\(desk.aliceTicket.number)/verify")
                #expect(try response.json["valid"] == .bool(true))
                #expect(try response.json["events"]?.numberValue == 2)
            }
        }
    }

    @Test("bad input gets a clear error and changes nothing")
    func badInput() async throws {
        try await TestDesk.with(configure: { $0.maxBodySize = 4096 }) { desk in
            try await desk.client { client in
                let uri = "/api/v1/tickets/\(desk.aliceTicket.number)/messages"
                let cases: [(String, ByteBuffer, HTTPFields, Int, String)] = [
                    ("malformed JSON", ByteBuffer(string: #"{"body": "#), [:], 400, "malformed_json"),
                    ("wrong type", ByteBuffer(string: #"{"body": 12}"#), [:], 400, "invalid_field"),
                    ("unknown visibility", ByteBuffer(string: #"{"body": "x", "visibility": "secret"}"#), [:], 400, "invalid_field"),
                    ("control characters", ByteBuffer(string: #"{"body": "bell\u0007"}"#), [:], 400, "invalid_field"),
                    ("invalid UTF-8", ByteBuffer(bytes: Array(#"{"body": ""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)), [:], 400, "bad_request"),
                    ("unpaired surrogate", ByteBuffer(string: #"{"body": "\ud800"}"#), [:], 400, "malformed_json"),
                    ("too large", ByteBuffer(string: #"{"body": ""# + String(repeating: "a", count: 5000) + #""}"#), [:], 413, "body_too_large"),
                    ("not JSON", ByteBuffer(string: "body=hi"), [.contentType: "application/x-www-form-urlencoded"], 415, "unsupported_media_type"),
                    ("empty", ByteBuffer(), [:], 400, "bad_request"),
                ]
                for (name, body, extra, status, code) in cases {
                    var headers = desk.headers(.alice)
                    for field in extra { headers[field.name] = field.value }
                    let response = try await client.execute(uri: uri, method: .post, headers: headers, body: body)
                    #expect(response.status.code == status, "\(name)")
                    #expect(response.errorCode == code, "\(name): \(String(buffer: response.body))")
                }
                let messages = try await desk.store.messages(ticket: desk.aliceTicket.id, includeInternal: true)
                #expect(messages.count == 1, "nothing was stored")
                let unknownAgent = try await client.call(desk, .supervisor, .post, "/api/v1/tickets/\(desk.aliceTicket.number)/assign", json: #"{"assigneeId":999999}"#)
                #expect(unknownAgent.status == .badRequest && unknownAgent.errorField == "assigneeId")
                let unknownField = try await client.call(desk, .agent, .patch, "/api/v1/tickets/\(desk.aliceTicket.number)", json: #"{"fields":{"nope":1}}"#)
                #expect(unknownField.status == .badRequest && unknownField.errorField == "fields.nope")
            }
        }
    }

    @Test("metrics count requests by route and tickets created")
    func metrics() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                _ = try await client.call(desk, .agent, .post, "/api/v1/tickets", json: #"{"subject":"Counted","customerId":\#(desk.fixture.alice.id)}"#)
                _ = try await client.call(desk, .agent, .get, "/api/v1/tickets/999999")
                let text = String(buffer: try await client.call(desk, .anonymous, .get, "/metrics").body)
                #expect(text.contains("switchboard_tickets_created_total 1"))
                #expect(text.contains(#"switchboard_http_requests_total{method="POST",route="/api/v1/tickets",status="201"} 1"#))
                #expect(text.contains(#"route="/api/v1/tickets/{number}",status="404""#))
                #expect(text.contains("switchboard_http_request_duration_seconds_bucket"))
            }
        }
    }

    @Test("ready reports a schema this binary does not know")
    func readiness() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                #expect(try await client.call(desk, .anonymous, .get, "/ready").status == .ok)
                try await desk.store.database.write { connection in
                    try await connection.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)", [])
                }
                let response = try await client.call(desk, .anonymous, .get, "/ready")
                #expect(response.status == .serviceUnavailable)
                #expect(try response.json["schemaVersion"]?.numberValue == 999)
            }
        }
    }
}
