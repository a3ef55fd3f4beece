import Foundation
import SwitchboardCore

/// What the assistant read in one customer message, as the API shows it to staff.
struct AnalysisResponse: JSONWritable, Sendable {
    let stored: StoredAnalysis

    init(_ stored: StoredAnalysis) {
        self.stored = stored
    }

    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.field("correctedIntent", stored.correctedIntent)
            guard let analysis = stored.state.analysis else {
                writer.field("state", "pending")
                return
            }
            writer.field("anger", analysis.anger)
            writer.key("entities")
            writer.array(analysis.entities) { writer, entity in
                writer.object { writer in
                    writer.field("kind", entity.kind)
                    writer.field("text", entity.text)
                    writer.field("value", entity.value)
                }
            }
            writer.key("handoff")
            writer.object { writer in
                writer.field("phrase", analysis.handoffPhrase)
                writer.key("reasons")
                writer.array(analysis.handoffReasons) { writer, reason in writer.string(reason) }
                writer.field("recommended", analysis.handoffRecommended)
                writer.field("requested", analysis.personRequested)
            }
            writer.key("intents")
            writer.array(analysis.intents) { writer, intent in
                writer.object { writer in
                    writer.field("confidence", intent.confidence)
                    writer.field("label", intent.label)
                }
            }
            writer.field("language", analysis.language)
            writer.field("languageConfidence", analysis.languageConfidence)
            writer.field("modelVersion", analysis.modelVersion)
            writer.field("outOfScope", analysis.outOfScope)
            writer.field("polarity", analysis.polarity.rawValue)
            writer.key("problem")
            writer.object { writer in
                writer.field("expectation", analysis.problem.expectation)
                writer.key("missing")
                writer.array(analysis.problem.missing) { writer, part in writer.string(part) }
                writer.field("whatHappened", analysis.problem.whatHappened)
                writer.field("when", analysis.problem.when)
                writer.field("whenText", analysis.problem.whenText)
            }
            writer.field("sentiment", analysis.sentiment)
            writer.field("state", "done")
            writer.field("urgent", analysis.urgent)
        }
    }
}
