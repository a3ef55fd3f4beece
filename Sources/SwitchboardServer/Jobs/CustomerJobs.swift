import Foundation
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

extension JobKind {
    /// Emails a customer about one event on their request (a reply, a status change, a promise).
    public static let customerNotice = JobKind(rawValue: "customer-notice")!
    /// Sends the satisfaction survey some time after a case is solved.
    public static let surveyInvite = JobKind(rawValue: "survey-invite")!
}

/// What the customer is emailed about, and when: the log watcher stores one job per event that
/// concerns them, after the event is stored — so no email ever tells of a change that was lost.
enum CustomerNotices {
    /// The email an event calls for; nil for what the customer did themselves and for what
    /// their page does not show.
    static func kind(of change: TicketChange, by actor: EventActor) -> CustomerMail.Kind? {
        if case .customer = actor { return nil }
        switch change {
        case .message(_, .agent, .public, _): return .reply
        case .statusChanged(_, .solved): return .solved
        // A first reply opens a case and an agent's reply waits for the customer: the reply's own
        // email says enough. Held and reopened cases are told (the customer's own reply reopening
        // one is their doing, left out above).
        case .statusChanged(_, .onHold), .statusChanged(.solved, .open): return .status
        case .commitmentMade: return .promiseMade
        case .commitmentKept: return .promiseKept
        case .commitmentMissed: return .promiseMissed
        default: return nil
        }
    }

    /// An event read this long after it happened (a desk that was down, history loaded in bulk) is
    /// news no more: no email tells of it.
    static let staleAfter: TimeInterval = 3_600

    static func job(for logged: LoggedEvent, change: TicketChange, surveyDelay: TimeInterval, now: Date) -> [NewJob] {
        var jobs: [NewJob] = []
        let event = logged.event
        guard now.timeIntervalSince(event.createdAt) <= staleAfter else { return [] }
        let ticket: JSONValue = .number(Double(logged.ticketNumber))
        if let kind = kind(of: change, by: event.actor) {
            jobs.append(NewJob(
                kind: .customerNotice, payload: ["ticket": ticket, "event": .id(event.id), "notice": .string(kind.rawValue)],
                runAt: event.createdAt, key: "notice:\(event.id)"
            ))
        }
        if case .statusChanged(_, .solved) = change {
            jobs.append(NewJob(kind: .surveyInvite, payload: ["ticket": ticket], runAt: event.createdAt.addingTimeInterval(surveyDelay), key: "survey:\(event.ticketID)"))
        }
        return jobs
    }
}

/// The parts customer emails need.
struct CustomerMailer: Sendable {
    let store: any Store
    let mailer: any Mailer
    let baseURL: String
    let directory: DirectoryCache

    func language(_ ticket: Ticket, _ customer: Customer) -> UILanguage {
        (ticket.language ?? customer.language).flatMap(UILanguage.init(tag:)) ?? .english
    }

    func portalLink(_ number: Int64) -> String { "\(baseURL)/portal/tickets/\(number)" }

    func send(_ mail: CustomerMail, to address: String) async throws {
        try await mailer.send(OutgoingMail(to: address, subject: mail.subject, body: mail.body))
    }
}

/// Emails the customer about one event of their request, in their language, unless they asked
/// for replies only. A chat's reply waits two minutes first: a customer reading it in the widget
/// needs no email.
struct CustomerNoticeJob: JobHandler {
    let mail: CustomerMailer
    let signals: ChatSignals
    /// How long a chat reply waits to be read before it is emailed.
    static let chatGrace: TimeInterval = 120

    func run(_ job: Job) async throws -> [NewJob] {
        guard case .number(let number)? = job.payload["ticket"], case .number(let eventID)? = job.payload["event"],
              let kind = job.payload["notice"]?.stringValue.flatMap(CustomerMail.Kind.init(rawValue:))
        else { throw JobFailure.permanent("the notice does not read") }
        let store = mail.store
        guard let ticket = try await store.ticket(number: Int64(number)), let customer = try await store.customer(ticket.customerID),
              let address = customer.mailAddress, customer.notices == .all || kind.isReply
        else { return [] }
        let events = try await store.events(ticket: ticket.id)
        guard let event = events.first(where: { $0.id.rawValue == Int64(eventID) }), let change = try? event.change() else { return [] }
        let language = mail.language(ticket, customer)
        let strings = Catalog.strings(language)
        var detail = ""
        var due: Date?
        var summary: SummaryView?
        switch change {
        case .message(let id, _, _, _):
            if ticket.channel == .chat {
                let waited = job.payload["waited"] == .bool(true)
                if !waited {
                    let payload: JSONValue = ["ticket": .number(number), "event": .number(eventID), "notice": .string(kind.rawValue), "waited": true]
                    return [NewJob(kind: .customerNotice, payload: payload, runAt: event.createdAt.addingTimeInterval(Self.chatGrace), key: "notice-late:\(event.id)")]
                }
                if let read = signals.readMark(ticket: ticket.number, for: .agents), read >= id.rawValue { return [] }
            }
            guard let message = try await store.messages(ticket: ticket.id, includeInternal: false).first(where: { $0.id == id }) else { return [] }
            detail = message.body
        case .statusChanged(_, let to):
            detail = strings["status.\(to.rawValue)"] ?? to.rawValue
            if to == .solved {
                let directory = try await mail.directory.snapshot()
                let messages = try await store.messages(ticket: ticket.id, includeInternal: false)
                summary = SummaryView(
                    CaseSummary(ticket: ticket, messages: messages, events: events),
                    agentName: { id in directory.agents[id].map { "\($0.name) · #\($0.number)" } ?? "" },
                    teamName: { directory.teams[$0]?.name ?? "" }, strings: strings, format: PageFormat(language: language)
                )
            }
        case .commitmentMade(let commitment):
            detail = commitment.text
            due = commitment.dueAt
        case .commitmentKept(let id, _), .commitmentMissed(let id):
            detail = Commitment.all(in: events.compactMap { try? $0.change() }).first { $0.commitment.id == id }?.commitment.text ?? ""
        default:
            return []
        }
        let link = mail.portalLink(ticket.number)
        try await mail.send(
            CustomerMail(
                kind: kind, language: language, customerName: customer.name, number: ticket.number, detail: detail, due: due, summary: summary,
                link: link, portalLink: link
            ),
            to: address
        )
        return []
    }
}

/// Sends the survey of a solved case: by email with a signed link (the portal and the widget show
/// it too). Not when the case was reopened meanwhile, or already answered.
struct SurveyInviteJob: JobHandler {
    let mail: CustomerMailer
    let surveys: Surveys

    func run(_ job: Job) async throws -> [NewJob] {
        guard case .number(let number)? = job.payload["ticket"] else { throw JobFailure.permanent("the ticket number does not read") }
        let store = mail.store
        guard let ticket = try await store.ticket(number: Int64(number)), !ticket.status.isActive,
              let customer = try await store.customer(ticket.customerID), let address = customer.mailAddress, customer.notices == .all
        else { return [] }
        let events = try await store.events(ticket: ticket.id)
        guard SurveyAnswer.latest(in: events) == nil else { return [] }
        let link = mail.baseURL + (try await surveys.link(for: ticket.number))
        try await mail.send(
            CustomerMail(
                kind: .survey, language: mail.language(ticket, customer), customerName: customer.name, number: ticket.number, link: link,
                portalLink: mail.portalLink(ticket.number)
            ),
            to: address
        )
        return []
    }
}
