import Foundation
import SwitchboardCore

/// The customer's problem in three parts — what happened, when, and what they expect — filled from
/// their messages, with the part still missing so the bot can ask for it (in the customer's language).
public struct ProblemExtractor: Sendable {
    public enum Part: String, Sendable, Hashable, Codable, CaseIterable {
        case whatHappened = "what-happened"
        case when
        case expectation
    }

    /// What the customer wants done.
    public enum Expectation: String, Sendable, Hashable, Codable, CaseIterable {
        case refund, replacement, exchange, delivery, cancellation
        case addressChange = "address-change"
        case invoice
        case accountAccess = "account-access"
        case compensation, explanation, discount
        case person
    }

    public struct Problem: Sendable, Hashable {
        public var whatHappened: String?
        /// The date it happened, as an ISO date, and the words the customer used.
        public var when: String?
        public var whenText: String?
        public var expectation: Expectation?
        /// Parts still unknown, in the order the bot should ask for them.
        public var missing: [Part]

        /// The question for the first missing part, in `language` (English for "other").
        public func nextQuestion(in language: Language) -> String? {
            missing.first.map { ProblemExtractor.question(for: $0, in: language) }
        }
    }

    public init() {}

    /// Reads the customer's messages (oldest first) with the entities found in them and the intent, if one was recognised.
    /// `requestedPerson` says whether the latest message asked for a person (the assistant knows already).
    public func extract(_ messages: [PreparedText], entities: [Entity], intent: String?, requestedPerson: Bool? = nil) -> Problem {
        var problem = Problem(missing: [])
        // What happened: the first sentence with substance — not a greeting, not a bare request for a person.
        outer: for message in messages {
            let sentences = Self.sentences(message.original)
            for sentence in sentences {
                // Weigh the sentence without normalising it again: a word per spaced chunk with letters,
                // half a word per Chinese character; greetings and courtesies weigh nothing.
                let (weight, content, chinese) = Self.weigh(sentence)
                guard weight >= 3, content >= 2 || chinese else { continue }
                // A bare request for a person is not the problem itself.
                if weight < 6, HandoffDetector().explicitRequest(sentences.count == 1 ? message : PreparedText(sentence)) != nil { continue }
                problem.whatHappened = String(sentence.prefix(240))
                break outer
            }
        }
        if let moment = entities.first(where: { $0.kind == .date || $0.kind == .relativeTime }) {
            problem.when = moment.value
            problem.whenText = moment.text
        }
        for (offset, message) in messages.reversed().enumerated() {
            let asked = offset == 0 ? requestedPerson ?? (HandoffDetector().explicitRequest(message) != nil)
                : HandoffDetector().explicitRequest(message) != nil
            if asked { problem.expectation = .person; break }
            if let expectation = Self.expectation(in: message) {
                problem.expectation = expectation
                break
            }
        }
        if problem.expectation == nil, let intent { problem.expectation = Self.implied[intent] }
        if problem.whatHappened == nil { problem.missing.append(.whatHappened) }
        // Only problems about something that happened need a time; a coupon question does not.
        if problem.when == nil, intent.map({ !Self.timeless.contains($0) }) ?? true { problem.missing.append(.when) }
        if problem.expectation == nil { problem.missing.append(.expectation) }
        return problem
    }

    /// A sentence's weight without normalising it: a word per chunk of letters, half a word per
    /// Chinese character; `content` counts the words that are not greetings or courtesies.
    static func weigh(_ sentence: String) -> (weight: Double, content: Int, chinese: Bool) {
        var weight = 0.0, content = 0, chinese = false
        var word = String.UnicodeScalarView()
        func finishWord() {
            guard !word.isEmpty else { return }
            weight += 1
            if !fillerWords.contains(String(word)) { content += 1 }
            word = String.UnicodeScalarView()
        }
        for scalar in sentence.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x41...0x5A: word.append(Unicode.Scalar(value + 0x20)!)
                case 0x61...0x7A, 0x27: word.append(scalar)
                default: finishWord()
                }
            } else if Scan.isCJK(scalar) {
                finishWord()
                chinese = true
                weight += 0.5
            } else if scalar == TextNormalizer.zeroWidthNonJoiner {
                continue
            } else if scalar.properties.isAlphabetic {
                word.append(scalar)
            } else {
                finishWord()
            }
        }
        finishWord()
        return (weight, content, chinese)
    }

    static func sentences(_ text: String) -> [String] {
        var sentences: [String] = []
        var current = String.UnicodeScalarView()
        func finish() {
            var start = current.startIndex, end = current.endIndex
            while start < end, current[start].properties.isWhitespace { start = current.index(after: start) }
            while end > start, current[current.index(before: end)].properties.isWhitespace { end = current.index(before: end) }
            if start < end { sentences.append(String(String.UnicodeScalarView(current[start..<end]))) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            current.append(scalar)
            switch scalar {
            case ".", "!", "?", "。", "！", "？", "؟", "\n": finish()
            default: break
            }
        }
        finish()
        return sentences
    }

    static let fillerWords: Set<String> = [
        "hi", "hello", "hey", "thanks", "thank", "you", "please", "ok", "okay", "good", "morning", "evening", "sir", "madam",
        "سلام", "ممنون", "مرسی", "لطفا", "وقت", "بخیر", "خسته", "نباشید",
    ]

    /// Expectation phrases, in normalised compact form.
    static let phrases: [(Needle, Expectation)] = ([
        ("refund", .refund), ("money back", .refund), ("reimburse", .refund), ("退款", .refund), ("退钱", .refund), ("退我", .refund),
        ("بازپرداخت", .refund), ("پولم", .refund), ("برگرداندن وجه", .refund), ("استرداد", .refund), ("پس بدهید", .refund),
        ("replacement", .replacement), ("replace", .replacement), ("send another", .replacement), ("new one", .replacement),
        ("补发", .replacement), ("重发", .replacement), ("再发", .replacement), ("ارسال مجدد", .replacement), ("دوباره بفرستید", .replacement),
        ("جایگزین", .replacement),
        ("exchange", .exchange), ("swap", .exchange), ("different size", .exchange), ("换货", .exchange), ("换一个", .exchange),
        ("换成", .exchange), ("تعویض", .exchange), ("عوض کنم", .exchange), ("عوض کنید", .exchange),
        ("cancel", .cancellation), ("取消", .cancellation), ("لغو", .cancellation), ("کنسل", .cancellation),
        ("change the address", .addressChange), ("change my address", .addressChange), ("wrong address", .addressChange),
        ("改地址", .addressChange), ("修改地址", .addressChange), ("地址改", .addressChange), ("تغییر آدرس", .addressChange), ("آدرس را عوض", .addressChange),
        ("invoice", .invoice), ("receipt", .invoice), ("发票", .invoice), ("فاکتور", .invoice), ("صورتحساب", .invoice),
        ("compensation", .compensation), ("compensate", .compensation), ("赔偿", .compensation), ("补偿", .compensation), ("جبران", .compensation),
        ("خسارت", .compensation),
        ("deliver", .delivery), ("when will it arrive", .delivery), ("ship it", .delivery), ("发货", .delivery), ("尽快送", .delivery),
        ("什么时候到", .delivery), ("کی می رسد", .delivery), ("کی میرسه", .delivery), ("ارسال کنید", .delivery), ("برسد", .delivery),
        ("explain", .explanation), ("why", .explanation), ("为什么", .explanation), ("解释", .explanation), ("چرا", .explanation),
        ("توضیح", .explanation),
        ("log in", .accountAccess), ("reset my password", .accountAccess), ("登录", .accountAccess), ("密码", .accountAccess),
        ("وارد حساب", .accountAccess), ("رمز عبور", .accountAccess),
    ] as [(String, Expectation)]).map { (Needle($0.0), $0.1) }

    static func expectation(in message: PreparedText) -> Expectation? {
        var best: (position: Int, expectation: Expectation)?
        for (phrase, expectation) in phrases {
            // The last expectation stated wins: "not a replacement, I want a refund".
            if let position = ByteSearch.findLast(phrase.bytes, in: message.compactBytes), best == nil || position > best!.position {
                best = (position, expectation)
            }
        }
        return best?.expectation
    }

    static let implied: [String: Expectation] = [
        "refund": .refund, "charged_twice": .refund, "return": .refund, "exchange": .exchange, "cancel_order": .cancellation,
        "change_address": .addressChange, "order_status": .delivery, "shipping_delay": .delivery, "invoice": .invoice,
        "account_login": .accountAccess, "coupon": .discount, "talk_to_human": .person, "product_question": .explanation,
        "payment_failed": .explanation,
    ]
    static let timeless: Set<String> = ["coupon", "product_question", "account_login", "talk_to_human", "invoice", "change_address"]

    static func question(for part: Part, in language: Language) -> String {
        switch (part, language) {
        case (.whatHappened, .chinese): "能简单描述一下发生了什么吗？"
        case (.whatHappened, .persian): "لطفاً در یکی دو جمله بگویید چه اتفاقی افتاده است."
        case (.whatHappened, _): "Could you tell me in a sentence or two what happened?"
        case (.when, .chinese): "这是什么时候发生的？（或者您是哪天下的单？）"
        case (.when, .persian): "این موضوع چه زمانی پیش آمد؟ (یا سفارش را چه روزی ثبت کردید؟)"
        case (.when, _): "When did this happen (or when did you place the order)?"
        case (.expectation, .chinese): "您希望我们怎么处理：退款、补发，还是其他方式？"
        case (.expectation, .persian): "دوست دارید چه کاری انجام دهیم؟ بازپرداخت، ارسال دوباره یا راه دیگری؟"
        case (.expectation, _): "What would you like us to do: a refund, a replacement, or something else?"
        }
    }
}
