import Foundation
import SwitchboardCore

/// A customer files a request from the portal: what it is about, the structured problem (what
/// happened, when, what they expect — each a field, the assistant pointing out what is missing
/// as they type), the order number and photos. A refused form comes back with everything typed.
public struct NewRequestPage: WebPage {
    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let selected: Bool
    }

    /// What the customer typed, kept when the form comes back.
    public struct Draft: Sendable {
        public var category = ""
        public var whatHappened = ""
        public var when = ""
        public var expectation = ""
        public var order = ""

        public init() {}
    }

    public let page: PageFrame
    public let portalScript = StaticAssets.portalScript.path
    public let t: [String: String]
    public let draft: Draft
    public let categories: [Option]
    public let error: String?
    public let assistPath = "/api/v1/portal/assist"
    public let uploadPath = "/api/v1/portal/attachments"

    /// `intents`: the assistant's intents, each offered as a category in the page's words.
    public init(language: UILanguage, csrfToken: String, user: PageFrame.User, intents: [String], draft: Draft = Draft(), problem: String? = nil) {
        let strings = Catalog.strings(language)
        let words = AssistantWords(strings: strings)
        page = PageFrame(language: language, path: "/portal/requests/new", csrfToken: csrfToken, user: user)
        t = strings
        self.draft = draft
        let offered = intents.compactMap { intent in IntakeRules.category(forIntent: intent).map { ($0, words.intent(intent)) } }
        categories = [Option(value: "", label: strings["categoryUnsure"] ?? "", selected: draft.category.isEmpty)]
            + offered.sorted { $0.1.localizedStandardCompare($1.1) == .orderedAscending }.map {
                Option(value: $0.0, label: $0.1, selected: $0.0 == draft.category)
            }
        error = problem.map { PageProblem.text($0, strings) }
    }
}
