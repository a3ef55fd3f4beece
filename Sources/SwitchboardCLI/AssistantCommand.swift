import ArgumentParser
import Foundation
import SwitchboardAssistant

/// `switchboard assistant`: evaluate the intent engine on a dataset, or ask it about one message.
struct AssistantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assistant", abstract: "The multilingual assistant engine.", subcommands: [Evaluate.self, Ask.self, Handoff.self]
    )

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval", abstract: "Train on one file, test on another, print accuracy, macro-F1, time, size and latency."
        )

        @Option(help: "banking77, massive, smp or tsv.") var format: String
        @Option(help: "Training data.") var train: String
        @Option(help: "Test data.") var test: String
        @Option(help: "Validation data for calibration (default: 10% of the training data).") var valid: String?
        @Option(help: "Training epochs.") var epochs = IntentTrainer.Options().epochs
        @Option(help: "AdaGrad learning rate.") var learningRate = IntentTrainer.Options().learningRate
        @Option(help: "L2 regularisation.") var l2 = IntentTrainer.Options().l2
        @Option(help: "Keep features seen in at least this many training texts.") var minDocumentFrequency = IntentTrainer.Options().minimumDocumentFrequency
        @Option(help: "Shortest character n-gram inside words.") var charMin = FeatureConfiguration().wordCharacterNGrams.lowerBound
        @Option(help: "Longest character n-gram inside words.") var charMax = FeatureConfiguration().wordCharacterNGrams.upperBound
        @Option(help: "Random seed.") var seed: UInt64 = IntentTrainer.Options().seed
        @Flag(help: "Add word trigrams.") var wordTrigrams = false
        @Flag(help: "Add light stems of English and Persian words.") var stems = false
        @Option(help: "Longest character n-gram over the words joined without spaces (0: none).") var joinedMax = 0

        func validate() throws {
            guard charMin >= 1, charMax <= 8, epochs >= 1, epochs <= 1_000 else {
                throw ValidationError("use 1 ≤ --char-min ≤ --char-max ≤ 8 and 1–1000 epochs")
            }
            guard DatasetFormat(rawValue: format) != nil else {
                throw ValidationError("--format must be one of \(DatasetFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            _ = try evaluate()
        }

        /// Trains, tests and prints the figures; returns them for callers that check them.
        func evaluate() throws -> EvaluationRun {
            var options = IntentTrainer.Options()
            options.epochs = epochs
            options.seed = seed
            options.learningRate = learningRate
            options.l2 = l2
            options.minimumDocumentFrequency = minDocumentFrequency
            options.features.wordCharacterNGrams = charMin...max(charMin, charMax)
            if wordTrigrams { options.features.wordTrigrams = true }
            if stems { options.features.stems = true }
            if joinedMax > 0 { options.features.joinedCharacterNGrams = 2...joinedMax }
            let result = try EvaluationRun.run(
                format: DatasetFormat(rawValue: format)!, train: URL(fileURLWithPath: train), test: URL(fileURLWithPath: test),
                validation: valid.map { URL(fileURLWithPath: $0) }, options: options
            )
            let report = result.report
            print(String(format: "accuracy        %.2f%%  (%d test examples, %d intents)", report.accuracy * 100, report.examples, result.model.labels.count))
            print(String(format: "macro-F1        %.2f%%", report.macroF1 * 100))
            if let recall = report.outOfScopeRecall {
                print(String(format: "out-of-scope    %.2f%% recall", recall * 100))
            }
            print(String(format: "refused         %.2f%% of in-scope examples fell below the threshold %.3f", report.refusedInScope * 100, result.model.header.threshold))
            print(String(format: "training        %.2f s on %d examples", result.trainingSeconds, result.trainingExamples))
            print(String(format: "model           %.1f MB", Double(result.modelBytes) / 1_000_000))
            print(String(format: "latency         p50 %.0f µs, p99 %.0f µs per message (intent, language, handoff, sentiment, entities, problem)", result.latencyP50, result.latencyP99))
            if let accuracy = result.languageAccuracy, let language = result.expectedLanguage {
                print(String(format: "language id     %.2f%% of test texts identified as %@", accuracy * 100, language.rawValue))
            }
            return result
        }
    }

    struct Ask: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ask",
            abstract: "Analyse one customer message with the demo desk's assistant.",
            discussion: "Trains the assistant on the built-in English, Chinese and Persian intents (about a second), then prints the language, intent and confidence, handoff advice, sentiment, entities, the problem statement and the best article."
        )

        @Argument(help: "The customer's message.") var text: String
        @Option(help: "Language of the message (en, zh, fa), instead of identifying it.") var lang: String?
        @Option(name: .customLong("earlier"), help: "An earlier message from the same customer (repeatable, oldest first).") var earlier: [String] = []

        func validate() throws {
            if let lang, Language(rawValue: lang) == nil || lang == Language.other.rawValue {
                throw ValidationError("--lang must be en, zh or fa")
            }
        }

        func run() async throws {
            let started = ContinuousClock.now
            let assistant = try DemoContent.assistant()
            let trained = ContinuousClock.now - started
            let analysis = assistant.analyze(text, history: earlier, language: lang.flatMap(Language.init(rawValue:)))
            print(AnalysisReport.render(analysis, trainingTime: trained))
        }
    }
}

extension AssistantCommand {
    /// `switchboard assistant handoff --file F`: how well "talk to a person" is heard on a list.
    struct Handoff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "handoff",
            abstract: "Measure the handoff detector on a list of requests for a person and look-alikes: recall, precision, and what it got wrong.",
            discussion: "The file has one case a line: `request<TAB>text` (asks for a person) or `not<TAB>text` (does not); blank lines and "
                + "lines starting with # are skipped. No training: the detector reads words, not intents. The goals are recall ≥ 98% "
                + "and precision ≥ 95%; the exit status is 0 whether they are met or not, and 64 (with the line) for a file that does not read."
        )

        @Option(help: "The list (UTF-8, tab-separated).") var file: String
        @Option(help: "The list's language (en, zh, fa), for the report's heading.") var language: String?

        func validate() throws {
            if let language, Language(rawValue: language) == nil || language == Language.other.rawValue {
                throw ValidationError("--language must be en, zh or fa")
            }
        }

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read \(file) as UTF-8 text")
            }
            let cases: [HandoffEvaluation.Case]
            do {
                cases = try HandoffEvaluation.parse(text)
            } catch let error as HandoffEvaluation.ParseError {
                throw ValidationError("\(file), \(error)")
            }
            let report = HandoffEvaluation.run(cases, language: language.flatMap(Language.init(rawValue:)))
            let heading = language.map { "\($0): " } ?? ""
            print(String(
                format: "%@%d cases (%d requests, %d look-alikes): recall %.1f%% (goal 98%%), precision %.1f%% (goal 95%%)%@",
                heading, report.count, report.truePositives + report.falseNegatives, report.falsePositives + report.trueNegatives,
                report.recall * 100, report.precision * 100, report.recall >= 0.98 && report.precision >= 0.95 ? "" : " — goal not met"
            ))
            for missed in report.missed { print("missed       \(missed)") }
            for taken in report.wronglyTaken { print("wrongly taken \(taken)") }
        }
    }
}

/// The text `assistant ask` prints.
enum AnalysisReport {
    static func render(_ analysis: Assistant.Analysis, trainingTime: Duration) -> String {
        var lines: [String] = []
        let language = analysis.language
        lines.append("language    \(language.language.rawValue) (\(percent(language.confidence))\(language.present.count > 1 ? "; also " + language.present.dropFirst().map(\.rawValue).joined(separator: ", ") : ""))")
        if let intent = analysis.classification.intent {
            lines.append("intent      \(intent.label) (\(percent(intent.confidence)))")
        } else {
            let best = analysis.classification.top.first.map { " — best guess \($0.label) at \(percent($0.confidence))" } ?? ""
            lines.append("intent      out of scope\(best)")
        }
        let alternatives = analysis.classification.top.dropFirst().map { "\($0.label) \(percent($0.confidence))" }
        if !alternatives.isEmpty { lines.append("            then \(alternatives.joined(separator: ", "))") }
        let handoff = analysis.handoff
        let handoffText = handoff.requested ? "requested (\"\(handoff.matchedPhrase ?? "")\")"
            : handoff.recommended ? "recommended (\(handoff.reasons.map(\.rawValue).joined(separator: ", ")))" : "no"
        lines.append("handoff     \(handoffText)")
        lines.append(String(format: "sentiment   %@ (score %.2f, anger %.2f)", analysis.sentiment.polarity.rawValue, analysis.sentiment.score, analysis.sentiment.anger))
        if analysis.entities.isEmpty {
            lines.append("entities    none")
        } else {
            for (index, entity) in analysis.entities.enumerated() {
                lines.append("\(index == 0 ? "entities    " : "            ")\(entity.kind.rawValue): \(entity.value)  (\"\(entity.text)\")")
            }
        }
        let problem = analysis.problem
        lines.append("problem     what happened: \(problem.whatHappened ?? "—")")
        lines.append("            when: \(problem.when.map { "\($0) (\"\(problem.whenText ?? "")\")" } ?? "—")")
        lines.append("            expects: \(problem.expectation?.rawValue ?? "—")")
        if let question = problem.nextQuestion(in: language.language) { lines.append("            ask next: \(question)") }
        if let best = analysis.articles.first {
            lines.append("article     \(best.article.title) [\(best.article.id)]")
            lines.append("            \(best.passage)")
        } else {
            lines.append("article     none")
        }
        lines.append(String(format: "(assistant trained on the demo intents in %.2f s)", Double(trainingTime.components.seconds) + Double(trainingTime.components.attoseconds) / 1e18))
        return lines.joined(separator: "\n")
    }

    static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
}
