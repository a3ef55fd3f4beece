import Foundation

/// What the assistant read in one customer message, as the desk keeps it beside the message:
/// the language, what it is about and how sure, the mood, whether a person was asked for and why,
/// the details it holds and what is still missing from the customer's problem. The rules
/// (`IntakeRules`) decide from it; the agent's ticket page shows it.
public struct MessageAnalysis: Sendable, Hashable {
    /// One candidate intent and the model's calibrated confidence in it (0–1).
    public struct IntentScore: Sendable, Hashable {
        public var label: String
        public var confidence: Double

        public init(label: String, confidence: Double) {
            self.label = label
            self.confidence = confidence
        }
    }

    public enum Polarity: String, Sendable, Hashable, CaseIterable {
        case negative, neutral, positive
    }

    /// A detail found in the message: an order number, an amount, a date…
    public struct Entity: Sendable, Hashable {
        /// `order-number`, `email`, `phone`, `amount`, `date`, `relative-time`.
        public var kind: String
        /// The words as written.
        public var text: String
        /// The canonical value (an ISO date for dates and relative times).
        public var value: String

        public init(kind: String, text: String, value: String) {
            self.kind = kind
            self.text = text
            self.value = value
        }
    }

    /// The customer's problem as far as the messages so far tell it.
    public struct Problem: Sendable, Hashable {
        public var whatHappened: String?
        /// An ISO date, and the customer's own words for it.
        public var when: String?
        public var whenText: String?
        /// What they want done, as a code: `refund`, `replacement`, `delivery`, `person`…
        public var expectation: String?
        /// The parts still unknown, in the order to ask for them: `what-happened`, `when`, `expectation`.
        public var missing: [String]

        public init(whatHappened: String? = nil, when: String? = nil, whenText: String? = nil, expectation: String? = nil, missing: [String] = []) {
            self.whatHappened = whatHappened
            self.when = when
            self.whenText = whenText
            self.expectation = expectation
            self.missing = missing
        }
    }

    /// `en`, `zh`, `fa`, or `other`.
    public var language: String
    /// Share of the text's letters in that language, 0–1.
    public var languageConfidence: Double
    /// The best intents, best first (empty when the text holds no words).
    public var intents: [IntentScore]
    /// The model was not sure enough of any intent (or the language is not one it knows).
    public var outOfScope: Bool
    public var polarity: Polarity
    /// −1 (very negative) to 1 (very positive).
    public var sentiment: Double
    /// 0 (calm) to 1 (furious).
    public var anger: Double
    /// The customer explicitly asked for a person.
    public var personRequested: Bool
    /// A person is recommended (always when requested; also for anger or a repeated question).
    public var handoffRecommended: Bool
    /// Why: `explicit-request`, `repeated-question`, `anger-words`, `shouting`, `exclamations`.
    public var handoffReasons: [String]
    /// The words that asked for a person.
    public var handoffPhrase: String?
    /// The customer said it is urgent ("urgent", "asap", "紧急", "فوری").
    public var urgent: Bool
    public var entities: [Entity]
    public var problem: Problem
    /// The model that made this analysis (a hash of what it was trained on).
    public var modelVersion: String

    public init(
        language: String, languageConfidence: Double, intents: [IntentScore], outOfScope: Bool, polarity: Polarity, sentiment: Double,
        anger: Double, personRequested: Bool, handoffRecommended: Bool, handoffReasons: [String], handoffPhrase: String?, urgent: Bool,
        entities: [Entity], problem: Problem, modelVersion: String
    ) {
        self.language = language
        self.languageConfidence = languageConfidence
        self.intents = intents
        self.outOfScope = outOfScope
        self.polarity = polarity
        self.sentiment = sentiment
        self.anger = anger
        self.personRequested = personRequested
        self.handoffRecommended = handoffRecommended
        self.handoffReasons = handoffReasons
        self.handoffPhrase = handoffPhrase
        self.urgent = urgent
        self.entities = entities
        self.problem = problem
        self.modelVersion = modelVersion
    }

    /// The recognised intent, or nil when out of scope.
    public var intent: IntentScore? { outOfScope ? nil : intents.first }
}

/// A message's analysis as stored: done, or still waiting for the assistant's model (a message
/// is never refused or delayed for want of one).
public enum AnalysisState: Sendable, Hashable {
    case pending
    case done(MessageAnalysis)

    public var analysis: MessageAnalysis? {
        if case .done(let analysis) = self { return analysis }
        return nil
    }
}

/// A message's stored analysis with what agents said about it.
public struct StoredAnalysis: Sendable, Hashable {
    public var messageID: Message.ID
    public var state: AnalysisState
    /// The intent an agent said the message was really about.
    public var correctedIntent: String?

    public init(messageID: Message.ID, state: AnalysisState, correctedIntent: String? = nil) {
        self.messageID = messageID
        self.state = state
        self.correctedIntent = correctedIntent
    }
}
