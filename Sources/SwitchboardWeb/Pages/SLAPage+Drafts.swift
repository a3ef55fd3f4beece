import Foundation
import SwitchboardCore

/// An SLA policy as its form holds it, targets in minutes as typed (empty: not promised).
public struct SLAPolicyDraft: Sendable, Hashable {
    public var name = ""
    public var priorities: [String] = []
    public var channels: [String] = []
    public var merchants: [String] = []
    /// Comma-separated, as typed.
    public var tiers = ""
    public var categories = ""
    /// Minutes per target (`first-response`, `next-response`, `resolution`), as typed.
    public var minutes: [String: String] = [:]
    public var businessTime = true
    public var pausedWhile: [String] = [TicketStatus.pendingCustomer.rawValue, TicketStatus.onHold.rawValue]
    /// Percent of a target after which agents are warned, as typed.
    public var warningPercent = "75"
    public var escalation: [String] = SLAEscalation.standard.map(\.rawValue)

    public init() {}

    public init(_ policy: SLAPolicy) {
        name = policy.name
        priorities = policy.conditions.priorities.map(\.rawValue)
        channels = policy.conditions.channels.map(\.rawValue)
        merchants = policy.conditions.merchants.map { String($0.rawValue) }
        tiers = policy.conditions.tiers.sorted().joined(separator: ", ")
        categories = policy.conditions.categories.sorted().joined(separator: ", ")
        minutes = Dictionary(uniqueKeysWithValues: policy.targets.map { ($0.key.rawValue, RulesNumbers.text($0.value / 60)) })
        businessTime = policy.businessTime
        pausedWhile = policy.pausedWhile.map(\.rawValue)
        warningPercent = RulesNumbers.text((policy.warningShare * 1000).rounded() / 10)
        escalation = policy.escalation.map(\.rawValue)
    }
}

extension SLAPage {
    /// What was sent in a form the save refused, to show again with the problem.
    public enum Draft: Sendable {
        /// A policy's form: the policy at `index`, or a new one.
        case policy(index: Int?, SLAPolicyDraft)
        /// One team's holidays, as typed.
        case holidays(team: Team.ID, text: String)
    }
}
