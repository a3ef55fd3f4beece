import SwitchboardCore

/// Which features a text yields: word uni- and bigrams and character n-grams, hashed into 32 bits.
/// Chinese needs no spaces (its characters are the words); Persian morphology is caught by the
/// character n-grams inside each word.
public struct FeatureConfiguration: Sendable, Hashable, Codable {
    /// Character n-gram lengths inside Latin, number and Persian words (with boundary markers).
    public var wordCharacterNGrams: ClosedRange<Int>
    /// Character n-gram lengths along a run of Chinese characters.
    public var cjkCharacterNGrams: ClosedRange<Int>
    /// Word bigrams (across all scripts) as well as unigrams.
    public var wordBigrams: Bool
    /// Word trigrams too.
    public var wordTrigrams: Bool
    /// Light stems of English and Persian words as extra features ("arrived" and "arriving" share one).
    public var stems: Bool
    /// Character n-grams over the words joined without spaces or ZWNJ (catches Persian written
    /// "می‌خواهم", "می خواهم" or "میخواهم"); nil for none.
    public var joinedCharacterNGrams: ClosedRange<Int>?
    /// Longest text analysed, in Unicode scalars; the rest is ignored (bounds the work per message).
    public var maxLength: Int

    public init(
        wordCharacterNGrams: ClosedRange<Int> = 2...4, cjkCharacterNGrams: ClosedRange<Int> = 1...3,
        wordBigrams: Bool = true, wordTrigrams: Bool = false, stems: Bool = false,
        joinedCharacterNGrams: ClosedRange<Int>? = nil, maxLength: Int = 2_000
    ) {
        self.wordCharacterNGrams = wordCharacterNGrams
        self.cjkCharacterNGrams = cjkCharacterNGrams
        self.wordBigrams = wordBigrams
        self.wordTrigrams = wordTrigrams
        self.stems = stems
        self.joinedCharacterNGrams = joinedCharacterNGrams
        self.maxLength = maxLength
    }
}

/// Turns text into hashed feature counts.
public struct FeatureExtractor: Sendable {
    public let configuration: FeatureConfiguration

    public init(_ configuration: FeatureConfiguration = FeatureConfiguration()) {
        self.configuration = configuration
    }

    /// (feature hash, count) pairs of one text, in ascending hash order.
    public func counts(_ text: String) -> [(hash: UInt32, count: Float)] {
        counts(tokens: Tokenizer.tokens(TextNormalizer.normalize(PreparedText.prefix(text, maxLength: configuration.maxLength))))
    }

    /// The same for tokens of text already bounded to `maxLength` and normalised. Sorting an array
    /// of hashes costs less per message than a dictionary, and gives the order `IntentModel.vector` needs.
    func counts(tokens: [Tokenizer.Token]) -> [(hash: UInt32, count: Float)] {
        var all = features(tokens: tokens)
        all.sort()
        var pairs: [(hash: UInt32, count: Float)] = []
        pairs.reserveCapacity(all.count)
        for hash in all {
            if let last = pairs.last, last.hash == hash { pairs[pairs.count - 1].count += 1 } else { pairs.append((hash, 1)) }
        }
        return pairs
    }

    /// Every feature hash of the tokens, with repeats, in the order produced.
    func features(tokens: [Tokenizer.Token]) -> [UInt32] {
        var features: [UInt32] = []
        features.reserveCapacity(tokens.count * 12)
        func add(_ hash: UInt32) { features.append(hash) }

        var previousWord: UInt32 = FeatureHash.boundary
        var beforePrevious: UInt32 = FeatureHash.boundary
        var joined: [Unicode.Scalar] = []
        var cjkRun: [Unicode.Scalar] = []
        func flushCJK() {
            guard !cjkRun.isEmpty else { return }
            let range = configuration.cjkCharacterNGrams
            for n in range where n <= cjkRun.count {
                for start in 0...(cjkRun.count - n) {
                    add(FeatureHash.scalars(cjkRun[start..<(start + n)], namespace: 3))
                }
            }
            cjkRun.removeAll(keepingCapacity: true)
        }

        var scalars: [Unicode.Scalar] = []
        var padded: [Unicode.Scalar] = []
        scalars.reserveCapacity(Tokenizer.maxWordLength)
        padded.reserveCapacity(Tokenizer.maxWordLength + 2)
        for token in tokens {
            scalars.removeAll(keepingCapacity: true)
            scalars.append(contentsOf: token.text.unicodeScalars)
            let word = FeatureHash.scalars(scalars[...], namespace: 1)
            add(word)
            if configuration.wordBigrams { add(FeatureHash.combine(previousWord, word, namespace: 2)) }
            if configuration.wordTrigrams { add(FeatureHash.combine(FeatureHash.combine(beforePrevious, previousWord, namespace: 5), word, namespace: 5)) }
            beforePrevious = previousWord
            previousWord = word
            if token.script == .cjk {
                if !token.joinsPrevious { flushCJK() }
                cjkRun.append(contentsOf: scalars)
                continue
            }
            flushCJK()
            if configuration.joinedCharacterNGrams != nil {
                joined.append(contentsOf: scalars.lazy.filter { $0 != TextNormalizer.zeroWidthNonJoiner })
            }
            if configuration.stems, token.script != .number {
                let stem = token.script == .arabic ? SearchTerms.stem(persian: token.text) : SearchTerms.stem(english: token.text)
                if stem != token.text { add(FeatureHash.scalars(Array(stem.unicodeScalars)[...], namespace: 6)) }
            }
            if token.script == .arabic, scalars.contains(TextNormalizer.zeroWidthNonJoiner) {
                // A Persian word joined by ZWNJ also counts as its parts ("می‌خواهم" → "می", "خواهم").
                for part in scalars.split(separator: TextNormalizer.zeroWidthNonJoiner) {
                    add(FeatureHash.scalars(part, namespace: 1))
                }
            }
            padded.removeAll(keepingCapacity: true)
            padded.append(FeatureHash.startMarker)
            for scalar in scalars where scalar != TextNormalizer.zeroWidthNonJoiner { padded.append(scalar) }
            padded.append(FeatureHash.endMarker)
            for n in configuration.wordCharacterNGrams where n <= padded.count {
                for start in 0...(padded.count - n) {
                    add(FeatureHash.scalars(padded[start..<(start + n)], namespace: 4))
                }
            }
        }
        flushCJK()
        if let range = configuration.joinedCharacterNGrams {
            for n in range where n <= joined.count {
                for start in 0...(joined.count - n) { add(FeatureHash.scalars(joined[start..<(start + n)], namespace: 7)) }
            }
        }
        if configuration.wordBigrams, previousWord != FeatureHash.boundary {
            add(FeatureHash.combine(previousWord, FeatureHash.boundary, namespace: 2))
        }
        return features
    }
}

/// FNV-1a over Unicode scalar values, with a namespace so a word and a character n-gram never share a hash by design.
enum FeatureHash {
    static let boundary: UInt32 = 0x9E37_79B9
    static let startMarker: Unicode.Scalar = "\u{02}"
    static let endMarker: Unicode.Scalar = "\u{03}"

    static func scalars(_ scalars: ArraySlice<Unicode.Scalar>, namespace: UInt32) -> UInt32 {
        var hash: UInt32 = 2_166_136_261 ^ namespace &* 16_777_619
        for scalar in scalars {
            var value = scalar.value
            for _ in 0..<3 {
                hash = (hash ^ (value & 0xFF)) &* 16_777_619
                value >>= 8
            }
        }
        return hash
    }

    static func combine(_ first: UInt32, _ second: UInt32, namespace: UInt32) -> UInt32 {
        var hash: UInt32 = 2_166_136_261 ^ namespace &* 16_777_619
        for var value in [first, second] {
            for _ in 0..<4 {
                hash = (hash ^ (value & 0xFF)) &* 16_777_619
                value >>= 8
            }
        }
        return hash
    }
}
