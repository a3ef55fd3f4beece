import Foundation
import SwitchboardCore

/// Decides whether a customer wants, or should get, a person.
///
/// An explicit request ("human", "转人工", "اپراتور", "0#") always wins: missing one traps a customer
/// in a bot loop. Requests are read clause by clause from their shape in each language (a verb of
/// talking before a person, "有…吗", "با … صحبت کنم", a bare person word), with misspelt key words
/// read as meant; look-alikes ("human resources", "人工费", "منابع انسانی", "the agent said"), turned-down
/// persons ("no need for an agent", "不用转人工") and questions about opening hours are held back.
/// `HandoffEvaluation` measures the rules on phrase lists (Tests/SwitchboardAssistantTests/Fixtures/handoff).
///
/// Frustration — the same question again, anger words, shouting, "!!!" — does not prove a request but
/// recommends a handoff, with the reason, so the bot offers a person before the customer has to ask.
public struct HandoffDetector: Sendable {
    /// Why a handoff is recommended.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The customer asked for a person.
        case explicitRequest = "explicit-request"
        /// The customer asked (nearly) the same thing again.
        case repeatedQuestion = "repeated-question"
        /// Anger or abuse words.
        case angerWords = "anger-words"
        /// Most letters in capitals.
        case shouting
        /// Three or more exclamation or question marks in a row.
        case exclamations
    }

    /// The verdict for one message.
    public struct Advice: Sendable, Hashable {
        /// The customer explicitly asked for a person.
        public var requested: Bool
        /// A handoff is recommended (always when requested).
        public var recommended: Bool
        public var reasons: [Reason]
        /// The words that made it a request, for the agent's context.
        public var matchedPhrase: String?
    }

    public init() {}

    /// Reads `text`; `previousMessages` are the customer's earlier messages in the conversation, oldest
    /// first. `angerWords`, when the sentiment analysis already looked, spares a second look.
    public func advise(_ text: PreparedText, previousMessages: [PreparedText] = [], anger: Double = 0, angerWords: Bool? = nil) -> Advice {
        var reasons: [Reason] = []
        let matched = explicitRequest(text)
        if matched != nil { reasons.append(.explicitRequest) }
        if previousMessages.contains(where: { Self.isRepeat(text, of: $0) }) { reasons.append(.repeatedQuestion) }
        if angerWords ?? Lexicon.containsAnger(text) {
            reasons.append(.angerWords)
        }
        if text.isShouting { reasons.append(.shouting) }
        if text.hasExclamationRun { reasons.append(.exclamations) }
        // Shouting or "!!!" alone can be delight ("THANK YOU!!!"); they recommend a person only with some anger.
        let strong = reasons.contains { $0 == .explicitRequest || $0 == .repeatedQuestion || $0 == .angerWords }
        let recommended = strong || (!reasons.isEmpty && anger >= 0.3)
        return Advice(requested: matched != nil, recommended: recommended, reasons: reasons, matchedPhrase: matched)
    }

    /// The phrase that makes `text` an explicit request for a person, or nil.
    public func explicitRequest(_ text: PreparedText) -> String? {
        if let keypad = Self.keypadRequest(text.compact) { return keypad }
        let clauses = HandoffClause.cut(text.normalized)
        // A lone "0" ("0 please", "۰") is the phone menu's key for a person.
        if text.compact.utf8.count <= 32, text.compact.utf8.contains(UInt8(ascii: "0")) {
            let words = clauses.flatMap(\.words).filter { word in
                !EnglishHandoff.fillers.contains(EnglishHandoff.lexicon.canonical(word)) && PersianHandoff.roleInLatinText(word) != "please"
                    && ChineseHandoff.runRole(word) != "please"
            }
            if words == ["0"] { return "0" }
        }
        let message = HandoffMessage(clauses)
        for clause in clauses {
            if clause.hasChinese, let match = ChineseHandoff.request(clause, message) { return match }
            if clause.hasPersian, let match = PersianHandoff.request(clause, message) { return match }
            if clause.hasLatin, let match = EnglishHandoff.request(clause, message) { return match }
        }
        return nil
    }

    /// "0#", "#0" or a lone "0" pressed like a phone menu.
    static func keypadRequest(_ compact: String) -> String? {
        let scalars = Array(compact.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "0" {
            let before = index > 0 ? scalars[index - 1] : nil
            let after = index + 1 < scalars.count ? scalars[index + 1] : nil
            let digitBefore = before.map { ("0"..."9").contains($0) } ?? false
            if after == "#" && !digitBefore { return "0#" }
            if before == "#" && !(after.map { ("0"..."9").contains($0) } ?? false) && (index < 2 || !("0"..."9").contains(scalars[index - 2])) {
                return "#0"
            }
        }
        return nil
    }

    // MARK: Frustration

    /// Same question again: most of the words (or Chinese characters) are shared.
    static func isRepeat(_ text: PreparedText, of earlier: PreparedText) -> Bool {
        let a = Set(text.words), b = Set(earlier.words)
        guard a.count >= 2, b.count >= 2 else { return text.compact.count >= 4 && text.compact == earlier.compact }
        let shared = a.intersection(b).count
        return Double(shared) / Double(a.union(b).count) >= 0.7
    }
}
