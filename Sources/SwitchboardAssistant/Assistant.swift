import Foundation
import SwitchboardCore

/// The assistant: reads one customer message and says what language it is in, what it is about and
/// how sure it is, whether the customer wants (or should get) a person, how they feel, what details
/// it holds, what is still missing from their problem, and which article answers it.
/// Pure, deterministic, no network.
public struct Assistant: Sendable {
    public let model: IntentModel
    public let knowledge: KnowledgeBase
    public var entityExtractor: EntityExtractor

    public init(model: IntentModel, knowledge: KnowledgeBase = KnowledgeBase(articles: []), entityExtractor: EntityExtractor = EntityExtractor()) {
        self.model = model
        self.knowledge = knowledge
        self.entityExtractor = entityExtractor
    }

    /// Everything the assistant learns from one message.
    public struct Analysis: Sendable {
        public var language: LanguageIdentifier.Guess
        /// The top intents; out of scope when the model is not confident, the text holds no words,
        /// or it is in a language the assistant does not understand.
        public var classification: IntentModel.Classification
        public var handoff: HandoffDetector.Advice
        public var sentiment: SentimentAnalyzer.Sentiment
        /// The words that asked for speed ("urgent", "尽快"), when the customer asked for it.
        public var urgency: String?
        public var entities: [Entity]
        public var problem: ProblemExtractor.Problem
        /// The best articles, best first; empty when retrieval was not asked for or nothing matched.
        public var articles: [KnowledgeBase.Match]
    }

    /// Analyses `text`. `history` holds the customer's earlier messages in this conversation, oldest
    /// first (for repeated questions and the problem statement); `language` overrides identification.
    public func analyze(_ text: String, history: [String] = [], language: Language? = nil, now: Date = Date(), retrieve: Bool = true) -> Analysis {
        let prepared = PreparedText(text)
        let earlier = history.suffix(20).map { PreparedText($0) }
        var guess = LanguageIdentifier().identify(prepared.original)
        if let language { guess = LanguageIdentifier.Guess(language: language, confidence: 1, present: [language]) }

        var classification = model.classify(prepared)
        // No words (digits, emoji, symbols), a lone letter, or a language it was not taught: nothing to be sure of.
        let hasWords = prepared.tokens.contains { $0.script == .cjk || ($0.script != .number && $0.text.unicodeScalars.count >= 2) }
        if !hasWords || guess.language == .other {
            classification.outOfScope = true
        }
        let sentiment = SentimentAnalyzer().analyze(prepared)
        let handoff = HandoffDetector().advise(prepared, previousMessages: earlier, anger: sentiment.anger, angerWords: sentiment.angerWords)
        if handoff.requested, let human = model.labels.firstIndex(of: "talk_to_human") {
            // An explicit request is certain whatever the classifier thought.
            classification.top.removeAll { $0.label == model.labels[human] }
            classification.top.insert(IntentModel.Prediction(label: model.labels[human], confidence: 1), at: 0)
            classification.outOfScope = false
        }
        var entities: [Entity] = []
        for message in earlier { entities += entityExtractor.extract(message, now: now) }
        let current = entityExtractor.extract(prepared, now: now)
        entities += current
        let problem = ProblemExtractor().extract(
            earlier + [prepared], entities: entities, intent: classification.intent?.label, requestedPerson: handoff.requested
        )

        var articles: [KnowledgeBase.Match] = []
        if retrieve, !prepared.tokens.isEmpty {
            articles = knowledge.search(prepared.original, language: guess.language, limit: 3)
            // The article written for the recognised intent, in the customer's language, comes first.
            if let intent = classification.intent?.label,
               let written = knowledge.articles.first(where: { $0.intent == intent && $0.language == guess.language }) {
                let passage = articles.first { $0.article.id == written.id }?.passage ?? written.passages.first ?? written.title
                let score = articles.first { $0.article.id == written.id }?.score ?? 0
                articles.removeAll { $0.article.id == written.id }
                articles.insert(KnowledgeBase.Match(article: written, score: score, passage: passage), at: 0)
                articles = Array(articles.prefix(3))
            }
        }
        return Analysis(
            language: guess, classification: classification, handoff: handoff, sentiment: sentiment,
            urgency: UrgencyDetector().urgentRequest(prepared), entities: current, problem: problem, articles: articles
        )
    }
}
