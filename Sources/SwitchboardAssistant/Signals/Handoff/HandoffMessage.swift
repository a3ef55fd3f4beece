import SwitchboardCore

/// What the handoff rules need to know about the whole message while reading one clause.
struct HandoffMessage: Sendable {
    /// How many clauses the message has: a team named alone ("customer support", "客服？") is asked
    /// for, the same name opening a longer message is only addressed.
    let clauseCount: Int
    /// The message asks about days or hours ("are your agents available on Sunday?", "客服几点上班"):
    /// a question about when people work, not a request for one now.
    let asksAboutHours: Bool
    /// The customer proves they are no bot ("I'm not a robot", "captcha"): "not a bot" there is about
    /// themselves, not the one answering.
    let provesHumanity: Bool

    init(_ clauses: [HandoffClause]) {
        clauseCount = clauses.count
        asksAboutHours = clauses.contains { clause in
            clause.words.indices.contains { index in
                switch clause.scripts[index] {
                case .latin, .number: Self.hours.contains(clause.words[index])
                case .arabic: PersianHandoff.marks(persian: clause.words[index]).contains(.hours)
                case .cjk: false
                }
            } || clause.hasChinese && Self.chineseHours.contains { clause.compact[...].position(of: $0, from: 0) != nil }
        }
        provesHumanity = clauses.contains { clause in
            let w = clause.words
            return w.contains { $0 == "captcha" || $0 == "recaptcha" }
                || w.indices.contains { ["im", "am"].contains(w[$0]) && w[($0 + 1)...].prefix(3).contains { ["human", "person", "robot", "bot"].contains($0) } }
        }
    }

    static let hours: Set<String> = [
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sundays", "mondays", "saturdays",
        "weekend", "weekends", "weekday", "weekdays", "holiday", "holidays", "christmas", "tomorrow", "tonight", "night",
        "nights", "hours", "when", "usually", "normally", "opening", "closing", "24",
    ]
    static let chineseHours = ["几点", "周末", "上班", "下班", "节假日", "工作时间", "营业时间", "星期", "周日", "周六", "礼拜"].map { Array($0.unicodeScalars) }
}
