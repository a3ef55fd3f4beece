import Foundation
import SwitchboardCore
import SwitchboardStorage

/// A small desk for tests: the platform and one merchant, two platform teams and a merchant team,
/// an agent, a supervisor and an admin on the platform, one merchant agent, and two customers.
public struct DeskFixture: Sendable {
    public var platform: Organization
    public var merchant: Organization
    public var orders: Team
    public var payments: Team
    public var merchantTeam: Team
    public var agent: Agent
    public var supervisor: Agent
    public var admin: Agent
    public var merchantAgent: Agent
    public var alice: Customer
    public var bob: Customer

    public static func make(in store: any Store) async throws -> DeskFixture {
        let platform = try await store.createOrganization(NewOrganization(name: "Switchboard Market", kind: .platform))
        let merchant = try await store.createOrganization(NewOrganization(name: "Tea House", kind: .merchant))
        let hours = try BusinessHours.weekdays(from: 9, to: 18, timeZone: "Asia/Shanghai")
        let orders = try await store.createTeam(NewTeam(organizationID: platform.id, name: "Orders", hours: hours))
        let payments = try await store.createTeam(NewTeam(organizationID: platform.id, name: "Payments", hours: hours))
        let merchantTeam = try await store.createTeam(NewTeam(organizationID: merchant.id, name: "Tea House service", hours: hours))
        func agent(_ name: String, _ email: String, _ role: Agent.Role, _ organization: Organization, _ teams: [Team]) async throws -> Agent {
            try await store.createAgent(
                NewAgent(organizationID: organization.id, name: name, email: email, role: role, teamIDs: teams.map(\.id), languages: ["en", "zh"]),
                passwordHash: nil
            )
        }
        return DeskFixture(
            platform: platform, merchant: merchant, orders: orders, payments: payments, merchantTeam: merchantTeam,
            agent: try await agent("Ada Agent", "ada@desk.test", .agent, platform, [orders]),
            supervisor: try await agent("Sam Supervisor", "sam@desk.test", .supervisor, platform, [orders, payments]),
            admin: try await agent("Ann Admin", "ann@desk.test", .admin, platform, []),
            merchantAgent: try await agent("Mei Merchant", "mei@tea.test", .agent, merchant, [merchantTeam]),
            alice: try await store.createCustomer(NewCustomer(
                name: "Alice", language: "en", identities: [try ContactIdentity(kind: .email, value: "alice@example.com")]
            )),
            bob: try await store.createCustomer(NewCustomer(
                name: "Bob", language: "zh", identities: [try ContactIdentity(kind: .external, value: "shop-user-42")]
            ))
        )
    }

    /// A new ticket from `customer` with a first public message in their words.
    public func newTicket(
        _ subject: String, from customer: Customer? = nil, body: String? = nil, team: Team? = nil,
        merchant: Organization? = nil, priority: Priority = .normal, tags: [String] = []
    ) throws -> NewTicket {
        let customer = customer ?? alice
        return try NewTicket(
            subject: subject, customerID: customer.id, channel: .web, priority: priority, teamID: team?.id,
            merchantID: merchant?.id, tags: tags,
            firstMessage: try NewMessage(author: .customer(customer.id), visibility: .public, body: body ?? subject)
        )
    }
}
