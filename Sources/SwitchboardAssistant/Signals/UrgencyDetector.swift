import SwitchboardCore

/// Says whether the customer asks for speed in so many words ("urgent", "asap", "紧急", "尽快",
/// "فوری", "هر چه زودتر"), and not when they wave it away ("not urgent", "no rush", "不急",
/// "عجله‌ای نیست"). The desk raises the priority on it (`IntakeRules`); a bare "!" is not urgency.
public struct UrgencyDetector: Sendable {
    public init() {}

    /// The words that asked for urgency, or nil.
    public func urgentRequest(_ text: PreparedText) -> String? {
        if Self.calm.contains(where: { text.contains($0) }) { return nil }
        let words = text.words
        for (index, word) in words.enumerated() {
            // Only short Latin words can be one of the English ones: others are not looked up at all.
            guard let first = word.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), word.utf8.count <= 11 else { continue }
            if Self.englishWords.contains(word) {
                if index > 0, Self.englishNegators.contains(words[index - 1]) { continue }
                return word
            }
            for phrase in Self.englishPhrases where phrase[0] == word && index + phrase.count <= words.count
                && words[index..<(index + phrase.count)].elementsEqual(phrase) {
                return phrase.joined(separator: " ")
            }
        }
        if text.tokens.contains(where: { $0.script == .cjk || $0.script == .arabic }) {
            return Self.needles.first { text.contains($0) }?.text
        }
        return nil
    }

    static let englishNegators: Set<String> = ["not", "no", "isnt", "isn't", "nothing"]

    static let englishWords: Set<String> = ["urgent", "urgently", "asap", "emergency", "immediately", "urgency"]
    static let englishPhrases: [[String]] = [["right", "away"], ["right", "now"], ["as", "soon", "as", "possible"], ["straight", "away"]]

    static let needles: [Needle] = [
        "紧急", "加急", "急用", "很急", "着急", "急死", "尽快", "马上", "立刻", "赶紧", "越快越好", "十万火急",
        "فوری", "فورا", "فوراً", "اضطراری", "هرچه سریعتر", "هر چه زودتر", "هرچه زودتر", "عجله دارم", "سریعا",
    ].map(Needle.init)

    /// Waving urgency away, in all three languages (checked first).
    static let calm: [Needle] = [
        "noturgent", "norush", "nohurry", "不急", "不着急", "不用急", "不紧急", "别急", "别着急", "عجلهاینیست", "عجلهای نیست", "فورینیست", "فوری نیست",
    ].map(Needle.init)
}
