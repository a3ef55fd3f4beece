import Foundation
import Hummingbird
import SwitchboardCore

/// `GET`/`PUT /api/v1/routing`: the desk's routing rules, read by staff, edited whole by the
/// platform's supervisors and admins. A save names the version it was read at (a stale one is
/// `409`) and is refused whole when any rule is wrong, with the rule and field named.
struct RoutingController: Sendable {
    let routing: RoutingRules
    let maxBodySize: Int

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get("v1/routing", use: show)
        router.put("v1/routing", use: save)
    }

    @Sendable func show(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try AccessPolicy.requireStaff(try context.requirePrincipal())
        let (settings, version) = try await routing.settings.current()
        return try JSONBody.response(RoutingBody(settings, version: version))
    }

    @Sendable func save(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal(), role: .supervisor)
        guard staff.organizationKind == .platform else { throw DomainError.forbidden("the desk's routing is the platform's to change") }
        let body = try await JSONBody.decode(RoutingBody.self, from: request, limit: maxBodySize)
        let (settings, version) = try await routing.save(try body.settings(), over: body.version, by: staff.agentID)
        return try JSONBody.response(RoutingBody(settings, version: version))
    }
}

/// The routing rules as the API reads and writes them.
struct RoutingBody: Codable, Sendable {
    struct Rule: Codable, Sendable {
        struct Conditions: Codable, Sendable {
            var topics: [String]?
            var channels: [Channel]?
            var languages: [String]?
            var tiers: [String]?
            var merchantIds: [Int64]?
            var priorities: [Priority]?
            var keywords: [String]?
        }

        struct Actions: Codable, Sendable {
            var teamId: Int64?
            var priority: Priority?
            var tags: [String]?
        }

        var name: String
        var conditions: Conditions?
        var actions: Actions
    }

    /// The version this edit was made from (0 before the first save).
    var version: Int64
    var defaultTeamId: Int64?
    var rules: [Rule]
    /// A team's waiting cases move on to another team after so many minutes in its queue.
    var overflow: [Overflow]?

    struct Overflow: Codable, Sendable {
        var fromTeamId: Int64
        var toTeamId: Int64
        var afterMinutes: Double
    }

    init(_ settings: RoutingSettings, version: Int64) {
        self.version = version
        defaultTeamId = settings.defaultTeamID?.rawValue
        rules = settings.rules.map { rule in
            Rule(
                name: rule.name,
                conditions: Rule.Conditions(
                    topics: rule.conditions.topics.sorted(), channels: rule.conditions.channels.sorted { $0.rawValue < $1.rawValue },
                    languages: rule.conditions.languages.sorted(), tiers: rule.conditions.tiers.sorted(),
                    merchantIds: rule.conditions.merchants.map(\.rawValue).sorted(), priorities: rule.conditions.priorities.sorted(),
                    keywords: rule.conditions.keywords
                ),
                actions: Rule.Actions(teamId: rule.actions.teamID?.rawValue, priority: rule.actions.priority, tags: rule.actions.tags)
            )
        }
        overflow = settings.overflow.map { Overflow(fromTeamId: $0.fromTeamID.rawValue, toTeamId: $0.toTeamID.rawValue, afterMinutes: $0.afterSeconds / 60) }
    }

    /// The rules, each checked; a wrong one is named by its place (`rules[2].name`).
    func settings() throws -> RoutingSettings {
        guard version >= 0 else { throw DomainError.invalidField("version", "version is the one the rules were read at (0 before the first save)") }
        let checked = try rules.enumerated().map { index, rule in
            do {
                let conditions = rule.conditions
                for (field, values) in [("topics", conditions?.topics), ("languages", conditions?.languages), ("tiers", conditions?.tiers), ("keywords", conditions?.keywords)] {
                    for value in values ?? [] { _ = try Validate.name(value, field: "conditions.\(field)", maxLength: Limits.category) }
                }
                return try RoutingRule(
                    name: rule.name,
                    conditions: RoutingRule.Conditions(
                        topics: Set((conditions?.topics ?? []).map { $0.lowercased() }), channels: Set(conditions?.channels ?? []),
                        languages: Set(try (conditions?.languages ?? []).map { try LanguageTag.validate($0, field: "conditions.languages") }),
                        tiers: Set(conditions?.tiers ?? []), merchants: Set((conditions?.merchantIds ?? []).map(Organization.ID.init)),
                        priorities: Set(conditions?.priorities ?? []), keywords: conditions?.keywords ?? []
                    ),
                    actions: try RoutingRule.Actions(teamID: rule.actions.teamId.map(Team.ID.init), priority: rule.actions.priority, tags: rule.actions.tags ?? [])
                )
            } catch let error as DomainError where error.field != nil {
                throw DomainError.invalidField("rules[\(index)].\(error.field!)", error.message)
            }
        }
        let overflow = try (overflow ?? []).enumerated().map { index, item in
            do {
                return try RoutingSettings.Overflow(fromTeamID: Team.ID(item.fromTeamId), toTeamID: Team.ID(item.toTeamId), afterSeconds: item.afterMinutes * 60)
            } catch let error as DomainError where error.field != nil {
                throw DomainError.invalidField("overflow[\(index)].\(error.field!)", error.message)
            }
        }
        return try RoutingSettings(defaultTeamID: defaultTeamId.map(Team.ID.init), rules: checked, overflow: overflow)
    }
}
