import Foundation
import SwitchboardCore

/// A routing rule as its form holds it — the words typed, the boxes ticked — so a refused save
/// shows the supervisor their own input again, not what was saved before.
public struct RoutingRuleDraft: Sendable, Hashable {
    public var name = ""
    /// Comma-separated, as typed.
    public var topics = ""
    public var languages = ""
    public var tiers = ""
    public var keywords = ""
    public var tags = ""
    /// Raw values of the ticked boxes.
    public var channels: [String] = []
    public var priorities: [String] = []
    public var merchants: [String] = []
    /// The chosen team's id, or empty for the default team.
    public var teamID = ""
    /// The priority to raise to, or empty to keep it.
    public var priority = ""

    public init() {}

    public init(_ rule: RoutingRule) {
        name = rule.name
        topics = rule.conditions.topics.sorted().joined(separator: ", ")
        languages = rule.conditions.languages.sorted().joined(separator: ", ")
        tiers = rule.conditions.tiers.sorted().joined(separator: ", ")
        keywords = rule.conditions.keywords.joined(separator: ", ")
        tags = rule.actions.tags.joined(separator: ", ")
        channels = rule.conditions.channels.map(\.rawValue)
        priorities = rule.conditions.priorities.map(\.rawValue)
        merchants = rule.conditions.merchants.map { String($0.rawValue) }
        teamID = rule.actions.teamID.map { String($0.rawValue) } ?? ""
        priority = rule.actions.priority?.rawValue ?? ""
    }
}

/// One overflow row as its form holds it.
public struct OverflowDraft: Sendable, Hashable {
    public var fromTeamID = ""
    public var toTeamID = ""
    public var minutes = ""
    /// Ticked to remove the row on save.
    public var remove = false

    public init(fromTeamID: String = "", toTeamID: String = "", minutes: String = "", remove: Bool = false) {
        self.fromTeamID = fromTeamID
        self.toTeamID = toTeamID
        self.minutes = minutes
        self.remove = remove
    }

    public init(_ overflow: RoutingSettings.Overflow) {
        fromTeamID = String(overflow.fromTeamID.rawValue)
        toTeamID = String(overflow.toTeamID.rawValue)
        minutes = RulesNumbers.text(overflow.afterSeconds / 60)
    }

    /// A row left as the page offered it for adding one: nothing chosen, nothing typed.
    public var isBlank: Bool { fromTeamID.isEmpty && toTeamID.isEmpty && minutes.trimmingWhitespace().isEmpty }
}

extension RoutingPage {
    /// What was sent in a form the save refused, to show again with the problem.
    public enum Draft: Sendable {
        /// A rule's form: the rule at `index`, or a new one.
        case rule(index: Int?, RoutingRuleDraft)
        case defaultTeam(String)
        case overflow([OverflowDraft])
    }
}
