import Foundation
import SwitchboardCore

/// The satisfaction survey as a form: on the request page of the portal and on the page an
/// emailed link opens. Shows the answer so far, and until when it may be changed.
public struct SurveyForm: Sendable {
    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let selected: Bool
    }

    public struct Score: Sendable {
        public let name: String
        public let label: String
        public let required: Bool
        public let options: [Option]
    }

    public struct Hidden: Sendable {
        public let name: String
        public let value: String
    }

    public let action: String
    public let hidden: [Hidden]
    /// The form can be sent (the case was solved, the edit window is open).
    public let open: Bool
    public let scores: [Score]
    public let solvedYes: Bool
    public let solvedNo: Bool
    public let comment: String
    public let answered: String?
    public let editUntil: String?
    public let button: String
    /// Its own heading (on a request's page); the survey's own page has it as the page's title.
    public let titled: Bool

    public init(
        action: String, hidden: [(String, String)] = [], open: Bool, answer: SurveyAnswer?, editableUntil: Date?, strings: [String: String], format: PageFormat,
        titled: Bool = true
    ) {
        self.titled = titled
        self.action = action
        self.hidden = hidden.map { Hidden(name: $0.0, value: $0.1) }
        self.open = open
        func score(_ name: String, _ label: String, _ value: Int?, required: Bool) -> Score {
            let options = [Option(value: "", label: strings[required ? "surveyChoose" : "scoreNone"] ?? "—", selected: value == nil)]
                + SurveyAnswer.scores.reversed().map { Option(value: String($0), label: strings["score.\($0)"] ?? String($0), selected: $0 == value) }
            return Score(name: name, label: strings[label] ?? "", required: required, options: options)
        }
        scores = [
            score("overall", "surveyOverall", answer?.overall, required: true), score("speed", "surveySpeed", answer?.speed, required: false),
            score("resolution", "surveyResolution", answer?.resolution, required: false),
            score("attitude", "surveyAttitude", answer?.attitude, required: false),
        ]
        solvedYes = answer?.solved == true
        solvedNo = answer?.solved == false
        comment = answer?.comment ?? ""
        answered = answer.map { String(format: strings["surveyYourAnswer"] ?? "%@", format.number($0.overall)) }
        editUntil = open ? editableUntil.map { String(format: strings["surveyEditUntil"] ?? "%@", format.date($0)) } : nil
        button = strings[answer == nil ? "surveySend" : "surveyChange"] ?? ""
    }
}
