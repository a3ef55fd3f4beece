import Foundation
import SwitchboardCore
import SwitchboardStorage

/// The desk's SLA policies and team holidays, and a ticket's clocks under them: which policy
/// covers it, and where each promised wait stands now (Core's `SLAClock`, in the owning team's
/// business time).
final class SLAPolicies: Sendable {
    let settings: DeskSettings<SLASettings>
    let directory: DirectoryCache

    init(store: any Store, directory: DirectoryCache, bus: any EventBus) {
        settings = DeskSettings(store: store, bus: bus)
        self.directory = directory
    }

    /// Saves policies and holidays over `version`; teams must exist and holidays be dates.
    func save(_ body: SLASettings, over version: Int64, by agent: Agent.ID) async throws -> (body: SLASettings, version: Int64) {
        try body.validate(teams: try await directory.snapshot().teams)
        return try await settings.save(body, over: version, by: agent)
    }

    /// The policy that covers `ticket` and its clocks at `now`, or nil when none covers it.
    func clocks(for ticket: Ticket, events: [TicketEvent], tier: String?, now: Date) async throws -> (policy: SLAPolicy, clocks: [SLAClock])? {
        let (body, _) = try await settings.current()
        guard let policy = SLAPolicy.first(of: body.policies, covering: ticket, tier: tier) else { return nil }
        let teams = try await directory.snapshot().teams
        let team = ticket.teamID.flatMap { teams[$0] }
        let history = events.compactMap { event in (try? event.change()).map { (at: event.createdAt, change: $0) } }
        return (policy, SLAClock.clocks(events: history, policy: policy, calendar: team.flatMap(body.calendar(for:)), now: now))
    }
}
