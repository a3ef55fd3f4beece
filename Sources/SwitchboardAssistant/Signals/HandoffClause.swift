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
    /// The clause without spaces and ZWNJ, as scalars, for the Chinese rules.
    var compact: [Unicode.Scalar]
    /// "!" or "?" when the clause ended with one.
    var mark: Unicode.Scalar?
    var hasChinese: Bool { scripts.contains(.cjk) }
    var hasPersian: Bool { scripts.contains(.arabic) }
    var hasLatin: Bool { scripts.contains(.latin) }

    /// Cuts normalised text at sentence and clause punctuation.
    static func cut(_ normalized: String) -> [HandoffClause] {
        var clauses: [HandoffClause] = []
        var current = String.UnicodeScalarView()
        func close(_ mark: Unicode.Scalar?) {
            if let clause = HandoffClause(String(current), mark: mark) { clauses.append(clause) }
            current = String.UnicodeScalarView()
        }
        for scalar in normalized.unicodeScalars {
            switch scalar {
            case "!", "?": close(scalar)
            // Brackets and quotes stay inside their sentence: "the agent (DHL) left it" is one clause.
            case ".", ",", ";", ":", "…", "~", "|", "\n": close(nil)
            default: current.append(scalar)
            }
        }
        close(nil)
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
        compact = text.unicodeScalars.filter { $0 != " " && $0 != TextNormalizer.zeroWidthNonJoiner }
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
