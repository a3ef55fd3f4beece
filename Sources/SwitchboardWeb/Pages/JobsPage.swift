import Foundation
import SwitchboardCore

/// Background work for admins: how many jobs wait, the next ones due, and the parked ones with
/// their error and a retry or drop button each.
public struct JobsPage: WebPage {
    public struct Row: Sendable {
        public let id: String
        public let kind: String
        public let attempts: String
        public let error: String
        public let when: String
        public let whenISO: String
    }

    public let page: PageFrame
    public let t: [String: String]
    public let queued: String
    public let parkedCount: String
    public let parked: [Row]
    public let hasParked: Bool
    public let upcoming: [Row]
    public let hasUpcoming: Bool
    public let error: String?

    public init(
        language: UILanguage, csrfToken: String, user: PageFrame.User, queued: Int, parked: [Job], upcoming: [Job], now: Date,
        problem: String? = nil, timeZone: TimeZone = .current
    ) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language, timeZone: timeZone)
        page = PageFrame(language: language, path: "/admin/jobs", csrfToken: csrfToken, user: user)
        t = strings
        self.queued = format.number(queued)
        parkedCount = format.number(parked.count)
        func row(_ job: Job, at date: Date) -> Row {
            Row(
                id: String(job.id.rawValue), kind: strings["job.\(job.kind.rawValue)"] ?? job.kind.rawValue,
                attempts: "\(format.number(job.attempts)) / \(format.number(job.maxAttempts))", error: job.lastError ?? "",
                when: format.date(date), whenISO: format.iso(date)
            )
        }
        self.parked = parked.map { row($0, at: $0.runAt) }
        hasParked = !parked.isEmpty
        self.upcoming = upcoming.map { row($0, at: max($0.runAt, now)) }
        hasUpcoming = !upcoming.isEmpty
        error = problem.map { PageProblem.text($0, strings) }
    }
}
