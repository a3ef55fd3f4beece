import Foundation
import SwitchboardCore
import Testing

/// Where a case goes and who takes it.
@Suite("Routing")
struct RoutingTests {
    static let orders = Team.ID(1), payments = Team.ID(2), persian = Team.ID(3), shop = Team.ID(4), general = Team.ID(9)
    static let teams: Set<Team.ID> = [orders, payments, persian, shop, general]

    static let rules: [RoutingRule] = try! [
        RoutingRule(name: "Shop's own", conditions: .init(merchants: [Organization.ID(7)]), actions: .init(teamID: shop)),
        RoutingRule(name: "Money", conditions: .init(topics: ["refund", "payment_failed"]), actions: .init(teamID: payments, tags: ["money"])),
        RoutingRule(name: "Persian", conditions: .init(languages: ["fa"]), actions: .init(teamID: persian)),
        RoutingRule(name: "VIP by email", conditions: .init(channels: [.email], tiers: ["vip"]), actions: .init(priority: .high, tags: ["vip"])),
        RoutingRule(name: "Fraud words", conditions: .init(keywords: ["盗刷", "chargeback", "كلاهبرداری"]), actions: .init(teamID: payments, priority: .urgent)),
        RoutingRule(name: "Delivery", conditions: .init(topics: ["delivery_status"], channels: [.web, .chat]), actions: .init(teamID: orders)),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let item: RoutingCase
        let team: Team.ID?
        let priority: Priority
        let rule: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a merchant's case goes to its team first", item: RoutingCase(intent: "refund", channel: .web, merchantID: Organization.ID(7), text: "refund"), team: shop, priority: .normal, rule: "Shop's own"),
        Case(name: "an intent names the topic", item: RoutingCase(intent: "refund", channel: .web, text: "I want my money back"), team: payments, priority: .normal, rule: "Money"),
        Case(name: "a category names it too", item: RoutingCase(category: "payment_failed", channel: .api, text: "x"), team: payments, priority: .normal, rule: "Money"),
        Case(name: "Persian, with a region", item: RoutingCase(intent: "greeting", channel: .web, language: "fa-IR", text: "سلام"), team: persian, priority: .normal, rule: "Persian"),
        Case(name: "all conditions of a rule must hold", item: RoutingCase(channel: .web, tier: "vip", text: "hello"), team: general, priority: .normal, rule: nil),
        Case(name: "a rule without a team keeps the default and raises the priority", item: RoutingCase(channel: .email, tier: "vip", text: "hello"), team: general, priority: .high, rule: "VIP by email"),
        Case(name: "a priority is raised, never lowered", item: RoutingCase(channel: .email, tier: "vip", priority: .urgent, text: "hello"), team: general, priority: .urgent, rule: "VIP by email"),
        Case(name: "Chinese keywords are found without spaces", item: RoutingCase(channel: .chat, text: "我的卡被盗刷了怎么办"), team: payments, priority: .urgent, rule: "Fraud words"),
        Case(name: "Persian keywords match across letter variants", item: RoutingCase(channel: .chat, text: "این یک کلاهبرداری است"), team: payments, priority: .urgent, rule: "Fraud words"),
        Case(name: "keywords ignore case", item: RoutingCase(channel: .chat, text: "Filing a CHARGEBACK now"), team: payments, priority: .urgent, rule: "Fraud words"),
        Case(name: "a channel outside the rule's does not match", item: RoutingCase(intent: "delivery_status", channel: .email, text: "where is it"), team: general, priority: .normal, rule: nil),
        Case(name: "the same topic on the web does", item: RoutingCase(intent: "delivery_status", channel: .web, text: "where is it"), team: orders, priority: .normal, rule: "Delivery"),
    ]

    @Test("rules are tried in order; the first that holds decides", arguments: cases)
    func decide(_ example: Case) {
        let decision = Routing.decide(example.item, rules: Self.rules, defaultTeam: Self.general)
        #expect(decision.teamID == example.team && decision.priority == example.priority && decision.rule == example.rule)
    }

    @Test("a keyword is found at the start, the end and inside words; a first byte alone or a longer keyword is not a match")
    func keywordBytes() throws {
        let refund = try RoutingRule(name: "Refunds", conditions: .init(keywords: ["refund", "退款"]), actions: .init(teamID: Self.payments))
        func routed(_ text: String) -> Bool {
            Routing.decide(RoutingCase(channel: .web, text: text), rules: [refund], defaultTeam: Self.general).rule == "Refunds"
        }
        #expect(routed("Refund please") && routed("I want a refund") && routed("two refunds") && routed("我想退款"))
        #expect(!routed("a ref und") && !routed("reef fund r") && !routed("refun") && !routed("退货"))
        #expect(!routed("") && !routed("r"))
    }

    @Test("a rule naming a team that is gone, or overflow in a circle, is refused with the reason")
    func validation() throws {
        #expect(throws: Never.self) { try Routing.validate(Self.rules, teams: Self.teams, defaultTeam: Self.general) }
        let gone = try RoutingRule(name: "Old", conditions: .init(), actions: .init(teamID: Team.ID(99)))
        let error = try #require(throws: DomainError.self) { try Routing.validate(Self.rules + [gone], teams: Self.teams, defaultTeam: nil) }
        #expect(error.field == "rules[6].actions.teamId" && error.message.contains("Old"))
        #expect(throws: DomainError.self) { try RoutingRule(name: "Does nothing", conditions: .init(topics: ["x"]), actions: .init()) }
        #expect(throws: Never.self) { try Routing.validateOverflow([Self.orders: Self.payments, Self.payments: Self.general], teams: Self.teams) }
        let circle = try #require(throws: DomainError.self) {
            try Routing.validateOverflow([Self.orders: Self.payments, Self.payments: Self.persian, Self.persian: Self.orders], teams: Self.teams)
        }
        #expect(circle.message.contains("1 → 2 → 3 → 1"))
        #expect(throws: DomainError.self) { try Routing.validateOverflow([Self.orders: Team.ID(42)], teams: Self.teams) }
    }

    static func agent(_ id: Int64, _ presence: Agent.Presence = .online, skills: Set<String> = ["refund"], languages: Set<String> = ["en", "zh"], capacity: Int = 4, load: Int = 0, idle: TimeInterval = 0) -> Routing.Candidate {
        Routing.Candidate(id: Agent.ID(id), presence: presence, skills: skills, languages: languages, capacity: capacity, load: load, idleSince: Date(timeIntervalSince1970: idle))
    }

    @Test("only present agents with the skill, the language and room take a case; the least loaded for their capacity first, then the longest idle")
    func chooseAgent() {
        #expect(Routing.chooseAgent([Self.agent(1, .away), Self.agent(2, .offline)], skill: "refund", language: "en") == nil)
        #expect(Routing.chooseAgent([Self.agent(1, skills: ["delivery"]), Self.agent(2)], skill: "refund", language: "en") == Agent.ID(2))
        #expect(Routing.chooseAgent([Self.agent(1, languages: ["en"]), Self.agent(2, languages: ["fa"])], skill: nil, language: "fa-IR") == Agent.ID(2))
        #expect(Routing.chooseAgent([Self.agent(1, capacity: 2, load: 2)], skill: nil, language: nil) == nil, "full")
        // 1 of 2 is busier than 2 of 8.
        #expect(Routing.chooseAgent([Self.agent(1, capacity: 2, load: 1), Self.agent(2, capacity: 8, load: 2)], skill: nil, language: nil) == Agent.ID(2))
        #expect(Routing.chooseAgent([Self.agent(1, load: 1, idle: 50), Self.agent(2, load: 1, idle: 10)], skill: nil, language: nil) == Agent.ID(2))
        #expect(Routing.chooseAgent([Self.agent(3), Self.agent(2)], skill: nil, language: nil) == Agent.ID(2), "a full tie goes to the lower id")
    }

    @Test("many cases among equal agents spread evenly and nobody goes over capacity")
    func evenSpread() {
        var agents = (1...10).map { Self.agent(Int64($0), capacity: 5) }
        var clock: TimeInterval = 100
        for _ in 0..<48 {
            guard let chosen = Routing.chooseAgent(agents, skill: "refund", language: "zh") else { break }
            let index = agents.firstIndex { $0.id == chosen }!
            agents[index].load += 1
            agents[index].idleSince = Date(timeIntervalSince1970: clock)
            clock += 1
        }
        let loads = agents.map(\.load)
        #expect(loads.max()! - loads.min()! <= 1 && loads.reduce(0, +) == 48 && loads.allSatisfy { $0 <= 5 })
        #expect(Routing.chooseAgent(agents.map { var full = $0; full.load = 5; return full }, skill: nil, language: nil) == nil)
    }

    /// One queued case given to a team of three: 1 takes complaints in English, 2 refunds in
    /// English and Chinese, 3 refunds in Persian but is offline.
    struct Dispatched: Sendable, CustomTestStringConvertible {
        let name: String
        let skill: String?
        let language: String?
        let agent: Int64?
        var testDescription: String { name }
    }

    static let dispatched: [Dispatched] = [
        Dispatched(name: "someone has the skill and the language: them", skill: "refund", language: "zh", agent: 2),
        Dispatched(name: "a language with a region", skill: nil, language: "zh-TW", agent: 2),
        Dispatched(name: "nobody has both: a speaker of the language rather than waiting forever", skill: "complaint", language: "zh", agent: 2),
        Dispatched(name: "a language nobody speaks: the one with the skill", skill: "complaint", language: "de", agent: 1),
        Dispatched(name: "neither known: anyone, the least loaded for their capacity", skill: "invoice", language: "de", agent: 1),
        Dispatched(name: "only an offline member has both: the case waits for them", skill: "refund", language: "fa", agent: nil),
        Dispatched(name: "only an offline member speaks it: the case waits for them", skill: "complaint", language: "fa", agent: nil),
    ]

    @Test("dispatch asks of a case's agent what the team can give: skill and language, else the language, else the skill", arguments: dispatched)
    func dispatchAsks(_ example: Dispatched) {
        let team = Team.ID(5)
        func member(_ id: Int64, _ presence: Agent.Presence, _ skills: Set<String>, _ languages: Set<String>, load: Int) -> Routing.Candidate {
            var agent = Self.agent(id, presence, skills: skills, languages: languages, capacity: 4, load: load)
            agent.teamIDs = [team]
            return agent
        }
        let agents = [
            member(1, .online, ["complaint"], ["en"], load: 1), member(2, .online, ["refund"], ["en", "zh"], load: 2),
            member(3, .offline, ["refund"], ["fa"], load: 0),
        ]
        let item = Routing.Queued(
            waiting: Routing.Waiting(ticketID: Ticket.ID(1), lane: .normal, dueAt: nil, queuedAt: Date(timeIntervalSince1970: 0)),
            teamID: team, skill: example.skill, language: example.language
        )
        let assignments = Routing.dispatch([item], agents: agents, at: Date(timeIntervalSince1970: 10))
        #expect(assignments.map(\.agentID) == (example.agent.map { [Agent.ID($0)] } ?? []))
    }

    @Test("dispatch serves the queue in order, counts each case against its agent's room at once, and a case nobody can take holds back none behind it")
    func dispatchOrder() {
        let team = Team.ID(5), at = Date(timeIntervalSince1970: 100)
        var agent = Self.agent(1, skills: ["refund"], languages: ["en"], capacity: 2, load: 0)
        agent.teamIDs = [team]
        func queued(_ id: Int64, _ lane: Routing.Waiting.Lane, team: Team.ID = team) -> Routing.Queued {
            Routing.Queued(waiting: Routing.Waiting(ticketID: Ticket.ID(id), lane: lane, dueAt: nil, queuedAt: Date(timeIntervalSince1970: Double(id))),
                           teamID: team, skill: "refund", language: "en")
        }
        // 9's team has nobody; 1 is served after urgent 3 and VIP 2; 4 finds the agent full.
        let assignments = Routing.dispatch(
            [queued(9, .urgent, team: Team.ID(6)), queued(1, .normal), queued(2, .vip), queued(3, .urgent), queued(4, .normal)], agents: [agent], at: at
        )
        #expect(assignments.map(\.ticketID.rawValue) == [3, 2])
    }

    @Test("the queue serves urgent, then VIP, then the rest; within a lane the nearest due time, then the longest wait")
    func queue() {
        let t = { (seconds: TimeInterval) in Date(timeIntervalSince1970: seconds) }
        let waiting = [
            Routing.Waiting(ticketID: Ticket.ID(1), lane: .normal, dueAt: t(500), queuedAt: t(1)),
            Routing.Waiting(ticketID: Ticket.ID(2), lane: .vip, dueAt: nil, queuedAt: t(5)),
            Routing.Waiting(ticketID: Ticket.ID(3), lane: .normal, dueAt: t(300), queuedAt: t(9)),
            Routing.Waiting(ticketID: Ticket.ID(4), lane: .urgent, dueAt: t(900), queuedAt: t(8)),
            Routing.Waiting(ticketID: Ticket.ID(5), lane: .normal, dueAt: nil, queuedAt: t(0)),
            Routing.Waiting(ticketID: Ticket.ID(6), lane: .vip, dueAt: t(950), queuedAt: t(7)),
        ]
        #expect(Routing.queueOrder(waiting).map(\.ticketID.rawValue) == [4, 6, 2, 3, 1, 5])
        #expect(Routing.Waiting.lane(priority: .urgent, tier: "vip") == .urgent)
        #expect(Routing.Waiting.lane(priority: .high, tier: "VIP") == .vip && Routing.Waiting.lane(priority: .high, tier: nil) == .normal)
    }
}
