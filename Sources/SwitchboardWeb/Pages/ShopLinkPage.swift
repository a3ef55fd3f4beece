/// What a customer sees when the shop's "Help" link cannot sign them in — too old, or not signed
/// by the shop — with the way back to the shop (where a fresh link waits) and the email way in.
public struct ShopLinkPage: WebPage {
    public enum Reason: String, Sendable {
        case expired, invalid
    }

    public let page: PageFrame
    public let t: [String: String]
    public let heading: String
    public let explanation: String
    /// The shop page the customer came from, when the browser said so.
    public let shop: String?

    public init(language: UILanguage, reason: Reason, shop: String?) {
        let strings = Catalog.strings(language)
        page = PageFrame(language: language, path: "/portal/enter", csrfToken: "", user: nil)
        t = strings
        heading = strings["shopLink.\(reason.rawValue).title"] ?? ""
        explanation = strings["shopLink.\(reason.rawValue).text"] ?? ""
        self.shop = shop
    }
}
