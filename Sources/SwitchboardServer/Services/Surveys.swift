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
        let expires = Int64(clock.now().addingTimeInterval(settings.linkLifetime).timeIntervalSince1970)
        return "/survey/\(number)?e=\(expires)&s=\(try await signature(number: number, expires: expires))"
    }

    /// Checks a link's expiry and signature; the signature is checked first, so an altered expiry
    /// reads as forged, not expired.
    func check(number: Int64, expires: String?, signature given: String?) async throws {
        guard let expires = expires.flatMap({ Int64($0) }), let given, given.utf8.count <= 100 else { throw LinkProblem.forged }
        guard Secrets.constantTimeEqual(try await signature(number: number, expires: expires), given) else { throw LinkProblem.forged }
        guard Double(expires) > clock.now().timeIntervalSince1970 else { throw LinkProblem.expired }
    }

    private func signature(number: Int64, expires: Int64) async throws -> String {
        String(Secrets.hmac("survey \(number) \(expires)", key: try await secret.value()).prefix(32))
    }

    /// Where a ticket's survey stands: whether it can be answered (the case was solved) or changed
    /// (within the edit window of the first answer), and the answer so far.
    struct Standing: Sendable {
        var open: Bool
        var answer: SurveyAnswer?
        var editableUntil: Date?
    }

    func standing(of ticket: Ticket, events: [TicketEvent]) -> Standing {
        let solved = events.contains { if case .statusChanged(_, .solved)? = try? $0.change() { true } else { false } }
        guard let latest = SurveyAnswer.latest(in: events) else { return Standing(open: solved, answer: nil, editableUntil: nil) }
        let until = latest.firstAt.addingTimeInterval(settings.editWindow)
        return Standing(open: solved && until > clock.now(), answer: latest.answer, editableUntil: until)
    }

    /// What answering did.
    struct Outcome: Sendable {
        var reopened: Bool
        var changed: Bool
    }

    /// Records `answer` for the ticket's customer. Refused when the case was never solved, or the
    /// first answer is older than the edit window (`conflict` on `survey`). The same answer again
    /// (a form sent twice) records nothing.
    func answer(_ answer: SurveyAnswer, on number: Int64, for customer: Customer.ID) async throws -> Outcome {
        guard let ticket = try await store.ticket(number: number), ticket.customerID == customer else { throw DomainError.notFound("ticket") }
        let rulebook = try await sla.rulebook()
        let now = clock.now()
        let window = settings.editWindow
        let (_, recorded) = try await store.act(onTicket: ticket.id, actor: .customer(customer), at: now) { ticket, events in
            let solved = events.contains { if case .statusChanged(_, .solved)? = try? $0.change() { true } else { false } }
            guard solved else { throw DomainError(.conflict, "this request is not solved yet", field: "survey") }
            let earlier = SurveyAnswer.latest(in: events)
            if let earlier {
                guard now < earlier.firstAt.addingTimeInterval(window) else {
                    throw DomainError(.conflict, "this survey was answered and can no longer be changed", field: "survey")
                }
                if earlier.answer == answer { return [] }
            }
            var actions: [TicketAction] = [.record(.surveyAnswered(answer))]
            // A low answer acts once: changing one low answer into another does not escalate twice.
            if answer.isLow, earlier.map({ !$0.answer.isLow }) ?? true {
                if ticket.status == .solved { actions.append(.command(.setStatus(.open))) }
                if let higher = ticket.priority.higher { actions.append(.command(.setPriority(higher, reason: EscalationCause.lowSatisfaction.rawValue))) }
                actions.append(.record(.escalated(step: .notifySupervisor, cause: .lowSatisfaction, agents: rulebook.supervisors(of: ticket.teamID))))
            }
            return actions
        }
        guard !recorded.isEmpty else { return Outcome(reopened: false, changed: false) }
        bus.announce(.logAdvanced)
        let reopened = recorded.contains { if case .statusChanged(_, .open) = $0 { true } else { false } }
        if reopened { dispatcher.ring() }
        return Outcome(reopened: reopened, changed: true)
    }
}
