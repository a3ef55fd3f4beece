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

    /// Whether `team` is within its business hours (holidays included) at `now`.
    func isOpen(_ team: Team, at now: Date) async throws -> Bool {
        let (body, _) = try await settings.current()
        return body.calendar(for: team)?.isOpen(at: now) ?? true
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

extension SLAPolicies {
    /// What the desk needs to decide about clocks without waiting: the policies and calendars of
    /// the moment, so a decision made inside a store transaction reads nothing more.
    struct Rulebook: Sendable {
        let settings: SLASettings
        let teams: [Team.ID: Team]
        let agents: [Agent.ID: Agent]

        /// The covering policy and its clocks.
        func clocks(for ticket: Ticket, events: [TicketEvent], tier: String?, now: Date) -> (policy: SLAPolicy, clocks: [SLAClock])? {
            guard let policy = SLAPolicy.first(of: settings.policies, covering: ticket, tier: tier) else { return nil }
            let team = ticket.teamID.flatMap { teams[$0] }
            let history = events.compactMap { event in (try? event.change()).map { (at: event.createdAt, change: $0) } }
            return (policy, SLAClock.clocks(events: history, policy: policy, calendar: team.flatMap(settings.calendar(for:)), now: now))
        }

        /// Who hears of a team's trouble: its active supervisors and admins, or the platform's
        /// when the team has none.
        func supervisors(of team: Team.ID?) -> [Agent.ID] {
            let senior = agents.values.filter { $0.active && $0.role >= .supervisor }
            let own = senior.filter { agent in team.map(agent.teamIDs.contains) == true }
            if !own.isEmpty { return own.map(\.id).sorted() }
            let platform = teams.values.first { $0.id == team }?.organizationID
            return senior.filter { platform == nil || $0.organizationID == platform }.map(\.id).sorted()
        }
    }

    func rulebook() async throws -> Rulebook {
        let (settings, _) = try await self.settings.current()
        let snapshot = try await directory.snapshot()
        return Rulebook(settings: settings, teams: snapshot.teams, agents: snapshot.agents)
    }
}
