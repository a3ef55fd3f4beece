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
    let index: HashIndex

    init(header: Header, hashes: [UInt32], idf: [Float], weights: [Float], bias: [Float]) {
        self.header = header
        self.hashes = hashes
        self.idf = idf
        self.weights = weights
        self.bias = bias
        index = HashIndex(hashes)
    }

    public var labels: [String] { header.labels }

    /// One intent and how sure the model is.
    public struct Prediction: Sendable, Hashable {
        public var label: String
        public var confidence: Double

        public init(label: String, confidence: Double) {
            self.label = label
            self.confidence = confidence
        }
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
        classify(probabilities: probabilities(FeatureExtractor(header.features).counts(text)), limit: limit)
    }

    /// Classifies a message the assistant already normalised and tokenised (the same tokens when
    /// both were cut at the same length).
    public func classify(_ text: PreparedText, limit: Int = 3) -> Classification {
        guard text.maxLength == header.features.maxLength else { return classify(text.original, limit: limit) }
        return classify(probabilities: probabilities(FeatureExtractor(header.features).counts(tokens: text.tokens)), limit: limit)
    }

    func classify(probabilities: [Float], limit: Int) -> Classification {
        let ranked = probabilities.enumerated().sorted { $0.element > $1.element }.prefix(max(1, limit))
        let top = ranked.map { Prediction(label: header.labels[$0.offset], confidence: Double($0.element)) }
        return Classification(top: top, outOfScope: (top.first?.confidence ?? 0) < Double(header.threshold))
    }

    /// The TF-IDF vector of a document, as kept-feature indices and L2-normalised values, from
    /// (hash, count) pairs in ascending hash order. Kept hashes are stored sorted, so the features
    /// come out in position order: the floating-point sums run in one fixed order for every caller,
    /// and a loaded model scores exactly as the trained one.
    func vector(_ pairs: [(hash: UInt32, count: Float)]) -> (indices: [Int32], values: [Float]) {
        var indices: [Int32] = []
        var values: [Float] = []
        indices.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        var norm: Float = 0
        for (hash, count) in pairs {
            guard let position = index[hash] else { continue }
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

    func probabilities(_ pairs: [(hash: UInt32, count: Float)]) -> [Float] {
        Softmax.probabilities(logits(vector(pairs)), temperature: header.temperature)
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

/// Kept feature hash → position: open addressing over the hash values themselves (already well
/// mixed), which is several times cheaper per lookup than a general dictionary.
struct HashIndex: Sendable {
    private let keys: [UInt32]
    private let positions: [Int32]
    private let mask: Int

    init(_ hashes: [UInt32]) {
        var capacity = 16
        while capacity < hashes.count * 2 { capacity <<= 1 }
        var keys = [UInt32](repeating: 0, count: capacity)
        var positions = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (position, hash) in hashes.enumerated() {
            var slot = Self.slot(hash, mask)
            while positions[slot] >= 0 && keys[slot] != hash { slot = (slot + 1) & mask }
            keys[slot] = hash
            positions[slot] = Int32(position)
        }
        self.keys = keys
        self.positions = positions
        self.mask = mask
    }

    static func slot(_ hash: UInt32, _ mask: Int) -> Int { Int((hash &* 0x9E37_79B1) >> 7) & mask }

    subscript(hash: UInt32) -> Int32? {
        var slot = Self.slot(hash, mask)
        while true {
            let position = positions[slot]
            if position < 0 { return nil }
            if keys[slot] == hash { return position }
            slot = (slot + 1) & mask
        }
    }
}
