import Foundation

/// What the desk does with a customer message once the assistant has read it. Pure: the store
/// runs it inside the transaction that writes the message, on the ticket as it stands then.
///
/// The rules fill in and raise, never erase or lower: a language or category an agent chose
/// stays, a priority an agent lowered is raised again only by a new message that warrants it.
public enum IntakeRules {
    /// Below this confidence an intent does not file the ticket under a category.
    public static let categoryConfidence = 0.6
    /// Below this share of its letters a language is not trusted to be the customer's.
    public static let languageConfidence = 0.6
    /// Anger from this level raises the priority to high; from `furious` (or with "urgent"), to urgent.
    public static let angry = 0.5
    public static let furious = 0.85

    /// Intents that say how the customer wants to be served, not what the case is about.
    static let notTopics: Set<String> = ["talk_to_human"]

    /// The changes the analysis of a customer's message makes to `ticket`, each with its reason.
    public static func decide(_ analysis: MessageAnalysis, message: Message.ID, for ticket: Ticket) -> IntakeDecision {
        var decision = IntakeDecision()
        // A solved or closed case is not re-filed; a customer's reply reopens a solved one first.
        guard ticket.status.isActive else { return decision }

        if ticket.language == nil, LanguageTag.supported.contains(analysis.language), analysis.languageConfidence >= languageConfidence {
            decision.commands.append(.setLanguage(analysis.language))
        }
        if ticket.category == nil, let intent = analysis.intent, intent.confidence >= categoryConfidence,
           let category = category(forIntent: intent.label) {
            decision.commands.append(.setCategory(category))
        }
        if let raise = priority(for: analysis), raise.priority > ticket.priority {
            decision.commands.append(.setPriority(raise.priority, reason: raise.reason))
        }
        let problem = filledProblem(ticket.problem, from: analysis.problem)
        if problem != ticket.problem {
            decision.commands.append(.setProblem(problem))
        }
        decision.handoff = handoff(analysis, message: message)
        return decision
    }

    /// The `handoff_requested` change for a message that asked for a person, or nil.
    public static func handoff(_ analysis: MessageAnalysis, message: Message.ID) -> TicketChange? {
        guard analysis.personRequested else { return nil }
        return .handoffRequested(messageID: message, reasons: analysis.handoffReasons, phrase: analysis.handoffPhrase)
    }

    /// The priority a message asks for and why: high for anger, an explicit "urgent" or an explicit
    /// request for a person; urgent for fury, or anger and "urgent" together. Nil when it asks
    /// for nothing above normal. The reason lists every cause, strongest first ("anger,urgent-request").
    public static func priority(for analysis: MessageAnalysis) -> (priority: Priority, reason: String)? {
        var reasons: [String] = []
        if analysis.anger >= angry { reasons.append(PriorityReason.anger) }
        if analysis.urgent { reasons.append(PriorityReason.urgentRequest) }
        if analysis.personRequested { reasons.append(PriorityReason.personRequested) }
        guard !reasons.isEmpty else { return nil }
        let urgent = analysis.anger >= furious || (analysis.anger >= angry && analysis.urgent)
        return (urgent ? .urgent : .high, reasons.joined(separator: ","))
    }

    /// The ticket's problem with its empty parts filled from the analysis; parts already written stay.
    public static func filledProblem(_ problem: Problem, from found: MessageAnalysis.Problem) -> Problem {
        var filled = problem
        if filled.whatHappened == nil, let what = found.whatHappened { filled.whatHappened = what }
        if filled.when == nil, let when = found.when ?? found.whenText { filled.when = when }
        if filled.expectation == nil, let expectation = found.expectation, expectation != "person" { filled.expectation = expectation }
        return filled
    }

    /// The category a recognised intent files a ticket under: the intent's name, with hyphens
    /// ("shipping_delay" → "shipping-delay"), as categories are written everywhere else. Nil for
    /// intents that are not a topic (asking for a person).
    public static func category(forIntent intent: String) -> String? {
        guard !notTopics.contains(intent) else { return nil }
        return String(intent.lowercased().map { $0 == "_" ? "-" : $0 })
    }
}

/// The changes the rules make for one message.
public struct IntakeDecision: Sendable, Hashable {
    /// Ticket commands, applied by the assistant (`EventActor.bot`) after the message.
    public var commands: [TicketCommand] = []
    /// Recorded when the customer asked for a person.
    public var handoff: TicketChange?

    public init(commands: [TicketCommand] = [], handoff: TicketChange? = nil) {
        self.commands = commands
        self.handoff = handoff
    }

    public var isEmpty: Bool { commands.isEmpty && handoff == nil }
}

/// Why a rule raised a ticket's priority (kept, comma-separated, in the `priority_changed` event).
public enum PriorityReason {
    /// The customer sounds angry.
    public static let anger = "anger"
    /// The customer said it is urgent.
    public static let urgentRequest = "urgent-request"
    /// The customer asked for a person: the desk promises one, so the case moves up.
    public static let personRequested = "person-requested"
    public static let all = [anger, urgentRequest, personRequested]
}
