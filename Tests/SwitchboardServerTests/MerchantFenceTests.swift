import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

/// A merchant works its own cases: it meets customers only through tickets that involve it, and
/// hands work only to its own teams and agents — through the API and on the pages alike.
@Suite("Merchant fences")
struct MerchantFenceTests {
    @Test("a merchant cannot open a ticket for a customer it does not serve, nor reach them through it", arguments: [Role.merchantAgent, .merchantToken])
    func namedCustomer(_ role: Role) async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let merchant = desk.fixture.merchant.id
                let refused = try await client.call(desk, role, .post, "/api/v1/tickets", json: #"{"subject":"Hi","customerId":\#(desk.fixture.alice.id),"merchantId":\#(merchant),"message":"x"}"#)
                #expect(refused.status == .notFound && refused.errorCode == "not_found")
                #expect(try await desk.store.listTickets(TicketQuery(visibility: .merchant(merchant), customerID: desk.fixture.alice.id, limit: 5)).tickets.isEmpty)
                if role == .merchantAgent {
                    #expect(try await client.call(desk, role, .get, "/api/v1/customers/\(desk.fixture.alice.id)").status == .notFound)
                }
                // Bob has a ticket with the merchant: the merchant may open another for him.
                let served = try await client.call(desk, role, .post, "/api/v1/tickets", json: #"{"subject":"Hi","customerId":\#(desk.fixture.bob.id),"merchantId":\#(merchant),"message":"x"}"#)
                #expect(served.status == .created)
            }
        }
    }

    @Test("an address a merchant types inline is never looked up in, or attached to, the desk's other customers")
    func inlineAddress() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let merchant = desk.fixture.merchant.id
                func open(_ email: String) async throws -> JSONValue {
                    let response = try await client.call(desk, .merchantAgent, .post, "/api/v1/tickets", json: #"{"subject":"Order","customer":{"name":"Someone","email":"\#(email)"},"merchantId":\#(merchant),"message":"x"}"#)
                    #expect(response.status == .created)
                    let customerID = try #require(try response.json["ticket"]?["customer"]?["id"]?.numberValue)
                    return try await client.call(desk, .merchantAgent, .get, "/api/v1/customers/\(Int(customerID))").json
                }
                let known = try await open("alice@example.com")
                let unknown = try await open("nobody-yet@example.com")
                // The merchant's second ticket for an address finds its own record again.
                #expect(try await open("nobody-yet@example.com")["id"] == unknown["id"])
                // Alice's record is neither shown nor given the merchant's ticket.
                #expect(known["id"]?.numberValue != Double(desk.fixture.alice.id.rawValue))
                #expect(try await desk.store.customer(identity: ContactIdentity(kind: .email, value: "alice@example.com"))?.id == desk.fixture.alice.id)
                #expect(try await client.call(desk, .merchantAgent, .get, "/api/v1/customers/\(desk.fixture.alice.id)").status == .notFound)
                // A known address and an unknown one look the same to the merchant: unverified contact data.
                for (record, email) in [(known, "alice@example.com"), (unknown, "nobody-yet@example.com")] {
                    #expect(record["identities"]?.arrayValue?.isEmpty == true)
                    #expect(record["unverifiedEmail"]?.stringValue == email)
                }
                // The platform's agents still find a customer by address.
                let platform = try await client.call(desk, .agent, .post, "/api/v1/tickets", json: #"{"subject":"Order","customer":{"name":"A","email":"Alice@Example.com"},"message":"x"}"#)
                #expect(try platform.json["ticket"]?["customer"]?["id"]?.numberValue == Double(desk.fixture.alice.id.rawValue))
            }
        }
    }

    @Test("a merchant opens tickets only for its own teams and agents, as it assigns and transfers", arguments: [Role.merchantAgent, .merchantToken])
    func ownTeams(_ role: Role) async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let base = #""subject":"Hi","customerId":\#(desk.fixture.bob.id),"merchantId":\#(desk.fixture.merchant.id),"message":"x""#
                let platformTeam = try await client.call(desk, role, .post, "/api/v1/tickets", json: "{\(base),\"teamId\":\(desk.fixture.orders.id)}")
                #expect(platformTeam.status == .notFound && platformTeam.errorField == nil)
                let platformAgent = try await client.call(desk, role, .post, "/api/v1/tickets", json: "{\(base),\"assigneeId\":\(desk.fixture.agent.id)}")
                #expect(platformAgent.status == .notFound)
                #expect(try await desk.store.listTickets(TicketQuery(visibility: .all, teamID: desk.fixture.orders.id, limit: 50)).tickets.allSatisfy { $0.merchantID == nil })
                let own = try await client.call(desk, role, .post, "/api/v1/tickets", json: "{\(base),\"teamId\":\(desk.fixture.merchantTeam.id),\"assigneeId\":\(desk.fixture.merchantAgent.id)}")
                #expect(own.status == .created)
                // Another organization's team or agent answers as one that does not exist: the merchant cannot map them.
                let missing = try await client.call(desk, role, .post, "/api/v1/tickets", json: "{\(base),\"teamId\":9999}")
                #expect(missing.status == platformTeam.status && missing.body == platformTeam.body)
                let number = desk.bobTicket.number
                let transfer = try await client.call(desk, role, .post, "/api/v1/tickets/\(number)/transfer", json: #"{"teamId":\#(desk.fixture.orders.id),"reason":"x","assigneeId":\#(desk.fixture.agent.id)}"#)
                #expect(transfer.status == .notFound)
                let assign = try await client.call(desk, role, .post, "/api/v1/tickets/\(number)/assign", json: #"{"assigneeId":\#(desk.fixture.supervisor.id)}"#)
                #expect(assign.status == .notFound && assign.errorCode == "not_found")
                // Nothing half-made: a refused request left no customer behind.
                let before = try await desk.store.customers(ids: (1...200).map { Customer.ID($0) }).count
                _ = try await client.call(desk, role, .post, "/api/v1/tickets", json: #"{"subject":"Hi","customer":{"name":"N","email":"orphan@example.com"},"merchantId":\#(desk.fixture.merchant.id),"teamId":\#(desk.fixture.orders.id),"message":"x"}"#)
                #expect(try await desk.store.customers(ids: (1...200).map { Customer.ID($0) }).count == before)
            }
        }
    }

    @Test("a merchant agent's ticket page offers only their own organization's agents and teams; an agent assigns within the ticket's team")
    func ticketPage() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let path = "/agent/tickets/\(desk.bobTicket.number)"
                let merchantPage = String(buffer: try await TicketPageTests.get(client, desk, .merchantAgent, path).body)
                #expect(merchantPage.contains(desk.fixture.merchantAgent.name) && merchantPage.contains(desk.fixture.merchantTeam.name))
                for name in [desk.fixture.agent.name, desk.fixture.supervisor.name, desk.fixture.orders.name, desk.fixture.payments.name] {
                    #expect(!merchantPage.contains(name), "\(name) is another organization's")
                }
                // The platform's supervisors choose among everyone; its agents assign within the ticket's team.
                let supervisorPage = String(buffer: try await TicketPageTests.get(client, desk, .supervisor, path).body)
                #expect(supervisorPage.contains(desk.fixture.agent.name) && supervisorPage.contains(desk.fixture.payments.name))
                let agentPage = String(buffer: try await TicketPageTests.get(client, desk, .agent, path).body)
                #expect(agentPage.contains(desk.fixture.merchantAgent.name) && !agentPage.contains(desk.fixture.supervisor.name))
            }
        }
    }
}
