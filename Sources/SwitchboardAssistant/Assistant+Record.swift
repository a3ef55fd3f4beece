import Foundation
import SwitchboardCore

extension Assistant.Analysis {
    /// The analysis as the desk stores it beside the message, made by the model `modelVersion`.
    public func record(modelVersion: String) -> MessageAnalysis {
        MessageAnalysis(
            language: language.language.rawValue,
            languageConfidence: Self.rounded(language.confidence),
            intents: classification.top.map { MessageAnalysis.IntentScore(label: $0.label, confidence: Self.rounded($0.confidence)) },
            outOfScope: classification.outOfScope,
            polarity: MessageAnalysis.Polarity(rawValue: sentiment.polarity.rawValue) ?? .neutral,
            sentiment: Self.rounded(sentiment.score),
            anger: Self.rounded(sentiment.anger),
            personRequested: handoff.requested,
            handoffRecommended: handoff.recommended,
            handoffReasons: handoff.reasons.map(\.rawValue),
            handoffPhrase: handoff.matchedPhrase,
            urgent: urgency != nil,
            entities: entities.map { MessageAnalysis.Entity(kind: $0.kind.rawValue, text: $0.text, value: $0.value) },
            problem: MessageAnalysis.Problem(
                whatHappened: problem.whatHappened, when: problem.when, whenText: problem.whenText,
                expectation: problem.expectation?.rawValue, missing: problem.missing.map(\.rawValue)
            ),
            modelVersion: modelVersion
        )
    }

    /// Three decimals: what a person reads, and a stored value that does not drift between runs.
    static func rounded(_ value: Double) -> Double {
        (value * 1_000).rounded() / 1_000
    }
}
