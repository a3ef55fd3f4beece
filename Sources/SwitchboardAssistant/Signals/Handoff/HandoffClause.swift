import SwitchboardCore

/// One clause of a message, made ready for the handoff rules: a request for a person is decided
/// clause by clause, so "I don't need an agent, just tell me the price" is not one and "my order is
/// late. human please" is.
struct HandoffClause: Sendable {
    /// Words: Latin words with letters repeated three times or more shortened ("humannnn" → "human"),
    /// Persian words without ZWNJ, folded ("آ" → "ا", "ئ" → "ی") and with a split "می"/"نمی" joined,
    /// and each run of Chinese characters as one word.
    var words: [String]
    var scripts: [Tokenizer.Script]
    /// A clause with Chinese in it without spaces and ZWNJ, as scalars, for the Chinese rules; empty otherwise.
    var compact: [Unicode.Scalar]
    /// "!" or "?" when the clause ended with one.
    var mark: Unicode.Scalar?
    var hasChinese: Bool { scripts.contains(.cjk) }
    var hasPersian: Bool { scripts.contains(.arabic) }
    var hasLatin: Bool { scripts.contains(.latin) }

    /// Cuts normalised text at sentence and clause punctuation. Normalisation made every such mark
    /// ASCII ("，" → ",", "؟" → "?", "…" → "..."), so the text is cut by its bytes, without copying scalars.
    static func cut(_ normalized: String) -> [HandoffClause] {
        var clauses: [HandoffClause] = []
        let bytes = normalized.utf8
        var start = bytes.startIndex
        func close(at end: String.Index, mark: Unicode.Scalar?) {
            if start < end, let clause = HandoffClause(String(normalized[start..<end]), mark: mark) { clauses.append(clause) }
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "?"):
                close(at: index, mark: Unicode.Scalar(byte))
                start = bytes.index(after: index)
            // Brackets and quotes stay inside their sentence: "the agent (DHL) left it" is one clause.
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "~"), UInt8(ascii: "|"), UInt8(ascii: "\n"):
                close(at: index, mark: nil)
                start = bytes.index(after: index)
            default: break
            }
            index = bytes.index(after: index)
        }
        close(at: bytes.endIndex, mark: nil)
        return clauses
    }

    init?(_ text: String, mark: Unicode.Scalar?) {
        let tokens = Tokenizer.tokens(Self.separatingPossessives(text))
        guard !tokens.isEmpty else { return nil }
        var words: [String] = [], scripts: [Tokenizer.Script] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            switch token.script {
            case .cjk:
                var run = token.text
                while index + 1 < tokens.count, tokens[index + 1].script == .cjk {
                    index += 1
                    run += tokens[index].text
                }
                words.append(run)
            case .arabic:
                let word = Self.foldPersian(token.text)
                if let last = words.last, scripts.last == .arabic, Self.persianSuffixes.contains(word) {
                    words[words.count - 1] = last + word
                    index += 1
                    continue
                }
                if (word == "می" || word == "نمی"), index + 1 < tokens.count, tokens[index + 1].script == .arabic {
                    index += 1
                    words.append(word + Self.foldPersian(tokens[index].text))
                } else {
                    words.append(word)
                }
            case .latin:
                words.append(Self.squeeze(token.text))
            case .number:
                words.append(token.text)
            }
            scripts.append(token.script)
            index += 1
        }
        self.words = words
        self.scripts = scripts
        compact = scripts.contains(.cjk) ? text.unicodeScalars.filter { $0 != " " && $0 != TextNormalizer.zeroWidthNonJoiner } : []
        self.mark = mark
    }

    /// "a person's signature" keeps its "s" as a word of its own, so a possessive is not read as a
    /// plural ("persons") that could be asked for; "don't" and "I'm" are left whole.
    static func separatingPossessives(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "'")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if scalar == "'", index > 0, scalars[index - 1].properties.isAlphabetic, index + 1 < scalars.count, scalars[index + 1] == "s",
               index + 2 == scalars.count || !scalars[index + 2].properties.isAlphabetic {
                output.append(" ")
            }
            output.append(scalar)
        }
        return String(output)
    }

    /// Particles written apart from the word they end: "آدم های", "می‌خواهم" typed "می خواهم".
    static let persianSuffixes: Set<String> = ["ها", "های", "هایی", "ام", "ای", "اید", "ایم", "اند", "تون", "تان", "شون", "مون"]

    /// Without ZWNJ, "آ" → "ا", "ئ" → "ی", and a letter typed three times or more once.
    static func foldPersian(_ word: String) -> String {
        guard word.unicodeScalars.contains(where: { $0 == TextNormalizer.zeroWidthNonJoiner || $0 == "\u{0622}" || $0 == "\u{0626}" }) else {
            return squeeze(word)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            switch scalar {
            case TextNormalizer.zeroWidthNonJoiner: continue
            case "\u{0622}": scalars.append("\u{0627}")
            case "\u{0626}": scalars.append("\u{06CC}")
            default: scalars.append(scalar)
            }
        }
        return squeeze(String(scalars))
    }

    /// A letter repeated three times or more, once: "pleaseeee" → "please", "اپراتوررر" → "اپراتور".
    static func squeeze(_ word: String) -> String {
        var run = 0
        var previous: Unicode.Scalar?
        for scalar in word.unicodeScalars {
            run = scalar == previous ? run + 1 : 1
            previous = scalar
            if run == 3 { break }
        }
        guard run >= 3 else { return word }
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 3 else { return word }
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var index = 0
        var changed = false
        while index < scalars.count {
            var end = index + 1
            while end < scalars.count, scalars[end] == scalars[index] { end += 1 }
            if end - index >= 3 {
                output.append(scalars[index])
                changed = true
            } else {
                output.append(contentsOf: scalars[index..<end])
            }
            index = end
        }
        return changed ? String(String.UnicodeScalarView(output)) : word
    }
}
