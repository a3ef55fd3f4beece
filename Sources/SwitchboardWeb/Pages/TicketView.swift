import Foundation
import SwitchboardCore

/// One ticket: for an agent (everything, with the composer and the actions) or for its customer
/// (the progress page: public replies, what happened, who owns the case, a reply box).
public struct TicketView: WebPage {
    public enum Audience: Sendable {
        case agent
        case customer
    }

    /// The names a page needs to turn ids into words.
    public struct Directory: Sendable {
        public var agents: [Agent.ID: Agent]
        public var teams: [Team.ID: Team]

        public init(agents: [Agent.ID: Agent], teams: [Team.ID: Team]) {
            self.agents = agents
            self.teams = teams
        }
    }

    public struct Entry: Sendable {
        public let isMessage: Bool
        public let isNote: Bool
        public let author: String
        public let authorKind: String
        public let body: String
        public let text: String
        public let at: String
        public let atISO: String
    }

    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let selected: Bool
    }

    public struct Link: Sendable {
        public let href: String
        public let label: String
    }

    public static var template: String { "ticket" }

    public let page: PageFrame
    public let t: [String: String]
    public let isAgent: Bool
    public let number: String
    public let subject: String
    public let status: String
    public let statusCode: String
    public let statusExplained: String
    public let priority: String
    public let team: String
    public let owner: String
    public let customerName: String
    public let identities: [String]
    public let hasIdentities: Bool
    public let otherTickets: [Link]
    public let entries: [Entry]
    public let statuses: [Option]
    public let priorities: [Option]
    public let agents: [Option]
    public let teams: [Option]
    public let tags: String
    public let livePath: String
    public let formBase: String
    public let error: String?

    public init(
        audience: Audience, language: UILanguage, csrfToken: String, user: PageFrame.User, ticket: Ticket, customer: Customer?,
        messages: [Message], events: [TicketEvent], directory: Directory, otherTickets: [Ticket] = [], error: String? = nil,
        timeZone: TimeZone = .current
    ) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language, timeZone: timeZone)
        let isAgent = audience == .agent
        let base = isAgent ? "/agent/tickets/\(ticket.number)" : "/portal/tickets/\(ticket.number)"
        page = PageFrame(language: language, path: base, csrfToken: csrfToken, user: user)
        t = strings
        self.isAgent = isAgent
        number = String(ticket.number)
        subject = ticket.subject
        status = strings["status.\(ticket.status.rawValue)"] ?? ticket.status.rawValue
        statusCode = ticket.status.rawValue
        statusExplained = strings["explain.\(ticket.status.rawValue)"] ?? ""
        priority = strings["priority.\(ticket.priority.rawValue)"] ?? ticket.priority.rawValue
        team = ticket.teamID.flatMap { directory.teams[$0]?.name } ?? strings["nobody"] ?? ""
        owner = ticket.assigneeID.flatMap { directory.agents[$0] }.map { "\($0.name) · #\($0.number)" } ?? strings["ownerNone"] ?? ""
        customerName = customer?.name ?? ""
        identities = isAgent ? (customer?.identities.map { "\($0.kind.rawValue): \($0.value)" } ?? []) : []
        hasIdentities = !identities.isEmpty
        self.otherTickets = otherTickets.filter { $0.id != ticket.id }.prefix(10).map {
            Link(href: "/agent/tickets/\($0.number)", label: "\($0.number) · \($0.subject)")
        }
        func agentName(_ id: Agent.ID?) -> String {
            id.flatMap { directory.agents[$0] }.map { "\($0.name) · #\($0.number)" } ?? strings["nobody"] ?? ""
        }
        func author(_ author: MessageAuthor) -> (String, String) {
            switch author {
            case .customer: (isAgent ? customer?.name ?? "" : strings["you"] ?? "", "customer")
            case .agent(let id): (agentName(id), "agent")
            case .bot: (strings["assistantName"] ?? "", "bot")
            case .system: (strings["appName"] ?? "", "system")
            }
        }
        var timeline: [(Date, Int64, Entry)] = []
        for message in messages where isAgent || message.visibility == .public {
            let (name, kind) = author(message.author)
            timeline.append((message.createdAt, 0, Entry(
                isMessage: true, isNote: message.visibility == .internal, author: name, authorKind: kind, body: message.body, text: "",
                at: format.date(message.createdAt), atISO: format.iso(message.createdAt)
            )))
        }
        for event in events where event.kind != .message && (isAgent || event.isCustomerVisible) {
            guard let text = Self.describe(event, strings: strings, agentName: agentName, directory: directory, isAgent: isAgent) else { continue }
            timeline.append((event.createdAt, event.sequence, Entry(
                isMessage: false, isNote: false, author: "", authorKind: "event", body: "", text: text,
                at: format.date(event.createdAt), atISO: format.iso(event.createdAt)
            )))
        }
        entries = timeline.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.2)
        statuses = TicketStatus.allCases.map { Option(value: $0.rawValue, label: strings["status.\($0.rawValue)"] ?? $0.rawValue, selected: $0 == ticket.status) }
        priorities = Priority.allCases.map { Option(value: $0.rawValue, label: strings["priority.\($0.rawValue)"] ?? $0.rawValue, selected: $0 == ticket.priority) }
        agents = [Option(value: "", label: strings["nobody"] ?? "", selected: ticket.assigneeID == nil)]
            + directory.agents.values.filter(\.active).sorted { $0.number < $1.number }.map {
                Option(value: String($0.id.rawValue), label: "\($0.name) · #\($0.number)", selected: $0.id == ticket.assigneeID)
            }
        teams = directory.teams.values.sorted { $0.name < $1.name }.map {
            Option(value: String($0.id.rawValue), label: $0.name, selected: $0.id == ticket.teamID)
        }
        tags = ticket.tags.joined(separator: ", ")
        livePath = "/live/tickets/\(ticket.number)"
        formBase = base
        self.error = error
    }

    /// One event in words of the page language; nil for events the timeline does not show.
    static func describe(
        _ event: TicketEvent, strings: [String: String], agentName: (Agent.ID?) -> String, directory: Directory, isAgent: Bool
    ) -> String? {
        let data = event.data
        func id<T>(_ key: String) -> Identifier<T>? { data[key]?.numberValue.map { Identifier<T>(Int64($0)) } }
        let label = strings["event.\(event.kind.rawValue)"] ?? event.kind.rawValue
        switch event.kind {
        case .assigned:
            return "\(label): \(agentName(id("to")))"
        case .transferred:
            let team = (id("toTeam") as Team.ID?).flatMap { directory.teams[$0]?.name } ?? ""
            let reason = isAgent ? data["reason"]?.stringValue.map { " — \($0)" } ?? "" : ""
            return "\(label): \(team)\(reason)"
        case .statusChanged, .priorityChanged:
            let prefix = event.kind == .statusChanged ? "status" : "priority"
            let to = data["to"]?.stringValue ?? ""
            return "\(label): \(strings["\(prefix).\(to)"] ?? to)"
        case .message:
            return nil
        default:
            return label
        }
    }
}
