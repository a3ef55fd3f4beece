/// The terms a search index stores and the terms a search asks for, cut the same way for every
/// script: words for Latin and Persian text, character bigrams for Chinese.
public enum SearchTerms {
    /// One term of a query. Prefix terms match any indexed term they begin.
    public struct QueryTerm: Sendable, Hashable {
        public var text: String
        public var prefix: Bool

        public init(text: String, prefix: Bool) {
            self.text = text
            self.prefix = prefix
        }
    }

    /// The terms to index for `text` (subject or message body), space-separated and de-duplicated
    /// in order of first appearance. Bounded: at most `limit` terms.
    public static func indexTerms(_ text: String, limit: Int = 4_000) -> [String] {
        var seen = Set<String>()
        var terms: [String] = []
        func add(_ term: String) {
            guard terms.count < limit, !term.isEmpty, seen.insert(term).inserted else { return }
            terms.append(term)
        }
        let tokens = Tokenizer.tokens(TextNormalizer.normalize(String(text.unicodeScalars.prefix(200_000))))
        for (index, token) in tokens.enumerated() {
            switch token.script {
            case .latin:
                add(EnglishStem.stem(token.text))
            case .number:
                add(token.text)
            case .arabic:
                let parts = token.text.unicodeScalars.split(separator: TextNormalizer.zeroWidthNonJoiner).map { String(String.UnicodeScalarView($0)) }
                add(PersianStem.stem(parts.joined()))
                if parts.count > 1 { parts.map(PersianStem.stem).forEach(add) }
            case .cjk:
                let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                if let next, next.script == .cjk, next.joinsPrevious {
                    add(token.text + next.text)
                } else {
                    // The last character of a run is indexed alone, so single-character prefix
                    // queries find it too (every other character begins an indexed bigram).
                    add(token.text)
                }
            }
        }
        return terms
    }

    /// The light English stem Switchboard indexes and searches by.
    public static func stem(english word: String) -> String { EnglishStem.stem(word) }

    /// The light Persian stem Switchboard indexes and searches by.
    public static func stem(persian word: String) -> String { PersianStem.stem(word) }

    /// The terms of a search query. Every term must match (AND). Words are stemmed exactly as
    /// they were when indexed, so "refund" finds "Refunds" and "refunds" finds "refund"; only a
    /// lone Chinese character matches by prefix (the start of any indexed bigram).
    public static func queryTerms(_ query: String, limit: Int = 16) -> [QueryTerm] {
        var seen = Set<QueryTerm>()
        var terms: [QueryTerm] = []
        func add(_ term: QueryTerm) {
            guard terms.count < limit, !term.text.isEmpty, seen.insert(term).inserted else { return }
            terms.append(term)
        }
        let tokens = Tokenizer.tokens(TextNormalizer.normalize(String(query.unicodeScalars.prefix(1_000))))
        for (index, token) in tokens.enumerated() {
            switch token.script {
            case .latin:
                add(QueryTerm(text: EnglishStem.stem(token.text), prefix: false))
            case .number:
                add(QueryTerm(text: token.text, prefix: false))
            case .arabic:
                let joined = token.text.unicodeScalars.filter { $0 != TextNormalizer.zeroWidthNonJoiner }
                add(QueryTerm(text: PersianStem.stem(String(String.UnicodeScalarView(joined))), prefix: false))
            case .cjk:
                let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                let previous = index > 0 ? tokens[index - 1] : nil
                if let next, next.script == .cjk, next.joinsPrevious {
                    add(QueryTerm(text: token.text + next.text, prefix: false))
                } else if !(token.joinsPrevious && previous?.script == .cjk) {
                    // A lone character: match it at the start of any indexed bigram.
                    add(QueryTerm(text: token.text, prefix: true))
                }
            }
        }
        return terms
    }
}

/// A light English suffix strip, applied alike to indexed and searched words ("refunds",
/// "refunded" → "refund").
enum EnglishStem {
    static func stem(_ word: String) -> String {
        guard word.count > 4, word.allSatisfy({ $0.isASCII }) else { return word }
        for suffix in ["ies", "ing", "es", "ed", "s"] where word.hasSuffix(suffix) {
            let stem = String(word.dropLast(suffix.count))
            if stem.count >= 3 { return stem }
        }
        return word
    }
}

/// A light Persian suffix strip for plural and possessive endings, applied alike to indexed and
/// searched words.
enum PersianStem {
    static func stem(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        for suffix in ["های", "ها", "ان", "ام", "ات", "اش"] {
            let suffixScalars = Array(suffix.unicodeScalars)
            if scalars.count - suffixScalars.count >= 3, scalars.suffix(suffixScalars.count).elementsEqual(suffixScalars) {
                return String(String.UnicodeScalarView(scalars.dropLast(suffixScalars.count)))
            }
        }
        return word
    }
}
