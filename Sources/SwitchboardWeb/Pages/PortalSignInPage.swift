/// Where a customer asks for a one-time sign-in link by email.
public struct PortalSignInPage: WebPage {
    public let page: PageFrame
    public let t: [String: String]
    /// True after the form was sent: the page says to check the mailbox (whether or not the address is known).
    public let sent: Bool
    /// The link the customer followed was used or has expired.
    public let expired: Bool

    public init(language: UILanguage, csrfToken: String, sent: Bool, expired: Bool = false) {
        page = PageFrame(language: language, path: "/portal/sign-in", csrfToken: csrfToken, user: nil)
        t = Catalog.strings(language)
        self.sent = sent
        self.expired = expired
    }
}
