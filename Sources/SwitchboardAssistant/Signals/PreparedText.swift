import SwitchboardCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One message made ready for the rule-based signals: bounded, normalised, cut into tokens, and a
/// compact form without spaces or ZWNJ for matching Chinese and Persian phrases however they were
/// spaced ("می‌خواهم", "می خواهم" and "میخواهم" all read "میخواهم").
public struct PreparedText: Sendable {
    /// The original text, cut to the analysed length.
    public let original: String
    public let normalized: String
    public let tokens: [Tokenizer.Token]
    /// Token texts, with a Persian word's ZWNJ removed.
    public let words: [String]
    /// The normalised text without spaces and ZWNJ.
    public let compact: String
    /// `compact` as UTF-8, for phrase search.
    let compactBytes: [UInt8]
    /// Most letters in capitals; read once here for both the sentiment and the handoff signals.
    let isShouting: Bool
    /// Three or more exclamation or question marks in a row.
    let hasExclamationRun: Bool

    /// The longest text the assistant reads, in Unicode scalars; the rest is ignored.
    public static let maxLength = 2_000

    /// The length `original` was cut to.
    public let maxLength: Int

    public init(_ text: String, maxLength: Int = PreparedText.maxLength) {
        self.maxLength = maxLength
        let bounded = Self.prefix(text, maxLength: maxLength)
        original = bounded
        normalized = TextNormalizer.normalize(bounded)
        tokens = Tokenizer.tokens(normalized)
        words = tokens.map { token in
            token.script == .arabic ? String(String.UnicodeScalarView(token.text.unicodeScalars.filter { $0 != TextNormalizer.zeroWidthNonJoiner })) : token.text
        }
        var compact = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars where scalar != " " && scalar != TextNormalizer.zeroWidthNonJoiner {
            compact.append(scalar)
        }
        self.compact = String(compact)
        compactBytes = Array(self.compact.utf8)
        isShouting = Self.isShouting(bounded)
        hasExclamationRun = Self.hasExclamationRun(bounded)
    }

    /// At least eight Latin letters, and 70% or more of them capitals.
    static func isShouting(_ original: String) -> Bool {
        var upper = 0, letters = 0
        for scalar in original.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A: upper += 1; letters += 1
            case 0x61...0x7A: letters += 1
            default: break
            }
        }
        return letters >= 8 && Double(upper) >= Double(letters) * 0.7
    }

    /// "!!!", "？？？", "!?!": three marks in a row.
    static func hasExclamationRun(_ original: String) -> Bool {
        var run = 0
        for scalar in original.unicodeScalars {
            switch scalar {
            case "!", "?", "！", "？", "؟", "¡": run += 1
                if run >= 3 { return true }
            case " ": continue
            default: run = 0
            }
        }
        return false
    }

    /// The first `maxLength` Unicode scalars of `text`. Scalars never outnumber UTF-8 bytes, so most
    /// texts are returned as they are, without counting or copying.
    static func prefix(_ text: String, maxLength: Int) -> String {
        text.utf8.count <= maxLength || text.unicodeScalars.count <= maxLength
            ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxLength)))
    }
}

/// Phrases written for matching: normalised the same way as messages.
enum Phrase {
    static func compact(_ phrase: String) -> String { PreparedText(phrase).compact }
}

/// A phrase to look for inside compact text, as written and as compact UTF-8 bytes. Searching
/// bytes keeps the signals off Foundation's string search, which costs microseconds per call.
struct Needle: Sendable, Hashable {
    /// The phrase as written, for showing which words matched.
    let text: String
    let bytes: [UInt8]

    init(_ phrase: String) {
        text = phrase
        bytes = Array(Phrase.compact(phrase).utf8)
    }
}

/// Substring search over bytes and other small arrays.
enum ByteSearch {
    /// The first position at or after `from` where `needle` occurs in `haystack`.
    static func find<T: Equatable>(_ needle: [T], in haystack: some RandomAccessCollection<T>, from: Int = 0) -> Int? {
        let count = haystack.count, length = needle.count
        guard length > 0, count >= length, from <= count - length else { return nil }
        let base = haystack.startIndex
        let first = needle[0]
        var position = from
        while position <= count - length {
            if haystack[haystack.index(base, offsetBy: position)] == first {
                var offset = 1
                while offset < length, haystack[haystack.index(base, offsetBy: position + offset)] == needle[offset] { offset += 1 }
                if offset == length { return position }
            }
            position += 1
        }
        return nil
    }

    /// The last position where `needle` occurs.
    static func findLast(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        var last: Int?
        var from = 0
        while let position = find(needle, in: haystack, from: from) {
            last = position
            from = position + 1
        }
        return last
    }

    static func contains<T: Equatable>(_ needle: [T], in haystack: some RandomAccessCollection<T>) -> Bool {
        find(needle, in: haystack) != nil
    }

    /// Bytes: `memchr` to the next candidate first byte, `memcmp` for the rest.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty, from >= 0, haystack.count - from >= needle.count else { return nil }
        return haystack.withUnsafeBytes { hay -> Int? in
            needle.withUnsafeBytes { pin -> Int? in
                let base = hay.baseAddress!
                let last = hay.count - pin.count
                var position = from
                while position <= last {
                    guard let hit = memchr(base + position, Int32(pin[0]), last - position + 1) else { return nil }
                    let offset = UnsafeRawPointer(hit) - base
                    if memcmp(base + offset, pin.baseAddress!, pin.count) == 0 { return offset }
                    position = offset + 1
                }
                return nil
            }
        }
    }

    static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool { find(needle, in: haystack) != nil }

    /// Whether `needle` starts at `position`.
    static func occurs(_ needle: [UInt8], in haystack: [UInt8], at position: Int) -> Bool {
        position >= 0 && position + needle.count <= haystack.count && haystack[position..<(position + needle.count)].elementsEqual(needle)
    }

    /// Whether `needle` ends right before `position`.
    static func endsBefore(_ position: Int, _ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        occurs(needle, in: haystack, at: position - needle.count)
    }
}

extension PreparedText {
    /// Whether the compact text contains the phrase.
    func contains(_ needle: Needle) -> Bool { ByteSearch.contains(needle.bytes, in: compactBytes) }
}
