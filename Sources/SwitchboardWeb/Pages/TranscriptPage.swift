import Foundation
import SwitchboardCore

/// A request's transcript for the customer to keep: the summary (once solved), then every public
/// message and what happened, in order — as a self-contained web page or as plain text.
public struct TranscriptPage: WebPage {
    public let lang: String
    public let dir: String
    public let title: String
    public let t: [String: String]
    public let view: TicketView
    public let generated: String

    public init(view: TicketView, language: UILanguage, now: Date = Date(), timeZone: TimeZone = .current) {
        let strings = Catalog.strings(language)
        lang = language.rawValue
        dir = language.direction
        title = String(format: strings["transcriptTitle"] ?? "%@", view.number)
        t = strings
        self.view = view
        generated = PageFormat(language: language, timeZone: timeZone).date(now)
    }

    /// The same transcript as plain text.
    public var text: String {
        var lines = [title, view.subject, generated, ""]
        if let summary = view.summary {
            lines += ["== \(t["summaryTitle"] ?? "") ==", summary.text(strings: t), ""]
        }
        lines.append("== \(t["transcriptConversation"] ?? "") ==")
        for entry in view.entries {
            if entry.isMessage {
                lines.append("")
                lines.append("[\(entry.at)] \(entry.author):")
                lines.append(entry.body)
                lines += entry.files.map { "  📎 \($0.name) (\($0.size))" }
            } else {
                lines.append("[\(entry.at)] \(entry.text)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
