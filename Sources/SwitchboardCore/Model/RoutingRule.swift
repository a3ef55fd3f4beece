import Foundation

/// A supervisor's rule for where a new case goes: conditions on what the case is, and what to do
/// with it — the team that owns it, a priority, tags. Rules are tried in order; the first whose
/// every stated condition holds decides. An empty condition holds for any case.
public struct RoutingRule: Sendable, Hashable, Codable {
    public struct Conditions: Sendable, Hashable, Codable {
        /// The assistant's intent or the ticket's category (either matches).
        public var topics: Set<String>
        public var channels: Set<Channel>
        public var languages: Set<String>
        public var tiers: Set<String>
        public var merchants: Set<Organization.ID>
        public var priorities: Set<Priority>
        /// Words or phrases, any of which in the subject or the first message (compared after
        /// `TextNormalizer`, so "退款" is found without spaces and Persian letter variants match).
        public var keywords: [String]

        public init(
            topics: Set<String> = [], channels: Set<Channel> = [], languages: Set<String> = [], tiers: Set<String> = [],
            merchants: Set<Organization.ID> = [], priorities: Set<Priority> = [], keywords: [String] = []
        ) {
            self.topics = topics
            self.channels = channels
            self.languages = languages
            self.tiers = tiers
            self.merchants = merchants
            self.priorities = priorities
            self.keywords = keywords.map(TextNormalizer.normalize).filter { !$0.isEmpty }
        }
    }

    public struct Actions: Sendable, Hashable, Codable {
        public var teamID: Team.ID?
        /// Raised to this priority (never lowered).
        public var priority: Priority?
        public var tags: [String]

        public init(teamID: Team.ID? = nil, priority: Priority? = nil, tags: [String] = []) throws {
            self.teamID = teamID
            self.priority = priority
            self.tags = try Validate.tags(tags)
        }
    }

    public var name: String
    public var conditions: Conditions
    public var actions: Actions

    public init(name: String, conditions: Conditions, actions: Actions) throws {
        self.name = try Validate.name(name, field: "name")
        guard actions.teamID != nil || actions.priority != nil || !actions.tags.isEmpty else {
            throw DomainError.invalidField("actions", "a rule sends the case to a team, sets a priority or adds tags")
        }
        guard conditions.keywords.count <= 100, conditions.keywords.allSatisfy({ $0.count <= Limits.category }) else {
            throw DomainError.invalidField("conditions.keywords", "at most 100 keywords of \(Limits.category) characters")
        }
        self.conditions = conditions
        self.actions = actions
    }
}

/// What routing knows of a new case.
public struct RoutingCase: Sendable, Hashable {
    public var intent: String?
    public var category: String?
    public var channel: Channel
    public var language: String?
    public var tier: String?
    public var merchantID: Organization.ID?
    public var priority: Priority
    /// The subject and the first message.
    public var text: String

    public init(
        intent: String? = nil, category: String? = nil, channel: Channel, language: String? = nil, tier: String? = nil,
        merchantID: Organization.ID? = nil, priority: Priority = .normal, text: String
    ) {
        self.intent = intent
        self.category = category
        self.channel = channel
        self.language = language
        self.tier = tier
        self.merchantID = merchantID
        self.priority = priority
        self.text = text
    }
}

/// The desk's routing, as supervisors edit it: the rules in order and the team a case goes to
/// when none names one.
public struct RoutingSettings: DeskDocumentBody, Hashable {
    public static let documentName = "routing"
    public static let empty = try! RoutingSettings()
    /// At most this many rules (each is tried for every new case).
    public static let maxRules = 200

    public var defaultTeamID: Team.ID?
    public var rules: [RoutingRule]
    /// Where a team's waiting cases go when nobody of the team took them in time.
    public var overflow: [Overflow]

    /// A team's waiting cases move to `toTeamID` after `afterSeconds` in its queue.
    public struct Overflow: Sendable, Hashable, Codable {
        public var fromTeamID: Team.ID
        public var toTeamID: Team.ID
        public var afterSeconds: TimeInterval

        public init(fromTeamID: Team.ID, toTeamID: Team.ID, afterSeconds: TimeInterval) throws {
            guard afterSeconds >= 60, afterSeconds <= 7 * 86_400 else {
                throw DomainError.invalidField("afterMinutes", "a case overflows after one minute to a week in the queue")
            }
            guard fromTeamID != toTeamID else { throw DomainError.invalidField("toTeamId", "a team cannot overflow to itself") }
            self.fromTeamID = fromTeamID
            self.toTeamID = toTeamID
            self.afterSeconds = afterSeconds
        }
    }

    public init(defaultTeamID: Team.ID? = nil, rules: [RoutingRule] = [], overflow: [Overflow] = []) throws {
        guard rules.count <= Self.maxRules else { throw DomainError.invalidField("rules", "at most \(Self.maxRules) rules") }
        var seen: Set<Team.ID> = []
        for (index, item) in overflow.enumerated() where !seen.insert(item.fromTeamID).inserted {
            throw DomainError.invalidField("overflow[\(index)].fromTeamId", "team \(item.fromTeamID) overflows to one team only")
        }
        self.defaultTeamID = defaultTeamID
        self.rules = rules
        self.overflow = overflow
    }

    private enum CodingKeys: String, CodingKey { case defaultTeamID, rules, overflow }

    /// Reads stored settings; those saved before overflow existed have none.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            defaultTeamID: try values.decodeIfPresent(Team.ID.self, forKey: .defaultTeamID),
            rules: try values.decode([RoutingRule].self, forKey: .rules),
            overflow: try values.decodeIfPresent([Overflow].self, forKey: .overflow) ?? []
        )
    }

    /// Overflow targets by the team they leave.
    public var overflowTargets: [Team.ID: Team.ID] {
        Dictionary(overflow.map { ($0.fromTeamID, $0.toTeamID) }, uniquingKeysWith: { first, _ in first })
    }
}

extension RoutingCase {
    /// A new ticket as routing sees it: the intent the assistant is confident of (the same bar
    /// that files a ticket under a category), the language it read, the customer's tier.
    public init(_ ticket: NewTicket, analysis: MessageAnalysis?, tier: String?) {
        let intent = analysis?.intent.flatMap { $0.confidence >= IntakeRules.categoryConfidence && analysis?.outOfScope == false ? $0.label : nil }
        let language = analysis.flatMap { $0.languageConfidence >= IntakeRules.languageConfidence ? $0.language : nil } ?? ticket.language
        self.init(
            intent: intent, category: ticket.category, channel: ticket.channel, language: language, tier: tier,
            merchantID: ticket.merchantID, priority: ticket.priority, text: ticket.subject + "\n" + (ticket.firstMessage?.body ?? "")
        )
    }
}

