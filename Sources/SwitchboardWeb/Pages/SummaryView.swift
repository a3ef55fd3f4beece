import Foundation
import SwitchboardCore

/// A solved case's summary in the customer's language: the problem as they stated it, what was
/// done, the promises and whether they were kept, who handled it. The request page shows it, the
/// transcript opens with it, and the "solved" email carries its text.
public struct SummaryView: Sendable {
    public struct Line: Sendable {
        public let at: String
        public let atISO: String
        public let text: String
    }

    public let problem: String
    public let when: String?
    public let expectation: String?
    public let steps: [Line]
    public let finalReply: String?
    public let promises: [Line]
    public let hasPromises: Bool
    public let handledBy: String
    public let opened: String
    public let solved: String?

    public init(_ summary: CaseSummary, agentName: (Agent.ID) -> String, teamName: (Team.ID) -> String, strings: [String: String], format: PageFormat) {
        problem = summary.statedProblem
        when = summary.problem.when
        // The assistant files what the customer expects as a code ("refund"); say it in words.
        expectation = summary.problem.expectation.map { AssistantWords(strings: strings).expectation($0) }
        steps = summary.steps.compactMap { step in
            let text: String
            switch step.change {
            case .statusChanged(_, let to):
                text = "\(strings["event.status_changed"] ?? ""): \(strings["status.\(to.rawValue)"] ?? to.rawValue)"
            case .transferred(_, let team, _, _):
                text = "\(strings["event.transferred"] ?? ""): \(teamName(team))"
            default:
                return nil
            }
            return Line(at: format.date(step.at), atISO: format.iso(step.at), text: text)
        }
        finalReply = summary.finalReply?.body
        promises = summary.promises.map { item in
            let state = strings["promise.\(item.state.rawValue)"] ?? item.state.rawValue
            return Line(
                at: format.date(item.commitment.dueAt), atISO: format.iso(item.commitment.dueAt),
                text: "“\(item.commitment.text)” — \(state)" + (item.note.map { ": \($0)" } ?? "")
            )
        }
        hasPromises = !promises.isEmpty
        handledBy = summary.handledBy.isEmpty ? (strings["nobody"] ?? "") : summary.handledBy.map(agentName).joined(separator: ", ")
        opened = String(format: strings["summaryOpened"] ?? "%@", format.date(summary.openedAt))
        solved = summary.solvedAt.map { String(format: strings["summarySolved"] ?? "%@", format.date($0)) }
    }

    /// The summary as plain text, for email and the text transcript.
    public func text(strings: [String: String]) -> String {
        var lines = ["\(strings["summaryProblem"] ?? ""): \(problem)"]
        if let when { lines.append("\(strings["summaryWhen"] ?? ""): \(when)") }
        if let expectation { lines.append("\(strings["summaryExpect"] ?? ""): \(expectation)") }
        lines.append("")
        lines.append("\(strings["summaryDone"] ?? ""):")
        lines.append("- \(opened)")
        lines += steps.map { "- \($0.at): \($0.text)" }
        if let finalReply {
            lines.append("")
            lines.append("\(strings["summaryReply"] ?? ""):")
            lines.append(finalReply)
        }
        if hasPromises {
            lines.append("")
            lines.append("\(strings["summaryPromises"] ?? ""):")
            lines += promises.map { "- \($0.text) (\(strings["promiseBy"] ?? "") \($0.at))" }
        }
        lines.append("")
        lines.append("\(strings["summaryHandledBy"] ?? ""): \(handledBy)")
        return lines.joined(separator: "\n")
    }
}
