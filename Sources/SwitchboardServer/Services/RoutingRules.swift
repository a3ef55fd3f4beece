import Foundation
import SwitchboardCore
import SwitchboardStorage

/// The desk's routing rules: read once, kept until someone changes them (on any node, by the
/// `rulesChanged` notice), saved whole after the checks that keep them pointing somewhere real.
final class RoutingRules: Sendable {
    let store: any Store
    let directory: DirectoryCache
    let settings: DeskSettings<RoutingSettings>

    init(store: any Store, directory: DirectoryCache, bus: any EventBus) {
        self.store = store
        self.directory = directory
        settings = DeskSettings(store: store, bus: bus)
    }

    /// Saves `rules` over `version`. Every team they name must exist (a rule naming a deleted
    /// team is refused with the rule's name); nothing is saved otherwise.
    func save(_ rules: RoutingSettings, over version: Int64, by agent: Agent.ID) async throws -> (body: RoutingSettings, version: Int64) {
        let teams = Set(try await directory.snapshot().teams.keys)
        try Routing.validate(rules.rules, teams: teams, defaultTeam: rules.defaultTeamID)
        for (index, item) in rules.overflow.enumerated() where !teams.contains(item.fromTeamID) {
            throw DomainError.invalidField("overflow[\(index)].fromTeamId", "there is no team \(item.fromTeamID)")
        }
        try Routing.validateOverflow(rules.overflowTargets, teams: teams)
        return try await settings.save(rules, over: version, by: agent)
    }

    /// Where a new ticket goes when its opener named no team: the rules' decision, applied (team,
    /// a raised priority, the rule's tags). A ticket that names its team is left as it is.
    func route(_ new: NewTicket, analysis: MessageAnalysis?) async throws -> NewTicket {
        guard new.teamID == nil else { return new }
        let (routing, _) = try await settings.current()
        guard routing.defaultTeamID != nil || !routing.rules.isEmpty else { return new }
        // The customer's tier costs a read: only when some rule asks for it.
        let tier = routing.rules.contains { !$0.conditions.tiers.isEmpty } ? try await store.customer(new.customerID)?.tier : nil
        let decision = Routing.decide(RoutingCase(new, analysis: analysis, tier: tier), rules: routing.rules, defaultTeam: routing.defaultTeamID)
        var routed = new
        routed.teamID = decision.teamID
        routed.priority = decision.priority
        routed.tags = try Validate.tags(new.tags + decision.tags)
        return routed
    }
}
