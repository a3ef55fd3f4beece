import Foundation
import SwitchboardCore

/// Anyone holding a receipt checks it here: the desk's signature, and whether its record of the
/// request still extends the chain the receipt names.
public struct VerifyPage: WebPage {
    public let page: PageFrame
    public let portalScript = StaticAssets.portalScript.path
    public let t: [String: String]
    public let receipt: String
    /// The verdict in words, and whether it is good news.
    public let verdict: String?
    public let holds: Bool
    public let error: String?

    public init(language: UILanguage, csrfToken: String, user: PageFrame.User?, receipt: String = "", check: (Receipt.Check, ticket: Int64)? = nil, problem: String? = nil) {
        let strings = Catalog.strings(language)
        page = PageFrame(language: language, path: "/verify", csrfToken: csrfToken, user: user)
        t = strings
        self.receipt = receipt
        holds = if case .holds? = check?.0 { true } else { false }
        verdict = check.map { check, ticket in
            let text = strings["verify.\(check.code)"] ?? check.code
            switch check {
            case .holds, .changed, .missing: return String(format: text, String(ticket))
            case .forged: return text
            }
        }
        error = problem.map { PageProblem.text($0, strings) }
    }
}
