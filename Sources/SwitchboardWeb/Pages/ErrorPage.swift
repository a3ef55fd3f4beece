/// What a person sees when a page cannot be shown — not found, not theirs, something broke — in
/// their language, with a way back. Never the error's own text: it may name internals.
public struct ErrorPage: WebPage {
    public enum Kind: String, Sendable {
        case notFound, methodNotAllowed, forbidden, unauthorized, badRequest, tooManyRequests, unavailable, `internal`
    }

    public let page: PageFrame
    public let t: [String: String]
    public let status: String
    public let heading: String
    public let explanation: String
    /// Where "back" goes: the queue for agents, the portal for customers, the start otherwise.
    public let home: String

    public init(language: UILanguage, kind: Kind, status: Int, home: String?) {
        let strings = Catalog.strings(language)
        page = PageFrame(language: language, path: "/", csrfToken: "", user: nil)
        t = strings
        self.status = PageFormat(language: language).number(status)
        heading = strings["errorPage.\(kind.rawValue).title"] ?? ""
        explanation = strings["errorPage.\(kind.rawValue).text"] ?? ""
        self.home = home ?? "/"
    }
}
