import Foundation
import SwitchboardCore

/// Decides whether a customer wants, or should get, a person.
///
/// An explicit request ("human", "转人工", "اپراتور", "0#") always wins: missing one traps a customer
/// in a bot loop, so the rules lean towards recall, and only well-known look-alikes ("human
/// resources", "人工智能", "منابع انسانی", "the agent said") are held back. Frustration — the same
/// question again, anger words, shouting, "!!!" — does not prove a request but recommends a handoff,
/// with the reason, so the bot offers a person before the customer has to ask.
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
        let words = text.words
        // The whole message is one of the short forms: "human", "agent please", "人工", "客服", "0".
        let bare = words.filter { !Self.politeFiller.contains($0) }.joined(separator: " ")
        if Self.bareRequests.contains(bare) { return bare }
        if let keypad = Self.keypadRequest(text.compact) { return keypad }

        let scripts = Set(text.tokens.map(\.script))
        // Chinese: fixed phrases, then "人工" that is not part of a look-alike compound.
        if scripts.contains(.cjk) {
            for phrase in Self.chinesePhrases where text.contains(phrase) { return phrase.text }
            var from = 0
            while let at = ByteSearch.find(Self.artificial.bytes, in: text.compactBytes, from: from) {
                let after = at + Self.artificial.bytes.count
                if !Self.chineseLookAlikeSuffixes.contains(where: { ByteSearch.occurs($0.bytes, in: text.compactBytes, at: after) }),
                   !ByteSearch.endsBefore(at, Self.non.bytes, in: text.compactBytes) {
                    return Self.artificial.text
                }
                from = after
            }
        }
        // Persian, written with or without spaces and ZWNJ.
        if scripts.contains(.arabic), !Self.persianLookAlikes.contains(where: { text.contains($0) }) {
            for phrase in Self.persianPhrases where text.contains(phrase) { return phrase.text }
            if let person = Self.persianPersonWords.first(where: { text.contains($0) }),
               let verb = Self.persianRequestVerbs.first(where: { text.contains($0) }) {
                return "\(person.text) … \(verb.text)"
            }
        }
        // English: fixed phrases, then a request verb followed closely by a person.
        for (index, word) in words.enumerated() {
            for phrase in Self.englishPhrases[word] ?? [] where index + phrase.count <= words.count {
                if words[index..<(index + phrase.count)].elementsEqual(phrase) { return phrase.joined(separator: " ") }
            }
        }
        for (index, word) in words.enumerated() {
            guard Self.englishPeople.contains(word) else { continue }
            if index + 1 < words.count, Self.englishLookAlikeFollowers.contains(words[index + 1]) { continue }
            let window = words[max(0, index - 4)..<index]
            if window.contains(where: { Self.englishStrongVerbs.contains($0) }) { return "\(window.joined(separator: " ")) \(word)" }
            // Weaker verbs ("want", "need", "get") only directly before the person: "need a human", "get me an agent".
            let near = window.suffix(3).filter { !Self.englishArticles.contains($0) }
            if let verb = near.last, Self.englishWeakVerbs.contains(verb) { return "\(verb) \(word)" }
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

    // MARK: Phrase lists (normalised forms)

    static let politeFiller: Set<String> = ["please", "pls", "plz", "now", "a", "an", "i", "want", "need", "lotfan", "لطفا", "请", "要", "我要", "!"]
    static let bareRequests: Set<String> = [
        "human", "humans", "agent", "agents", "operator", "person", "representative", "rep", "live agent", "real person",
        "customer service", "support", "staff", "someone", "0", "人", "工", "人工", "客服", "真人", "人工服务", "人工客服",
        "اپراتور", "کارشناس", "پشتیبان", "پشتیبانی", "آدم", "انسان",
    ]
    /// Fixed English phrases, by their first word.
    static let englishPhrases: [String: [[String]]] = Dictionary(grouping: englishPhraseList, by: { $0[0] })
    static let englishPhraseList: [[String]] = [
        "real person", "real human", "actual person", "actual human", "live agent", "live person", "live human",
        "human agent", "human being", "human support", "talk to someone", "speak to someone", "speak with someone",
        "talk with someone", "talk to somebody", "speak to somebody", "someone real", "transfer me", "put me through",
        "connect me", "not a bot", "not a robot", "not the bot", "stop the bot", "no more bot", "no bots", "escalate this",
        "escalate my", "call me back", "your manager", "a supervisor", "customer service rep", "talk to support",
        "speak to support", "contact support", "chat with support", "live chat", "live support",
    ].map { $0.split(separator: " ").map(String.init) }
    static let englishPeople: Set<String> = [
        "human", "humans", "person", "agent", "agents", "representative", "rep", "operator", "someone", "somebody",
        "staff", "advisor", "adviser", "manager", "supervisor", "people", "employee", "support", "service", "team",
    ]
    static let englishStrongVerbs: Set<String> = ["talk", "speak", "chat", "connect", "transfer", "reach", "contact", "escalate", "call", "phone"]
    static let englishWeakVerbs: Set<String> = ["want", "need", "get", "give", "request", "prefer", "find"]
    static let englishArticles: Set<String> = ["a", "an", "the", "some", "your", "to", "real", "live", "actual", "me", "with", "one"]
    /// Words after a person noun that make it a look-alike: "human resources", "agent said".
    static let englishLookAlikeFollowers: Set<String> = [
        "resources", "error", "errors", "rights", "nature", "race", "trafficking", "smuggling", "being's",
    ]

    static let artificial = Needle("人工")
    static let non = Needle("非")
    static let chinesePhrases: [Needle] = [
        "转人工", "人工客服", "人工服务", "人工坐席", "找人工", "要人工", "接人工", "真人", "活人", "找客服", "联系客服", "转客服",
        "叫客服", "接客服", "客服在哪", "客服呢", "有人吗", "在吗有人", "找个人", "跟人说", "和人说", "找你们经理", "叫你们经理",
        "找经理", "不要机器人", "别用机器人", "不想和机器人", "机器人没用",
    ].map(Needle.init)
    /// "人工智能" (AI), "人工费" (labour cost) and friends are not requests.
    static let chineseLookAlikeSuffixes: [Needle] = ["智能", "费", "成本", "湖", "降雨", "合成", "草", "呼吸", "授精", "关节", "岛", "耳蜗", "心脏", "晶体", "林"].map(Needle.init)

    static let persianPhrases: [Needle] = [
        "اپراتور", "اوپراتور", "با یک نفر صحبت", "با یک نفر حرف", "با یه نفر صحبت", "با یه نفر حرف", "با یک آدم", "با یه آدم",
        "آدم واقعی", "انسان واقعی", "فرد واقعی", "با یک انسان", "با یه انسان", "با کارشناس", "با پشتیبان", "وصلم کن", "وصل کنید به",
        "با مسئول", "با مدیر", "ربات نه", "نمی خواهم با ربات", "نمی خوام با ربات", "با شخص", "کارشناس پشتیبانی", "تماس بگیرید با من",
        "با من تماس بگیرید",
    ].map(Needle.init)
    static let persianPersonWords: [Needle] = ["کارشناس", "پشتیبان", "مسئول", "آدم", "انسان", "شخص", "همکار", "مدیر"].map(Needle.init)
    static let persianRequestVerbs: [Needle] = ["صحبت کنم", "حرف بزنم", "وصل", "تماس", "ارتباط", "می خواهم", "میخوام"].map(Needle.init)
    /// "منابع انسانی" (human resources), "حقوق بشر"-style phrases and the mobile "operator" names.
    static let persianLookAlikes: [Needle] = ["منابع انسانی", "نیروی انسانی", "خطای انسانی", "اپراتور همراه", "اپراتور تلفن همراه", "اپراتور ایرانسل"].map(Needle.init)
}
