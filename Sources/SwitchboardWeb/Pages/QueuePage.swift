import Foundation

/// The agent workspace's queue: views with counts, and one page of tickets.
public struct QueuePage: WebPage {
    /// One ticket as the queue shows it; subject and customer are the people's own words.
    public struct Row: Sendable {
        public let number: String
        public let subject: String
        public let customer: String
        public let status: String
        public let priority: String
        public let priorityCode: String
        public let assignee: String
        public let updated: String
        public let updatedISO: String
        /// The nearest SLA due time in words ("in 12 min", "overdue 5 min"), and its risk for the colour.
        public let due: String
        public let dueISO: String
        public let risk: String
    }

    /// A ticket to show, in domain terms; the page turns it into words of the page language.
    public struct Ticket: Sendable {
        public var number: String
        public var subject: String
        public var customer: String
        public var status: String
        public var priority: String
        public var assignee: String?
        public var updatedAt: Date
        public var dueAt: Date?
        public var warningAt: Date?

        public init(
            number: String, subject: String, customer: String, status: String, priority: String, assignee: String?, updatedAt: Date,
            dueAt: Date? = nil, warningAt: Date? = nil
        ) {
            self.dueAt = dueAt
            self.warningAt = warningAt
            self.number = number
            self.subject = subject
            self.customer = customer
            self.status = status
            self.priority = priority
            self.assignee = assignee
            self.updatedAt = updatedAt
        }
    }

    public struct View: Sendable {
        public let label: String
        public let href: String
        public let count: String
        public let current: Bool
    }

    /// The queue's views: mine, chats waiting to be accepted, my team, unassigned, at risk
    /// (warned or overdue), all open.
    public enum ViewKind: String, Sendable, CaseIterable {
        case mine, chats, team, unassigned, atRisk = "at-risk", all

        var key: String {
            switch self {
            case .mine: "viewMine"
            case .chats: "viewChats"
            case .team: "viewTeam"
            case .unassigned: "viewUnassigned"
            case .atRisk: "viewAtRisk"
            case .all: "viewAll"
            }
        }
    }

    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let selected: Bool
    }

    public let page: PageFrame
    public let t: [String: String]
    public let views: [View]
    public let view: String
    public let statusOptions: [Option]
    public let priorityOptions: [Option]
    public let rows: [Row]
    public let hasRows: Bool
    public let shown: String
    public let nextHref: String?
    /// The words searched for, when the list is a search's answer (no view is current then).
    public let search: String?

    public init(
        language: UILanguage, csrfToken: String, user: PageFrame.User, current: ViewKind, counts: [ViewKind: Int],
        tickets: [Ticket], nextCursor: String?, status: String? = nil, priority: String? = nil, search: String? = nil,
        timeZone: TimeZone = .current, now: Date = Date()
    ) {
        self.search = search
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language, timeZone: timeZone)
        page = PageFrame(language: language, path: "/agent", csrfToken: csrfToken, user: user)
        t = strings
        views = ViewKind.allCases.map { kind in
            View(label: strings[kind.key] ?? kind.rawValue, href: "/agent?view=\(kind.rawValue)", count: format.number(counts[kind] ?? 0), current: search == nil && kind == current)
        }
        view = current.rawValue
        let any = strings["any"] ?? ""
        statusOptions = [Option(value: "", label: any, selected: status == nil)]
            + ["new", "open", "pending-customer", "on-hold", "solved", "closed"].map { Option(value: $0, label: strings["status.\($0)"] ?? $0, selected: $0 == status) }
        priorityOptions = [Option(value: "", label: any, selected: priority == nil)]
            + ["urgent", "high", "normal", "low"].map { Option(value: $0, label: strings["priority.\($0)"] ?? $0, selected: $0 == priority) }
        rows = tickets.map { ticket in
            Row(
                number: ticket.number, subject: ticket.subject, customer: ticket.customer,
                status: strings["status.\(ticket.status)"] ?? ticket.status,
                priority: strings["priority.\(ticket.priority)"] ?? ticket.priority, priorityCode: ticket.priority,
                assignee: ticket.assignee ?? strings["nobody"] ?? "",
                updated: format.date(ticket.updatedAt), updatedISO: format.iso(ticket.updatedAt),
                due: ticket.dueAt.map { due in
                    let words = SLAView.duration(abs(due.timeIntervalSince(now)), strings: strings, format: format)
                    return String(format: strings[due > now ? "queueDueIn" : "queueOverdue"] ?? "%@", words)
                } ?? "—",
                dueISO: ticket.dueAt.map(format.iso) ?? "",
                risk: ticket.dueAt.map { due in due <= now ? "breached" : (ticket.warningAt.map { $0 <= now } ?? false) ? "warning" : "ok" } ?? "none"
            )
        }
        hasRows = !rows.isEmpty
        shown = format.number(rows.count)
        nextHref = nextCursor.map { cursor in
            var components = URLComponents()
            components.path = "/agent"
            components.queryItems = [URLQueryItem(name: "view", value: current.rawValue)]
                + (status.map { [URLQueryItem(name: "status", value: $0)] } ?? [])
                + (priority.map { [URLQueryItem(name: "priority", value: $0)] } ?? [])
                + [URLQueryItem(name: "cursor", value: cursor)]
            return components.string ?? "/agent"
        }
    }
}
