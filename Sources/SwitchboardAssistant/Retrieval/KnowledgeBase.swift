import Foundation
import SwitchboardCore

/// A help-centre article the assistant can answer with.
public struct KnowledgeArticle: Sendable, Hashable, Codable {
    public var id: String
    public var language: Language
    public var title: String
    /// Paragraphs separated by blank lines; each is a passage the assistant may quote.
    public var body: String
    /// The intent this article answers, if any.
    public var intent: String?

    public init(id: String, language: Language, title: String, body: String, intent: String? = nil) {
        self.id = id
        self.language = language
        self.title = title
        self.body = body
        self.intent = intent
    }

    /// The body's paragraphs.
    public var passages: [String] {
        body.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
}

/// Okapi BM25 over articles, with the assistant's tokeniser: stemmed English and Persian words
/// (and the parts of ZWNJ-joined Persian words), Chinese characters and character bigrams. The
/// title counts twice. The best passage of an article is the paragraph scoring highest on its own.
public struct KnowledgeBase: Sendable {
    public struct Match: Sendable, Hashable {
        public var article: KnowledgeArticle
        public var score: Double
        public var passage: String
    }

    public let articles: [KnowledgeArticle]
    private let documents: [[String: Int]]
    private let lengths: [Double]
    private let passageTerms: [[[String: Int]]]
    private let documentFrequency: [String: Int]
    private let averageLength: Double
    private let averagePassageLength: Double
    let k1 = 1.2
    let b = 0.75

    public init(articles: [KnowledgeArticle]) {
        self.articles = articles
        var documents: [[String: Int]] = []
        var passageTerms: [[[String: Int]]] = []
        var frequency: [String: Int] = [:]
        var passageLengthTotal = 0.0, passageCount = 0.0
        for article in articles {
            let title = Self.terms(article.title)
            var counts: [String: Int] = [:]
            for term in title { counts[term, default: 0] += 2 }
            var passages: [[String: Int]] = []
            for passage in article.passages {
                var passageCounts: [String: Int] = [:]
                for term in Self.terms(passage) {
                    counts[term, default: 0] += 1
                    passageCounts[term, default: 0] += 1
                }
                passageLengthTotal += Double(passageCounts.values.reduce(0, +))
                passageCount += 1
                passages.append(passageCounts)
            }
            for term in counts.keys { frequency[term, default: 0] += 1 }
            documents.append(counts)
            passageTerms.append(passages)
        }
        self.documents = documents
        self.passageTerms = passageTerms
        lengths = documents.map { Double($0.values.reduce(0, +)) }
        documentFrequency = frequency
        averageLength = max(1, lengths.reduce(0, +) / Double(max(1, documents.count)))
        averagePassageLength = max(1, passageLengthTotal / max(1, passageCount))
    }

    /// The `limit` best articles for `query`, best first; only articles in `language` when given
    /// (falling back to all when none of that language match). Articles scoring zero are left out.
    public func search(_ query: String, language: Language? = nil, limit: Int = 3) -> [Match] {
        let queryTerms = Array(Set(Self.terms(PreparedText.prefix(query, maxLength: PreparedText.maxLength))))
        guard !queryTerms.isEmpty, !articles.isEmpty else { return [] }
        func rank(_ allowed: (KnowledgeArticle) -> Bool) -> [Match] {
            var scored: [(Int, Double)] = []
            for (index, article) in articles.enumerated() where allowed(article) {
                let score = bm25(queryTerms, counts: documents[index], length: lengths[index], average: averageLength)
                if score > 0 { scored.append((index, score)) }
            }
            scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : articles[$0.0].id < articles[$1.0].id }
            return scored.prefix(max(0, limit)).map { index, score in
                Match(article: articles[index], score: score, passage: bestPassage(queryTerms, article: index))
            }
        }
        if let language, language != .other {
            let matches = rank { $0.language == language }
            if !matches.isEmpty { return matches }
        }
        return rank { _ in true }
    }

    func bm25(_ query: [String], counts: [String: Int], length: Double, average: Double) -> Double {
        let total = Double(articles.count)
        var score = 0.0
        for term in query {
            guard let count = counts[term], let frequency = documentFrequency[term] else { continue }
            let idf = log(1 + (total - Double(frequency) + 0.5) / (Double(frequency) + 0.5))
            let tf = Double(count)
            score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))
        }
        return score
    }

    func bestPassage(_ query: [String], article index: Int) -> String {
        let passages = articles[index].passages
        guard !passages.isEmpty else { return articles[index].title }
        var best = 0, bestScore = -1.0
        for (position, counts) in passageTerms[index].enumerated() {
            let score = bm25(query, counts: counts, length: Double(counts.values.reduce(0, +)), average: averagePassageLength)
            if score > bestScore { best = position; bestScore = score }
        }
        return passages[best]
    }

    /// The terms of a text, with repeats (BM25 counts them): stemmed English words, stemmed Persian
    /// words and their ZWNJ-joined parts, numbers, and Chinese characters and character bigrams.
    static func terms(_ text: String) -> [String] {
        let tokens = Tokenizer.tokens(TextNormalizer.normalize(text))
        var terms: [String] = []
        terms.reserveCapacity(tokens.count * 2)
        for (index, token) in tokens.enumerated() {
            switch token.script {
            case .latin: terms.append(SearchTerms.stem(english: token.text))
            case .number: terms.append(token.text)
            case .arabic:
                let parts = token.text.unicodeScalars.split(separator: TextNormalizer.zeroWidthNonJoiner).map { String(String.UnicodeScalarView($0)) }
                terms.append(SearchTerms.stem(persian: parts.joined()))
                if parts.count > 1 { terms.append(contentsOf: parts.map { SearchTerms.stem(persian: $0) }) }
            case .cjk:
                terms.append(token.text)
                if index + 1 < tokens.count, tokens[index + 1].script == .cjk, tokens[index + 1].joinsPrevious {
                    terms.append(token.text + tokens[index + 1].text)
                }
            }
        }
        return terms
    }
}
