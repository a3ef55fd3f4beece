import Dispatch
import Foundation
import SwitchboardCore

/// What `switchboard bench routing` measures: the decision the desk makes for every new case —
/// the supervisors' rules (`Routing.decide`), then who of the chosen team takes it
/// (`Routing.asked`, `Routing.chooseAgent`, as dispatch does) — in-process, one decision at a time, as a desk with many rules and
/// agents makes it.
public struct RoutingBenchmarkOptions: Sendable {
    public var rules: Int
    public var agents: Int
    public var teams: Int
    /// Decisions timed, after a warm-up of a tenth of them.
    public var decisions: Int
    public var seed: UInt64

    public init(rules: Int = 100, agents: Int = 500, teams: Int = 20, decisions: Int = 100_000, seed: UInt64 = 1) {
        self.rules = rules
        self.agents = agents
        self.teams = teams
        self.decisions = decisions
        self.seed = seed
    }
}

public enum RoutingBenchmark {
    /// A decision slower than this at the 99th percentile is felt by whoever opens many cases at once.
    static let goalP99Microseconds = 100.0

    static let topics = [
        "delivery_status", "shipping_delay", "refund", "payment_failed", "charged_twice", "invoice", "exchange", "account", "complaint",
        "cancel_order", "change_address", "coupon",
    ]
    static let merchants = (1_001...1_200).map { Organization.ID(Int64($0)) }

    /// A desk's worth of routing: rules of every kind supervisors write, the teams' members as
    /// assignment sees them, and the new cases to route.
    struct Desk {
        var rules: [RoutingRule]
        var defaultTeam: Team.ID
        var members: [Team.ID: [Routing.Candidate]]
        var cases: [RoutingCase]
    }

    public static func run(_ options: RoutingBenchmarkOptions, print: @Sendable (String) -> Void) throws {
        var random = SeededRandom(seed: options.seed)
        let desk = try makeDesk(options, random: &random)
        let keywordRules = desk.rules.filter { !$0.conditions.keywords.isEmpty }.count
        print("Switchboard routing benchmark — \(desk.rules.count) rules (\(keywordRules) with keywords in en/zh/fa), "
            + "\(options.agents) agents in \(options.teams) teams, \(options.decisions.formatted()) decisions timed one by one, "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores")

        let warmUp = max(options.decisions / 10, 1)
        var decide = [UInt64](repeating: 0, count: options.decisions)
        var choose = [UInt64](repeating: 0, count: options.decisions)
        var whole = [UInt64](repeating: 0, count: options.decisions)
        var assigned = 0
        let started = DispatchTime.now().uptimeNanoseconds
        var timedFrom = started
        for round in 0..<(warmUp + options.decisions) {
            if round == warmUp { timedFrom = DispatchTime.now().uptimeNanoseconds }
            let item = desk.cases[round % desk.cases.count]
            let t0 = DispatchTime.now().uptimeNanoseconds
            let decision = Routing.decide(item, rules: desk.rules, defaultTeam: desk.defaultTeam)
            let t1 = DispatchTime.now().uptimeNanoseconds
            var agent: Agent.ID?
            if let team = decision.teamID, let members = desk.members[team] {
                // As dispatch asks: what the team can give of the case's skill and language.
                let asked = Routing.asked(skill: item.category, language: item.language, of: members)
                agent = Routing.chooseAgent(members, skill: asked.skill, language: asked.language)
            }
            let t2 = DispatchTime.now().uptimeNanoseconds
            guard round >= warmUp else { continue }
            let index = round - warmUp
            decide[index] = t1 - t0
            choose[index] = t2 - t1
            whole[index] = t2 - t0
            if agent != nil { assigned += 1 }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - timedFrom) / 1e9

        let figures = Percentiles(whole)
        print(String(format: "decision  p50 %.2f µs   p99 %.2f µs   p99.9 %.2f µs   max %.2f µs   %.0f decisions/s (one core, timer included)",
                     figures.p50, figures.p99, figures.p999, figures.max, Double(options.decisions) / elapsed))
        let rules = Percentiles(decide), agents = Percentiles(choose)
        print(String(format: "  of it   decide p50 %.2f µs, p99 %.2f µs;   the agent (asked, chooseAgent) p50 %.2f µs, p99 %.2f µs",
                     rules.p50, rules.p99, agents.p50, agents.p99))
        let positions = desk.cases.map { item in
            Routing.decide(item, rules: desk.rules, defaultTeam: desk.defaultTeam).rule.flatMap { name in desk.rules.firstIndex { $0.name == name } }
        }
        let fellThrough = positions.filter { $0 == nil }.count
        let tried = positions.map { $0.map { $0 + 1 } ?? desk.rules.count }.sorted()
        print(String(format: "  cases   %.0f %% fell through all %d rules to the default team; half tried %d rules or more; an agent was found for %.0f %%",
                     Double(fellThrough) / Double(positions.count) * 100, desk.rules.count, tried[tried.count / 2],
                     Double(assigned) / Double(options.decisions) * 100))
        print(String(format: "goal      p99 < %.0f µs: %@", goalP99Microseconds, figures.p99 < goalP99Microseconds ? "goal met" : "goal NOT met"))
    }

    /// Percentiles of nanosecond samples, in microseconds.
    struct Percentiles {
        let p50, p99, p999, max: Double

        init(_ nanoseconds: [UInt64]) {
            let sorted = nanoseconds.sorted()
            func at(_ fraction: Double) -> Double {
                guard !sorted.isEmpty else { return .nan }
                let index = Swift.min(sorted.count - 1, Swift.max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))
                return Double(sorted[index]) / 1_000
            }
            p50 = at(0.5)
            p99 = at(0.99)
            p999 = at(0.999)
            max = Double(sorted.last ?? 0) / 1_000
        }
    }

    static func makeDesk(_ options: RoutingBenchmarkOptions, random: inout SeededRandom) throws -> Desk {
        let teams = (1...max(options.teams, 1)).map { Team.ID(Int64($0)) }
        let rules = try (0..<options.rules).map { try rule($0, teams: teams, random: &random) }
        try Routing.validate(rules, teams: Set(teams), defaultTeam: teams[0])

        var members: [Team.ID: [Routing.Candidate]] = [:]
        let start = Date(timeIntervalSince1970: 1_796_083_200)
        for index in 0..<options.agents {
            var teamIDs: Set<Team.ID> = [teams[index % teams.count]]
            if random.chance(0.1) { teamIDs.insert(random.pick(teams)) }
            var languages: Set<String> = random.chance(0.9) ? ["en"] : []
            if random.chance(0.35) { languages.insert("zh") }
            if random.chance(0.2) || languages.isEmpty { languages.insert("fa") }
            let capacity = random.pick([3, 5, 5, 8])
            let agent = Routing.Candidate(
                id: Agent.ID(Int64(index + 1)),
                presence: random.weighted([(Agent.Presence.online, 0.65), (.away, 0.15), (.offline, 0.2)]),
                skills: Set((0..<(3 + Int(random.next() % 3))).map { _ in random.pick(topics) }), languages: languages,
                capacity: capacity, load: Int(random.next() % UInt64(capacity + 1)),
                idleSince: start.addingTimeInterval(-Double(random.next() % 7_200)), teamIDs: teamIDs
            )
            for team in teamIDs { members[team, default: []].append(agent) }
        }
        let cases = (0..<4_096).map { _ in newCase(random: &random) }
        return Desk(rules: rules, defaultTeam: teams[0], members: members, cases: cases)
    }

    /// The `index`th rule: the kinds supervisors write, in turn — a shop's cases to its team,
    /// topics on some channels, a language with topics, keywords (fraud ones raise to urgent),
    /// VIPs on a channel, urgent topics, a few shops' topics, keywords of one language for one tier.
    static func rule(_ index: Int, teams: [Team.ID], random: inout SeededRandom) throws -> RoutingRule {
        let team = teams[index % teams.count]
        let channels = Channel.allCases
        func some<T: Hashable>(_ values: [T], _ count: Int) -> Set<T> { Set((0..<count).map { _ in random.pick(values) }) }
        let name = "Rule \(index + 1)"
        switch index % 8 {
        case 0:
            return try RoutingRule(name: name + ": a shop's cases", conditions: .init(merchants: some(merchants, 2)), actions: .init(teamID: team))
        case 1:
            return try RoutingRule(name: name + ": topic by channel", conditions: .init(topics: some(topics, 1), channels: some(channels, 1)), actions: .init(teamID: team))
        case 2:
            return try RoutingRule(
                name: name + ": language and topics", conditions: .init(topics: some(topics, 2), languages: [random.pick(["zh", "fa"])]), actions: .init(teamID: team)
            )
        case 3:
            if index % 24 == 3 {
                return try RoutingRule(
                    name: name + ": fraud words", conditions: .init(keywords: CustomerWords.fraudWords), actions: .init(teamID: team, priority: .urgent, tags: ["fraud"])
                )
            }
            let language = random.pick(["en", "zh", "fa"])
            return try RoutingRule(
                name: name + ": \(language) keywords", conditions: .init(keywords: Array(some(CustomerWords.keywords[language]!, 3))), actions: .init(teamID: team, tags: ["keyword"])
            )
        case 4:
            return try RoutingRule(name: name + ": VIPs", conditions: .init(channels: some(channels, 2), tiers: ["vip"]), actions: .init(priority: .high, tags: ["vip"]))
        case 5:
            return try RoutingRule(name: name + ": urgent topic", conditions: .init(topics: some(topics, 1), priorities: [.urgent]), actions: .init(teamID: team))
        case 6:
            return try RoutingRule(name: name + ": shops' topics", conditions: .init(topics: some(topics, 2), merchants: some(merchants, 3)), actions: .init(teamID: team))
        default:
            let language = random.pick(["en", "zh", "fa"])
            return try RoutingRule(
                name: name + ": \(language) keywords, standard tier",
                conditions: .init(languages: [language], tiers: ["standard"], keywords: Array(some(CustomerWords.keywords[language]!, 2))),
                actions: .init(teamID: team)
            )
        }
    }

    /// A new case as routing sees it: often an intent or category, mostly English, a quarter
    /// Chinese, some Persian (now and then with a region), VIPs and shops' customers among them,
    /// and a first message that names a rule's keyword about one time in seven.
    static func newCase(random: inout SeededRandom) -> RoutingCase {
        let language = random.weighted([("en", 0.55), ("zh", 0.25), ("fa", 0.15), ("fa-IR", 0.05)])
        let base = String(language.prefix(2))
        let keyword: String? = random.chance(0.15) ? random.pick(CustomerWords.keywords[base]!) : nil
        return RoutingCase(
            intent: random.chance(0.6) ? random.pick(topics) : nil,
            category: random.chance(0.5) ? random.pick(topics) : nil,
            channel: random.pick(Channel.allCases),
            language: language,
            tier: random.weighted([("vip" as String?, 0.08), ("standard", 0.7), (nil, 0.22)]),
            merchantID: random.chance(0.4) ? random.pick(merchants) : nil,
            priority: random.weighted([(Priority.urgent, 0.03), (.high, 0.12), (.normal, 0.65), (.low, 0.2)]),
            text: CustomerWords.text(language: base, extra: keyword, random: &random)
        )
    }
}
