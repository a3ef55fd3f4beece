import Foundation

/// A trained intent classifier: TF-IDF-weighted hashed features and a softmax layer, with a
/// calibration temperature and an out-of-scope threshold chosen on validation data.
public struct IntentModel: Sendable {
    /// What the model was built from, written into its file.
    public struct Header: Sendable, Codable, Hashable {
        public var labels: [String]
        public var features: FeatureConfiguration
        /// Divides the logits before softmax so confidences match observed accuracy.
        public var temperature: Float
        /// Below this top confidence the answer is "out of scope".
        public var threshold: Float
        public var seed: UInt64
        public var trainingExamples: Int
    }

    public var header: Header
    /// Kept feature hashes, sorted, and their inverse document frequencies.
    let hashes: [UInt32]
    let idf: [Float]
    /// Weights, feature-major: `weights[feature * classes + label]`.
    let weights: [Float]
    let bias: [Float]
    let index: [UInt32: Int32]

    init(header: Header, hashes: [UInt32], idf: [Float], weights: [Float], bias: [Float]) {
        self.header = header
        self.hashes = hashes
        self.idf = idf
        self.weights = weights
        self.bias = bias
        var index: [UInt32: Int32] = [:]
        index.reserveCapacity(hashes.count)
        for (position, hash) in hashes.enumerated() { index[hash] = Int32(position) }
        self.index = index
    }

    public var labels: [String] { header.labels }

    /// One intent and how sure the model is.
    public struct Prediction: Sendable, Hashable {
        public var label: String
        public var confidence: Double
    }

    /// The result of classifying one text.
    public struct Classification: Sendable, Hashable {
        /// The best intents, most confident first.
        public var top: [Prediction]
        /// True when even the best intent is below the model's threshold.
        public var outOfScope: Bool

        /// The intent to act on, or nil when out of scope.
        public var intent: Prediction? { outOfScope ? nil : top.first }
    }

    /// Classifies `text`, returning the `limit` best intents.
    public func classify(_ text: String, limit: Int = 3) -> Classification {
        let probabilities = self.probabilities(FeatureExtractor(header.features).counts(text))
        let ranked = probabilities.enumerated().sorted { $0.element > $1.element }.prefix(max(1, limit))
        let top = ranked.map { Prediction(label: header.labels[$0.offset], confidence: Double($0.element)) }
        return Classification(top: top, outOfScope: (top.first?.confidence ?? 0) < Double(header.threshold))
    }

    /// The TF-IDF vector of a document, as kept-feature indices and L2-normalised values.
    func vector(_ counts: [UInt32: Float]) -> (indices: [Int32], values: [Float]) {
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(counts.count)
        values.reserveCapacity(counts.count)
        // Sorted by feature position: a dictionary's order varies between instances, and floating-point
        // sums must not, or the same text would score differently in a loaded model.
        var present: [(position: Int32, count: Float)] = []
        present.reserveCapacity(counts.count)
        for (hash, count) in counts {
            if let position = index[hash] { present.append((position, count)) }
        }
        present.sort { $0.position < $1.position }
        var norm: Float = 0
        for (position, count) in present {
            let value = (1 + log(count)) * idf[Int(position)]
            indices.append(position)
            values.append(value)
            norm += value * value
        }
        if norm > 0 {
            let scale = 1 / norm.squareRoot()
            for offset in values.indices { values[offset] *= scale }
        }
        return (indices, values)
    }

    func logits(_ vector: (indices: [Int32], values: [Float])) -> [Float] {
        let classes = bias.count
        var logits = bias
        weights.withUnsafeBufferPointer { weights in
            logits.withUnsafeMutableBufferPointer { logits in
                for (position, value) in zip(vector.indices, vector.values) {
                    let row = Int(position) * classes
                    for label in 0..<classes { logits[label] += weights[row + label] * value }
                }
            }
        }
        return logits
    }

    func probabilities(_ counts: [UInt32: Float]) -> [Float] {
        Softmax.probabilities(logits(vector(counts)), temperature: header.temperature)
    }
}

enum Softmax {
    static func probabilities(_ logits: [Float], temperature: Float = 1) -> [Float] {
        let maximum = logits.max() ?? 0
        var exponents = logits.map { exp(($0 - maximum) / temperature) }
        let sum = exponents.reduce(0, +)
        for index in exponents.indices { exponents[index] /= sum }
        return exponents
    }
}
