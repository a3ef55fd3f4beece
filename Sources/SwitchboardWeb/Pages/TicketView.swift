import Foundation
import Mustache
import SwitchboardCore

/// One ticket: for an agent (everything: what the assistant read in the customer's words, the
/// conversation with notes, the composer and the actions) or for its customer (the progress page:
/// public replies, what happened, who owns the case, a reply box).
public struct TicketView: WebPage {
    public enum Audience: Sendable {
        case agent
        case customer
    }

    /// The names a page needs to turn ids into words.
    public struct Directory: Sendable {
        public var agents: [Agent.ID: Agent]
        public var teams: [Team.ID: Team]
        /// Whose agents and teams the page offers to assign and transfer to: a merchant's staff
        /// choose among their own (as the API allows); nil offers everyone's. Names on the
        /// timeline come from everyone's.
        public var choosable: Organization.ID?
        /// An agent (not a supervisor) assigns a team's ticket only within that team: the menu
        /// offers that team's agents.
        public var assignableTeam: Team.ID?

        public init(agents: [Agent.ID: Agent], teams: [Team.ID: Team], choosable: Organization.ID? = nil) {
            self.agents = agents
            self.teams = teams
            self.choosable = choosable
        }

        func offers(_ organization: Organization.ID) -> Bool {
            choosable.map { $0 == organization } ?? true
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
        /// For an agent: what the assistant read in this customer message, in a few words.
        public let readingSummary: String?
        /// The event was the assistant's doing.
        public let byAssistant: Bool
        /// The message's id (messages only), for read marks.
        public var messageID: String = ""
        /// The message's files, with the signed addresses they open at.
        public var files: [File] = [] {
            didSet { hasFiles = !files.isEmpty }
        }
        /// Read by the template (which sees stored properties only).
        public private(set) var hasFiles = false
    }

    /// A file of a message: a photo shown as a picture, a document as a link.
    public struct File: Sendable {
        public let name: String
        public let url: String
        public let isImage: Bool
        public let size: String
    }

    /// A chat's state for the agent: waiting for someone to accept it, with the assistant, or
    /// accepted (and so able to go back to the assistant).
    public struct ChatPanel: Sendable {
        public let awaitsAgent: Bool
        public let withAssistant: Bool
        public let accepted: Bool
        /// How far the customer has read (a message id), when this node heard it.
        public let customerRead: String
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

    /// One of the forms that change the ticket with a single choice (status, priority, assignee).
    public struct ActionForm: Sendable {
        public let action: String
        public let field: String
        public let id: String
        public let label: String
        public let button: String
        public let options: [Option]
    }

    public let page: PageFrame
    public let t: [String: String]
    public let isAgent: Bool
    public let number: String
    public let subject: String
    public let status: String
    public let statusCode: String
    public let statusExplained: String
    public let priority: String
    public let priorityCode: String
    public let team: String
    public let owner: String
    public let customerName: String
    public let identities: [String]
    public let hasIdentities: Bool
    public let otherTickets: [Link]
    public let entries: [Entry]
    public let actionForms: [ActionForm]
    public let teams: [Option]
    public let tags: String
    public let livePath: String
    public let formBase: String
    public let error: String?
    /// What the assistant read in the customer's latest message (agents only).
    public let reading: AssistantReading?
    /// For a chat, on the agent's page.
    public let chat: ChatPanel?
    /// The SLA clocks (agents only; nil when no policy covers the ticket).
    public let sla: SLAView?
    /// What the agents promised the customer, with due times and where each stands.
    public let promises: [Promise]
    public let hasPromises: Bool
    /// Choices for when a new promise is due ("in 4 hours"…), in hours.
    public let promiseWithin: [Option]
    /// The customer's page: the next step in words, the place in the queue, a flash.
    public let nextStep: String?
    public let eta: String?
    public let done: String?
    public let summary: SummaryView?
    public let survey: SurveyForm?
    public let hasOpenPromises: Bool

    /// What only the customer's page shows: the next step and when, their place in the queue, the
    /// summary once solved, the survey, and where to download the transcript and the receipt.
    public struct CustomerSide: Sendable {
        public var place: Int?
        public var minutes: Int?
        /// When the SLA promises the next reply, and the solution.
        public var replyBy: Date?
        public var resolveBy: Date?
        public var summary: CaseSummary?
        public var survey: (open: Bool, answer: SurveyAnswer?, editableUntil: Date?)?
        /// What the customer just did, said back to them (`survey`, `reopened`).
        public var done: String?

        public init() {}
    }

    public struct Promise: Sendable {
        public let id: String
        public let text: String
        public let due: String
        public let dueISO: String
        public let state: String
        /// `open`, `kept`, `missed`, `overdue` (open past its time, before the desk marks it).
        public let stateCode: String
        public let isOpen: Bool
        public let note: String?
    }

    public init(
        audience: Audience, language: UILanguage, csrfToken: String, user: PageFrame.User, ticket: Ticket, customer: Customer?,
        messages: [Message], events: [TicketEvent], directory: Directory, otherTickets: [Ticket] = [],
        analyses: [Message.ID: StoredAnalysis] = [:], intents: [String] = [], problem: String? = nil, timeZone: TimeZone = .current,
        sla: (policy: String, clocks: [SLAClock])? = nil, now: Date = Date(), customerRead: Int64? = nil,
        fileURL: (Attachment) -> String? = { _ in nil }, customerSide: CustomerSide? = nil
    ) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language, timeZone: timeZone)
        let isAgent = audience == .agent
        let base = isAgent ? "/agent/tickets/\(ticket.number)" : "/portal/tickets/\(ticket.number)"
        page = PageFrame(language: language, path: base, csrfToken: csrfToken, user: user)
        t = strings
        self.isAgent = isAgent
        let promises = Commitment.all(in: events.compactMap { try? $0.change() })
        self.promises = promises.map { item in
            let overdue = item.state == .open && item.commitment.dueAt <= now
            let code = overdue ? "overdue" : item.state.rawValue
            return Promise(
                id: item.commitment.id, text: item.commitment.text, due: format.date(item.commitment.dueAt), dueISO: format.iso(item.commitment.dueAt),
                state: strings["promise.\(code)"] ?? code, stateCode: code, isOpen: item.state == .open, note: item.note
            )
        }
        hasPromises = !promises.isEmpty
        hasOpenPromises = promises.contains { $0.state == .open }
        let side = isAgent ? nil : customerSide
        nextStep = side.map { side in
            Self.nextStep(ticket: ticket, replyBy: side.replyBy, resolveBy: side.resolveBy, surveyed: side.survey?.answer != nil, strings: strings, format: format)
        }
        eta = side.flatMap { side in
            guard let place = side.place, let minutes = side.minutes else { return nil }
            return (strings["chatPlace"] ?? "").replacingOccurrences(of: "{place}", with: format.number(place))
                .replacingOccurrences(of: "{minutes}", with: format.number(max(1, minutes)))
        }
        done = side?.done.flatMap { strings[$0 == "reopened" ? "surveyReopened" : "surveyThanks"] }
        let names = { (id: Agent.ID) -> String in directory.agents[id].map { "\($0.name) · #\($0.number)" } ?? "#\(id.rawValue)" }
        summary = side?.summary.map { SummaryView($0, agentName: names, teamName: { directory.teams[$0]?.name ?? "" }, strings: strings, format: format) }
        survey = side?.survey.map {
            SurveyForm(action: "/portal/tickets/\(ticket.number)/survey", open: $0.open, answer: $0.answer, editableUntil: $0.editableUntil, strings: strings, format: format)
        }
        promiseWithin = [(1, "promiseIn1h"), (4, "promiseIn4h"), (24, "promiseIn1d"), (72, "promiseIn3d"), (168, "promiseIn1w")].map {
            Option(value: String($0.0), label: strings[$0.1] ?? "", selected: $0.0 == 24)
        }
        self.sla = isAgent ? sla.map { SLAView(policy: $0.policy, clocks: $0.clocks, now: now, strings: strings, format: format) } : nil
        number = String(ticket.number)
        subject = ticket.subject
        status = strings["status.\(ticket.status.rawValue)"] ?? ticket.status.rawValue
        statusCode = ticket.status.rawValue
        statusExplained = strings["explain.\(ticket.status.rawValue)"] ?? ""
        priority = strings["priority.\(ticket.priority.rawValue)"] ?? ticket.priority.rawValue
        priorityCode = ticket.priority.rawValue
        team = ticket.teamID.flatMap { directory.teams[$0]?.name } ?? strings["nobody"] ?? ""
        owner = ticket.assigneeID.flatMap { directory.agents[$0] }.map { "\($0.name) · #\($0.number)" } ?? strings["ownerNone"] ?? ""
        customerName = customer?.name ?? ""
        identities = isAgent ? (customer.map { customer in
            customer.identities.map { "\($0.kind.rawValue): \($0.value)" }
                + (customer.unverifiedEmail.map { ["email: \($0) (\(strings["unverifiedContact"] ?? ""))"] } ?? [])
        } ?? []) : []
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
        let words = AssistantWords(strings: strings)
        var timeline: [(Date, Int64, Entry)] = []
        for message in messages where isAgent || message.visibility == .public {
            let (name, kind) = author(message.author)
            let reading = isAgent ? analyses[message.id].map { words.summary(of: $0) } : nil
            var entry = Entry(
                isMessage: true, isNote: message.visibility == .internal, author: name, authorKind: kind, body: message.body, text: "",
                at: format.date(message.createdAt), atISO: format.iso(message.createdAt), readingSummary: reading, byAssistant: false,
                messageID: String(message.id.rawValue)
            )
            // Set after the entry is made, so `hasFiles` follows.
            entry.files = message.attachments.compactMap { attachment in
                fileURL(attachment).map { url in
                    File(
                        name: attachment.name, url: url, isImage: AttachmentType.isImage(attachment.contentType),
                        size: ByteCountFormatter.string(fromByteCount: attachment.size, countStyle: .file)
                    )
                }
            }
            timeline.append((message.createdAt, 0, entry))
        }
        for event in events where event.kind != .message && (isAgent || event.isCustomerVisible) {
            guard let text = EventWords(
                strings: strings, words: words, agentName: agentName, directory: directory, isAgent: isAgent, date: format.date, number: format.number
            ).describe(event) else {
                continue
            }
            timeline.append((event.createdAt, event.sequence, Entry(
                isMessage: false, isNote: false, author: "", authorKind: "event", body: "", text: text,
                at: format.date(event.createdAt), atISO: format.iso(event.createdAt), readingSummary: nil, byAssistant: event.actor == .bot
            )))
        }
        entries = timeline.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.2)
        // Only the moves the ticket's state allows, and where it stands now.
        let statuses = TicketStatus.allCases.filter { $0 == ticket.status || ticket.status.allowedTransitions.contains($0) }.map {
            Option(value: $0.rawValue, label: strings["status.\($0.rawValue)"] ?? $0.rawValue, selected: $0 == ticket.status)
        }
        let priorities = Priority.allCases.map { Option(value: $0.rawValue, label: strings["priority.\($0.rawValue)"] ?? $0.rawValue, selected: $0 == ticket.priority) }
        let agents = [Option(value: "", label: strings["nobody"] ?? "", selected: ticket.assigneeID == nil)]
            + directory.agents.values.filter { agent in
                agent.active && directory.offers(agent.organizationID) && (directory.assignableTeam.map { agent.teamIDs.contains($0) } ?? true)
            }.sorted { $0.number < $1.number }.map {
                Option(value: String($0.id.rawValue), label: "\($0.name) · #\($0.number)", selected: $0.id == ticket.assigneeID)
            }
        actionForms = isAgent ? [
            ActionForm(action: "status", field: "status", id: "status-select", label: strings["status"] ?? "", button: strings["save"] ?? "", options: statuses),
            ActionForm(action: "priority", field: "priority", id: "priority-select", label: strings["priority"] ?? "", button: strings["save"] ?? "", options: priorities),
            ActionForm(action: "assign", field: "assignee", id: "assignee-select", label: strings["assignee"] ?? "", button: strings["assign"] ?? "", options: agents),
        ] : []
        teams = directory.teams.values.filter { directory.offers($0.organizationID) }.sorted { $0.name < $1.name }.map {
            Option(value: String($0.id.rawValue), label: $0.name, selected: $0.id == ticket.teamID)
        }
        tags = ticket.tags.joined(separator: ", ")
        livePath = "/live/tickets/\(ticket.number)"
        formBase = base
        error = problem.map { PageProblem.text($0, strings) }
        // The latest customer message the assistant has read (or is reading) is the one that matters now.
        let latest = messages.last { message in
            if case .customer = message.author { return analyses[message.id] != nil }
            return false
        }
        if isAgent, ticket.channel == .chat, ticket.status.isActive {
            let state = ChatState(events: events, ticket: ticket)
            chat = ChatPanel(
                awaitsAgent: state.awaitsAgent, withAssistant: !state.personHasIt, accepted: state.acceptedBy != nil,
                customerRead: customerRead.map(String.init) ?? ""
            )
        } else {
            chat = nil
        }
        reading = isAgent ? latest.flatMap { message in
            analyses[message.id].map { AssistantReading(message: message, stored: $0, words: words, intents: intents, format: format) }
        } : nil
    }

    /// The next step of a case in the customer's words, with its time when the SLA gives one.
    /// `nextDue`: the nearest due time of any clock, when which one is not known (a list reads the
    /// ticket's stored SLA mark, not its clocks).
    public static func nextStep(
        ticket: Ticket, replyBy: Date?, resolveBy: Date?, nextDue: Date? = nil, surveyed: Bool, strings: [String: String], format: PageFormat
    ) -> String {
        func filled(_ key: String, _ date: Date) -> String { String(format: strings[key] ?? "%@", format.date(date)) }
        switch ticket.status {
        case .new, .open:
            if let replyBy { return filled("next.reply", replyBy) }
            if let nextDue { return filled("next.by", nextDue) }
            if let resolveBy { return filled("next.resolve", resolveBy) }
            return strings["next.replySoon"] ?? ""
        case .pendingCustomer: return strings["next.you"] ?? ""
        case .onHold: return resolveBy.map { filled("next.resolve", $0) } ?? strings["next.onHold"] ?? ""
        case .solved: return strings[surveyed ? "next.solved" : "next.survey"] ?? ""
        case .closed: return strings["next.closed"] ?? ""
        }
    }
}

// A long conversation is many entries: each answers the template's names directly, not through
// reflection.
extension TicketView.Entry: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "isMessage": isMessage
        case "isNote": isNote
        case "author": author
        case "authorKind": authorKind
        case "body": body
        case "text": text
        case "at": at
        case "atISO": atISO
        case "readingSummary": readingSummary
        case "byAssistant": byAssistant
        case "messageID": messageID
        case "files": files
        case "hasFiles": hasFiles
        default: nil
        }
    }
}

extension TicketView.File: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": name
        case "url": url
        case "isImage": isImage
        case "size": size
        default: nil
        }
    }
}
