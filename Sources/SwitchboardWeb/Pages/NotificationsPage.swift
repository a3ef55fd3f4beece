import Foundation
import SwitchboardCore

/// An agent's notifications, newest first: cases given to them, clocks about to run out or run
/// out, promises due or missed, cases bounced between teams — each a link to its ticket.
public struct NotificationsPage: WebPage {
    public struct Item: Sendable {
        public let text: String
        public let href: String
        public let when: String
        public let whenISO: String
        public let unread: Bool
        /// `assigned`, `sla-warning`, `sla-breached`… for the colour.
        public let kind: String
    }

    public let page: PageFrame
    public let t: [String: String]
    public let items: [Item]
    public let hasItems: Bool

    public init(
        language: UILanguage, csrfToken: String, user: PageFrame.User, notifications: [AgentNotification], timeZone: TimeZone = .current
    ) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language, timeZone: timeZone)
        page = PageFrame(language: language, path: "/agent/notifications", csrfToken: csrfToken, user: user)
        t = strings
        let separator = strings["partSeparator"] ?? " · "
        items = notifications.map { item in
            let number = "#" + String(item.ticketNumber)
            var text = String(format: strings["notify.\(item.kind.rawValue)"] ?? "%@", number)
            if case .string(let target)? = item.detail["target"], let label = strings["sla.\(target)"] {
                text += separator + label
            }
            if case .string(let promise)? = item.detail["text"] { text += separator + "“\(promise)”" }
            if let due = EventTime.date(item.detail["dueAt"]) { text += separator + format.date(due) }
            return Item(
                text: text, href: "/agent/tickets/\(item.ticketNumber)", when: format.date(item.createdAt), whenISO: format.iso(item.createdAt),
                unread: item.readAt == nil, kind: item.kind.rawValue
            )
        }
        hasItems = !items.isEmpty
    }
}
