import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// `GET`/`PUT /api/v1/sla-policies`: the SLA policies in order and the teams' holidays, read by
/// staff and replaced whole by the platform's supervisors and admins, over the version read.
struct SLAController: Sendable {
    let policies: SLAPolicies
    let store: any Store
    let clock: any WallClock
    let maxBodySize: Int

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get("v1/sla-policies", use: show)
        router.put("v1/sla-policies", use: save)
        router.get("v1/tickets/{number}/sla", use: ticketClocks)
    }

    /// A ticket's clocks now, for staff and integrations (customers see promises, not the desk's clocks).
    @Sendable func ticketClocks(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.seesInternal(principal) else { throw DomainError.forbidden("the desk's clocks are for staff") }
        guard let ticket = try await store.ticket(number: try TicketsController.number(context)) else { throw APIError.notFound("ticket") }
        try AccessPolicy.requireVisible(ticket, to: principal)
        let customer = try await store.customer(ticket.customerID)
        let now = clock.now()
        let covered = try await policies.clocks(for: ticket, events: try await store.events(ticket: ticket.id), tier: customer?.tier, now: now)
        var clocks: [JSONValue] = []
        for clock in covered?.clocks ?? [] {
            var item: [String: JSONValue] = [
                "target": .string(clock.target.rawValue), "state": .string(String(describing: clock.state)), "startedAt": .string(Self.iso(clock.startedAt)),
                "limitMinutes": .number(clock.limit / 60), "elapsedMinutes": .number((clock.elapsed / 60 * 100).rounded() / 100),
            ]
            if let due = clock.dueAt { item["dueAt"] = .string(Self.iso(due)) }
            if let warning = clock.warningAt { item["warningAt"] = .string(Self.iso(warning)) }
            if let ended = clock.endedAt { item["endedAt"] = .string(Self.iso(ended)) }
            clocks.append(.object(item))
        }
        return try JSONBody.response(["number": .number(Double(ticket.number)), "policy": covered.map { .string($0.policy.name) } ?? .null, "clocks": .array(clocks)] as JSONValue)
    }

    static func iso(_ date: Date) -> String { JSONWriter.iso8601(date) }

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
        /// Steps on breach, in order: `notify-assignee`, `notify-supervisor`, `raise-priority`, `reassign`.
        var escalation: [SLAEscalation]?
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
                businessTime: policy.businessTime, pausedWhile: policy.pausedWhile.sorted { $0.rawValue < $1.rawValue }, warningShare: policy.warningShare,
                escalation: policy.escalation
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
                    pausedWhile: Set(policy.pausedWhile ?? [.pendingCustomer, .onHold]), warningShare: policy.warningShare ?? 0.75,
                    escalation: policy.escalation ?? SLAEscalation.standard
                )
            } catch let error as DomainError where error.field != nil {
                throw DomainError.invalidField("policies[\(index)].\(error.field!)", error.message)
            }
        }
        var days: [Team.ID: [String]] = [:]
        for (key, list) in holidays ?? [:] {
            guard let id = Int64(key) else { throw DomainError.invalidField("holidays.\(key)", "holidays are listed by team id") }
            days[Team.ID(id)] = list
        }
        return SLASettings(policies: checked, holidays: days)
    }
}
