import Foundation

/// Trains an `IntentModel` from (text, intent) pairs: multinomial logistic regression with sparse
/// AdaGrad and L2, on TF-IDF-weighted hashed features. Deterministic given the data and the seed.
public struct IntentTrainer: Sendable {
    public struct Options: Sendable, Hashable {
        public var features: FeatureConfiguration
        public var epochs: Int
        public var learningRate: Float
        public var l2: Float
        /// A feature must appear in at least this many training texts to be kept.
        public var minimumDocumentFrequency: Int
        public var seed: UInt64
        /// Share of the training data held back for calibration when no validation set is given.
        public var validationShare: Double

        public init(
            features: FeatureConfiguration = FeatureConfiguration(), epochs: Int = 50, learningRate: Float = 0.1,
            l2: Float = 1e-6, minimumDocumentFrequency: Int = 1, seed: UInt64 = 20_251_123, validationShare: Double = 0.1
        ) {
            self.features = features
            self.epochs = epochs
            self.learningRate = learningRate
            self.l2 = l2
            self.minimumDocumentFrequency = minimumDocumentFrequency
            self.seed = seed
            self.validationShare = validationShare
        }
    }

    /// One labelled text.
    public struct Example: Sendable, Hashable {
        public var text: String
        public var label: String

        public init(text: String, label: String) {
            self.text = text
            self.label = label
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// The label used in data for "none of the intents"; such examples train the threshold, not a class.
    public static let outOfScopeLabels: Set<String> = ["oos", "out_of_scope", "out-of-scope"]

    /// Trains on `examples`; calibrates on `validation`, or on a held-back share of `examples` when nil.
    public func train(_ examples: [Example], validation: [Example]? = nil) throws -> IntentModel {
        var random = SeededRandom(seed: options.seed)
        var training = examples
        var held = validation ?? []
        if validation == nil {
            // Hold back a stratified share: every intent keeps most of its examples.
            var byLabel: [String: [Example]] = [:]
            for example in examples { byLabel[example.label, default: []].append(example) }
            training = []
            for label in byLabel.keys.sorted() {
                var group = byLabel[label]!
                random.shuffle(&group)
                let count = group.count >= 5 ? Int((Double(group.count) * options.validationShare).rounded()) : 0
                held += group.prefix(count)
                training += group.dropFirst(count)
            }
        }
        let inScope = training.filter { !Self.outOfScopeLabels.contains($0.label) }
        let labels = Array(Set(inScope.map(\.label))).sorted()
        guard labels.count >= 2 else { throw AssistantError.invalidTrainingData("at least two intents are needed") }
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })

        let extractor = FeatureExtractor(options.features)
        let documents = inScope.map { extractor.counts($0.text) }
        var frequency: [UInt32: Int] = [:]
        for document in documents { for (hash, _) in document { frequency[hash, default: 0] += 1 } }
        let hashes = frequency.filter { $0.value >= options.minimumDocumentFrequency }.keys.sorted()
        let total = Float(documents.count)
        let idf = hashes.map { log((total + 1) / (Float(frequency[$0]!) + 1)) + 1 }

        let classes = labels.count
        var model = IntentModel(
            header: IntentModel.Header(
                labels: labels, features: options.features, temperature: 1, threshold: 0, seed: options.seed, trainingExamples: inScope.count
            ),
            hashes: hashes, idf: idf, weights: [Float](repeating: 0, count: hashes.count * classes), bias: [Float](repeating: 0, count: classes)
        )
        let vectors = documents.map(model.vector)
        let targets = inScope.map { labelIndex[$0.label]! }
        let (weights, bias) = optimise(vectors: vectors, targets: targets, features: hashes.count, classes: classes, random: &random)
        model = IntentModel(header: model.header, hashes: hashes, idf: idf, weights: weights, bias: bias)

        // Calibrate on held-out data: temperature first, then the out-of-scope threshold.
        let validationLogits = held.map { (model.logits(model.vector(extractor.counts($0.text))), labelIndex[$0.label]) }
        model.header.temperature = Calibration.temperature(validationLogits.compactMap { logits, label in label.map { (logits, $0) } })
        model.header.threshold = Calibration.threshold(
            validationLogits.map { logits, label in (Softmax.probabilities(logits, temperature: model.header.temperature), label) }
        )
        return model
    }

    /// Sparse AdaGrad on softmax cross-entropy with L2, over shuffled examples. The step size adapts
    /// per feature (one accumulator per weight row), which costs one square root per active feature
    /// instead of one per weight and trains as well on text.
    func optimise(
        vectors: [(indices: [Int32], values: [Float])], targets: [Int], features: Int, classes: Int, random: inout SeededRandom
    ) -> ([Float], [Float]) {
        var weights = [Float](repeating: 0, count: features * classes)
        var rowSquares = [Float](repeating: 1e-6, count: features)
        var bias = [Float](repeating: 0, count: classes)
        var biasSquares: Float = 1e-6
        var order = Array(vectors.indices)
        var gradient = [Float](repeating: 0, count: classes)
        let rate = options.learningRate, l2 = options.l2
        for _ in 0..<options.epochs {
            random.shuffle(&order)
            for example in order {
                let (indices, values) = vectors[example]
                weights.withUnsafeMutableBufferPointer { weights in
                    gradient.withUnsafeMutableBufferPointer { gradient in
                        for label in 0..<classes { gradient[label] = bias[label] }
                        for (position, value) in zip(indices, values) {
                            let row = Int(position) * classes
                            for label in 0..<classes { gradient[label] += weights[row + label] * value }
                        }
                        var maximum = -Float.infinity
                        for label in 0..<classes { maximum = max(maximum, gradient[label]) }
                        var sum: Float = 0
                        for label in 0..<classes {
                            gradient[label] = exp(gradient[label] - maximum)
                            sum += gradient[label]
                        }
                        // The loss's gradient with respect to each logit: p - y.
                        var squared: Float = 0
                        for label in 0..<classes {
                            gradient[label] = gradient[label] / sum - (label == targets[example] ? 1 : 0)
                            squared += gradient[label] * gradient[label]
                        }
                        let meanSquared = squared / Float(classes)
                        for (position, value) in zip(indices, values) {
                            let row = Int(position) * classes
                            rowSquares[Int(position)] += meanSquared * value * value
                            let step = rate / rowSquares[Int(position)].squareRoot()
                            for label in 0..<classes {
                                weights[row + label] -= step * (gradient[label] * value + l2 * weights[row + label])
                            }
                        }
                        biasSquares += meanSquared
                        let biasStep = rate / biasSquares.squareRoot()
                        for label in 0..<classes { bias[label] -= biasStep * gradient[label] }
                    }
                }
            }
        }
        return (weights, bias)
    }
}

/// Choosing the temperature and the out-of-scope threshold on validation data.
enum Calibration {
    /// The temperature minimising negative log-likelihood (golden-section search on a log scale).
    static func temperature(_ examples: [(logits: [Float], label: Int)]) -> Float {
        guard !examples.isEmpty else { return 1 }
        func loss(_ temperature: Float) -> Double {
            examples.reduce(0) { total, example in
                total - Double(log(max(Softmax.probabilities(example.logits, temperature: temperature)[example.label], 1e-12)))
            }
        }
        var low: Float = log(0.05), high: Float = log(20)
        let ratio: Float = 0.618_034
        for _ in 0..<40 {
            let a = high - ratio * (high - low), b = low + ratio * (high - low)
            if loss(exp(a)) < loss(exp(b)) { high = b } else { low = a }
        }
        return exp((low + high) / 2)
    }

    /// With out-of-scope examples in the validation data (label nil), the threshold that best
    /// separates them; otherwise the confidence below which only 5% of correct answers fall.
    static func threshold(_ examples: [(probabilities: [Float], label: Int?)]) -> Float {
        guard !examples.isEmpty else { return 0.2 }
        let scored = examples.map { example -> (confidence: Float, correct: Bool, inScope: Bool) in
            let best = example.probabilities.indices.max { example.probabilities[$0] < example.probabilities[$1] }!
            return (example.probabilities[best], example.label == best, example.label != nil)
        }
        if scored.contains(where: { !$0.inScope }) {
            // Maximise the share of right decisions: correct in-scope answers kept, out-of-scope refused.
            let candidates = Set(scored.map(\.confidence)).sorted()
            var best: (Float, Int) = (0.5, -1)
            for threshold in candidates {
                let right = scored.reduce(0) { count, item in
                    count + (item.inScope ? (item.correct && item.confidence >= threshold ? 1 : 0) : (item.confidence < threshold ? 1 : 0))
                }
                if right > best.1 { best = (threshold, right) }
            }
            return best.0
        }
        let correct = scored.filter(\.correct).map(\.confidence).sorted()
        guard !correct.isEmpty else { return 0.2 }
        return min(max(correct[Int(Double(correct.count) * 0.05)], 0.05), 0.9)
    }
}

/// A small deterministic generator (SplitMix64) for shuffles.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher–Yates with this generator, so a seed always gives the same order.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for index in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(index, Int(next() % UInt64(index + 1)))
        }
    }
}

/// Problems the assistant reports.
public enum AssistantError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidTrainingData(String)
    case invalidModelFile(String)
    case unreadableDataset(String)

    public var description: String {
        switch self {
        case .invalidTrainingData(let message): "cannot train: \(message)"
        case .invalidModelFile(let message): "not a Switchboard intent model: \(message)"
        case .unreadableDataset(let message): "cannot read the dataset: \(message)"
        }
    }
}
