import ArgumentParser
import Foundation
import SwitchboardAssistant

/// `switchboard assistant`: evaluate the intent engine on a dataset, or ask it about one message.
struct AssistantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assistant", abstract: "The multilingual assistant engine.", subcommands: [Evaluate.self]
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
            print(String(format: "latency         p50 %.0f µs, p99 %.0f µs per message (full analysis)", result.latencyP50, result.latencyP99))
        }
    }
}
