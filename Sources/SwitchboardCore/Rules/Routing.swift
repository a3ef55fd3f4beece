import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a case goes and who takes it: pure decisions, the same on every node.
public enum Routing {
    /// What the rules decide for a case: the owning team (the default team when no rule names
    /// one), a raised priority, tags, and the rule that decided (for the event's reason).
    public struct Decision: Sendable, Hashable {
        public var teamID: Team.ID?
        public var priority: Priority
        public var tags: [String]
        public var rule: String?
    }

    /// The first rule whose conditions all hold decides; tags of that rule are added.
    public static func decide(_ item: RoutingCase, rules: [RoutingRule], defaultTeam: Team.ID?) -> Decision {
        // Normalising a whole first message costs; only keyword rules need it.
        let text = rules.contains { !$0.conditions.keywords.isEmpty } ? Array(TextNormalizer.normalize(item.text).utf8) : []
        guard let rule = rules.first(where: { holds($0.conditions, for: item, text: text) }) else {
            return Decision(teamID: defaultTeam, priority: item.priority, tags: [], rule: nil)
        }
        let priority = rule.actions.priority.map { max($0, item.priority) } ?? item.priority
        return Decision(teamID: rule.actions.teamID ?? defaultTeam, priority: priority, tags: rule.actions.tags, rule: rule.name)
    }

    static func holds(_ conditions: RoutingRule.Conditions, for item: RoutingCase, text: [UInt8]) -> Bool {
        func any<T>(_ set: Set<T>, _ value: T?) -> Bool { set.isEmpty || value.map(set.contains) == true }
        let topicHolds = conditions.topics.isEmpty
            || item.intent.map(conditions.topics.contains) == true || item.category.map(conditions.topics.contains) == true
        let languageHolds = conditions.languages.isEmpty
            || item.language.map { language in conditions.languages.contains { language == $0 || language.hasPrefix($0 + "-") } } == true
        return topicHolds && languageHolds
            && any(conditions.channels, item.channel) && any(conditions.tiers, item.tier)
            && any(conditions.merchants, item.merchantID) && any(conditions.priorities, item.priority)
            && (conditions.keywords.isEmpty || conditions.keywords.contains { contains(text, $0) })
    }

    /// Whether the normalised text holds the normalised keyword anywhere, compared as UTF-8 bytes:
    /// both sides are already in one form, so Foundation's locale-aware search (nine tenths of a
    /// decision's time when it was used) buys nothing. Chinese needs no word boundaries; a
    /// keyword is found inside a longer word, as "refund" in "refunds".
    static func contains(_ text: [UInt8], _ keyword: String) -> Bool {
        var keyword = keyword
        return keyword.withUTF8 { needle in
            text.withUnsafeBufferPointer { haystack in
                guard let needleStart = needle.baseAddress, !needle.isEmpty else { return true }
                guard let start = haystack.baseAddress, needle.count <= haystack.count else { return false }
                // memchr jumps to each place the keyword's first byte occurs; memcmp checks the rest.
                let base = UnsafeRawPointer(start), last = haystack.count - needle.count
                var offset = 0
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(needleStart.pointee), last - offset + 1) else { return false }
                    let index = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + index, needleStart, needle.count) == 0 { return true }
                    offset = index + 1
                }
                return false
            }
        }
    }

    /// Refuses rules that name a team the desk does not have, with the rule and the reason.
    public static func validate(_ rules: [RoutingRule], teams: Set<Team.ID>, defaultTeam: Team.ID?) throws {
        for (index, rule) in rules.enumerated() {
            if let team = rule.actions.teamID, !teams.contains(team) {
                throw DomainError.invalidField("rules[\(index)].actions.teamId", "rule “\(rule.name)” sends cases to team \(team), which does not exist")
            }
        }
        if let defaultTeam, !teams.contains(defaultTeam) {
            throw DomainError.invalidField("defaultTeamId", "the default team \(defaultTeam) does not exist")
        }
    }

    /// Refuses overflow targets that lead back to where they started (A → B → A), or to a team the
    /// desk does not have: a waiting case must end somewhere.
    public static func validateOverflow(_ overflow: [Team.ID: Team.ID], teams: Set<Team.ID>) throws {
        for (from, to) in overflow.sorted(by: { $0.key < $1.key }) {
            guard teams.contains(to) else { throw DomainError.invalidField("overflowTeamId", "team \(from) overflows to team \(to), which does not exist") }
            var seen: [Team.ID] = [from]
            var next: Team.ID? = to
            while let current = next {
                if seen.contains(current) {
                    let path = (seen + [current]).map { String($0.rawValue) }.joined(separator: " → ")
                    throw DomainError.invalidField("overflowTeamId", "overflow goes round in a circle: \(path)")
                }
                seen.append(current)
                next = overflow[current]
            }
        }
    }

    /// An agent as assignment sees them.
    public struct Candidate: Sendable, Hashable {
        public var id: Agent.ID
        public var presence: Agent.Presence
        public var skills: Set<String>
        public var languages: Set<String>
        public var capacity: Int
        /// Open cases assigned now.
        public var load: Int
        /// When they last got a case (or came online): the longest idle gets the tie.
        public var idleSince: Date
        public var teamIDs: Set<Team.ID>

        public init(
            id: Agent.ID, presence: Agent.Presence, skills: Set<String>, languages: Set<String>, capacity: Int, load: Int, idleSince: Date,
            teamIDs: Set<Team.ID> = []
        ) {
            self.id = id
            self.teamIDs = teamIDs
            self.presence = presence
            self.skills = skills
            self.languages = languages
            self.capacity = capacity
            self.load = load
            self.idleSince = idleSince
        }
    }

    /// Who in a team takes a case: only agents who are online, have the case's skill (its
    /// category, when it has one) and speak its language, with room under their capacity; the
    /// least loaded relative to capacity, then the one idle longest, then the lower id. Nil when
    /// nobody can: the case waits in the queue.
    public static func chooseAgent(_ candidates: [Candidate], skill: String?, language: String?) -> Agent.ID? {
        let able = candidates.filter { agent in
            agent.presence == .online && agent.load < agent.capacity && fits(agent, skill: skill, language: language)
        }
        return able.min { left, right in
            // load/capacity compared without division: left.load × right.capacity vs right.load × left.capacity.
            let leftShare = left.load * right.capacity, rightShare = right.load * left.capacity
            if leftShare != rightShare { return leftShare < rightShare }
            if left.idleSince != right.idleSince { return left.idleSince < right.idleSince }
            return left.id < right.id
        }?.id
    }

    /// Whether `agent` has the skill and speaks the language (a language with a region, "fa-IR",
    /// is spoken by whoever speaks "fa"); nil asks for nothing.
    static func fits(_ agent: Candidate, skill: String?, language: String?) -> Bool {
        (skill.map(agent.skills.contains) ?? true)
            && (language.map { language in agent.languages.contains { language == $0 || language.hasPrefix($0 + "-") } } ?? true)
    }

    /// What a case asks of the agent who takes it, as far as the team can give it: its skill and
    /// its language when someone in the team has both; else its language alone (the customer
    /// must be understood), else its skill alone; else anyone. Every member counts, whatever
    /// their presence: a case waits for the right person to come back, never for one the team
    /// does not have. Dispatch asks this for each case before `chooseAgent`.
    public static func asked(skill: String?, language: String?, of team: [Candidate]) -> (skill: String?, language: String?) {
        for (skill, language) in [(skill, language), (nil, language), (skill, nil)] where skill != nil || language != nil {
            if team.contains(where: { fits($0, skill: skill, language: language) }) { return (skill, language) }
        }
        return (nil, nil)
    }

    /// A case waiting for a free agent.
    public struct Waiting: Sendable, Hashable {
        public enum Lane: Int, Sendable, Hashable, Comparable {
            case urgent = 0, vip = 1, normal = 2
            public static func < (lhs: Lane, rhs: Lane) -> Bool { lhs.rawValue < rhs.rawValue }
        }

        public var ticketID: Ticket.ID
        public var lane: Lane
        /// The SLA's next due time, if any.
        public var dueAt: Date?
        public var queuedAt: Date

        public init(ticketID: Ticket.ID, lane: Lane, dueAt: Date?, queuedAt: Date) {
            self.ticketID = ticketID
            self.lane = lane
            self.dueAt = dueAt
            self.queuedAt = queuedAt
        }

        /// The lane of a case: urgent ones first, then VIP customers', then the rest.
        public static func lane(priority: Priority, tier: String?) -> Lane {
            if priority == .urgent { return .urgent }
            return tier?.lowercased() == "vip" ? .vip : .normal
        }
    }

    /// The order a team's queue is served in: by lane, then the nearest SLA due time (a case
    /// without one after those with one), then the longest waiting.
    public static func queueOrder(_ waiting: [Waiting]) -> [Waiting] {
        waiting.sorted { left, right in
            if left.lane != right.lane { return left.lane < right.lane }
            switch (left.dueAt, right.dueAt) {
            case let (l?, r?) where l != r: return l < r
            case (.some, .none): return true
            case (.none, .some): return false
            default: break
            }
            if left.queuedAt != right.queuedAt { return left.queuedAt < right.queuedAt }
            return left.ticketID < right.ticketID
        }
    }

    /// A case in a team's queue, as dispatch sees it.
    public struct Queued: Sendable, Hashable {
        public var waiting: Waiting
        public var teamID: Team.ID
        /// The case's category (the skill it asks for) and language.
        public var skill: String?
        public var language: String?

        public init(waiting: Waiting, teamID: Team.ID, skill: String?, language: String?) {
            self.waiting = waiting
            self.teamID = teamID
            self.skill = skill
            self.language = language
        }
    }

    public struct Assignment: Sendable, Hashable {
        public var ticketID: Ticket.ID
        public var agentID: Agent.ID

        public init(ticketID: Ticket.ID, agentID: Agent.ID) {
            self.ticketID = ticketID
            self.agentID = agentID
        }
    }

    /// Gives queued cases to agents with room, in queue order: each case to the agent
    /// `chooseAgent` picks among its team's members, whose load then counts it. A case nobody can
    /// take now stays queued and does not hold back the cases behind it. What a case asks of its
    /// agent is what its team can give (`asked`): a team with no "refund" skill listed takes
    /// refund cases like any other, and a Chinese complaint goes to a Chinese speaker when nobody
    /// of the team has both, rather than either waiting forever.
    public static func dispatch(_ queued: [Queued], agents: [Candidate], at now: Date) -> [Assignment] {
        guard !queued.isEmpty else { return [] }
        var agents = agents
        var members: [Team.ID: [Int]] = [:]
        for (index, agent) in agents.enumerated() {
            for team in agent.teamIDs { members[team, default: []].append(index) }
        }
        // Skills and languages do not change during a dispatch: ask the team once per kind of case.
        struct Need: Hashable { let team: Team.ID, skill: String?, language: String? }
        var needs: [Need: (skill: String?, language: String?)] = [:]
        let byTicket = Dictionary(queued.map { ($0.waiting.ticketID, $0) }, uniquingKeysWith: { first, _ in first })
        var assignments: [Assignment] = []
        for waiting in queueOrder(queued.map(\.waiting)) {
            guard let item = byTicket[waiting.ticketID], let indices = members[item.teamID] else { continue }
            let team = indices.map { agents[$0] }
            let need = Need(team: item.teamID, skill: item.skill, language: item.language)
            let (skill, language) = needs[need] ?? asked(skill: item.skill, language: item.language, of: team)
            needs[need] = (skill, language)
            guard let chosen = chooseAgent(team, skill: skill, language: language),
                  let index = indices.first(where: { agents[$0].id == chosen })
            else { continue }
            agents[index].load += 1
            agents[index].idleSince = now
            assignments.append(Assignment(ticketID: item.waiting.ticketID, agentID: chosen))
        }
        return assignments
    }

    /// Queued cases that waited past their team's overflow time, with the team they move to.
    public static func overflowing(_ queued: [Queued], overflow: [RoutingSettings.Overflow], at now: Date) -> [(ticketID: Ticket.ID, from: Team.ID, to: Team.ID)] {
        let byTeam = Dictionary(overflow.map { ($0.fromTeamID, $0) }, uniquingKeysWith: { first, _ in first })
        return queued.compactMap { item in
            guard let rule = byTeam[item.teamID], now.timeIntervalSince(item.waiting.queuedAt) >= rule.afterSeconds else { return nil }
            return (item.waiting.ticketID, item.teamID, rule.toTeamID)
        }
    }
}
