import Foundation
import SwitchboardCore

/// The emails a customer gets about their requests, in their language: a reply, a status change,
/// the case solved (with its summary), a promise made, kept or missed, and the survey. Each links
/// to the request's page on the portal.
public struct CustomerMail: Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case reply, status, solved, survey
        case promiseMade = "promise-made"
        case promiseKept = "promise-kept"
        case promiseMissed = "promise-missed"

        /// What a customer who asked for replies only still gets.
        public var isReply: Bool { self == .reply }
    }

    public let subject: String
    public let body: String

    /// `detail`: the reply's text, the new status, the promise's words — what the kind needs.
    /// `link`: the request's portal page (or, for the survey, the signed survey link).
    public init(
        kind: Kind, language: UILanguage, customerName: String, number: Int64, detail: String = "", due: Date? = nil, summary: SummaryView? = nil,
        link: String, portalLink: String, timeZone: TimeZone = .current
    ) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language, timeZone: timeZone)
        let ticket = String(number)
        func words(_ key: String, _ values: String...) -> String { String(format: strings[key] ?? key, arguments: values) }
        var lines = [words("mail.greeting", customerName), ""]
        switch kind {
        case .reply:
            subject = words("mail.reply.subject", ticket)
            lines += [words("mail.reply", ticket), "", detail]
        case .status:
            subject = words("mail.status.subject", ticket, detail)
            lines.append(words("mail.status", ticket, detail))
        case .solved:
            subject = words("mail.solved.subject", ticket)
            lines.append(words("mail.solved", ticket))
            if let summary { lines += ["", summary.text(strings: strings)] }
        case .survey:
            subject = words("mail.survey.subject", ticket)
            lines += [words("mail.survey", ticket), link]
        case .promiseMade:
            subject = words("mail.promise-made.subject", ticket)
            // The mail is read anywhere: the time says its zone.
            let when = due.map { format.date($0) + " " + (timeZone.abbreviation(for: $0) ?? timeZone.identifier) } ?? ""
            lines.append(words("mail.promise-made", ticket, detail, when))
        case .promiseKept:
            subject = words("mail.promise-kept.subject", ticket)
            lines.append(words("mail.promise-kept", ticket, detail))
        case .promiseMissed:
            subject = words("mail.promise-missed.subject", ticket)
            lines.append(words("mail.promise-missed", ticket, detail))
        }
        lines += ["", words("mail.open", portalLink), "", "—", strings["mail.footer"] ?? ""]
        body = lines.joined(separator: "\n")
    }
}
