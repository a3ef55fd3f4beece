import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

/// Routing rules through the API: edited whole by the platform's supervisors, refused whole when
/// wrong, and acting on every new case that names no team.
@Suite("Routing through the API")
struct RoutingFlowTests {
    static func rules(_ desk: TestDesk, version: Int, team: String? = nil) -> String {
        #"""
        {"version": \#(version), "defaultTeamId": \#(desk.fixture.orders.id), "rules": [
          {"name": "Chargebacks", "conditions": {"keywords": ["chargeback", "盗刷"]}, "actions": {"teamId": \#(team ?? String(desk.fixture.payments.id.rawValue)), "priority": "urgent", "tags": ["fraud"]}},
          {"name": "Persian", "conditions": {"languages": ["fa"]}, "actions": {"teamId": \#(desk.fixture.payments.id)}}
        ]}
        """#
    }

    @Test("supervisors replace the rules whole; a wrong rule, a stale version or a plain agent changes nothing")
    func editing() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let empty = try await client.call(desk, .agent, .get, "/api/v1/routing")
                #expect(try empty.json["version"]?.numberValue == 0 && empty.json["rules"]?.arrayValue?.isEmpty == true)
                #expect(try await client.call(desk, .agent, .put, "/api/v1/routing", json: Self.rules(desk, version: 0)).status == .forbidden)
                #expect(try await client.call(desk, .merchantAgent, .put, "/api/v1/routing", json: Self.rules(desk, version: 0)).status == .forbidden)
                let gone = try await client.call(desk, .supervisor, .put, "/api/v1/routing", json: Self.rules(desk, version: 0, team: "9999"))
                #expect(gone.status == .badRequest && gone.errorField == "rules[0].actions.teamId")
                #expect(String(buffer: gone.body).contains("Chargebacks"))
                let badLanguage = try await client.call(desk, .supervisor, .put, "/api/v1/routing", json: #"{"version":0,"rules":[{"name":"x","conditions":{"languages":["english!"]},"actions":{"tags":["a"]}}]}"#)
                #expect(badLanguage.status == .badRequest && badLanguage.errorField == "rules[0].conditions.languages")
                #expect(try await client.call(desk, .agent, .get, "/api/v1/routing").json["version"]?.numberValue == 0, "nothing half-saved")
                let saved = try await client.call(desk, .supervisor, .put, "/api/v1/routing", json: Self.rules(desk, version: 0))
                #expect(saved.status == .ok)
                #expect(try saved.json["version"]?.numberValue == 1)
                let stale = try await client.call(desk, .admin, .put, "/api/v1/routing", json: Self.rules(desk, version: 0))
                #expect(stale.status == .conflict && stale.errorField == "version")
                let read = try await client.call(desk, .agent, .get, "/api/v1/routing").json
                #expect(read["rules"]?.arrayValue?.map { $0["name"]?.stringValue } == ["Chargebacks", "Persian"])
            }
        }
    }

    @Test("a new case that names no team goes where the first matching rule says, else to the default team")
    func routed() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                #expect(try await client.call(desk, .supervisor, .put, "/api/v1/routing", json: Self.rules(desk, version: 0)).status == .ok)
                func open(_ role: Role, _ json: String) async throws -> JSONValue {
                    let response = try await client.call(desk, role, .post, "/api/v1/tickets", json: json)
                    #expect(response.status == .created)
                    let number = try #require(try response.json["ticket"]?["number"]?.numberValue)
                    let ticket = try #require(try await desk.store.ticket(number: Int64(number)))
                    return ["team": ticket.teamID.map { .number(Double($0.rawValue)) } ?? .null, "priority": .string(ticket.priority.rawValue), "tags": .array(ticket.tags.map(JSONValue.string))]
                }
                let fraud = try await open(.alice, #"{"subject":"卡被盗刷","message":"我的卡被盗刷了，有一笔不是我付的"}"#)
                #expect(fraud["team"]?.numberValue == Double(desk.fixture.payments.id.rawValue) && fraud["priority"]?.stringValue == "urgent")
                #expect(fraud["tags"]?.arrayValue?.contains("fraud") == true)
                let other = try await open(.alice, #"{"subject":"Lid","message":"The lid of my kettle is loose"}"#)
                #expect(other["team"]?.numberValue == Double(desk.fixture.orders.id.rawValue), "the default team")
                // A ticket whose opener chose the team keeps it.
                let chosen = try await open(.agent, #"{"subject":"Chargeback","customerId":\#(desk.fixture.alice.id),"teamId":\#(desk.fixture.orders.id),"message":"chargeback filed"}"#)
                #expect(chosen["team"]?.numberValue == Double(desk.fixture.orders.id.rawValue) && chosen["priority"]?.stringValue != "urgent")
            }
        }
    }

    @Test("the demo desk ships rules a new user sees working: Persian to After-sales, money to Payments, shops to their teams")
    func demoRules() async throws {
        try await TestStores.withSQLite { store in
            _ = try await DemoDesk.load(into: store, passwordCost: 4)
            let settings = try RoutingSettings(document: try #require(try await store.document(named: RoutingSettings.documentName)).body)
            let teams = Dictionary(uniqueKeysWithValues: try await store.teams(organization: nil).map { ($0.name, $0.id) })
            let organizations = Dictionary(uniqueKeysWithValues: try await store.organizations().map { ($0.name, $0.id) })
            func team(_ item: RoutingCase) -> Team.ID? { Routing.decide(item, rules: settings.rules, defaultTeam: settings.defaultTeamID).teamID }
            #expect(team(RoutingCase(channel: .web, language: "fa", text: "سفارشم نرسیده")) == teams["After-sales"])
            #expect(team(RoutingCase(intent: "refund", channel: .web, language: "en", text: "refund please")) == teams["Payments & refunds"])
            #expect(team(RoutingCase(channel: .web, merchantID: organizations["Jade Tea House"], text: "茶叶")) == teams["Jade Tea service"])
            #expect(team(RoutingCase(channel: .web, language: "en", text: "hello")) == teams["Orders & delivery"])
            try Routing.validate(settings.rules, teams: Set(teams.values), defaultTeam: settings.defaultTeamID)
        }
    }
}

/// SLA policies through the API, and the clocks an agent sees on a ticket.
@Suite("SLA policies through the API")
struct SLAFlowTests {
    @Test("supervisors replace the policies whole; a zero target, a wrong holiday or a missing team changes nothing")
    func editing() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                #expect(try await client.call(desk, .agent, .get, "/api/v1/sla-policies").json["version"]?.numberValue == 0)
                let zero = try await client.call(desk, .supervisor, .put, "/api/v1/sla-policies", json: #"{"version":0,"policies":[{"name":"Fast","targets":{"first-response":0}}]}"#)
                #expect(zero.status == .badRequest && zero.errorField == "policies[0].targets.first-response")
                let holiday = try await client.call(desk, .supervisor, .put, "/api/v1/sla-policies", json: #"{"version":0,"policies":[],"holidays":{"\#(desk.fixture.orders.id)":["2026-02-30"]}}"#)
                #expect(holiday.status == .badRequest && holiday.errorField == "holidays.\(desk.fixture.orders.id)[0]")
                let team = try await client.call(desk, .supervisor, .put, "/api/v1/sla-policies", json: #"{"version":0,"policies":[],"holidays":{"9999":["2026-12-25"]}}"#)
                #expect(team.status == .badRequest && team.errorField == "holidays.9999")
                #expect(try await client.call(desk, .agent, .put, "/api/v1/sla-policies", json: #"{"version":0,"policies":[]}"#).status == .forbidden)
                #expect(try await client.call(desk, .agent, .get, "/api/v1/sla-policies").json["version"]?.numberValue == 0, "nothing half-saved")
                let saved = try await client.call(desk, .supervisor, .put, "/api/v1/sla-policies", json: #"{"version":0,"policies":[{"name":"Standard","targets":{"first-response":240,"resolution":1440},"businessTime":false}],"holidays":{"\#(desk.fixture.orders.id)":["2026-12-25"]}}"#)
                #expect(saved.status == .ok)
                let read = try await client.call(desk, .agent, .get, "/api/v1/sla-policies").json
                #expect(read["version"]?.numberValue == 1 && read["policies"]?.arrayValue?.first?["targets"]?["first-response"]?.numberValue == 240)
                #expect(read["holidays"]?["\(desk.fixture.orders.id)"]?.arrayValue?.first?.stringValue == "2026-12-25")
            }
        }
    }

    @Test("an agent sees on the ticket what was promised and how much is left, in their language")
    func ticketPage() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                _ = try await client.call(desk, .supervisor, .put, "/api/v1/sla-policies", json: #"{"version":0,"policies":[{"name":"Standard","targets":{"first-response":40,"resolution":1440},"businessTime":false}]}"#)
                // A new ticket nobody has answered yet.
                let opened = try await client.call(desk, .alice, .post, "/api/v1/tickets", json: #"{"subject":"Lid","message":"The lid is loose"}"#)
                let number = Int(try #require(try opened.json["ticket"]?["number"]?.numberValue))
                let path = "/agent/tickets/\(number)"
                desk.clock.advance(by: 20 * 60)
                let english = String(buffer: try await TicketPageTests.get(client, desk, .agent, path).body)
                #expect(english.contains("Service level") && english.contains("Standard") && english.contains("First reply"))
                #expect(english.contains("sla-line sla-ok") && english.contains("20 min left"), "20 minutes of 40 used")
                desk.clock.advance(by: 15 * 60)
                #expect(String(buffer: try await TicketPageTests.get(client, desk, .agent, path).body).contains("sla-line sla-warning"), "past three quarters")
                desk.clock.advance(by: 10 * 60)
                let persian = String(buffer: try await TicketPageTests.get(client, desk, .agent, path + "?lang=fa").body)
                #expect(persian.contains("نخستین پاسخ") && persian.contains("sla-line sla-breached"))
                // Answered now, late: the line says it was done late, not that it is still overdue.
                _ = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"Sorry for the wait"}"#)
                let answered = String(buffer: try await TicketPageTests.get(client, desk, .agent, path).body)
                #expect(answered.contains("done late") && !answered.contains("overdue since"))
                // The same clocks for integrations, never for the customer.
                let api = try await client.call(desk, .readToken, .get, "/api/v1/tickets/\(number)/sla")
                let clocks = try api.json["clocks"]?.arrayValue ?? []
                #expect(try api.json["policy"]?.stringValue == "Standard")
                #expect(clocks.first { $0["target"]?.stringValue == "first-response" }?["state"]?.stringValue == "breached")
                #expect(clocks.first { $0["target"]?.stringValue == "resolution" }?["state"]?.stringValue == "running")
                #expect(try await client.call(desk, .alice, .get, "/api/v1/tickets/\(number)/sla").status == .forbidden)
                #expect(try await client.call(desk, .merchantAgent, .get, "/api/v1/tickets/\(number)/sla").status == .notFound)
                // Customers do not see the desk's clocks.
                #expect(!String(buffer: try await TicketPageTests.get(client, desk, .alice, "/portal/tickets/\(number)").body).contains("sla-line"))
            }
        }
    }
}
