import Foundation
@testable import SwitchboardCore
import Testing

@Suite("Text normalisation")
struct TextNormalizerTests {
    @Test("golden cases", arguments: [
        ("ＡＢＣ１２３", "abc123"),
        ("Hello   World\t!", "hello world !"),
        ("علي كتاب", "علی کتاب"),
        ("مـــــرسی", "مرسی"),
        ("سَلام", "سلام"),
        ("۱۲۳۴ و ٥٦٧", "1234 و 567"),
        ("می‌خواهم", "می\u{200C}خواهم"),
        ("می\u{200C}\u{200C}خواهم", "می\u{200C}خواهم"),
        ("کتاب\u{200C} ها", "کتاب ها"),
        ("我想退款。谢谢！", "我想退款.谢谢!"),
        ("订单、物流", "订单,物流"),
        ("«سلام»", "\"سلام\""),
        ("\u{202E}evil\u{202C}", "evil"),
        ("", ""),
    ])
    func golden(_ input: String, _ expected: String) {
        #expect(TextNormalizer.normalize(input) == expected)
    }
}

@Suite("Tokenisation and search terms")
struct TokenizerTests {
    @Test("Latin words, digits and apostrophes")
    func latin() {
        let tokens = Tokenizer.tokens(TextNormalizer.normalize("I don't have order #A123, it's 3 days late!"))
        #expect(tokens.map(\.text) == ["i", "dont", "have", "order", "a123", "its", "3", "days", "late"])
    }

    @Test("Chinese is cut into characters with join marks")
    func chinese() {
        let tokens = Tokenizer.tokens(TextNormalizer.normalize("订单 12345 没到"))
        #expect(tokens.map(\.text) == ["订", "单", "12345", "没", "到"])
        #expect(tokens.map(\.joinsPrevious) == [false, true, false, false, true])
    }

    @Test("Persian keeps ZWNJ inside a word")
    func persian() {
        let tokens = Tokenizer.tokens(TextNormalizer.normalize("من می‌خواهم با اپراتور صحبت کنم"))
        #expect(tokens.map(\.text) == ["من", "می\u{200C}خواهم", "با", "اپراتور", "صحبت", "کنم"])
        #expect(tokens.allSatisfy { $0.script == .arabic })
    }

    @Test("index terms: bigrams for Chinese, whole and parts for ZWNJ words")
    func indexTerms() {
        #expect(SearchTerms.indexTerms("我想申请退款") == ["我想", "想申", "申请", "请退", "退款", "款"])
        #expect(SearchTerms.indexTerms("بازپرداخت‌ها") == ["بازپرداخت", "ها"])
        #expect(SearchTerms.indexTerms("Refunds, refunded, refund") == ["refund"])
    }

    @Test("query terms: stemmed words match exactly; lone CJK characters are prefixes")
    func queryTerms() {
        #expect(SearchTerms.queryTerms("Refunds") == [.init(text: "refund", prefix: false)])
        #expect(SearchTerms.queryTerms("退款") == [.init(text: "退款", prefix: false)])
        #expect(SearchTerms.queryTerms("退") == [.init(text: "退", prefix: true)])
        #expect(SearchTerms.queryTerms("سفارش‌ها").first == .init(text: "سفارش", prefix: false))
        #expect(SearchTerms.queryTerms("!!! ???").isEmpty)
    }

    @Test("hostile input stays bounded")
    func bounded() {
        let huge = String(repeating: "退款refund ", count: 200_000)
        #expect(SearchTerms.indexTerms(huge).count <= 4_000)
        #expect(SearchTerms.queryTerms(huge).count <= 16)
        let longWord = String(repeating: "a", count: 10_000)
        #expect(Tokenizer.tokens(longWord).first?.text.count == Tokenizer.maxWordLength)
    }
}

@Suite("Validation")
struct ValidationTests {
    @Test("control characters are refused, line breaks allowed in text")
    func control() throws {
        #expect(throws: DomainError.self) { try Validate.name("bad\u{0007}name", field: "name") }
        #expect(throws: DomainError.self) { try Validate.text("nul\u{0000}byte", field: "body") }
        #expect(throws: DomainError.self) { try Validate.name("two\nlines", field: "name") }
        #expect(try Validate.text("line one\r\nline two", field: "body") == "line one\nline two")
        #expect(try Validate.name("  Ada  ", field: "name") == "Ada")
    }

    @Test("identities are normalised per kind")
    func identities() throws {
        #expect(try ContactIdentity(kind: .email, value: " Alice@Example.COM ").value == "alice@example.com")
        #expect(try ContactIdentity(kind: .phone, value: "+98 (912) 123-4567").value == "+989121234567")
        #expect(try ContactIdentity(kind: .phone, value: "۰۹۱۲۱۲۳۴۵۶۷").value == "09121234567")
        #expect(throws: DomainError.self) { try ContactIdentity(kind: .email, value: "not-an-email") }
        #expect(throws: DomainError.self) { try ContactIdentity(kind: .phone, value: "12") }
    }

    @Test("custom fields are typed")
    func fields() throws {
        let definitions = [
            try CustomFieldDefinition(key: "amount", label: "Amount", type: .number),
            try CustomFieldDefinition(key: "day", label: "Day", type: .date),
            try CustomFieldDefinition(key: "reason", label: "Reason", type: .choice, choices: ["damaged", "late"]),
        ]
        let values = try CustomFields.validate(["amount": 12.5, "day": "2024-02-29", "reason": "late"], definitions: definitions)
        #expect(values["day"] == .date("2024-02-29"))
        #expect(throws: DomainError.self) { try CustomFields.validate(["day": "2023-02-29"], definitions: definitions) }
        #expect(throws: DomainError.self) { try CustomFields.validate(["reason": "bored"], definitions: definitions) }
        #expect(throws: DomainError.self) { try CustomFields.validate(["amount": "12"], definitions: definitions) }
        #expect(throws: DomainError.self) { try CustomFields.validate(["unknown": 1], definitions: definitions) }
        #expect(throws: DomainError.self) { try CustomFieldDefinition(key: "Bad Key", label: "x", type: .text) }
    }

    @Test("business hours are checked in the team's own time zone")
    func hours() throws {
        let shanghai = try BusinessHours.weekdays(from: 9, to: 18, timeZone: "Asia/Shanghai")
        // 2025-01-06 is a Monday. 02:00 UTC is 10:00 in Shanghai; 12:00 UTC is 20:00.
        #expect(shanghai.isOpen(at: try #require(ISO8601DateFormatter().date(from: "2025-01-06T02:00:00Z"))))
        #expect(!shanghai.isOpen(at: try #require(ISO8601DateFormatter().date(from: "2025-01-06T12:00:00Z"))))
        #expect(!shanghai.isOpen(at: try #require(ISO8601DateFormatter().date(from: "2025-01-05T02:00:00Z"))))
        #expect(throws: DomainError.self) { try BusinessHours.weekdays(from: 9, to: 18, timeZone: "Mars/Olympus") }
        #expect(throws: DomainError.self) {
            try BusinessHours(timeZone: "UTC", days: [[.init(start: 600, end: 500)], [], [], [], [], [], []])
        }
    }
}

@Suite("Normalisation fast path")
struct NormalizationFastPathTests {
    @Test("skipping NFKC for stable scripts gives the same text as the full path", arguments: [
        "我想申请退款，订单还没到！ORDER SO-12345？",
        "订单（７０３２１）已发货：请查收。",
        "لطفاً بازپرداخت‌ها را بررسی کنید، پول من برنگشت؟ ۱۲۳",
        "علي كتاب ٥٦٧ Refund NOW",
        "«سلام» “quotes” ‘single’ — dash",
        "Mixed 中文 فارسی Text\twith\nbreaks",
    ])
    func sameResult(_ text: String) {
        let full = TextNormalizer.mapScalars(text.precomposedStringWithCompatibilityMapping.lowercased())
        #expect(TextNormalizer.normalize(text) == full)
    }
}

@Suite("Tokeniser fast path")
struct TokenizerFastPathTests {
    @Test("ASCII text cuts into exactly the tokens the scalar path gives", arguments: [
        "where is my order 123456? i've waited 3 days!!!",
        "don't can't 'quoted' o'clock a123 123a 12-34 x'",
        "refund#88231 $25.50 mail@example.com",
        String(repeating: "a", count: 100) + " b",
        "", " ", "'''",
    ])
    func sameTokens(_ text: String) {
        let normalized = TextNormalizer.normalize(text)
        #expect(Tokenizer.tokens(normalized) == Tokenizer.scalarTokens(normalized))
    }

    @Test("random ASCII agrees too")
    func random() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab1 '9z.-Q!")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let normalized = TextNormalizer.normalize(text)
            #expect(Tokenizer.tokens(normalized) == Tokenizer.scalarTokens(normalized), "\(text)")
        }
    }
}
