import Foundation

/// Puts text into one canonical form before it is compared, indexed or classified:
/// Unicode NFKC, case folding, full-width to half-width, Persian/Arabic letter unification
/// (ي→ی, ك→ک, tatweel and diacritics removed, ZWNJ kept only between letters), Persian and
/// Arabic-Indic digits to ASCII, CJK punctuation to ASCII, white space collapsed.
public enum TextNormalizer {
    /// Normalises `text`. Pure and deterministic.
    public static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return normalizeASCII(text) }
        // Most Chinese and Persian text is already in NFKC form and has no letter case; skip both
        // passes when every character is in ranges they leave unchanged.
        let stable = text.unicodeScalars.allSatisfy(isStableUnderNFKCAndCaseFolding)
        return mapScalars(stable ? text : text.precomposedStringWithCompatibilityMapping.lowercased())
    }

    /// The per-character pass over text already in NFKC form and lowercase (ASCII letters are
    /// lowercased here too, for the fast path).
    static func mapScalars(_ folded: String) -> String {
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

    public static let zeroWidthNonJoiner: Unicode.Scalar = "\u{200C}"

    /// Whether NFKC and lowercasing leave this scalar unchanged and it combines with no neighbour.
    /// Conservative: anything not listed takes the full path. Full-width ASCII forms are mapped by
    /// `map` exactly as NFKC maps them, so they count as stable here.
    static func isStableUnderNFKCAndCaseFolding(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x0A, 0x0D, 0x09: true
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: true  // CJK unified ideographs (no decompositions)
        case 0x3001...0x3002, 0x3008...0x3011, 0x3014...0x3017, 0x201C, 0x201D, 0x2018, 0x2019, 0x2014: true
        case 0xFF01...0xFF5E: true  // full-width ASCII, mapped by `map`
        case 0x0621...0x063A, 0x0641...0x064A, 0x0660...0x0669, 0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC, 0x06C0: true
        case 0x06F0...0x06F9, 0x060C, 0x061B, 0x061F, 0x200C: true
        default: false
        }
    }

    /// The replacement of one scalar: itself, another scalar, " " for any separator, or nil to drop it.
    static func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if scalar.value < 0x80 {
            switch scalar.value {
            case 0x00...0x20, 0x7F: return " "
            case 0x41...0x5A: return Unicode.Scalar(scalar.value + 0x20)!
            default: return scalar
            }
        }
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x0626...0x063A, 0x0641...0x0642, 0x0644...0x0648, 0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC:
            return scalar  // common letters that need nothing
        case 0xFF01...0xFF5E:
            // Full-width ASCII to ASCII, as NFKC does, then through the ASCII rules (case, controls).
            let ascii = Unicode.Scalar(scalar.value - 0xFEE0)!
            return ("A"..."Z").contains(ascii) ? Unicode.Scalar(ascii.value + 0x20)! : ascii
        default: break
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
