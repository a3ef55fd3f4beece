import Foundation
import SwitchboardCore

/// The assistant's codes in words of the page language: intents, languages, moods, the reasons
/// for a handoff, kinds of details, what a customer expects.
public struct AssistantWords: Sendable {
    let strings: [String: String]

    public init(strings: [String: String]) { self.strings = strings }

    /// An intent's name ("refund" → "Refund"; an intent the catalog does not know, its own words).
    public func intent(_ label: String) -> String {
        strings["intent.\(label)"] ?? label.replacingOccurrences(of: "_", with: " ")
    }

    func language(_ code: String) -> String {
        strings["language.\(code)"] ?? code
    }

    func handoffReason(_ code: String) -> String {
        strings["handoff.\(code)"] ?? code
    }

    func entityKind(_ code: String) -> String {
        strings["entity.\(code)"] ?? code
    }

    func expectation(_ code: String) -> String {
        strings["expectation.\(code)"] ?? code
    }

    func priorityReasons(_ reasons: String) -> String {
        reasons.split(separator: ",").map { strings["priorityReason.\($0)"] ?? String($0) }.joined(separator: ", ")
    }

    /// A message's reading in a few words, for its place in the timeline ("Refund 92% · negative").
    func summary(of stored: StoredAnalysis) -> String {
        guard let analysis = stored.state.analysis else { return strings["readingPending"] ?? "" }
        var parts: [String] = []
        if let corrected = stored.correctedIntent {
            parts.append(intent(corrected) + " ✓")
        } else if let top = analysis.intent {
            parts.append("\(intent(top.label)) \(Int((top.confidence * 100).rounded()))%")
        } else {
            parts.append(strings["readingOutOfScope"] ?? "")
        }
        if analysis.personRequested { parts.append(strings["readingAskedForPerson"] ?? "") }
        if analysis.polarity != .neutral { parts.append(strings["polarity.\(analysis.polarity.rawValue)"] ?? "") }
        return parts.joined(separator: " · ")
    }
}
