import Foundation

/// What the assistant does with a customer's chat message before a person has the conversation:
/// answer from an article, ask for the one missing part of the problem, ask which of two or three
/// needs the customer means, or hand the conversation to a person. Pure: the chat service runs it
/// inside the transaction that records the turn, on the conversation's events as they stand.
///
/// It never loops: a second "no, that did not help" or a second turn it was unsure of hands off by
/// itself, and asking for a person, asking for a supervisor or anger hand off at once.
public enum AssistantTurn: Sendable, Hashable {
    /// The article's best passage, then "Did this solve it?".
    case answer(intent: String, article: String)
    /// One question for a part of the problem: `what-happened`, `when` or `expectation`.
    case ask(part: String)
    /// "Did you mean…?" with the top intents as buttons.
    case clarify(options: [String])
    /// A person takes over.
    case handOff(HandoffCause)
    /// The customer said the answer solved it.
    case thank
    /// A person has the conversation: the assistant says nothing.
    case silent

    /// The event kind a turn is recorded under, with `data` saying which turn it was.
    public static let eventKind = EventKind(rawValue: "assistant_turn")!

    /// Below this confidence the assistant does not answer from an article, it asks.
    public static let answerConfidence = 0.6
    /// An option in "Did you mean…?" needs at least this confidence.
    public static let optionConfidence = 0.08

    /// The turn for a customer's message. `article` is the slug of the article written for the
    /// recognised intent in the customer's language, if there is one.
    public static func decide(_ analysis: MessageAnalysis, article: String?, state: ChatState) -> AssistantTurn {
        if state.personHasIt { return .silent }
        if analysis.personRequested {
            return .handOff(HandoffCause.asksForSupervisor(analysis.handoffPhrase) ? .supervisor : .asked)
        }
        if analysis.anger >= IntakeRules.angry { return .handOff(.anger) }
        if let intent = analysis.intent, intent.confidence >= answerConfidence {
            if let article, !state.answered.contains(article) { return .answer(intent: intent.label, article: article) }
            // Nothing (more) to read: a person needs the whole problem, one question at a time.
            if let part = analysis.problem.missing.first(where: { !state.asked.contains($0) }) { return .ask(part: part) }
            return .handOff(.needsPerson)
        }
        if state.unsureTurns >= 1 { return .handOff(.unsure) }
        let options = analysis.intents.filter { $0.confidence >= optionConfidence && $0.label != "talk_to_human" }.prefix(3).map(\.label)
        if options.count >= 2 { return .clarify(options: Array(options)) }
        if let part = analysis.problem.missing.first(where: { !state.asked.contains($0) }), part == "what-happened" {
            return .ask(part: part)
        }
        return .clarify(options: Array(options))
    }

    /// The turn after the customer answers "Did this solve it?".
    public static func afterFeedback(solved: Bool, state: ChatState) -> AssistantTurn {
        if state.personHasIt { return .silent }
        if solved { return .thank }
        return state.notSolved >= 1 ? .handOff(.notSolved) : .clarify(options: [])
    }

    /// Whether the turn was one the assistant was unsure of (two of them hand off).
    public var isUnsure: Bool {
        if case .clarify = self { return true }
        return false
    }

    /// The data of the `assistant_turn` event that records this turn.
    public var record: JSONValue {
        switch self {
        case .answer(let intent, let article): .object(["turn": .string("answer"), "intent": .string(intent), "article": .string(article)])
        case .ask(let part): .object(["turn": .string("ask"), "part": .string(part)])
        case .clarify(let options): .object(["turn": .string("clarify"), "options": .array(options.map(JSONValue.string))])
        case .handOff(let cause): .object(["turn": .string("handoff"), "cause": .string(cause.rawValue)])
        case .thank: .object(["turn": .string("thank")])
        case .silent: .object(["turn": .string("silent")])
        }
    }

    /// The turn an `assistant_turn` event recorded.
    public init?(record: JSONValue) {
        guard case .object(let fields) = record, case .string(let turn)? = fields["turn"] else { return nil }
        func text(_ key: String) -> String? {
            if case .string(let value)? = fields[key] { return value }
            return nil
        }
        switch turn {
        case "answer":
            guard let intent = text("intent"), let article = text("article") else { return nil }
            self = .answer(intent: intent, article: article)
        case "ask":
            guard let part = text("part") else { return nil }
            self = .ask(part: part)
        case "clarify":
            guard case .array(let items)? = fields["options"] else { return nil }
            self = .clarify(options: items.compactMap { if case .string(let value) = $0 { value } else { nil } })
        case "handoff":
            guard let cause = text("cause").flatMap(HandoffCause.init(rawValue:)) else { return nil }
            self = .handOff(cause)
        case "thank": self = .thank
        case "silent": self = .silent
        default: return nil
        }
    }
}

/// Why a chat went to a person.
public enum HandoffCause: String, Sendable, Hashable, CaseIterable {
    /// The customer asked for a person (the button, or in words).
    case asked
    /// The customer asked for a supervisor or manager.
    case supervisor
    /// The customer is angry.
    case anger
    /// The answer did not help, twice.
    case notSolved = "not-solved"
    /// The assistant was unsure twice.
    case unsure
    /// The assistant has no answer to give; a person needs the problem.
    case needsPerson = "needs-person"

    /// Causes that raise the priority and flag the case for the team's supervisor.
    public var raisesPriority: Bool { self == .supervisor || self == .anger }

    /// The tag a case handed off for a supervisor carries, so supervisors find it in the queue.
    public static let supervisorTag = "supervisor"

    /// Words that ask for someone above the agent.
    static let supervisorWords = ["supervisor", "manager", "主管", "经理", "領導", "领导", "مدیر", "سرپرست", "مسئول"]

    static func asksForSupervisor(_ phrase: String?) -> Bool {
        guard let phrase = phrase?.lowercased() else { return false }
        return supervisorWords.contains { phrase.contains($0) }
    }
}

/// A chat conversation as the assistant's rules see it, read from its events.
public struct ChatState: Sendable, Hashable {
    /// A person has (or is being found for) the conversation: the assistant keeps silent.
    public var personHasIt = false
    /// Turns the assistant was unsure of, since the last handback.
    public var unsureTurns = 0
    /// Answers the customer said did not solve it, since the last handback.
    public var notSolved = 0
    /// Articles already given, and problem parts already asked for.
    public var answered: Set<String> = []
    public var asked: Set<String> = []
    /// The latest turn, if any (what a "yes" or "no" answers).
    public var lastTurn: AssistantTurn?
    /// The agent who accepted the chat (the customer was told they joined), since the last handback.
    public var acceptedBy: Agent.ID?

    public init() {}

    /// Whether a person was found for the chat but has not accepted it yet: it announces itself
    /// to agents until one does.
    public var awaitsAgent: Bool { personHasIt && acceptedBy == nil }

    /// The event kind an agent's handback is recorded under: the assistant answers again.
    public static let handbackKind = EventKind(rawValue: "assistant_resumed")!
    /// The event kind the customer's "did this solve it?" answer is recorded under.
    public static let feedbackKind = EventKind(rawValue: "assistant_feedback")!
    /// The event kind an agent's accepting the chat is recorded under (`agent`: their id).
    public static let acceptedKind = EventKind(rawValue: "chat_accepted")!

    /// The data of a `chat_accepted` event.
    public static func acceptance(by agent: Agent.ID) -> JSONValue {
        .object(["agent": .number(Double(agent.rawValue))])
    }

    /// The agent a `chat_accepted` event names.
    public static func acceptedAgent(_ data: JSONValue) -> Agent.ID? {
        guard let raw = data["agent"]?.numberValue, let id = Int64(exactly: raw) else { return nil }
        return Agent.ID(id)
    }

    /// The state after `events` (oldest first), for a ticket now in `ticket`'s state.
    public init(events: [TicketEvent], ticket: Ticket) {
        for event in events {
            switch event.kind {
            case AssistantTurn.eventKind:
                guard let turn = AssistantTurn(record: event.data) else { continue }
                lastTurn = turn
                switch turn {
                case .answer(_, let article): answered.insert(article)
                case .ask(let part): asked.insert(part)
                case .clarify: unsureTurns += 1
                case .handOff: personHasIt = true
                case .thank, .silent: break
                }
            case Self.feedbackKind:
                if case .object(let fields) = event.data, fields["solved"] == .bool(false) { notSolved += 1 }
            // Intake's `handoff_requested` only notes that a message asked for a person; the
            // assistant's own turn on that message says so to the customer and hands off.
            case Self.acceptedKind:
                acceptedBy = Self.acceptedAgent(event.data)
                personHasIt = true
            case EventKind.assigned, EventKind.transferred:
                // Given to someone else (or another team): they accept it anew, and the customer
                // is told who joined.
                switch try? event.change() {
                case .assigned(_, let to)? where to != acceptedBy: acceptedBy = nil
                case .transferred?: acceptedBy = nil
                default: break
                }
            case Self.handbackKind:
                self = ChatState()
            default:
                break
            }
        }
        // Someone took the case (or it was sent to a team) however it happened.
        if ticket.assigneeID != nil || ticket.teamID != nil { personHasIt = true }
    }
}
