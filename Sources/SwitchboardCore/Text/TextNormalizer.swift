import Foundation

/// Puts text into one canonical form before it is compared, indexed or classified:
/// Unicode NFKC, case folding, full-width to half-width, Persian/Arabic letter unification
/// (ي→ی, ك→ک, tatweel and diacritics removed, ZWNJ kept only between letters), Persian and
/// Arabic-Indic digits to ASCII, CJK punctuation to ASCII, white space collapsed.
public enum TextNormalizer {
    /// Normalises `text`. Pure and deterministic.
    public static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(text) }
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        var pendingJoiner = false
        for scalar in folded.unicodeScalars {
            guard let mapped = map(scalar) else { continue }
            if mapped == " " {
                pendingSpace = !output.isEmpty
                pendingJoiner = false
                continue
            }
            if mapped == zeroWidthNonJoiner {
                // Keep a joiner only inside a word: after a letter, before a letter, not next to a space.
                if !pendingSpace, let last = output.last, last.properties.isAlphabetic { pendingJoiner = true }
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
                pendingJoiner = false
            }
            if pendingJoiner {
                if mapped.properties.isAlphabetic { output.append(zeroWidthNonJoiner) }
                pendingJoiner = false
            }
            output.append(mapped)
        }
        return String(output)
    }

    /// ASCII needs no Unicode normalisation: lowercase, controls and white space become one space.
    static func normalizeASCII(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte <= 0x20 || byte == 0x7F {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(0x20)
                pendingSpace = false
            }
            output.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    static let zeroWidthNonJoiner: Unicode.Scalar = "\u{200C}"

    /// The replacement of one scalar: itself, another scalar, " " for any separator, or nil to drop it.
    static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if scalar.value < 0x80 {
            return scalar.value <= 0x20 || scalar.value == 0x7F ? " " : scalar
        }
        switch scalar.value {
        case 0x064A, 0x0649: return "\u{06CC}"  // Arabic yeh, alef maksura → Persian yeh
        case 0x0643: return "\u{06A9}"  // Arabic kaf → keheh
        case 0x0629, 0x06C0: return "\u{0647}"  // teh marbuta, heh with yeh above → heh
        case 0x0623, 0x0625, 0x0671: return "\u{0627}"  // alef with hamza / wasla → alef
        case 0x0624: return "\u{0648}"  // waw with hamza → waw
        case 0x0640: return nil  // tatweel
        case 0x064B...0x065F, 0x0670: return nil  // harakat and superscript alef
        case 0x200D, 0xFEFF, 0x200B: return nil  // ZWJ, BOM, zero-width space
        case 0x200C: return zeroWidthNonJoiner
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return nil  // bidi marks and overrides
        case 0x060C: return ","  // Arabic comma
        case 0x061B: return ";"  // Arabic semicolon
        case 0x061F: return "?"  // Arabic question mark
        case 0x06D4, 0x3002, 0xFF61: return "."  // Arabic full stop, ideographic full stop
        case 0x3001, 0xFF64: return ","  // ideographic comma
        case 0x300C, 0x300D, 0x300E, 0x300F, 0x201C, 0x201D, 0x00AB, 0x00BB: return "\""
        case 0x2018, 0x2019: return "'"
        case 0x3010, 0x3014, 0x3016: return "["
        case 0x3011, 0x3015, 0x3017: return "]"
        case 0x300A, 0x3008: return "<"
        case 0x300B, 0x3009: return ">"
        case 0x2012...0x2015: return "-"  // dashes
        default: break
        }
        if let digit = asciiDigit(scalar) { return digit }
        if scalar.properties.isWhitespace { return " " }
        if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
            return " "
        }
        return scalar
    }

    /// The ASCII digit for an ASCII, Persian or Arabic-Indic digit scalar.
    public static func asciiDigit(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x30...0x39: scalar
        case 0x06F0...0x06F9: Unicode.Scalar(0x30 + scalar.value - 0x06F0)
        case 0x0660...0x0669: Unicode.Scalar(0x30 + scalar.value - 0x0660)
        case 0xFF10...0xFF19: Unicode.Scalar(0x30 + scalar.value - 0xFF10)
        default: nil
        }
    }
}
