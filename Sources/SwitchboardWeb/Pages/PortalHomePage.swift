import Foundation
import SwitchboardCore

/// The customer's list of their own requests.
public struct PortalHomePage: WebPage {
    public struct Row: Sendable {
        public let number: String
        public let subject: String
        public let status: String
        public let statusCode: String
        public let updated: String
        public let updatedISO: String
    }

    public let page: PageFrame
    public let t: [String: String]
    public let rows: [Row]
    public let hasRows: Bool

    public init(language: UILanguage, csrfToken: String, user: PageFrame.User, tickets: [Ticket], timeZone: TimeZone = .current) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language, timeZone: timeZone)
        page = PageFrame(language: language, path: "/portal", csrfToken: csrfToken, user: user)
        t = strings
        rows = tickets.map {
            Row(number: String($0.number), subject: $0.subject, status: strings["status.\($0.status.rawValue)"] ?? $0.status.rawValue, statusCode: $0.status.rawValue,
                updated: format.date($0.updatedAt), updatedISO: format.iso($0.updatedAt))
        }
        hasRows = !rows.isEmpty
    }
}
