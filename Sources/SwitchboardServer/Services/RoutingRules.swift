import Foundation
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// The desk's routing rules: read once, kept until someone changes them (on any node, by the
/// `rulesChanged` notice), saved whole after the checks that keep them pointing somewhere real.
final class RoutingRules: Sendable {
    let store: any Store
    let directory: DirectoryCache
    let bus: any EventBus
    private let cached = Mutex<(settings: RoutingSettings, version: Int64)?>(nil)

    init(store: any Store, directory: DirectoryCache, bus: any EventBus) {
        self.store = store
        self.directory = directory
        self.bus = bus
    }

    /// The rules now, with the version an edit must name (0 before the first save).
    func current() async throws -> (settings: RoutingSettings, version: Int64) {
        if let cached = cached.withLock({ $0 }) { return cached }
        var loaded = (settings: try RoutingSettings(), version: Int64(0))
        if let document = try await store.document(named: RoutingSettings.documentName) {
            guard let settings = try? RoutingSettings(document: document.body) else {
                throw StoreError(.corruptRow, "the stored routing rules cannot be read")
            }
            loaded = (settings, document.version)
        }
        cached.withLock { $0 = loaded }
        return loaded
    }

    func forget() {
        cached.withLock { $0 = nil }
    }

    /// Saves `settings` over `version`. Every team it names must exist (a rule naming a deleted
    /// team is refused with the rule's name); nothing is saved otherwise.
    func save(_ settings: RoutingSettings, over version: Int64, by agent: Agent.ID) async throws -> (settings: RoutingSettings, version: Int64) {
        let teams = Set(try await directory.snapshot().teams.keys)
        try Routing.validate(settings.rules, teams: teams, defaultTeam: settings.defaultTeamID)
        let document = try await store.saveDocument(named: RoutingSettings.documentName, body: try settings.document(), expectedVersion: version, by: agent, at: Date())
        forget()
        bus.announce(.rulesChanged)
        return (settings, document.version)
    }

    /// Where a new ticket goes when its opener named no team: the rules' decision, applied (team,
    /// a raised priority, the rule's tags). A ticket that names its team is left as it is.
    func route(_ new: NewTicket, analysis: MessageAnalysis?) async throws -> NewTicket {
        guard new.teamID == nil else { return new }
        let (settings, _) = try await current()
        guard settings.defaultTeamID != nil || !settings.rules.isEmpty else { return new }
        // The customer's tier costs a read: only when some rule asks for it.
        let tier = settings.rules.contains { !$0.conditions.tiers.isEmpty } ? try await store.customer(new.customerID)?.tier : nil
        let decision = Routing.decide(RoutingCase(new, analysis: analysis, tier: tier), rules: settings.rules, defaultTeam: settings.defaultTeamID)
        var routed = new
        routed.teamID = decision.teamID
        routed.priority = decision.priority
        routed.tags = try Validate.tags(new.tags + decision.tags)
        return routed
    }
}
