import Foundation
import SwitchboardCore

/// Negative, neutral or positive, and how angry: lexicons in the three languages with negation
/// ("not good", "不满意", "خوب نیست") and intensifiers ("very", "太", "خیلی"), plus shouting and "!!!".
public struct SentimentAnalyzer: Sendable {
    public enum Polarity: String, Sendable, Hashable, Codable {
        case negative, neutral, positive
    }

    public struct Sentiment: Sendable, Hashable {
        public var polarity: Polarity
        /// −1 (very negative) to 1 (very positive).
        public var score: Double
        /// 0 (calm) to 1 (furious).
        public var anger: Double
        /// The text holds an anger or abuse word (the handoff detector reads it from here).
        public var angerWords: Bool = false
    }

    public init() {}

    public func analyze(_ text: PreparedText) -> Sentiment {
        var raw = 0.0
        var angerHits = 0.0

        // English and Persian: word by word, a negator flips the next two sentiment words.
        var flipFor = 0
        var intensity = 1.0
        let words = text.words
        for (index, word) in words.enumerated() {
            // One dictionary lookup per word: what it is (negator, intensifier, anger) and its weight.
            let entry = Lexicon.words[word]
            if entry?.negator == true {
                flipFor = 3
                continue
            }
            if entry?.intensifier == true {
                intensity = 1.5
                continue
            }
            var weight = entry?.weight
            if weight == nil, text.tokens[index].script == .arabic {
                // Persian verbs carry negation in a prefix and endings after a ZWNJ: "ناراضی‌ام", "نرسیده".
                weight = Self.persianWeight(word)
            }
            if entry?.anger == true { angerHits += 1 }
            if var value = weight {
                value *= intensity
                // A negated praise is a complaint ("not good"); a negated complaint is only mildly positive ("not bad").
                let negated = flipFor > 0
                    // Persian puts the negation after: "خوب نیست" (is not good).
                    || (index + 1 < words.count && Lexicon.persianNegators.contains(words[index + 1]))
                if negated { value = value > 0 ? -(value + 0.5) : -value * 0.5 }
                raw += value
            }
            intensity = 1
            if flipFor > 0 { flipFor -= 1 }
        }

        // Chinese: longest lexicon entries first over the compact text, each character used once.
        if text.tokens.contains(where: { $0.script == .cjk }) {
            var remaining = text.compactBytes
            for (entry, weight) in Lexicon.chinese {
                var from = 0
                while let at = ByteSearch.find(entry.bytes, in: remaining, from: from) {
                    var value = weight
                    if Lexicon.chineseIntensifiers.contains(where: { ByteSearch.endsBefore(at, $0.bytes, in: remaining) }) { value *= 1.5 }
                    // "不" or "没" just before a positive word negates it ("不专业").
                    if value > 0, Lexicon.chineseNegators.contains(where: { ByteSearch.endsBefore(at, $0.bytes, in: remaining) }) { value = -value }
                    raw += value
                    // Each character counts once: blank out what was read.
                    for offset in at..<(at + entry.bytes.count) { remaining[offset] = 0 }
                    from = at + entry.bytes.count
                }
            }
            for entry in Lexicon.angerChinese where text.contains(entry) { angerHits += 1 }
        }

        let shouting = text.isShouting
        let exclamations = text.hasExclamationRun
        if raw < 0 {
            if shouting { raw -= 1 }
            if exclamations { raw -= 0.5 }
        }
        let score = Self.squash(raw)
        let polarity: Polarity = raw <= -0.75 ? .negative : raw >= 0.75 ? .positive : .neutral
        var anger = 0.35 * angerHits + (raw < 0 ? min(-raw, 4) * 0.1 : 0)
        if shouting { anger += raw <= 0 ? 0.3 : 0.05 }
        if exclamations { anger += raw <= 0 ? 0.2 : 0 }
        return Sentiment(polarity: polarity, score: score, anger: min(1, max(0, anger)), angerWords: angerHits > 0)
    }

    static func persianWeight(_ word: String) -> Double? {
        for suffix in ["ام", "یم", "ید", "ند", "ه", "ها", "م"] where word.hasSuffix(suffix) && word.count > suffix.count + 1 {
            if let weight = Lexicon.persian[String(word.dropLast(suffix.count))] { return weight }
        }
        if word.hasPrefix("نا") || word.count < 3 { return nil }
        if word.hasPrefix("ن"), let weight = Lexicon.persian[String(word.dropFirst())], weight > 0 { return -weight }
        return nil
    }

    /// Maps a raw lexicon sum to −1…1, steep near zero.
    static func squash(_ raw: Double) -> Double { tanh(raw / 2) }
}
