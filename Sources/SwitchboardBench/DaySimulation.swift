import Foundation
import SwitchboardCore

/// How the simulated day is set up: its size and the seed that makes it the same day every time.
public struct DaySimulationOptions: Sendable {
    public var tickets: Int
    public var agents: Int
    public var seed: UInt64
    /// Half the cases take an agent less than this, half more (log-normal).
    public var handlingMedianMinutes: Double

    public init(tickets: Int = 10_000, agents: Int = 50, seed: UInt64 = 1, handlingMedianMinutes: Double = 6) {
        self.tickets = tickets
        self.agents = agents
        self.seed = seed
        self.handlingMedianMinutes = handlingMedianMinutes
    }
}

/// What a simulated day came to.
public struct DayReport: Sendable {
    public struct LaneWaits: Sendable {
        public var count: Int
        /// Minutes from arrival to an agent taking the case.
        public var p50: Double, p90: Double, max: Double
    }

    public struct Breaches: Sendable {
        public var policy: String
        public var tickets: Int
        public var firstResponse: Int
        public var resolution: Int
    }

    public struct Fairness: Sendable {
        /// Most assigned / least assigned in the group.
        public var ratio: Double
        /// The same for the minutes of work their cases took.
        public var workRatio: Double
        public var group: String
        public var agents: Int
    }

    public var tickets: Int
    public var agents: Int
    public var teams: Int
    /// Cases an agent took.
    public var assigned: Int
    public var finished: Int
    /// Cases still in a queue when the simulation stopped.
    public var stillQueued: Int
    /// Cases that arrived and are neither assigned nor queued: must be none.
    public var lost: Int
    public var overflowed: Int
    /// Cases each rule decided (nil: none did, the default team).
    public var byRule: [(rule: String?, count: Int)]
    /// The highest load minus capacity of any agent at any moment (≤ 0: never above capacity).
    public var maxOverCapacity: Int
    /// Assignments to someone who was not online, not in the case's team, had no room, or lacked
    /// a skill or language the team has: must be none.
    public var invalidAssignments: Int
    /// The least fair group of like agents (same teams, shift and breaks, capacity, skills and
    /// languages), and how many groups of two or more there were.
    public var worstFairness: Fairness?
    public var fairnessGroups: Int
    public var waits: [Routing.Waiting.Lane: LaneWaits]
    public var breaches: [Breaches]
    /// Calls to `Routing.dispatch`, and how long they took (microseconds).
    public var dispatches: Int
    public var dispatchP50: Double, dispatchP99: Double, dispatchMax: Double
    /// When the last case was finished (or the simulation gave up), seconds after midnight.
    public var simulatedUntil: TimeInterval
    public var wallSeconds: Double
}

/// A day at a desk, event by event, on a simulated clock: tickets arrive with two peaks, the
/// desk's rules route them (`Routing.decide`), agents of three shifts come and go and take
/// breaks, and every change — an arrival, a case finished, a shift's start or end, a break —
/// runs `Routing.dispatch` over all queues as the desk does; a timer each minute moves cases on
/// by `Routing.overflowing`. The SLA clocks of every case are then read with `SLAClock`.
public enum DaySimulation {
    static let midnight = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01 00:00 UTC, a Tuesday
    static let minute: TimeInterval = 60, hour: TimeInterval = 3_600

    // The demo desk's teams and the shops that have their own.
    static let orders = Team.ID(1), payments = Team.ID(2), afterSales = Team.ID(3), tea = Team.ID(4), crafts = Team.ID(5)
    static let teamNames: [Team.ID: String] = [orders: "Orders", payments: "Payments", afterSales: "After-sales", tea: "Jade Tea", crafts: "Shiraz Crafts"]
    static let teaShop = Organization.ID(2), craftsShop = Organization.ID(3)

    /// The demo desk's routing: the shops' cases to their teams, fraud words to payments
    /// (urgent), money to payments, Persian to after-sales, VIPs raised to high; the rest to
    /// orders. The shops' teams (open in shop hours only) and after-sales hand on to orders when
    /// nobody took a case in time.
    static let routing: RoutingSettings = try! RoutingSettings(
        defaultTeamID: orders,
        rules: [
            RoutingRule(name: "Jade Tea's cases", conditions: .init(merchants: [teaShop]), actions: .init(teamID: tea)),
            RoutingRule(name: "Shiraz Crafts' cases", conditions: .init(merchants: [craftsShop]), actions: .init(teamID: crafts)),
            RoutingRule(name: "Fraud", conditions: .init(keywords: CustomerWords.fraudWords), actions: .init(teamID: payments, priority: .urgent, tags: ["fraud"])),
            RoutingRule(name: "Money", conditions: .init(topics: ["refund", "payment_failed", "charged_twice", "invoice"]), actions: .init(teamID: payments)),
            RoutingRule(name: "Persian", conditions: .init(languages: ["fa"]), actions: .init(teamID: afterSales)),
            RoutingRule(name: "VIP", conditions: .init(tiers: ["vip"]), actions: .init(priority: .high, tags: ["vip"])),
        ],
        overflow: [
            .init(fromTeamID: tea, toTeamID: orders, afterSeconds: 10 * minute),
            .init(fromTeamID: crafts, toTeamID: orders, afterSeconds: 10 * minute),
            .init(fromTeamID: afterSales, toTeamID: orders, afterSeconds: 30 * minute),
        ]
    )

    /// The desk's promises, first match applies: urgent, then VIP customers, then everyone. The
    /// desk is staffed around the clock, so every clock counts calendar time.
    static let policies: [SLAPolicy] = try! [
        SLAPolicy(name: "Urgent", conditions: .init(priorities: [.urgent]), targets: [.firstResponse: hour / 4, .nextResponse: hour, .resolution: 4 * hour], businessTime: false),
        SLAPolicy(name: "VIP", conditions: .init(tiers: ["vip"]), targets: [.firstResponse: hour, .nextResponse: 2 * hour, .resolution: 16 * hour], businessTime: false),
        SLAPolicy(name: "Standard", targets: [.firstResponse: 4 * hour, .nextResponse: 8 * hour, .resolution: 24 * hour], businessTime: false),
    ]

    // MARK: The people

    struct Shift: Hashable {
        let name: String
        /// Hours after midnight; the night shift ends the next morning (30 = 06:00).
        let start: Double, end: Double
        static let early = Shift(name: "early", start: 6, end: 14)
        static let late = Shift(name: "late", start: 14, end: 22)
        static let night = Shift(name: "night", start: 22, end: 30)
        static let shop = Shift(name: "shop hours", start: 9, end: 18)
    }

    struct Kind {
        let skills: Set<String>
        let languages: Set<String>
    }

    /// A part of the roster: who works in which teams on which shift, of which kinds in turn.
    struct Block {
        let teams: Set<Team.ID>
        let shift: Shift
        /// Agents in the block on a desk of 50.
        let share: Int
        let kinds: [Kind]
        /// Whether two alike of the block take a 20-minute break three hours into the shift.
        let breaks: Bool
    }

    // Each shift of a team has every kind of its agents (the kinds are handed out in turn), so
    // a case that needs a skill and a language together finds them on every shift: dispatch
    // waits for a member who has what a case needs, even one whose shift is over.
    static let ordersKinds = [
        Kind(skills: ["delivery_status", "shipping_delay", "change_address", "cancel_order"], languages: ["en", "zh"]),
        Kind(skills: ["delivery_status", "shipping_delay", "exchange", "complaint"], languages: ["en"]),
        Kind(skills: ["delivery_status", "shipping_delay", "account", "coupon"], languages: ["en", "fa"]),
    ]
    static let paymentsKinds = [
        Kind(skills: ["refund", "charged_twice", "payment_failed", "invoice"], languages: ["en", "zh"]),
        Kind(skills: ["refund", "charged_twice", "payment_failed"], languages: ["en", "fa"]),
    ]
    static let afterSalesKinds = [
        Kind(skills: ["exchange", "complaint", "account", "refund"], languages: ["fa", "en"]),
        Kind(skills: ["exchange", "complaint", "delivery_status"], languages: ["fa"]),
    ]
    static let roster: [Block] = [
        Block(teams: [orders], shift: .early, share: 9, kinds: ordersKinds, breaks: true),
        Block(teams: [orders], shift: .late, share: 10, kinds: ordersKinds, breaks: true),
        Block(teams: [orders], shift: .night, share: 5, kinds: ordersKinds, breaks: false),
        Block(teams: [payments], shift: .early, share: 4, kinds: paymentsKinds, breaks: false),
        Block(teams: [payments], shift: .late, share: 5, kinds: paymentsKinds, breaks: true),
        Block(teams: [payments], shift: .night, share: 2, kinds: paymentsKinds, breaks: false),
        Block(teams: [afterSales], shift: .early, share: 3, kinds: afterSalesKinds, breaks: false),
        Block(teams: [afterSales], shift: .late, share: 2, kinds: afterSalesKinds, breaks: false),
        Block(teams: [afterSales], shift: .night, share: 2, kinds: afterSalesKinds, breaks: false),
        Block(teams: [tea], shift: .shop, share: 4, kinds: [Kind(skills: ["exchange", "delivery_status", "refund"], languages: ["zh", "en"])], breaks: false),
        Block(teams: [crafts], shift: .shop, share: 4, kinds: [Kind(skills: ["exchange", "delivery_status", "refund"], languages: ["fa", "en"])], breaks: false),
    ]

    struct Person {
        var candidate: Routing.Candidate
        let shift: Shift
        /// Hours into the shift at which a 20-minute break starts.
        let breakAfter: Double?
        /// Like agents share this: the fairness figure compares within it.
        let group: String
    }

    /// Cases each agent took, by their fairness group (for looking into a figure).
    static func debugCounts(_ people: [Person], _ counts: [Int]) -> String {
        zip(people, counts).map { "\($0.candidate.id) \($0.group): \($1)" }.joined(separator: "\n")
    }

    /// `count` agents in the roster's proportions (largest remainder), each block's agents in
    /// kinds in turn, two of each kind with the same capacity (5, 3 or 8, changing by block).
    static func people(_ count: Int) -> [Person] {
        let total = roster.reduce(0) { $0 + $1.share }
        let exact = roster.map { Double($0.share) * Double(count) / Double(total) }
        var sizes = exact.map { Int($0) }
        let byRemainder = exact.indices.sorted { (exact[$0] - Double(sizes[$0]), -$0) > (exact[$1] - Double(sizes[$1]), -$1) }
        for index in byRemainder.prefix(count - sizes.reduce(0, +)) { sizes[index] += 1 }
        var people: [Person] = []
        for (blockIndex, block) in roster.enumerated() {
            for position in 0..<sizes[blockIndex] {
                let kinds = block.kinds.count
                let kind = block.kinds[position % kinds]
                let capacity = [5, 3, 8][(position / (2 * kinds) + blockIndex) % 3]
                let breakAfter: Double? = block.breaks && sizes[blockIndex] >= 5 && (position == 0 || position == kinds) ? 3 + Double(position / kinds) / 2 : nil
                let teams = block.teams.sorted().map { teamNames[$0]! }.joined(separator: "+")
                let group = "\(teams), \(block.shift.name)\(breakAfter == nil ? "" : " with a break"), capacity \(capacity), "
                    + "\(kind.skills.sorted().joined(separator: "/")), \(kind.languages.sorted().joined(separator: "+"))"
                let candidate = Routing.Candidate(
                    id: Agent.ID(Int64(people.count + 1)), presence: .offline, skills: kind.skills, languages: kind.languages,
                    capacity: capacity, load: 0, idleSince: midnight, teamIDs: block.teams
                )
                people.append(Person(candidate: candidate, shift: block.shift, breakAfter: breakAfter, group: group))
            }
        }
        return people
    }

    // MARK: The cases

    struct Arrival {
        let at: TimeInterval
        let routingCase: RoutingCase
        /// How long the agent who takes it works on it, and how soon they first answer.
        let handling: TimeInterval
        let think: TimeInterval
    }

    static let categories: [(String?, Double)] = [
        ("delivery_status", 25), ("shipping_delay", 12), ("refund", 12), ("payment_failed", 5), ("charged_twice", 3), ("invoice", 3),
        ("exchange", 12), ("account", 9), ("complaint", 7), ("change_address", 4), ("cancel_order", 3), ("coupon", 2), (nil, 3),
    ]

    /// The day's cases: a third spread over the day, the rest in peaks around 10:00 and 20:00.
    static func arrivals(_ options: DaySimulationOptions, random: inout SeededRandom) -> [Arrival] {
        var times: [TimeInterval] = (0..<options.tickets).map { _ in
            while true {
                let at = switch random.weighted([(0, 0.3), (1, 0.35), (2, 0.35)]) {
                case 0: random.unit() * 24 * hour
                case 1: random.normal(mean: 10 * hour, deviation: 1.5 * hour)
                default: random.normal(mean: 20 * hour, deviation: 1.5 * hour)
                }
                if at >= 0, at < 24 * hour { return at }
            }
        }
        times.sort()
        return times.map { at in
            let language = random.weighted([("en", 0.6), ("zh", 0.25), ("fa", 0.15)])
            let merchant = random.weighted([(teaShop as Organization.ID?, 0.1), (craftsShop, 0.08), (nil, 0.82)])
            let fraud = random.chance(0.01)
            let routingCase = RoutingCase(
                category: random.weighted(categories),
                channel: random.weighted([(Channel.web, 0.4), (.email, 0.25), (.chat, 0.3), (.phone, 0.05)]),
                language: language,
                tier: random.chance(0.08) ? "vip" : "standard",
                merchantID: merchant,
                priority: random.weighted([(Priority.urgent, 0.02), (.high, 0.1), (.normal, 0.7), (.low, 0.18)]),
                text: CustomerWords.text(language: language, extra: fraud ? random.pick(CustomerWords.fraudWords) : nil, random: &random)
            )
            let think = (0.5 + random.unit() * 2.5) * minute
            let handling = min(max(random.logNormal(median: options.handlingMedianMinutes * minute, sigma: 0.7), think + minute), 4 * hour)
            return Arrival(at: at, routingCase: routingCase, handling: handling, think: think)
        }
    }

    // MARK: The day

    enum Happening {
        case arrival(Int)
        case finished(agent: Int, ticket: Int)
        case presence(agent: Int, Agent.Presence)
        /// The desk's minute timer: cases waiting past their team's overflow time move on.
        case tick
    }

    struct CaseState {
        var ticket: Ticket
        /// Seconds after midnight, as `assignedAt` and `finishedAt`.
        var arrivedAt: TimeInterval
        var tier: String
        var lane: Routing.Waiting.Lane
        var policy: SLAPolicy?
        var rule: String?
        var queued = false
        var assignedAt: TimeInterval?
        var agent: Int?
        var finishedAt: TimeInterval?
    }

    public static func run(_ options: DaySimulationOptions) -> DayReport {
        let wallStart = ContinuousClock.now
        var random = SeededRandom(seed: options.seed)
        var people = people(options.agents)
        let arrivals = arrivals(options, random: &random)
        var events = EventQueue<Happening>()
        for (index, arrival) in arrivals.enumerated() { events.push(arrival.at, .arrival(index)) }
        // Shifts of the day before (the night shift still on at midnight) to two days after, for
        // the cases that run over.
        for (index, person) in people.enumerated() {
            for day in -1...2 {
                let start = (Double(day) * 24 + person.shift.start) * hour, end = (Double(day) * 24 + person.shift.end) * hour
                guard end > 0 else { continue }
                events.push(max(start, 0), .presence(agent: index, .online))
                if let breakAfter = person.breakAfter, start + breakAfter * hour > 0 {
                    events.push(start + breakAfter * hour, .presence(agent: index, .away))
                    events.push(start + breakAfter * hour + 20 * minute, .presence(agent: index, .online))
                }
                events.push(end, .presence(agent: index, .offline))
            }
        }
        events.push(minute, .tick)

        var cases: [CaseState] = []
        cases.reserveCapacity(arrivals.count)
        var queue: [Routing.Queued] = []
        var assignedCount = Array(repeating: 0, count: people.count)
        var maxOverCapacity = people.map { $0.candidate.load - $0.candidate.capacity }.max() ?? 0
        var invalid = 0, overflowed = 0, finished = 0
        var dispatchTimes: [Duration] = []
        var now: TimeInterval = 0
        let horizon = 72 * hour

        func date(_ seconds: TimeInterval) -> Date { midnight.addingTimeInterval(seconds) }

        func dispatch() {
            guard !queue.isEmpty else { return }
            let agents = people.map(\.candidate)
            let started = ContinuousClock.now
            let assignments = Routing.dispatch(queue, agents: agents, at: date(now))
            dispatchTimes.append(ContinuousClock.now - started)
            guard !assignments.isEmpty else { return }
            var taken: Set<Ticket.ID> = []
            for assignment in assignments {
                let ticket = Int(assignment.ticketID.rawValue) - 1, agent = Int(assignment.agentID.rawValue) - 1
                guard let item = queue.first(where: { $0.waiting.ticketID == assignment.ticketID }), taken.insert(assignment.ticketID).inserted else {
                    invalid += 1
                    continue
                }
                if !isValid(people[agent].candidate, for: item, team: people.map(\.candidate).filter { $0.teamIDs.contains(item.teamID) }) { invalid += 1 }
                people[agent].candidate.load += 1
                people[agent].candidate.idleSince = date(now)
                maxOverCapacity = max(maxOverCapacity, people[agent].candidate.load - people[agent].candidate.capacity)
                assignedCount[agent] += 1
                cases[ticket].queued = false
                cases[ticket].assignedAt = now
                cases[ticket].agent = agent
                cases[ticket].ticket.assigneeID = assignment.agentID
                cases[ticket].ticket.teamID = item.teamID
                events.push(now + arrivals[ticket].handling, .finished(agent: agent, ticket: ticket))
            }
            queue.removeAll { taken.contains($0.waiting.ticketID) }
        }

        while finished < arrivals.count, let event = events.pop(), event.at <= horizon {
            now = event.at
            switch event.element {
            case .arrival(let index):
                let arrival = arrivals[index]
                let decision = Routing.decide(arrival.routingCase, rules: routing.rules, defaultTeam: routing.defaultTeamID)
                let team = decision.teamID ?? orders
                let ticket = Ticket(
                    id: Ticket.ID(Int64(index + 1)), number: Int64(index + 1), subject: String(arrival.routingCase.text.prefix { $0 != "\n" }),
                    customerID: Customer.ID(Int64(index + 1)), channel: arrival.routingCase.channel, category: arrival.routingCase.category,
                    priority: decision.priority, status: .new, teamID: team, assigneeID: nil, merchantID: arrival.routingCase.merchantID,
                    tags: decision.tags, fields: [:], problem: Problem(), language: arrival.routingCase.language, followUpOf: nil,
                    createdAt: date(now), updatedAt: date(now)
                )
                let tier = arrival.routingCase.tier ?? "standard"
                let policy = SLAPolicy.first(of: policies, covering: ticket, tier: tier)
                let lane = Routing.Waiting.lane(priority: decision.priority, tier: tier)
                cases.append(CaseState(ticket: ticket, arrivedAt: now, tier: tier, lane: lane, policy: policy, rule: decision.rule, queued: true))
                let due = policy?.targets[.firstResponse].map { date(now + $0) }
                queue.append(Routing.Queued(
                    waiting: Routing.Waiting(ticketID: ticket.id, lane: lane, dueAt: due, queuedAt: date(now)), teamID: team,
                    skill: arrival.routingCase.category, language: arrival.routingCase.language
                ))
            case .finished(let agent, let ticket):
                people[agent].candidate.load -= 1
                cases[ticket].finishedAt = now
                finished += 1
            case .presence(let agent, let presence):
                people[agent].candidate.presence = presence
                if presence == .online { people[agent].candidate.idleSince = date(now) }
            case .tick:
                let moves = Routing.overflowing(queue, overflow: routing.overflow, at: date(now))
                for move in moves {
                    guard let index = queue.firstIndex(where: { $0.waiting.ticketID == move.ticketID }) else { continue }
                    queue[index].teamID = move.to
                    // A new queue: its overflow time counts from now; the SLA due time stays.
                    queue[index].waiting.queuedAt = date(now)
                    overflowed += 1
                }
                events.push(now + minute, .tick)
                if moves.isEmpty { continue }
            }
            dispatch()
        }

        if ProcessInfo.processInfo.environment["DAY_DEBUG"] != nil { print(debugCounts(people, assignedCount)) }
        return report(
            options: options, people: people, arrivals: arrivals, cases: cases, queue: queue, assignedCount: assignedCount, maxOverCapacity: maxOverCapacity,
            invalid: invalid, overflowed: overflowed, dispatchTimes: dispatchTimes, until: now, wallStart: wallStart
        )
    }

    /// Whether `agent` could rightly take `item`: online, in its team, with room, and with what
    /// the case needs as far as the team has it — skill and language if someone has both, else
    /// the language if someone speaks it, else the skill if someone has it. Written here apart
    /// from `Routing`, so the simulation checks dispatch rather than repeating it.
    static func isValid(_ agent: Routing.Candidate, for item: Routing.Queued, team: [Routing.Candidate]) -> Bool {
        func fits(_ candidate: Routing.Candidate, _ skill: String?, _ language: String?) -> Bool {
            (skill.map { candidate.skills.contains($0) } ?? true)
                && (language.map { language in candidate.languages.contains { language == $0 || language.hasPrefix($0 + "-") } } ?? true)
        }
        guard agent.presence == .online, agent.teamIDs.contains(item.teamID), agent.load < agent.capacity else { return false }
        for (skill, language) in [(item.skill, item.language), (nil, item.language), (item.skill, nil)] where skill != nil || language != nil {
            if team.contains(where: { fits($0, skill, language) }) { return fits(agent, skill, language) }
        }
        return true
    }

    static func report(
        options: DaySimulationOptions, people: [Person], arrivals: [Arrival], cases: [CaseState], queue: [Routing.Queued], assignedCount: [Int],
        maxOverCapacity: Int, invalid: Int, overflowed: Int, dispatchTimes: [Duration], until: TimeInterval, wallStart: ContinuousClock.Instant
    ) -> DayReport {
        let end = midnight.addingTimeInterval(until)
        let stillQueued = Set(queue.map(\.waiting.ticketID))
        let lost = cases.filter { $0.assignedAt == nil && !stillQueued.contains($0.ticket.id) }.count + (arrivals.count - cases.count)

        var waits: [Routing.Waiting.Lane: DayReport.LaneWaits] = [:]
        for lane in [Routing.Waiting.Lane.urgent, .vip, .normal] {
            let minutes = cases.filter { $0.lane == lane }.compactMap { state in state.assignedAt.map { ($0 - state.arrivedAt) / minute } }.sorted()
            func at(_ fraction: Double) -> Double {
                minutes.isEmpty ? .nan : minutes[min(minutes.count - 1, max(0, Int((Double(minutes.count) * fraction).rounded(.up)) - 1))]
            }
            waits[lane] = DayReport.LaneWaits(count: minutes.count, p50: at(0.5), p90: at(0.9), max: minutes.last ?? .nan)
        }

        // The SLA as the desk reads it: the ticket's history — opened, the first public reply a
        // think after the agent took it, solved when the agent finished — through `SLAClock`.
        var breaches = policies.map { DayReport.Breaches(policy: $0.name, tickets: 0, firstResponse: 0, resolution: 0) }
        for (index, state) in cases.enumerated() {
            guard let policy = state.policy, let which = policies.firstIndex(of: policy) else { continue }
            var history: [(at: Date, change: TicketChange)] = [(state.ticket.createdAt, .created(TicketChange.TicketCreated(ticket: state.ticket)))]
            if let assignedAt = state.assignedAt, let agent = state.agent {
                let replied = midnight.addingTimeInterval(assignedAt + arrivals[index].think)
                if replied <= end {
                    history.append((replied, .statusChanged(from: .new, to: .open)))
                    history.append((replied, .message(id: Message.ID(Int64(index + 1)), author: .agent(Agent.ID(Int64(agent + 1))), visibility: .public, bodySHA256: "")))
                }
            }
            if let finishedAt = state.finishedAt {
                history.append((midnight.addingTimeInterval(finishedAt), .statusChanged(from: .open, to: .solved)))
            }
            let clocks = SLAClock.clocks(events: history, policy: policy, calendar: nil, now: end)
            breaches[which].tickets += 1
            if clocks.first(where: { $0.target == .firstResponse })?.state == .breached { breaches[which].firstResponse += 1 }
            if clocks.first(where: { $0.target == .resolution })?.state == .breached { breaches[which].resolution += 1 }
        }

        // Minutes of work each agent was given: what least-loaded assignment evens out.
        var worked = Array(repeating: 0.0, count: people.count)
        for (index, state) in cases.enumerated() { if let agent = state.agent { worked[agent] += arrivals[index].handling / minute } }
        var groups: [String: [Int]] = [:]
        for (index, person) in people.enumerated() { groups[person.group, default: []].append(index) }
        let compared = groups.filter { $0.value.count >= 2 }
        let worst = compared.map { group, members in
            let counts = members.map { assignedCount[$0] }, minutes = members.map { worked[$0] }
            return DayReport.Fairness(
                ratio: Double(counts.max()!) / Double(counts.min()!), workRatio: minutes.max()! / minutes.min()!, group: group, agents: members.count
            )
        }.max { ($0.ratio, $1.group) < ($1.ratio, $0.group) }

        var byRule: [String?: Int] = [:]
        for state in cases { byRule[state.rule, default: 0] += 1 }
        let order: [String?] = routing.rules.map(\.name) + [nil]
        let micro = dispatchTimes.map { Double($0.components.attoseconds) / 1e12 + Double($0.components.seconds) * 1e6 }.sorted()
        func percentile(_ fraction: Double) -> Double {
            micro.isEmpty ? .nan : micro[min(micro.count - 1, max(0, Int((Double(micro.count) * fraction).rounded(.up)) - 1))]
        }
        let wall = ContinuousClock.now - wallStart
        return DayReport(
            tickets: arrivals.count, agents: people.count, teams: teamNames.count, assigned: cases.filter { $0.assignedAt != nil }.count,
            finished: cases.filter { $0.finishedAt != nil }.count, stillQueued: stillQueued.count, lost: lost, overflowed: overflowed,
            byRule: order.compactMap { rule in byRule[rule].map { (rule, $0) } }, maxOverCapacity: maxOverCapacity, invalidAssignments: invalid,
            worstFairness: worst, fairnessGroups: compared.count, waits: waits, breaches: breaches, dispatches: micro.count,
            dispatchP50: percentile(0.5), dispatchP99: percentile(0.99), dispatchMax: micro.last ?? .nan, simulatedUntil: until,
            wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        )
    }
}

/// Happenings in time order (the earlier pushed first among equal times): a binary heap.
struct EventQueue<Element> {
    private var heap: [(at: TimeInterval, sequence: Int, element: Element)] = []
    private var pushed = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ at: TimeInterval, _ element: Element) {
        heap.append((at, pushed, element))
        pushed += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(child, parent) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (at: TimeInterval, element: Element)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, before(left, smallest) { smallest = left }
            if right < heap.count, before(right, smallest) { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return (first.at, first.element)
    }

    private func before(_ a: Int, _ b: Int) -> Bool { (heap[a].at, heap[a].sequence) < (heap[b].at, heap[b].sequence) }
}
