import Foundation

/// Accuracy figures of a model on labelled test data.
public struct EvaluationReport: Sendable {
    public var examples: Int
    public var accuracy: Double
    public var macroF1: Double
    /// Share of out-of-scope test examples the model refused (nil when the test set has none).
    public var outOfScopeRecall: Double?
    /// Share of in-scope test examples the model wrongly called out of scope.
    public var refusedInScope: Double

    /// Scores `model` on `examples`. When the test set has out-of-scope examples, a refusal is a
    /// prediction like any other ("oos"); otherwise accuracy and macro-F1 are closed-set (the best
    /// intent, whatever its confidence), as published baselines measure them, and the refusals
    /// are reported on their own.
    public static func evaluate(_ model: IntentModel, on examples: [IntentTrainer.Example]) -> EvaluationReport {
        let openSet = examples.contains { IntentTrainer.outOfScopeLabels.contains($0.label) }
        var truePositives: [String: Int] = [:], falsePositives: [String: Int] = [:], falseNegatives: [String: Int] = [:]
        var correct = 0, inScope = 0, refused = 0, outOfScope = 0, outOfScopeRefused = 0
        for example in examples {
            let result = model.classify(example.text, limit: 1)
            let best = result.top.first?.label ?? "oos"
            let predicted = openSet && result.outOfScope ? "oos" : best
            if IntentTrainer.outOfScopeLabels.contains(example.label) {
                outOfScope += 1
                if result.outOfScope { outOfScopeRefused += 1 }
                continue
            }
            inScope += 1
            if result.outOfScope { refused += 1 }
            if predicted == example.label {
                correct += 1
                truePositives[example.label, default: 0] += 1
            } else {
                falseNegatives[example.label, default: 0] += 1
                falsePositives[predicted, default: 0] += 1
            }
        }
        let labels = Set(examples.map(\.label)).subtracting(IntentTrainer.outOfScopeLabels)
        let f1s = labels.map { label -> Double in
            let tp = Double(truePositives[label] ?? 0), fp = Double(falsePositives[label] ?? 0), fn = Double(falseNegatives[label] ?? 0)
            return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn)
        }
        return EvaluationReport(
            examples: examples.count, accuracy: inScope == 0 ? 0 : Double(correct) / Double(inScope),
            macroF1: f1s.isEmpty ? 0 : f1s.reduce(0, +) / Double(f1s.count),
            outOfScopeRecall: outOfScope == 0 ? nil : Double(outOfScopeRefused) / Double(outOfScope),
            refusedInScope: inScope == 0 ? 0 : Double(refused) / Double(inScope)
        )
    }
}
