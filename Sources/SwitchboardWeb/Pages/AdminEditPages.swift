import Foundation
import SwitchboardCore

/// One agent's settings for an admin to change: name, role, teams, skills, languages, capacity,
/// whether the account is active, and a new password.
public struct AgentEditPage: WebPage {
    public static let template = "admin-agent"

    public struct TeamOption: Sendable { public let value: String; public let label: String; public let id: String; public let checked: Bool }
    public struct RoleOption: Sendable { public let value: String; public let label: String; public let selected: Bool }

    public let page: PageFrame
    public let t: [String: String]
    public let id: String
    public let number: String
    public let name: String
    public let email: String
    public let roles: [RoleOption]
    /// The agent's organization's teams.
    public let teams: [TeamOption]
    public let skills: String
    public let languages: String
    public let capacity: String
    public let active: Bool
    /// The admin is looking at their own account: role and active are theirs to keep.
    public let isSelf: Bool
    public let error: String?

    public init(language: UILanguage, csrfToken: String, user: PageFrame.User, agent: Agent, teams: [Team], isSelf: Bool, error: String? = nil) {
        let strings = Catalog.strings(language)
        page = PageFrame(language: language, path: "/admin/agents/\(agent.id.rawValue)", csrfToken: csrfToken, user: user)
        t = strings
        id = String(agent.id.rawValue)
        number = String(agent.number)
        name = agent.name
        email = agent.email
        roles = Agent.Role.allCases.map { RoleOption(value: $0.rawValue, label: strings["role.\($0.rawValue)"] ?? $0.rawValue, selected: $0 == agent.role) }
        self.teams = teams.filter { $0.organizationID == agent.organizationID }.map {
            TeamOption(value: String($0.id.rawValue), label: $0.name, id: "agent-team-\($0.id.rawValue)", checked: agent.teamIDs.contains($0.id))
        }
        skills = agent.skills.joined(separator: ", ")
        languages = agent.languages.joined(separator: ", ")
        capacity = String(agent.capacity)
        active = agent.active
        self.isSelf = isSelf
        self.error = error
    }
}

/// One team's name, time zone and opening hours, a line per weekday.
public struct TeamEditPage: WebPage {
    public static let template = "admin-team"

    public struct Day: Sendable { public let index: String; public let label: String; public let hours: String }

    public let page: PageFrame
    public let t: [String: String]
    public let id: String
    public let name: String
    public let timeZone: String
    public let days: [Day]
    public let error: String?

    public init(language: UILanguage, csrfToken: String, user: PageFrame.User, team: Team, error: String? = nil) {
        let strings = Catalog.strings(language)
        page = PageFrame(language: language, path: "/admin/teams/\(team.id.rawValue)", csrfToken: csrfToken, user: user)
        t = strings
        id = String(team.id.rawValue)
        name = team.name
        timeZone = team.hours.timeZone
        let labels = PageFormat(language: language).weekdaySymbols
        days = team.hours.days.enumerated().map { index, intervals in
            Day(index: String(index), label: labels[index], hours: BusinessHours.text(of: intervals))
        }
        self.error = error
    }
}
