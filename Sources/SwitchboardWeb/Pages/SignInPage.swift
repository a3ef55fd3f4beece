/// The agents' sign-in page.
public struct SignInPage: WebPage {
    public let page: PageFrame
    public let t: [String: String]
    /// What went wrong with the last attempt, in the page language.
    public let error: String?
    /// The email typed last time, shown again (escaped) so only the password needs retyping.
    public let email: String

    public init(language: UILanguage, csrfToken: String, error: SignInProblem? = nil, email: String = "") {
        page = PageFrame(language: language, path: "/sign-in", csrfToken: csrfToken, user: nil)
        let strings = Catalog.strings(language)
        t = strings
        self.error = error.map { strings[$0.rawValue] ?? "" }
        self.email = email
    }

    public enum SignInProblem: String, Sendable {
        case wrongCredentials = "signInFailed"
        case paused = "signInPaused"
    }
}
