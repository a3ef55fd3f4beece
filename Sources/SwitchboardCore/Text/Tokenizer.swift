/// Cuts normalised text into words for Latin-like and Arabic scripts and into single
/// characters for CJK scripts, which are written without spaces.
public enum Tokenizer {
    /// The script family of a token.
    public enum Script: Sendable, Hashable {
        /// Latin, Cyrillic, Greek and other space-separated alphabets.
        case latin
        /// Persian and Arabic; a word may hold a zero-width non-joiner.
        case arabic
        /// Han, kana and Hangul: one character per token.
        case cjk
        /// ASCII digits (and letters mixed into them, like "a123").
        case number
    }

    /// One token of normalised text.
    public struct Token: Sendable, Hashable {
        public var text: String
        public var script: Script
        /// Whether this CJK character directly follows the previous token (no gap) — bigrams are built across such pairs.
        public var joinsPrevious: Bool

        public init(text: String, script: Script, joinsPrevious: Bool = false) {
            self.text = text
            self.script = script
            self.joinsPrevious = joinsPrevious
        }
    }

    /// The longest word kept; longer runs are cut (they are never useful words, and they bound work).
    public static let maxWordLength = 64

    /// Tokenises text that `TextNormalizer.normalize` produced.
    public static func tokens(_ normalized: String) -> [Token] {
        var normalized = normalized
        if let ascii = normalized.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? asciiTokens(bytes) : nil }) { return ascii }
        return scalarTokens(normalized)
    }

    /// The same cut for ASCII text, over bytes: most English messages take this path.
    static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4)
        var word: [UInt8] = []
        word.reserveCapacity(maxWordLength)
        var wordScript: Script?
        func flush() {
            if let script = wordScript, !word.isEmpty {
                tokens.append(Token(text: String(decoding: word.prefix(maxWordLength), as: UTF8.self), script: script))
            }
            word.removeAll(keepingCapacity: true)
            wordScript = nil
        }
        for byte in bytes {
            let isDigit = byte >= 0x30 && byte <= 0x39
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if byte == 0x27 {
                // An apostrophe inside a Latin word ("don't") is dropped, not a break.
                if wordScript != .latin { flush() }
            } else if isDigit || isLetter {
                if wordScript == nil { wordScript = isDigit ? .number : .latin }
                word.append(byte)
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }

    static func scalarTokens(_ normalized: String) -> [Token] {
        var tokens: [Token] = []
        var word = String.UnicodeScalarView()
        var wordScript: Script?
        var previousWasCJK = false

        func flush() {
            if let script = wordScript, !word.isEmpty {
                var scalars = word
                while scalars.last == TextNormalizer.zeroWidthNonJoiner { scalars.removeLast() }
                if !scalars.isEmpty {
                    tokens.append(Token(text: String(String.UnicodeScalarView(scalars.prefix(maxWordLength))), script: script))
                }
            }
            word = String.UnicodeScalarView()
            wordScript = nil
        }

        for scalar in normalized.unicodeScalars {
            let kind = classify(scalar)
            switch kind {
            case .cjk:
                flush()
                tokens.append(Token(text: String(scalar), script: .cjk, joinsPrevious: previousWasCJK))
                previousWasCJK = true
                continue
            case .arabic where scalar == TextNormalizer.zeroWidthNonJoiner:
                if wordScript == .arabic { word.append(scalar) }
            case .arabic:
                if wordScript != .arabic { flush(); wordScript = .arabic }
                word.append(scalar)
            case .latin, .number:
                if scalar == "'" {
                    // An apostrophe inside a Latin word ("don't") is dropped, not a break.
                    if wordScript == .latin { break }
                    flush()
                    break
                }
                if wordScript == nil || wordScript == .arabic {
                    flush()
                    wordScript = kind
                } else if wordScript == .number && kind == .latin {
                    wordScript = .number
                }
                word.append(scalar)
            case nil:
                flush()
            }
            previousWasCJK = false
        }
        flush()
        return tokens
    }

    /// The script family of a scalar, or nil for separators (punctuation, symbols, emoji).
    static func classify(_ scalar: Unicode.Scalar) -> Script? {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x30...0x39: return .number
            case 0x41...0x5A, 0x61...0x7A, 0x27: return .latin
            default: return nil
            }
        }
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: return .cjk
        case 0x0621...0x063A, 0x0641...0x064A, 0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC, 0x200C: return .arabic
        default: break
        }
        switch value {
        case 0x30...0x39: return .number
        case 0x27: return .latin
        case 0x200C: return .arabic
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
            return scalar.properties.isAlphabetic ? .arabic : nil
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xAC00...0xD7AF, 0x20000...0x3134F:
            return scalar.properties.isAlphabetic ? .cjk : nil
        default:
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil { return .latin }
            return nil
        }
    }
}
