/// Where the sign-in link in a customer's mailbox lands: a button, not a sign-in. Mail scanners
/// open every link they see; only a person presses the button, and only the press spends the link.
public struct MagicLinkPage: WebPage {
    public let page: PageFrame
    public let t: [String: String]
    public let token: String

    public init(language: UILanguage, csrfToken: String, token: String) {
        page = PageFrame(language: language, path: "/portal/sign-in", csrfToken: csrfToken, user: nil)
        t = Catalog.strings(language)
        self.token = token
    }
}
