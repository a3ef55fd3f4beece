import Foundation
import SwitchboardCore

/// The admin overview: organizations, teams with their time zone and hours, agents with roles,
/// teams, skills and languages, and API tokens (created here, shown once, revocable).
public struct AdminPage: WebPage {
    public struct OrganizationRow: Sendable { public let name: String; public let kind: String }
    public struct TeamRow: Sendable { public let id: String; public let name: String; public let organization: String; public let timeZone: String; public let hours: [Day] }
    /// One weekday's opening times; times read left to right in every page language.
    public struct Day: Sendable { public let day: String; public let times: String }
    public struct AgentRow: Sendable {
        public let id: String; public let number: String; public let name: String; public let email: String; public let role: String
        public let teams: String; public let skills: String; public let languages: String; public let active: String
    }
    public struct TokenRow: Sendable {
        public let id: String; public let name: String; public let prefix: String; public let scopes: String
        public let organization: String; public let created: String; public let lastUsed: String; public let revoked: String?
    }
    public struct ScopeOption: Sendable { public let value: String; public let id: String }
    public struct TeamOption: Sendable { public let value: String; public let label: String; public let id: String }
    public struct RoleOption: Sendable { public let value: String; public let label: String }
    public struct OrganizationOption: Sendable { public let value: String; public let label: String; public let selected: Bool }

    public let page: PageFrame
    public let t: [String: String]
    public let organizations: [OrganizationRow]
    public let teams: [TeamRow]
    public let agents: [AgentRow]
    public let tokens: [TokenRow]
    public let scopes: [ScopeOption]
    /// Teams a new agent can join: those of the admin's own organization (every team, named with its
    /// organization, for a platform admin).
    public let teamOptions: [TeamOption]
    /// For a platform admin: the organizations a new agent can belong to, and the new-merchant form.
    public let organizationOptions: [OrganizationOption]
    public let canAddOrganizations: Bool
    public let roles: [RoleOption]
    /// A token just created: its secret, shown this once.
    public let newSecret: String?
    public let error: String?

    public init(
        language: UILanguage, csrfToken: String, user: PageFrame.User, organizations: [Organization], teams: [Team], agents: [Agent],
        tokens: [APIToken], newSecret: String? = nil, problem: String? = nil, ownOrganization: Organization.ID? = nil, isPlatformAdmin: Bool = false, timeZone: TimeZone = .current
    ) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language, timeZone: timeZone)
        let organizationNames = Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0.name) })
        let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        page = PageFrame(language: language, path: "/admin", csrfToken: csrfToken, user: user)
        t = strings
        self.organizations = organizations.map { OrganizationRow(name: $0.name, kind: strings["kind.\($0.kind.rawValue)"] ?? $0.kind.rawValue) }
        let weekdays = format.weekdaySymbols
        self.teams = teams.map { team in
            let hours = team.hours.days.enumerated().map { index, intervals in
                let times = intervals.isEmpty ? strings["closedDay"] ?? "" : BusinessHours.text(of: intervals)
                return Day(day: weekdays[index], times: times)
            }
            return TeamRow(id: String(team.id.rawValue), name: team.name, organization: organizationNames[team.organizationID] ?? "", timeZone: team.hours.timeZone, hours: hours)
        }
        self.agents = agents.sorted { $0.number < $1.number }.map { agent in
            AgentRow(
                id: String(agent.id.rawValue), number: String(agent.number), name: agent.name, email: agent.email, role: strings["role.\(agent.role.rawValue)"] ?? agent.role.rawValue,
                teams: agent.teamIDs.compactMap { teamNames[$0] }.joined(separator: ", "), skills: agent.skills.joined(separator: ", "),
                languages: agent.languages.joined(separator: ", "), active: strings[agent.active ? "yes" : "no"] ?? ""
            )
        }
        self.tokens = tokens.map { token in
            TokenRow(
                id: String(token.id.rawValue), name: token.name, prefix: token.prefix, scopes: token.scopes.map(\.rawValue).joined(separator: " "),
                organization: organizationNames[token.organizationID] ?? "", created: format.date(token.createdAt),
                lastUsed: token.lastUsedAt.map(format.date) ?? strings["never"] ?? "", revoked: token.revokedAt.map(format.date)
            )
        }
        scopes = APIScope.allCases.map { ScopeOption(value: $0.rawValue, id: "scope-" + $0.rawValue.replacingOccurrences(of: ":", with: "-")) }
        teamOptions = teams.filter { isPlatformAdmin || ownOrganization == nil || $0.organizationID == ownOrganization }.map {
            let label = isPlatformAdmin && $0.organizationID != ownOrganization ? "\($0.name) · \(organizationNames[$0.organizationID] ?? "")" : $0.name
            return TeamOption(value: String($0.id.rawValue), label: label, id: "new-agent-team-\($0.id.rawValue)")
        }
        canAddOrganizations = isPlatformAdmin
        organizationOptions = isPlatformAdmin ? organizations.map {
            OrganizationOption(value: String($0.id.rawValue), label: $0.name, selected: $0.id == ownOrganization)
        } : []
        roles = Agent.Role.allCases.map { RoleOption(value: $0.rawValue, label: strings["role.\($0.rawValue)"] ?? $0.rawValue) }
        self.newSecret = newSecret
        error = problem.map { PageProblem.text($0, strings) }
    }
}

extension PageFormat {
    /// Monday first, short, in the page language.
    var weekdaySymbols: [String] {
        var symbols = dates.shortStandaloneWeekdaySymbols
        if symbols.count != 7 { symbols = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] }
        return Array(symbols[1...]) + [symbols[0]]
    }
}
