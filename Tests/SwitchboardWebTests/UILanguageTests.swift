import SwitchboardWeb
import Testing

@Suite("Page language")
struct UILanguageTests {
    @Test("language tags map to the three page languages", arguments: [
        ("en", UILanguage.english), ("en-GB", .english), ("zh", .chinese), ("zh-CN", .chinese), ("zh_TW", .chinese),
        ("fa", .persian), ("fa-IR", .persian), ("FA-ir", .persian), ("zh-Hans", .chinese),
    ])
    func tags(_ tag: String, _ expected: UILanguage) {
        #expect(UILanguage(tag: tag) == expected)
    }

    @Test("unknown tags are not guessed")
    func unknown() {
        #expect(UILanguage(tag: "de") == nil)
        #expect(UILanguage(tag: "") == nil)
        #expect(UILanguage(tag: "<script>") == nil)
    }

    @Test("Accept-Language picks by quality, then order, and falls back to English", arguments: [
        ("fa-IR,fa;q=0.9,en;q=0.8", UILanguage.persian),
        ("de-DE,zh-CN;q=0.7,en;q=0.6", .chinese),
        ("en;q=0.2,fa;q=0.9", .persian),
        ("de,fr", .english),
        ("zh;q=0,fa;q=0.1", .persian),
        ("", .english),
        ("q=;;,,", .english),
    ])
    func negotiation(_ header: String, _ expected: UILanguage) {
        #expect(UILanguage.negotiate(acceptLanguage: header) == expected)
    }

    @Test("Persian pages run right to left, the others left to right")
    func direction() {
        #expect(UILanguage.persian.direction == "rtl")
        #expect(UILanguage.english.direction == "ltr")
        #expect(UILanguage.chinese.direction == "ltr")
    }
}
