import Foundation

/// A customer's answer to the satisfaction survey sent after their case was solved: an overall
/// score, three parts (speed, resolution, attitude), whether the problem was solved, a comment.
/// One per ticket, which the customer may change for a while (each change is a new event).
public struct SurveyAnswer: Sendable, Hashable {
    public var overall: Int
    public var speed: Int?
    public var resolution: Int?
    public var attitude: Int?
    public var solved: Bool
    public var comment: String?

    public static let scores = 1...5

    public init(overall: Int, speed: Int?, resolution: Int?, attitude: Int?, solved: Bool, comment: String?) {
        self.overall = overall
        self.speed = speed
        self.resolution = resolution
        self.attitude = attitude
        self.solved = solved
        self.comment = comment
    }

    /// An answer as a customer gave it, checked: scores 1–5 (the overall one required), a comment
    /// of at most `Limits.surveyComment` characters kept as plain text (pages escape it).
    public static func checked(overall: Int?, speed: Int?, resolution: Int?, attitude: Int?, solved: Bool?, comment: String?) throws -> SurveyAnswer {
        guard let overall else { throw DomainError.invalidField("overall", "overall is required") }
        for (field, score) in [("overall", overall), ("speed", speed), ("resolution", resolution), ("attitude", attitude)] {
            if let score, !scores.contains(score) { throw DomainError.invalidField(field, "\(field) is a score from 1 to 5") }
        }
        guard let solved else { throw DomainError.invalidField("solved", "say whether the problem was solved") }
        let comment = try comment.flatMap { text -> String? in
            text.trimmingWhitespace().isEmpty ? nil : try Validate.text(text, field: "comment", maxLength: Limits.surveyComment)
        }
        return SurveyAnswer(overall: overall, speed: speed, resolution: resolution, attitude: attitude, solved: solved, comment: comment)
    }

    /// A low answer reopens the case and tells the team's supervisors: an overall score of 2 or
    /// less, or "my problem was not solved" whatever the score.
    public var isLow: Bool { overall <= 2 || !solved }

    /// The ticket's current answer and when it was first given, from its events.
    public static func latest(in events: [TicketEvent]) -> (answer: SurveyAnswer, firstAt: Date, count: Int)? {
        var found: (answer: SurveyAnswer, firstAt: Date, count: Int)?
        for event in events where event.kind == .surveyAnswered {
            guard case .surveyAnswered(let answer)? = try? event.change() else { continue }
            found = (answer, found?.firstAt ?? event.createdAt, (found?.count ?? 0) + 1)
        }
        return found
    }
}

/// When the survey is sent and how long a customer may answer and change their answer.
public struct SurveySettings: Sendable, Hashable {
    /// After the case is solved, how long until the survey goes out.
    public var delay: TimeInterval
    /// How long its link works.
    public var linkLifetime: TimeInterval
    /// How long after the first answer the customer may change it.
    public var editWindow: TimeInterval

    public init(delay: TimeInterval = 600, linkLifetime: TimeInterval = 14 * 86_400, editWindow: TimeInterval = 86_400) {
        self.delay = delay
        self.linkLifetime = linkLifetime
        self.editWindow = editWindow
    }
}
