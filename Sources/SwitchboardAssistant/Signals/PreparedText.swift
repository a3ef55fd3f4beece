import SwitchboardCore

/// One message made ready for the rule-based signals: bounded, normalised, cut into tokens, and a
/// compact form without spaces or ZWNJ for matching Chinese and Persian phrases however they were
/// spaced ("می‌خواهم", "می خواهم" and "میخواهم" all read "میخواهم").
public struct PreparedText: Sendable {
    /// The original text, cut to the analysed length.
    public let original: String
    public let normalized: String
    public let tokens: [Tokenizer.Token]
    /// Token texts, with a Persian word's ZWNJ removed.
    public let words: [String]
    /// The normalised text without spaces and ZWNJ.
    public let compact: String

    /// The longest text the assistant reads, in Unicode scalars; the rest is ignored.
    public static let maxLength = 2_000

    public init(_ text: String, maxLength: Int = PreparedText.maxLength) {
        let bounded = text.unicodeScalars.count > maxLength
            ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxLength))) : text
        original = bounded
        normalized = TextNormalizer.normalize(bounded)
        tokens = Tokenizer.tokens(normalized)
        words = tokens.map { token in
            token.script == .arabic ? String(String.UnicodeScalarView(token.text.unicodeScalars.filter { $0 != TextNormalizer.zeroWidthNonJoiner })) : token.text
        }
        var compact = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars where scalar != " " && scalar != TextNormalizer.zeroWidthNonJoiner {
            compact.append(scalar)
        }
        self.compact = String(compact)
    }

    /// Whether the words contain `phrase` (space-separated words) as a contiguous run.
    func containsWords(_ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where words[start] == phrase[0] {
            if words[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
        }
        return false
    }

    /// Letters only, for "is the whole message just this word" checks.
    var lettersOnly: String { words.joined(separator: " ") }
}

/// Phrases written for matching: normalised the same way as messages.
enum Phrase {
    static func words(_ phrase: String) -> [String] { PreparedText(phrase).words }
    static func compact(_ phrase: String) -> String { PreparedText(phrase).compact }
}
