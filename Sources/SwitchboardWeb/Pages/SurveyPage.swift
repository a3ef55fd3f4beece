import Foundation
import SwitchboardCore

/// The page a survey link from an email opens: the survey of one request, or why the link does
/// not open it (altered, expired), without signing in.
public struct SurveyPage: WebPage {
    public let page: PageFrame
    public let t: [String: String]
    public let intro: String
    public let survey: SurveyForm?
    /// Why the link did not open the survey, in words.
    public let linkProblem: String?
    public let error: String?
    public let done: String?

    public init(
        language: UILanguage, csrfToken: String, number: Int64, form: SurveyForm?, linkProblem: String? = nil, problem: String? = nil, done: String? = nil
    ) {
        let strings = Catalog.strings(language)
        page = PageFrame(language: language, path: "/survey/\(number)", csrfToken: csrfToken, user: nil)
        t = strings
        intro = String(format: strings["surveyIntro"] ?? "%@", String(number))
        survey = form
        self.linkProblem = linkProblem.flatMap { strings[$0 == "expired" ? "surveyExpired" : "surveyForged"] }
        error = problem.map { PageProblem.text($0, strings) }
        self.done = done.flatMap { strings[$0 == "reopened" ? "surveyReopened" : "surveyThanks"] }
    }
}
