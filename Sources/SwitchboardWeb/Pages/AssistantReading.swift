import Foundation
import SwitchboardCore

/// The panel at the top of an agent's ticket page: what the assistant read in the customer's
/// latest message — what it is about and how sure, the mood, whether they asked for a person,
/// the details, and what is still missing from their problem — with the form to correct the intent.
public struct AssistantReading: Sendable {
    public struct Fact: Sendable {
        public let label: String
        public let value: String
    }

    public struct Option: Sendable {
        public let value: String
        public let label: String
        public let selected: Bool
    }

    public let messageID: String
    public let at: String
    public let atISO: String
    /// The assistant had no model yet when the message came; it is read shortly.
    public let isPending: Bool
    public let intent: String
    /// 0–100, for the meter; nil when out of scope.
    public let confidence: Int?
    /// The same in the page language's digits ("92%", "۹۲٪").
    public let confidenceText: String?
    public let outOfScope: Bool
    /// The runners-up, when any is worth a glance.
    public let alternatives: String?
    public let correctedIntent: String?
    public let language: String
    public let mood: String
    /// `negative`, `neutral`, `positive`: the mood's colour.
    public let moodCode: String
    public let angry: Bool
    public let personRequested: Bool
    /// "Asked for a person: "人工客服"", or the reasons a person is recommended.
    public let handoff: String?
    public let urgent: Bool
    public let entities: [Fact]
    public let hasEntities: Bool
    public let problem: [Fact]
    /// The part of the problem still missing, named ("When it happened"); nil when complete.
    public let missing: String?
    public let intentOptions: [Option]
    public let canCorrect: Bool

    init(message: Message, stored: StoredAnalysis, words: AssistantWords, intents: [String], format: PageFormat) {
        let strings = words.strings
        messageID = String(message.id.rawValue)
        at = format.date(message.createdAt)
        atISO = format.iso(message.createdAt)
        correctedIntent = stored.correctedIntent.map(words.intent)
        let current = stored.correctedIntent ?? stored.state.analysis?.intent?.label
        intentOptions = intents.map { Option(value: $0, label: words.intent($0), selected: $0 == current) }
        canCorrect = !intents.isEmpty && stored.state.analysis != nil
        guard let analysis = stored.state.analysis else {
            isPending = true
            intent = ""; confidence = nil; confidenceText = nil; outOfScope = false; alternatives = nil; language = ""; mood = ""; moodCode = "neutral"
            angry = false; personRequested = false; handoff = nil; urgent = false; entities = []; hasEntities = false; problem = []; missing = nil
            return
        }
        isPending = false
        outOfScope = analysis.outOfScope
        if let top = analysis.intent {
            intent = words.intent(top.label)
            confidence = Int((top.confidence * 100).rounded())
            confidenceText = format.percent(top.confidence)
        } else {
            intent = strings["readingOutOfScope"] ?? ""
            confidence = nil
            confidenceText = nil
        }
        // Runners-up worth a glance (5% or more), when the assistant was not sure.
        let runnersUp = analysis.intents.dropFirst(analysis.outOfScope ? 0 : 1).prefix(2).filter { $0.confidence >= 0.05 }
        alternatives = runnersUp.isEmpty ? nil : runnersUp.map { "\(words.intent($0.label)) \(format.percent($0.confidence))" }.joined(separator: " · ")
        language = "\(words.language(analysis.language)) · \(format.percent(analysis.languageConfidence))"
        angry = analysis.anger >= IntakeRules.angry
        moodCode = analysis.polarity.rawValue
        mood = (strings["polarity.\(analysis.polarity.rawValue)"] ?? analysis.polarity.rawValue)
            + (analysis.anger > 0 ? " · \(strings["readingAnger"] ?? "") \(format.percent(analysis.anger))" : "")
        personRequested = analysis.personRequested
        if analysis.personRequested {
            handoff = (strings["readingAskedForPerson"] ?? "") + (analysis.handoffPhrase.map { " “\($0)”" } ?? "")
        } else if analysis.handoffRecommended {
            handoff = (strings["readingPersonRecommended"] ?? "") + " " + analysis.handoffReasons.map(words.handoffReason).joined(separator: ", ")
        } else {
            handoff = nil
        }
        urgent = analysis.urgent
        entities = analysis.entities.map { Fact(label: words.entityKind($0.kind), value: $0.value) }
        hasEntities = !entities.isEmpty
        var problem: [Fact] = []
        if let what = analysis.problem.whatHappened { problem.append(Fact(label: strings["problem.part.what-happened"] ?? "", value: what)) }
        if let when = analysis.problem.whenText ?? analysis.problem.when {
            problem.append(Fact(label: strings["problem.part.when"] ?? "", value: analysis.problem.when.map { "\(when) (\($0))" } ?? when))
        }
        if let expectation = analysis.problem.expectation {
            problem.append(Fact(label: strings["problem.part.expectation"] ?? "", value: words.expectation(expectation)))
        }
        self.problem = problem
        missing = analysis.problem.missing.isEmpty ? nil : analysis.problem.missing.map { strings["problem.part.\($0)"] ?? $0 }.joined(separator: ", ")
    }
}
