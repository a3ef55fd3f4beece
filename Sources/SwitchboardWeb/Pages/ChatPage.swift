import Foundation

/// The chat window: the full page at `/chat`, and the same window inside the widget's frame on a
/// shop's page (`embedded`, without the desk's header, with a button that closes the panel).
/// The conversation itself is drawn by `chat.js` from the socket's frames; the page carries the
/// words it needs, so every string a customer reads is in their language.
public struct ChatPage: WebPage {
    public let page: PageFrame
    public let t: [String: String]
    public let embedded: Bool
    public let chatScript: String
    /// The words `chat.js` fills in, as `data-t-*` attributes.
    public let words: [Word]
    /// The shop's signed identity, passed on from the widget's tag (checked by the desk, not here).
    public let identity: [Word]
    public let signedIn: Bool

    public struct Word: Sendable {
        public let key: String
        public let value: String
    }

    static let scriptKeys = [
        "chatSolvedQuestion", "chatYes", "chatNo", "chatPlace", "chatPlaceNext", "chatFindingPerson", "chatJoined", "chatOwner",
        "chatClosedAt", "chatAwayAt", "chatClosedNoTime", "chatClosedHint", "chatSolvedNote", "chatReconnecting", "chatSending", "chatDelivered",
        "chatYou", "assistantName", "chatReadMore", "chatError.too_large", "chatError.invalid", "chatError.empty",
        "chatError.unavailable", "chatError.identity", "chatError.rate_limited", "chatAssigned", "chatAgentTyping", "chatRead",
        "chatUploading", "chatError.file_too_large", "chatError.file_kind", "chatError.file_budget", "chatSurvey",
    ]

    public init(language: UILanguage, embedded: Bool, identity: [(String, String)], signedIn: Bool) {
        let strings = Catalog.strings(language)
        page = PageFrame(language: language, path: "/chat", csrfToken: "", user: nil)
        t = strings
        self.embedded = embedded
        chatScript = StaticAssets.chatScript.path
        words = Self.scriptKeys.map { Word(key: $0.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-"), value: strings[$0] ?? "") }
        self.identity = identity.map { Word(key: $0.0, value: $0.1) }
        self.signedIn = signedIn
    }
}

/// A pretend shop on a page of its own, with the widget's one tag on it: where a new user tries
/// the chat in the first minute (`/demo-shop`, linked from the start banner).
public struct DemoShopPage: WebPage {
    public let page: PageFrame
    public let t: [String: String]
    /// Where the widget's script is loaded from: the desk (another origin, when the demo shop is
    /// served on a second port).
    public let desk: String
    public let tag: String

    public init(language: UILanguage, desk: String) {
        page = PageFrame(language: language, path: "/demo-shop", csrfToken: "", user: nil)
        t = Catalog.strings(language)
        self.desk = desk
        tag = "<script src=\"\(desk)/widget.js\" data-lang=\"\(language.rawValue)\" async></script>"
    }
}

/// One help article, where the assistant's answers link to.
public struct HelpArticlePage: WebPage {
    public let page: PageFrame
    public let t: [String: String]
    public let title: String
    public let articleLang: String
    public let articleDir: String
    public let paragraphs: [String]

    public init(language: UILanguage, id: String, title: String, articleLanguage: String, paragraphs: [String]) {
        page = PageFrame(language: language, path: "/help/articles/\(id)", csrfToken: "", user: nil)
        t = Catalog.strings(language)
        self.title = title
        articleLang = articleLanguage
        articleDir = articleLanguage == "fa" ? "rtl" : "ltr"
        self.paragraphs = paragraphs
    }
}
