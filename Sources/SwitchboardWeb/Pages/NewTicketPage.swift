import Foundation
import SwitchboardCore

/// An agent opens a ticket for a customer (a call, a letter, someone at the counter): who it is
/// for by email (found, or made), what it is about, the first message and who sees it, and
/// optionally the team and priority (otherwise the routing rules choose). A refused form comes
/// back with everything typed still in it.
public struct NewTicketPage: WebPage {
    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let selected: Bool
    }

    /// What the agent typed, kept when the form comes back.
    public struct Draft: Sendable {
        public var email = ""
        public var name = ""
        public var subject = ""
        public var message = ""
        public var internalNote = false
        public var channel = "phone"
        public var team = ""
        public var priority = "normal"

        public init() {}
    }

    public let page: PageFrame
    public let t: [String: String]
    public let draft: Draft
    public let channels: [Option]
    public let teams: [Option]
    public let priorities: [Option]
    public let error: String?

    public init(language: UILanguage, csrfToken: String, user: PageFrame.User, teams: [Team], draft: Draft = Draft(), problem: String? = nil) {
        let strings = Catalog.strings(language)
        page = PageFrame(language: language, path: "/agent/tickets/new", csrfToken: csrfToken, user: user)
        t = strings
        self.draft = draft
        channels = [Channel.phone, .email, .web].map {
            Option(value: $0.rawValue, label: strings["channel.\($0.rawValue)"] ?? $0.rawValue, selected: $0.rawValue == draft.channel)
        }
        self.teams = [Option(value: "", label: strings["newTicketTeamByRules"] ?? "", selected: draft.team.isEmpty)]
            + teams.sorted { $0.name < $1.name }.map { Option(value: String($0.id.rawValue), label: $0.name, selected: String($0.id.rawValue) == draft.team) }
        priorities = Priority.allCases.map {
            Option(value: $0.rawValue, label: strings["priority.\($0.rawValue)"] ?? $0.rawValue, selected: $0.rawValue == draft.priority)
        }
        error = problem.map { PageProblem.text($0, strings) }
    }
}
