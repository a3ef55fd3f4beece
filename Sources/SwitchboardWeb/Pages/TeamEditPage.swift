import Foundation
import SwitchboardCore

/// One team's name, time zone and opening hours, a line per weekday.
public struct TeamEditPage: WebPage {
    public struct Day: Sendable { public let index: String; public let label: String; public let hours: String }

    public let page: PageFrame
    public let t: [String: String]
    public let id: String
    public let name: String
    public let timeZone: String
    public let days: [Day]
    public let error: String?

    public init(language: UILanguage, csrfToken: String, user: PageFrame.User, team: Team, problem: String? = nil) {
        let strings = Catalog.strings(language)
        page = PageFrame(language: language, path: "/admin/teams/\(team.id.rawValue)", csrfToken: csrfToken, user: user)
        t = strings
        id = String(team.id.rawValue)
        name = team.name
        timeZone = team.hours.timeZone
        let labels = PageFormat(language: language).weekdaySymbols
        days = team.hours.days.enumerated().map { index, intervals in
            Day(index: String(index), label: labels[index], hours: BusinessHours.text(of: intervals))
        }
        error = problem.map { PageProblem.text($0, strings) }
    }
}
