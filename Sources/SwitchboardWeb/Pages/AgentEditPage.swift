import Foundation
import SwitchboardCore

/// One agent's settings for an admin to change: name, role, teams, skills, languages, capacity,
/// whether the account is active, and a new password.
public struct AgentEditPage: WebPage {
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

    public init(language: UILanguage, csrfToken: String, user: PageFrame.User, agent: Agent, teams: [Team], isSelf: Bool, problem: String? = nil) {
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
        error = problem.map { PageProblem.text($0, strings) }
    }
}
