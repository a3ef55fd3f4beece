import Foundation
@testable import SwitchboardCore
import Testing

@Suite("Intake rules")
struct IntakeRulesTests {
    static func analysis(
        language: String = "en", languageConfidence: Double = 1, intent: String? = "refund", confidence: Double = 0.9, anger: Double = 0,
        personRequested: Bool = false, urgent: Bool = false, problem: MessageAnalysis.Problem = MessageAnalysis.Problem()
    ) -> MessageAnalysis {
        MessageAnalysis(
            language: language, languageConfidence: languageConfidence,
            intents: intent.map { [MessageAnalysis.IntentScore(label: $0, confidence: confidence)] } ?? [],
            outOfScope: intent == nil, polarity: anger > 0 ? .negative : .neutral, sentiment: anger > 0 ? -0.5 : 0, anger: anger,
            personRequested: personRequested, handoffRecommended: personRequested, handoffReasons: personRequested ? ["explicit-request"] : [],
            handoffPhrase: personRequested ? "human" : nil, urgent: urgent, entities: [], problem: problem, modelVersion: "test"
        )
    }

    static func ticket(
        language: String? = nil, category: String? = nil, priority: Priority = .normal, status: TicketStatus = .open, problem: Problem = Problem()
    ) -> Ticket {
        Ticket(
            id: Ticket.ID(1), number: 1001, subject: "Help", customerID: Customer.ID(1), channel: .web, category: category,
            priority: priority, status: status, teamID: nil, assigneeID: nil, merchantID: nil, tags: [], fields: [:], problem: problem,
            language: language, followUpOf: nil, createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0)
        )
    }

    static let message = Message.ID(7)

    struct PriorityCase: Sendable, CustomTestStringConvertible {
        let anger: Double
        let urgent: Bool
        let person: Bool
        let from: Priority
        let expected: Priority
        let reason: String?
        var testDescription: String { "anger \(anger), urgent \(urgent), person \(person), from \(from) → \(expected)" }
    }

    @Test("priority rises on anger, an explicit 'urgent' or a request for a person, and never falls", arguments: [
        PriorityCase(anger: 0, urgent: false, person: false, from: .normal, expected: .normal, reason: nil),
        PriorityCase(anger: 0.4, urgent: false, person: false, from: .normal, expected: .normal, reason: nil),
        PriorityCase(anger: 0.5, urgent: false, person: false, from: .normal, expected: .high, reason: "anger"),
        PriorityCase(anger: 0.9, urgent: false, person: false, from: .low, expected: .urgent, reason: "anger"),
        PriorityCase(anger: 0, urgent: true, person: false, from: .normal, expected: .high, reason: "urgent-request"),
        PriorityCase(anger: 0.6, urgent: true, person: false, from: .normal, expected: .urgent, reason: "anger,urgent-request"),
        PriorityCase(anger: 0, urgent: false, person: true, from: .low, expected: .high, reason: "person-requested"),
        PriorityCase(anger: 0.6, urgent: true, person: true, from: .normal, expected: .urgent, reason: "anger,urgent-request,person-requested"),
        // An agent's higher priority stays: the rules raise, never lower.
        PriorityCase(anger: 0.6, urgent: false, person: false, from: .urgent, expected: .urgent, reason: nil),
        PriorityCase(anger: 0, urgent: true, person: false, from: .high, expected: .high, reason: nil),
    ])
    func priority(_ example: PriorityCase) {
        let decision = IntakeRules.decide(
            Self.analysis(anger: example.anger, personRequested: example.person, urgent: example.urgent),
            message: Self.message, for: Self.ticket(language: "en", category: "refund", priority: example.from)
        )
        let raised = decision.commands.compactMap { command -> (Priority, String?)? in
            if case .setPriority(let priority, let reason) = command { return (priority, reason) }
            return nil
        }
        if example.expected == example.from {
            #expect(raised.isEmpty)
        } else {
            #expect(raised.count == 1)
            #expect(raised.first?.0 == example.expected)
            #expect(raised.first?.1 == example.reason)
        }
    }

    @Test("a confident intent files an unfiled ticket; a doubtful one, a person request or an agent's category do not")
    func category() {
        func category(_ analysis: MessageAnalysis, _ ticket: Ticket) -> String?? {
            for command in IntakeRules.decide(analysis, message: Self.message, for: ticket).commands {
                if case .setCategory(let category) = command { return .some(category) }
            }
            return .none
        }
        #expect(category(Self.analysis(intent: "shipping_delay", confidence: 0.8), Self.ticket()) == .some("shipping-delay"))
        #expect(category(Self.analysis(intent: "refund", confidence: 0.59), Self.ticket()) == .none, "below the threshold")
        #expect(category(Self.analysis(intent: nil), Self.ticket()) == .none, "out of scope")
        #expect(category(Self.analysis(intent: "talk_to_human", confidence: 1), Self.ticket()) == .none, "asking for a person is no topic")
        #expect(category(Self.analysis(intent: "refund"), Self.ticket(category: "exchange")) == .none, "an agent's category stays")
    }

    @Test("the language is set once, when the assistant is sure and knows it")
    func language() {
        func language(_ analysis: MessageAnalysis, _ ticket: Ticket) -> String?? {
            for command in IntakeRules.decide(analysis, message: Self.message, for: ticket).commands {
                if case .setLanguage(let language) = command { return .some(language) }
            }
            return .none
        }
        #expect(language(Self.analysis(language: "fa"), Self.ticket()) == .some("fa"))
        #expect(language(Self.analysis(language: "zh", languageConfidence: 0.55), Self.ticket()) == .none)
        #expect(language(Self.analysis(language: "other"), Self.ticket()) == .none)
        #expect(language(Self.analysis(language: "zh"), Self.ticket(language: "en")) == .none, "the ticket's language stays")
    }

    @Test("the problem's empty parts are filled; written parts and 'a person' as an expectation are not")
    func problem() {
        let found = MessageAnalysis.Problem(whatHappened: "the kettle leaks", when: "2026-11-20", whenText: "last friday", expectation: "refund", missing: [])
        let decision = IntakeRules.decide(Self.analysis(problem: found), message: Self.message, for: Self.ticket(problem: Problem(expectation: "a new kettle")))
        #expect(decision.commands.contains(.setProblem(Problem(whatHappened: "the kettle leaks", when: "2026-11-20", expectation: "a new kettle"))))
        #expect(IntakeRules.filledProblem(Problem(), from: MessageAnalysis.Problem(whenText: "yesterday", expectation: "person")) == Problem(when: "yesterday"))
        let complete = Problem(whatHappened: "a", when: "b", expectation: "c")
        #expect(IntakeRules.decide(Self.analysis(problem: found), message: Self.message, for: Self.ticket(problem: complete)).commands.allSatisfy {
            if case .setProblem = $0 { return false }
            return true
        })
    }

    @Test("a request for a person is recorded with the assistant's reasons and the words used")
    func handoff() {
        let decision = IntakeRules.decide(Self.analysis(personRequested: true), message: Self.message, for: Self.ticket())
        #expect(decision.handoff == .handoffRequested(messageID: Self.message, reasons: ["explicit-request"], phrase: "human"))
        #expect(IntakeRules.decide(Self.analysis(), message: Self.message, for: Self.ticket()).handoff == nil)
    }

    @Test("solved and closed tickets are not re-filed", arguments: [TicketStatus.solved, .closed])
    func inactive(_ status: TicketStatus) {
        let decision = IntakeRules.decide(Self.analysis(language: "fa", anger: 0.9, personRequested: true), message: Self.message, for: Self.ticket(status: status))
        #expect(decision.isEmpty)
    }

    @Test("every command the rules make applies to the ticket as a change the timeline can show")
    func applies() throws {
        var ticket = Self.ticket()
        let decision = IntakeRules.decide(
            Self.analysis(language: "zh", anger: 0.7, personRequested: true, problem: MessageAnalysis.Problem(whatHappened: "没收到货")),
            message: Self.message, for: ticket
        )
        var kinds: [EventKind] = []
        for command in decision.commands {
            let (next, change) = try #require(try ticket.applying(command, at: Date(timeIntervalSince1970: 10)))
            ticket = next
            kinds.append(change.kind)
        }
        #expect(kinds == [.languageChanged, .categoryChanged, .priorityChanged, .problemUpdated])
        #expect(ticket.language == "zh" && ticket.category == "refund" && ticket.priority == .high && ticket.problem.whatHappened == "没收到货")
    }
}

@Suite("Event kinds")
struct EventKindTests {
    @Test("kinds are short snake_case names; anything else is refused", arguments: [
        ("created", true), ("sla_breached", true), ("survey2_answered", true),
        ("", false), ("Created", false), ("2fast", false), ("with-dash", false), ("with space", false), (String(repeating: "a", count: 41), false),
    ])
    func names(_ raw: String, _ valid: Bool) {
        #expect((EventKind(rawValue: raw) != nil) == valid)
    }

    @Test("an event of a kind a newer Switchboard wrote reads as 'other', kept whole, and staff-only")
    func unknown() throws {
        let kind = try #require(EventKind(rawValue: "loyalty_points_added"))
        let data: JSONValue = ["points": 40, "expires": true]
        let change = try TicketChange(kind: kind, data: data)
        #expect(change == .other(kind: kind, data: data))
        #expect(change.kind == kind && change.data == data && change.canonicalData == data.canonical)
        #expect(!change.isCustomerVisible)
    }

    @Test("a known kind whose payload does not read is an error naming the key")
    func malformed() {
        #expect(throws: DomainError.self) { try TicketChange(kind: .statusChanged, data: ["from": "open", "to": "sleeping"]) }
        do {
            _ = try TicketChange(kind: .assigned, data: ["from": "seven", "to": 3])
            Issue.record("a string id should not read")
        } catch let error as DomainError {
            #expect(error.field == "from" && !error.message.contains("seven"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("the known kinds are all distinct and valid")
    func known() {
        #expect(Set(EventKind.known).count == EventKind.known.count)
        #expect(EventKind.known.allSatisfy { EventKind(rawValue: $0.rawValue) == $0 })
    }
}

@Suite("Job retries")
struct JobRetryTests {
    @Test("the wait doubles from five seconds and stops growing at an hour")
    func backoff() {
        #expect(JobRetry.delay(afterAttempt: 1) == 5)
        #expect(JobRetry.delay(afterAttempt: 2) == 10)
        #expect(JobRetry.delay(afterAttempt: 4) == 40)
        #expect(JobRetry.delay(afterAttempt: 30) == 3_600)
        #expect((1..<20).allSatisfy { JobRetry.delay(afterAttempt: $0) <= JobRetry.delay(afterAttempt: $0 + 1) })
    }

    @Test("job kinds are names; a job needs at least one attempt")
    func kinds() {
        #expect(JobKind(rawValue: "purge-expired") != nil && JobKind(rawValue: "mail.send") != nil)
        #expect(JobKind(rawValue: "Purge") == nil && JobKind(rawValue: "") == nil && JobKind(rawValue: "-x") == nil)
        #expect(NewJob(kind: JobKind(rawValue: "x")!, runAt: Date(), maxAttempts: 0).maxAttempts == 1)
    }
}
