import Foundation
import SwitchboardCore

/// One event of a ticket's history in words of the page language, read through the one decoder of
/// stored events (`TicketEvent.change()`); nil for events the timeline does not show.
struct EventWords {
    let strings: [String: String]
    let words: AssistantWords
    let agentName: (Agent.ID?) -> String
    let directory: TicketView.Directory
    let isAgent: Bool
    /// A time in the page's words.
    var date: (Date) -> String = { _ in "" }
    /// A number in the page's digits.
    var number: (Int) -> String = { String($0) }

    func describe(_ event: TicketEvent) -> String? {
        let label = strings["event.\(event.kind.rawValue)"] ?? strings["event.other"] ?? event.kind.rawValue
        let byAssistant = event.actor == .bot ? " · " + (strings["byAssistant"] ?? "") : ""
        guard let change = try? event.change() else { return isAgent ? label : nil }
        switch change {
        case .message:
            return nil
        case .assigned(_, let to):
            return "\(label): \(agentName(to))"
        case .transferred(_, let toTeam, let reason, _):
            let team = directory.teams[toTeam]?.name ?? ""
            let why = switch reason {
            case TicketChange.overflowReason: strings["transferOverflow"] ?? reason
            case TicketChange.handoffReason: strings["transferHandoff"] ?? reason
            default: reason
            }
            let told = isAgent || reason == TicketChange.overflowReason || reason == TicketChange.handoffReason
            return "\(label): \(team)" + (told ? " — \(why)" : "")
        case .statusChanged(_, let to):
            return "\(label): \(strings["status.\(to.rawValue)"] ?? to.rawValue)"
        case .priorityChanged(_, let to, let reason):
            let why = reason.map { " — " + words.priorityReasons($0) } ?? ""
            return "\(label): \(strings["priority.\(to.rawValue)"] ?? to.rawValue)\(why)\(byAssistant)"
        case .categoryChanged(_, let to):
            return "\(label): \(to.map { words.intent($0.replacingOccurrences(of: "-", with: "_")) } ?? (strings["none"] ?? ""))\(byAssistant)"
        case .languageChanged(_, let to):
            return "\(label): \(to.map(words.language) ?? (strings["none"] ?? ""))\(byAssistant)"
        case .handoffRequested(_, _, let phrase):
            return isAgent ? label + (phrase.map { " “\($0)”" } ?? "") : (strings["event.handoff_requested.customer"] ?? label)
        case .intentCorrected(_, let from, let to):
            return "\(label): \(from.map(words.intent) ?? "—") → \(words.intent(to))"
        case .problemUpdated:
            return label + byAssistant
        case .slaWarning(let moment), .slaBreached(let moment):
            return "\(label): \(strings["sla.\(moment.target.rawValue)"] ?? moment.target.rawValue) · \(date(moment.dueAt)) · \(moment.policy)"
        case .escalated(let step, let cause, let agents):
            let told = agents.isEmpty ? "" : " → " + agents.map { agentName($0) }.joined(separator: ", ")
            return "\(label): \(strings["escalation.\(step.rawValue)"] ?? step.rawValue) — \(strings["cause.\(cause.rawValue)"] ?? cause.rawValue)\(told)"
        case .commitmentMade(let commitment):
            return "\(label): “\(commitment.text)” · \(String(format: strings["promiseDue"] ?? "%@", date(commitment.dueAt)))"
        case .commitmentKept(_, let note):
            return label + (note.map { ": \($0)" } ?? "")
        case .surveyAnswered(let answer):
            let solved = strings[answer.solved ? "surveyYes" : "surveyNo"] ?? ""
            let detail = String(format: strings["event.survey_answered.detail"] ?? "%@ %@", number(answer.overall), solved)
            return "\(label): \(detail)" + (answer.comment.map { " — “\($0)”" } ?? "")
        default:
            return label
        }
    }
}
