import Foundation
import Hummingbird
import SwitchboardCore

/// `GET`/`PUT /api/v1/sla-policies`: the SLA policies in order and the teams' holidays, read by
/// staff and replaced whole by the platform's supervisors and admins, over the version read.
struct SLAController: Sendable {
    let policies: SLAPolicies
    let maxBodySize: Int

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get("v1/sla-policies", use: show)
        router.put("v1/sla-policies", use: save)
    }

    @Sendable func show(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try AccessPolicy.requireStaff(try context.requirePrincipal())
        let (body, version) = try await policies.settings.current()
        return try JSONBody.response(SLABody(body, version: version))
    }

    @Sendable func save(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal(), role: .supervisor)
        guard staff.organizationKind == .platform else { throw DomainError.forbidden("the desk's SLA policies are the platform's to change") }
        let body = try await JSONBody.decode(SLABody.self, from: request, limit: maxBodySize)
        let (saved, version) = try await policies.save(try body.settings(), over: body.version, by: staff.agentID)
        return try JSONBody.response(SLABody(saved, version: version))
    }
}

/// The SLA policies as the API reads and writes them; targets in minutes.
struct SLABody: Codable, Sendable {
    struct Policy: Codable, Sendable {
        struct Conditions: Codable, Sendable {
            var priorities: [Priority]?
            var tiers: [String]?
            var channels: [Channel]?
            var categories: [String]?
            var merchantIds: [Int64]?
        }

        var name: String
        var conditions: Conditions?
        /// Minutes per target: `first-response`, `next-response`, `resolution`.
        var targets: [String: Double]
        var businessTime: Bool?
        var pausedWhile: [TicketStatus]?
        var warningShare: Double?
    }

    var version: Int64
    var policies: [Policy]
    /// Days off per team id, `yyyy-MM-dd`.
    var holidays: [String: [String]]?

    init(_ settings: SLASettings, version: Int64) {
        self.version = version
        policies = settings.policies.map { policy in
            Policy(
                name: policy.name,
                conditions: Policy.Conditions(
                    priorities: policy.conditions.priorities.sorted(), tiers: policy.conditions.tiers.sorted(),
                    channels: policy.conditions.channels.sorted { $0.rawValue < $1.rawValue }, categories: policy.conditions.categories.sorted(),
                    merchantIds: policy.conditions.merchants.map(\.rawValue).sorted()
                ),
                targets: Dictionary(uniqueKeysWithValues: policy.targets.map { ($0.key.rawValue, $0.value / 60) }),
                businessTime: policy.businessTime, pausedWhile: policy.pausedWhile.sorted { $0.rawValue < $1.rawValue }, warningShare: policy.warningShare
            )
        }
        holidays = Dictionary(uniqueKeysWithValues: settings.holidays.map { (String($0.key.rawValue), $0.value) })
    }

    /// The settings, each policy checked and named by its place when wrong (`policies[1].targets.resolution`).
    func settings() throws -> SLASettings {
        guard version >= 0 else { throw DomainError.invalidField("version", "version is the one the policies were read at (0 before the first save)") }
        let checked = try policies.enumerated().map { index, policy in
            do {
                var targets: [SLATarget: TimeInterval] = [:]
                for (key, minutes) in policy.targets {
                    guard let target = SLATarget(rawValue: key) else {
                        throw DomainError.invalidField("targets.\(key)", "a target is first-response, next-response or resolution")
                    }
                    targets[target] = minutes * 60
                }
                let conditions = policy.conditions
                for value in (conditions?.tiers ?? []) + (conditions?.categories ?? []) {
                    _ = try Validate.name(value, field: "conditions", maxLength: Limits.category)
                }
                return try SLAPolicy(
                    name: policy.name,
                    conditions: SLAConditions(
                        priorities: Set(conditions?.priorities ?? []), tiers: Set(conditions?.tiers ?? []), channels: Set(conditions?.channels ?? []),
                        categories: Set((conditions?.categories ?? []).map { $0.lowercased() }), merchants: Set((conditions?.merchantIds ?? []).map(Organization.ID.init))
                    ),
                    targets: targets, businessTime: policy.businessTime ?? true,
                    pausedWhile: Set(policy.pausedWhile ?? [.pendingCustomer, .onHold]), warningShare: policy.warningShare ?? 0.75
                )
            } catch let error as DomainError where error.field != nil {
                throw DomainError.invalidField("policies[\(index)].\(error.field!)", error.message)
            }
        }
        var holidays: [Team.ID: [String]] = [:]
        for (key, days) in holidays_ {
            guard let id = Int64(key) else { throw DomainError.invalidField("holidays.\(key)", "holidays are listed by team id") }
            holidays[Team.ID(id)] = days
        }
        return SLASettings(policies: checked, holidays: holidays)
    }

    private var holidays_: [String: [String]] { holidays ?? [:] }
}
