import Foundation
import SwitchboardCore
import SwitchboardStorage

/// The satisfaction survey after a case is solved: its signed link, and the answers. An answer is
/// an event on the ticket; a low one reopens the case, raises its priority and tells the owning
/// team's supervisors, with the customer's comment — in the same transaction as the answer.
struct Surveys: Sendable {
    let store: any Store
    let bus: any EventBus
    let clock: any WallClock
    let sla: SLAPolicies
    let dispatcher: Dispatcher
    let settings: SurveySettings
    let secret: StoredSecret

    /// Why a survey link does not open the survey.
    enum LinkProblem: String, Error {
        /// Not a link the desk signed (altered, or made up).
        case forged
        /// Older than `SurveySettings.linkLifetime`.
        case expired
    }

    /// The survey's address for a ticket: `/survey/{number}?e={expiry}&s={signature}`, good for
    /// `settings.linkLifetime`.
    func link(for number: Int64) async throws -> String {
        try await linker().link(for: number)
    }

    /// Makes links without waiting (the chat's frames are built in one go).
    func linker() async throws -> Linker {
        Linker(key: try await secret.value(), lifetime: settings.linkLifetime, clock: clock)
    }

    struct Linker: Sendable {
        let key: String
        let lifetime: TimeInterval
        let clock: any WallClock

        func link(for number: Int64) -> String {
            let expires = Int64(clock.now().addingTimeInterval(lifetime).timeIntervalSince1970)
            return "/survey/\(number)?e=\(expires)&s=\(signature(number: number, expires: expires))"
        }

        func signature(number: Int64, expires: Int64) -> String {
            String(Secrets.hmac("survey \(number) \(expires)", key: key).prefix(32))
        }
    }

    /// Checks a link's expiry and signature; the signature is checked first, so an altered expiry
    /// reads as forged, not expired.
    func check(number: Int64, expires: String?, signature given: String?) async throws {
        guard let expires = expires.flatMap({ Int64($0) }), let given, given.utf8.count <= 100 else { throw LinkProblem.forged }
        guard Secrets.constantTimeEqual(try await linker().signature(number: number, expires: expires), given) else { throw LinkProblem.forged }
        guard Double(expires) > clock.now().timeIntervalSince1970 else { throw LinkProblem.expired }
    }

    /// Where a ticket's survey stands: whether it can be answered (the case was solved) or changed
    /// (within the edit window of the first answer), and the answer so far.
    struct Standing: Sendable {
        var open: Bool
        var answer: SurveyAnswer?
        var editableUntil: Date?
    }

    func standing(of ticket: Ticket, events: [TicketEvent]) -> Standing {
        let now = clock.now()
        guard let latest = SurveyAnswer.latest(in: events) else {
            return Standing(open: Self.invites(ticket, events: events, now: now, period: settings.linkLifetime), answer: nil, editableUntil: nil)
        }
        let until = latest.firstAt.addingTimeInterval(settings.editWindow)
        return Standing(open: until > now, answer: latest.answer, editableUntil: until)
    }

    /// Whether a case asks for a first answer now: it is solved (or closed after), and was solved
    /// within `period` — a case reopened and worked on again is not surveyed until it is solved again.
    static func invites(_ ticket: Ticket, events: [TicketEvent], now: Date, period: TimeInterval) -> Bool {
        guard !ticket.status.isActive else { return false }
        let solvedAt = events.last { if case .statusChanged(_, .solved)? = try? $0.change() { true } else { false } }?.createdAt
        return solvedAt.map { now.timeIntervalSince($0) <= period } ?? false
    }

    /// What answering did.
    struct Outcome: Sendable {
        var reopened: Bool
    }

    /// Records `answer` for the ticket's customer. A first answer needs the case solved (within the
    /// survey's period); a change, the first answer younger than the edit window; else `conflict`
    /// on `survey`. The same answer again (a form sent twice) records nothing. A low answer acts
    /// once per case: a solved case reopens with its priority raised, a closed one (final) keeps
    /// its state; the team's supervisors are told either way.
    func answer(_ answer: SurveyAnswer, on number: Int64, for customer: Customer.ID) async throws -> Outcome {
        guard let ticket = try await store.ticket(number: number), ticket.customerID == customer else { throw DomainError.notFound("ticket") }
        let rulebook = try await sla.rulebook()
        let now = clock.now()
        let (window, period) = (settings.editWindow, settings.linkLifetime)
        let (_, recorded) = try await store.act(onTicket: ticket.id, actor: .customer(customer), at: now) { ticket, events in
            let answers = events.compactMap { event -> SurveyAnswer? in
                if case .surveyAnswered(let answer)? = try? event.change() { return answer }
                return nil
            }
            if let earlier = SurveyAnswer.latest(in: events) {
                guard now < earlier.firstAt.addingTimeInterval(window) else {
                    throw DomainError(.conflict, "this survey was answered and can no longer be changed", field: "survey")
                }
                if earlier.answer == answer { return [] }
            } else {
                guard Self.invites(ticket, events: events, now: now, period: period) else {
                    throw DomainError(.conflict, "this request is not waiting for a survey answer", field: "surveyOpen")
                }
            }
            var actions: [TicketAction] = [.record(.surveyAnswered(answer))]
            // A low answer acts once per case: low, then high, then low again does not escalate twice.
            if answer.isLow, !answers.contains(where: \.isLow) {
                if ticket.status == .solved {
                    actions.append(.command(.setStatus(.open)))
                    if let higher = ticket.priority.higher { actions.append(.command(.setPriority(higher, reason: EscalationCause.lowSatisfaction.rawValue))) }
                }
                actions.append(.record(.escalated(step: .notifySupervisor, cause: .lowSatisfaction, agents: rulebook.supervisors(of: ticket.teamID))))
            }
            return actions
        }
        guard !recorded.isEmpty else { return Outcome(reopened: false) }
        bus.announce(.logAdvanced)
        let reopened = recorded.contains { if case .statusChanged(_, .open) = $0 { true } else { false } }
        if reopened { dispatcher.ring() }
        return Outcome(reopened: reopened)
    }
}
