import Foundation
import Mustache

/// What every page shares: language, direction, asset paths, the signed-in person, the CSRF token.
public struct PageFrame: Sendable {
    public struct LanguageOption: Sendable {
        public let code: String
        public let name: String
        public let selected: Bool
    }

    public struct User: Sendable {
        public let name: String
        /// The public agent number customers see, if the person is an agent.
        public let agentNumber: String?
        /// Agents get the queue in the header; admins also get the admin page.
        public let isStaff: Bool
        public let isAdmin: Bool
        /// The agent's presence (online, away, offline), shown and set in the header.
        public let presence: String?
        public let isOnline: Bool
        public let isAway: Bool
        public let isOffline: Bool
        /// Unread notifications, for the header's count.
        public let unreadCount: Int
        /// The count as the header shows it, in the page's digits (nil hides it).
        public fileprivate(set) var unread: String?
        /// The platform's supervisors and admins also get the routing and SLA pages.
        public let seesDeskRules: Bool
        /// Chats waiting for an agent to accept them (`IncomingChats`), for the header and the title.
        public let incomingChatCount: Int
        /// The count as shown, in the page's digits (nil hides it).
        public fileprivate(set) var incoming: String?

        public init(
            name: String, agentNumber: String?, isAdmin: Bool = false, presence: String? = nil, unread: Int = 0, incomingChats: Int = 0,
            seesDeskRules: Bool = false
        ) {
            self.name = name
            self.agentNumber = agentNumber
            isStaff = agentNumber != nil
            self.isAdmin = isAdmin
            self.presence = presence
            isOnline = presence == "online"
            isAway = presence == "away"
            isOffline = presence == "offline"
            unreadCount = unread
            incomingChatCount = incomingChats
            self.seesDeskRules = seesDeskRules
        }
    }

    public let lang: String
    public let dir: String
    /// The page's own path, for the language menu to come back to.
    public let path: String
    public let stylesheet: String
    public let script: String
    public let csrfToken: String
    public let languages: [LanguageOption]
    public let user: User?

    public init(language: UILanguage, path: String, csrfToken: String, user: User?) {
        lang = language.rawValue
        dir = language.direction
        self.path = path
        stylesheet = StaticAssets.stylesheet.path
        script = StaticAssets.script.path
        self.csrfToken = csrfToken
        languages = UILanguage.allCases.map { LanguageOption(code: $0.rawValue, name: $0.nativeName, selected: $0 == language) }
        var user = user
        let format = PageFormat(language: language)
        if let count = user?.unreadCount, count > 0 {
            user?.unread = count > 99 ? format.number(99) + "+" : format.number(count)
        }
        if let count = user?.incomingChatCount, count > 0 {
            user?.incoming = count > 99 ? format.number(99) + "+" : format.number(count)
        }
        self.user = user
    }
}

/// Renders page models with the desk's templates.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Parses every template: a page's is named after its model (`TicketView.mustache`),
    /// partials after what they hold (`layout`, `message`, `csrf-field`).
    public init() throws {
        var library = MustacheLibrary()
        for (file, text) in EmbeddedResources.files.sorted(by: { $0.key < $1.key }) where file.hasSuffix(".mustache") {
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// The names of every template and partial.
    public static var templateNames: [String] {
        EmbeddedResources.files.keys.filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }.sorted()
    }

    /// The HTML of `page`.
    public func render(_ page: some WebPage) -> String {
        library.render(page, withTemplate: type(of: page).template) ?? ""
    }
}

/// A page model: the data one template shows, already escaped by the renderer and localised.
public protocol WebPage: Sendable {
    /// The template's name: the model's own, by default (`TicketView` renders `TicketView.mustache`).
    static var template: String { get }
}

extension WebPage {
    public static var template: String { String(describing: Self.self) }
}

/// Dates and numbers the way each page language writes them.
public struct PageFormat {
    let dates: DateFormatter
    let numbers: NumberFormatter
    let isoFormatter = ISO8601DateFormatter()

    public init(language: UILanguage, timeZone: TimeZone = .current) {
        dates = DateFormatter()
        numbers = NumberFormatter()
        switch language {
        case .english:
            dates.locale = Locale(identifier: "en_US")
        case .chinese:
            dates.locale = Locale(identifier: "zh_Hans_CN")
        case .persian:
            dates.locale = Locale(identifier: "fa_IR")
            dates.calendar = Calendar(identifier: .persian)
        }
        dates.timeZone = timeZone
        dates.dateStyle = .medium
        dates.timeStyle = .short
        numbers.locale = dates.locale
        numbers.numberStyle = .decimal
    }

    public func date(_ date: Date) -> String { dates.string(from: date) }

    /// The machine-readable form, for `<time datetime>`.
    public func iso(_ date: Date) -> String { isoFormatter.string(from: date) }

    public func number(_ value: Int) -> String { numbers.string(from: NSNumber(value: value)) ?? String(value) }

    /// A share (0–1) as a whole percentage in the page language's digits and sign ("92%", "۹۲٪").
    public func percent(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.locale = numbers.locale
        formatter.numberStyle = .percent
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: value)) ?? "\(Int((value * 100).rounded()))%"
    }
}
