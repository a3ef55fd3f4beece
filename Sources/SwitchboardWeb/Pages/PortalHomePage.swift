import Foundation
import Mustache
import SwitchboardCore

/// The customer's requests: each with its status in words, who owns it (name and agent number),
/// the next step and when, and the promises still open; a way to file a new one; and what they
/// want to be emailed about.
public struct PortalHomePage: WebPage {
    public struct Promise: Sendable {
        public let text: String
        public let due: String
        public let dueISO: String
        public let overdue: Bool
    }

    /// The words every row repeats, carried by the row: a template looks a name up in the row
    /// first, and only then in the page, which costs a reflection of the whole page each time.
    public struct Labels: Sendable {
        public let status: String
        public let handledBy: String
        public let nextStep: String
        public let updated: String
        public let openPromises: String
        public let promiseBy: String
    }

    public struct Row: Sendable {
        public let l: Labels
        public let number: String
        public let subject: String
        public let status: String
        public let statusCode: String
        public let updated: String
        public let updatedISO: String
        /// The owner's name, and their agent number apart (a Persian name and a Latin number each
        /// keep their own direction).
        public let owner: String
        public let ownerNumber: String?
        public let nextStep: String
        public let promises: [Promise]
        public let hasPromises: Bool
    }

    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let selected: Bool
    }

    public let page: PageFrame
    public let t: [String: String]
    public let rows: [Row]
    public let hasRows: Bool
    public let olderURL: String?
    public let notices: [Option]
    public let noticesSaved: Bool

    /// `promises`: the commitment events of the listed tickets; `surveyed`: the tickets answered.
    public init(
        language: UILanguage, csrfToken: String, user: PageFrame.User, tickets: [Ticket], agents: [Agent.ID: Agent], promises: [TicketEvent],
        surveyed: Set<Ticket.ID>, notices: Customer.Notices, noticesSaved: Bool = false, older: String? = nil, now: Date = Date(),
        timeZone: TimeZone = .current
    ) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language, timeZone: timeZone)
        page = PageFrame(language: language, path: "/portal", csrfToken: csrfToken, user: user)
        t = strings
        let byTicket = Dictionary(grouping: promises, by: \.ticketID)
        let labels = Labels(
            status: strings["status"] ?? "", handledBy: strings["handledBy"] ?? "", nextStep: strings["nextStep"] ?? "", updated: strings["updated"] ?? "",
            openPromises: strings["openPromises"] ?? "", promiseBy: strings["promiseBy"] ?? ""
        )
        rows = tickets.map { ticket in
            let open = Commitment.all(in: (byTicket[ticket.id] ?? []).compactMap { try? $0.change() }).filter { $0.state == .open }.map {
                Promise(text: $0.commitment.text, due: format.date($0.commitment.dueAt), dueISO: format.iso($0.commitment.dueAt), overdue: $0.commitment.dueAt <= now)
            }
            let agent = ticket.assigneeID.flatMap { agents[$0] }
            let owner = agent?.name ?? (ticket.status.isActive ? strings["ownerNone"] ?? "" : strings["nobody"] ?? "")
            return Row(
                l: labels, number: String(ticket.number), subject: ticket.subject, status: strings["status.\(ticket.status.rawValue)"] ?? ticket.status.rawValue,
                statusCode: ticket.status.rawValue, updated: format.date(ticket.updatedAt), updatedISO: format.iso(ticket.updatedAt), owner: owner,
                ownerNumber: agent.map { "#\($0.number)" },
                nextStep: TicketView.nextStep(
                    ticket: ticket, replyBy: nil, resolveBy: nil, nextDue: ticket.slaDueAt.flatMap { $0 > now ? $0 : nil }, surveyed: surveyed.contains(ticket.id),
                    strings: strings, format: format
                ),
                promises: open, hasPromises: !open.isEmpty
            )
        }
        hasRows = !rows.isEmpty
        olderURL = older.map { "/portal?before=\($0)" }
        self.notices = Customer.Notices.allCases.map { Option(value: $0.rawValue, label: strings["notices.\($0.rawValue)"] ?? "", selected: $0 == notices) }
        self.noticesSaved = noticesSaved
    }
}

// A customer with many requests gets 50 rows at a time: each row answers the template's names
// directly, not through reflection (which cost most of the page's time).
extension PortalHomePage.Row: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "l": l
        case "number": number
        case "subject": subject
        case "status": status
        case "statusCode": statusCode
        case "updated": updated
        case "updatedISO": updatedISO
        case "owner": owner
        case "ownerNumber": ownerNumber
        case "nextStep": nextStep
        case "promises": promises
        case "hasPromises": hasPromises
        default: nil
        }
    }
}

extension PortalHomePage.Labels: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "status": status
        case "handledBy": handledBy
        case "nextStep": nextStep
        case "updated": updated
        case "openPromises": openPromises
        case "promiseBy": promiseBy
        default: nil
        }
    }
}

extension PortalHomePage.Promise: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "due": due
        case "dueISO": dueISO
        case "overdue": overdue
        default: nil
        }
    }
}
