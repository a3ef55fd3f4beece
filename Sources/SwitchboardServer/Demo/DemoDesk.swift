import Foundation
import SwitchboardCore
import SwitchboardStorage

/// A desk to explore: the platform and two merchants, five teams, eight agents, thirty customers
/// and two hundred tickets in English, Chinese and Persian, with replies, notes and history.
public enum DemoDesk {
    /// Every demo agent signs in with this password.
    public static let password = "switchboard-demo"

    public struct SignIn: Sendable {
        public let email: String
        public let role: String
        public let name: String
    }

    public static let signIns: [SignIn] = [
        SignIn(email: "admin@switchboard.demo", role: "admin", name: "Grace Admin"),
        SignIn(email: "supervisor@switchboard.demo", role: "supervisor", name: "Sam Okafor"),
        SignIn(email: "agent@switchboard.demo", role: "agent", name: "Ada Lin"),
        SignIn(email: "mei@jadetea.demo", role: "agent (merchant: Jade Tea House)", name: "林梅"),
    ]

    public struct Report: Sendable {
        /// False when the demo desk was already there.
        public let loaded: Bool
        public let tickets: Int
    }

    /// Loads the demo desk into an empty database; does nothing if it is already loaded.
    public static func load(into store: any Store, passwordCost: UInt8 = 12, now: Date = Date()) async throws -> Report {
        if try await store.agentCredentials(email: signIns[0].email) != nil {
            return Report(loaded: false, tickets: 0)
        }
        guard try await store.organizations().isEmpty else {
            throw DomainError(.conflict, "this desk already holds other data; the demo desk loads into an empty database")
        }
        let hash = try await PasswordHasher(cost: passwordCost).hash(password)

        let platform = try await store.createOrganization(NewOrganization(name: "Switchboard Market", kind: .platform))
        let tea = try await store.createOrganization(NewOrganization(name: "Jade Tea House", kind: .merchant))
        let crafts = try await store.createOrganization(NewOrganization(name: "Shiraz Crafts", kind: .merchant))
        let teams = [
            try await store.createTeam(NewTeam(organizationID: platform.id, name: "Orders & delivery", hours: try .weekdays(from: 8, to: 20, timeZone: "Asia/Shanghai"))),
            try await store.createTeam(NewTeam(organizationID: platform.id, name: "Payments & refunds", hours: try .weekdays(from: 9, to: 18, timeZone: "Europe/London"))),
            try await store.createTeam(NewTeam(organizationID: platform.id, name: "After-sales", hours: try .always(timeZone: "Asia/Tehran"))),
            try await store.createTeam(NewTeam(organizationID: tea.id, name: "Jade Tea service", hours: try .weekdays(from: 9, to: 18, timeZone: "Asia/Shanghai"))),
            try await store.createTeam(NewTeam(organizationID: crafts.id, name: "Shiraz Crafts service", hours: try .weekdays(from: 9, to: 17, timeZone: "Asia/Tehran"))),
        ]
        func agent(_ organization: Organization, _ name: String, _ email: String, _ role: Agent.Role, _ teamIndexes: [Int], _ languages: [String], _ skills: [String]) async throws -> Agent {
            try await store.createAgent(
                NewAgent(organizationID: organization.id, name: name, email: email, role: role, teamIDs: teamIndexes.map { teams[$0].id },
                         skills: skills, languages: languages, capacity: 12),
                passwordHash: hash
            )
        }
        let agents = [
            try await agent(platform, "Grace Admin", "admin@switchboard.demo", .admin, [], ["en"], []),
            try await agent(platform, "Sam Okafor", "supervisor@switchboard.demo", .supervisor, [0, 1, 2], ["en", "fa"], ["complaint"]),
            try await agent(platform, "Ada Lin", "agent@switchboard.demo", .agent, [0, 2], ["en", "zh"], ["order-status", "shipping-delay"]),
            try await agent(platform, "陈晓", "chen@switchboard.demo", .agent, [0, 1], ["zh", "en"], ["refund", "charged-twice"]),
            try await agent(platform, "نیلوفر کاظمی", "niloufar@switchboard.demo", .agent, [1, 2], ["fa", "en"], ["refund", "payment-failed"]),
            try await agent(platform, "Tom Becker", "tom@switchboard.demo", .agent, [2], ["en"], ["account", "complaint"]),
            try await agent(tea, "林梅", "mei@jadetea.demo", .agent, [3], ["zh"], ["exchange"]),
            try await agent(crafts, "کاوه تهرانی", "kaveh@shirazcrafts.demo", .agent, [4], ["fa"], ["exchange"]),
        ]
        for definition in [
            try CustomFieldDefinition(key: "order_number", label: "Order number", type: .text),
            try CustomFieldDefinition(key: "refund_amount", label: "Refund amount", type: .number),
            try CustomFieldDefinition(key: "reason", label: "Reason", type: .choice, choices: ["damaged", "late", "wrong-item", "changed-mind", "billing"]),
        ] {
            try await store.createFieldDefinition(definition, at: now)
        }

        // Routing a new user sees working on the first start: money to Payments, the shops' own cases
        // to their teams, Persian to After-sales (on Tehran time), the rest to Orders & delivery.
        let routing = try RoutingSettings(defaultTeamID: teams[0].id, rules: [
            RoutingRule(name: "Jade Tea's cases", conditions: .init(merchants: [tea.id]), actions: .init(teamID: teams[3].id)),
            RoutingRule(name: "Shiraz Crafts' cases", conditions: .init(merchants: [crafts.id]), actions: .init(teamID: teams[4].id)),
            RoutingRule(name: "Fraud", conditions: .init(keywords: ["chargeback", "fraud", "盗刷", "کلاهبرداری"]), actions: .init(teamID: teams[1].id, priority: .urgent, tags: ["fraud"])),
            RoutingRule(name: "Money", conditions: .init(topics: ["refund", "payment_failed", "charged_twice", "invoice"]), actions: .init(teamID: teams[1].id)),
            RoutingRule(name: "Persian", conditions: .init(languages: ["fa"]), actions: .init(teamID: teams[2].id)),
            RoutingRule(name: "VIP", conditions: .init(tiers: ["vip"]), actions: .init(priority: .high, tags: ["vip"])),
        ])
        _ = try await store.saveDocument(named: RoutingSettings.documentName, body: try routing.document(), expectedVersion: 0, by: nil, at: now)
        // Clocks that tick on the first start: urgent around the clock, VIP customers sooner, the
        // shops on their own terms, everyone else in their team's business hours.
        let hour: TimeInterval = 3600
        let sla = SLASettings(policies: [
            try SLAPolicy(name: "Urgent", conditions: .init(priorities: [.urgent]), targets: [.firstResponse: hour / 4, .nextResponse: hour, .resolution: 4 * hour], businessTime: false),
            try SLAPolicy(name: "VIP", conditions: .init(tiers: ["vip"]), targets: [.firstResponse: hour, .nextResponse: 2 * hour, .resolution: 16 * hour]),
            try SLAPolicy(name: "Shops", conditions: .init(merchants: [tea.id, crafts.id]), targets: [.firstResponse: 4 * hour, .resolution: 27 * hour]),
            try SLAPolicy(name: "Standard", targets: [.firstResponse: 4 * hour, .nextResponse: 8 * hour, .resolution: 24 * hour]),
        ], holidays: [teams[2].id: ["2027-03-20", "2027-03-21", "2027-03-22", "2027-03-23"], teams[0].id: ["2027-02-06", "2027-02-07", "2027-02-08"]])
        _ = try await store.saveDocument(named: SLASettings.documentName, body: try sla.document(), expectedVersion: 0, by: nil, at: now)

        var customers: [String: [Customer]] = [:]
        for (index, entry) in DemoContent.customerNames.enumerated() {
            var identities = [try ContactIdentity(kind: .email, value: "customer\(index + 1)@mail.demo")]
            if entry.language != "en" { identities.append(try ContactIdentity(kind: .phone, value: "+86 138 0000 \(String(format: "%04d", index + 1))")) }
            identities.append(try ContactIdentity(kind: .external, value: "shop-\(1000 + index)"))
            let customer = try await store.createCustomer(NewCustomer(
                name: entry.name, language: entry.language, tier: index % 7 == 0 ? "vip" : "standard", identities: identities
            ))
            customers[entry.language, default: []].append(customer)
        }

        var random = DemoRandom(seed: 20_251_123)
        let scenarios = [DemoContent.english, DemoContent.chinese, DemoContent.persian]
        let plans: [TicketPlan] = (0..<200).map { index in
            let pool = scenarios[index % 3]
            let scenario = pool[random.next(pool.count)]
            let people = customers[scenario.language] ?? []
            let team = teams[scenario.team]
            let members = agents.filter { $0.teamIDs.contains(team.id) && $0.role == .agent }
            return TicketPlan(
                scenario: scenario, customer: people[random.next(people.count)], team: team,
                merchant: scenario.team == 3 ? tea.id : scenario.team == 4 ? crafts.id : nil,
                agent: members.isEmpty ? agents[1] : members[random.next(members.count)],
                stage: random.next(100), openedAt: now.addingTimeInterval(-Double(200 - index) * 3.4 * 3600 - Double(random.next(3000)))
            )
        }
        // Load a few tickets at a time: the store commits concurrent writes together.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, plan) in plans.enumerated() {
                if index >= 8 { try await group.next() }
                group.addTask { try await plan.load(into: store) }
            }
            try await group.waitForAll()
        }
        return Report(loaded: true, tickets: plans.count)
    }

    /// One demo ticket and how far its story has gone.
    struct TicketPlan: Sendable {
        let scenario: DemoContent.Scenario
        let customer: Customer
        let team: Team
        let merchant: Organization.ID?
        let agent: Agent
        /// 0–99: under 25 stays new, then assigned and answered, waiting, solved, closed.
        let stage: Int
        let openedAt: Date

        func load(into store: any Store) async throws {
            let orderNumber = Tokenizer.tokens(TextNormalizer.normalize(scenario.message))
                .first { $0.script == .number && $0.text.count == 5 }?.text
            var fields: [String: FieldValue] = [:]
            if let orderNumber { fields["order_number"] = .text(orderNumber) }
            let new = try NewTicket(
                subject: scenario.subject, customerID: customer.id, channel: [.web, .email, .chat][stage % 3], category: scenario.category,
                priority: scenario.priority, teamID: team.id, merchantID: merchant, tags: scenario.tags, fields: fields,
                problem: scenario.problem, language: scenario.language,
                firstMessage: try NewMessage(author: .customer(customer.id), visibility: .public, body: scenario.message)
            )
            // The assistant reads each customer's first words once its model is ready (a job).
            let ticket = try await store.createTicket(
                new, actor: .customer(customer.id), at: openedAt, analysis: .pending, jobs: [NewJob(kind: .analysePending, runAt: openedAt)]
            ).ticket
            guard stage >= 25 else { return }
            let actor = EventActor.agent(agent.id)
            var at = openedAt.addingTimeInterval(600 + Double(stage) * 40)
            _ = try await store.updateTicket(number: ticket.number, commands: [.assign(agent.id)], actor: actor, at: at) { _ in }
            if let note = scenario.note {
                at.addTimeInterval(300)
                _ = try await store.addMessage(try NewMessage(author: .agent(agent.id), visibility: .internal, body: note), toTicket: ticket.number, actor: actor, at: at) { _ in }
            }
            at.addTimeInterval(900)
            _ = try await store.addMessage(try NewMessage(author: .agent(agent.id), visibility: .public, body: scenario.reply), toTicket: ticket.number, actor: actor, at: at) { _ in }
            let path: [TicketStatus] = switch stage {
            case 25..<45: []
            case 45..<60: [.pendingCustomer]
            case 60..<85: [.solved]
            default: [.solved, .closed]
            }
            for status in path {
                at.addTimeInterval(3600 * 6)
                _ = try await store.updateTicket(number: ticket.number, commands: [.setStatus(status)], actor: actor, at: at) { _ in }
            }
        }
    }
}

/// A small deterministic generator, so every demo desk is the same desk.
struct DemoRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }
}
