import Foundation

/// The intents and help-centre articles a new desk starts with: fifteen e-commerce customer-service
/// intents with example phrases in English, Chinese and Persian, and one article per intent per
/// language. Written by the Switchboard team; the public datasets are only for measuring.
public enum DemoContent {
    /// The default intents, in the order an admin sees them.
    public static let intents = [
        "order_status", "shipping_delay", "refund", "return", "exchange", "cancel_order", "change_address", "payment_failed",
        "charged_twice", "invoice", "account_login", "coupon", "product_question", "complaint", "talk_to_human",
    ]

    /// The example phrases, for one language or all three.
    public static func examples(_ language: Language? = nil) -> [IntentTrainer.Example] {
        let sources: [(Language, String)] = [(.english, englishPhrases), (.chinese, chinesePhrases), (.persian, persianPhrases)]
        return sources.filter { language == nil || $0.0 == language }.flatMap { parsePhrases($0.1) }
    }

    /// The help-centre articles in all three languages.
    public static func articles() -> [KnowledgeArticle] {
        [(Language.english, englishArticles), (.chinese, chineseArticles), (.persian, persianArticles)].flatMap { parseArticles($0.1, language: $0.0) }
    }

    /// An assistant trained on the demo intents and answering from the demo articles: what a new desk runs.
    public static func assistant(options: IntentTrainer.Options = IntentTrainer.Options()) throws -> Assistant {
        Assistant(model: try IntentTrainer(options: options).train(examples()), knowledge: KnowledgeBase(articles: articles()))
    }

    static func parsePhrases(_ text: String) -> [IntentTrainer.Example] {
        var intent: String?
        var examples: [IntentTrainer.Example] = []
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("# ") {
                intent = String(trimmed.dropFirst(2))
            } else if !trimmed.isEmpty, let intent {
                examples.append(IntentTrainer.Example(text: trimmed, label: intent))
            }
        }
        return examples
    }

    static func parseArticles(_ text: String, language: Language) -> [KnowledgeArticle] {
        var articles: [KnowledgeArticle] = []
        var heading: (intent: String, title: String)?
        var body: [String] = []
        func finish() {
            guard let heading else { return }
            articles.append(KnowledgeArticle(
                id: "\(heading.intent)-\(language.rawValue)", language: language, title: heading.title,
                body: body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines), intent: heading.intent
            ))
        }
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("## ") {
                finish()
                let parts = line.dropFirst(3).split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                heading = (parts[0], parts.count > 1 ? parts[1] : parts[0])
                body = []
            } else {
                body.append(line)
            }
        }
        finish()
        return articles
    }
}
