/// The languages the assistant understands, and "other" for everything else.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable {
    case english = "en"
    case chinese = "zh"
    case persian = "fa"
    case other
}

/// Says which language a message is written in, from its scripts and a few function words.
///
/// Script decides most cases: Han characters are Chinese unless kana or Hangul are present; the
/// Arabic script is Persian unless letters only Arabic uses outnumber the Persian ones. Latin text is
/// English unless it carries the function words or accents of another Latin-script language. Mixed
/// text is decided by weight: a Chinese character counts like a word, so "订单 12345 没到" is
/// Chinese and "my 订单 is late" is English with Chinese in it. Digits, emoji and punctuation weigh
/// nothing; text with no letters at all is "other".
public struct LanguageIdentifier: Sendable {
    /// The verdict and how much of the text supports it.
    public struct Guess: Sendable, Hashable {
        public var language: Language
        /// Share of the text's letter weight in the chosen language, 0–1.
        public var confidence: Double
        /// Every language with weight in the text, heaviest first (more than one means mixed text).
        public var present: [Language]
    }

    /// Longest prefix looked at, in Unicode scalars.
    public var maxLength: Int

    public init(maxLength: Int = 2_000) {
        self.maxLength = maxLength
    }

    public func identify(_ text: String) -> Guess {
        var han = 0.0, kanaOrHangul = 0.0
        var persianOnly = 0, arabicOnly = 0, arabicScriptWords = 0.0
        var otherScriptWords = 0.0, latinWords: [String] = [], accented = 0
        var latinWord = String.UnicodeScalarView()
        var latinWordAccented = false
        var inArabicWord = false, inOtherWord = false

        func endLatinWord() {
            if !latinWord.isEmpty {
                latinWords.append(String(latinWord))
                if latinWordAccented { accented += 1 }
            }
            latinWord = String.UnicodeScalarView()
            latinWordAccented = false
        }

        for scalar in text.unicodeScalars.prefix(maxLength) {
            let value = scalar.value
            let isLatinLetter = (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
                || ((0xC0...0x24F).contains(value) && value != 0xD7 && value != 0xF7)
                || (0xFF21...0xFF3A).contains(value) || (0xFF41...0xFF5A).contains(value)
            if isLatinLetter || (value == 0x27 && !latinWord.isEmpty) {
                if value >= 0xC0 && value <= 0x24F { latinWordAccented = true }
                let lowered: Unicode.Scalar
                if (0xFF21...0xFF3A).contains(value) || (0xFF41...0xFF5A).contains(value) {
                    lowered = Unicode.Scalar(value - 0xFEE0)!.properties.lowercaseMapping.unicodeScalars.first!
                } else {
                    lowered = (0x41...0x5A).contains(value) ? Unicode.Scalar(value + 0x20)! : scalar
                }
                latinWord.append(lowered)
                inArabicWord = false
                inOtherWord = false
                continue
            }
            endLatinWord()
            if value < 0x80 {
                // ASCII digits, spaces and punctuation separate words and weigh nothing.
                inArabicWord = false
                inOtherWord = false
                continue
            }
            switch value {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x3134F:
                han += 1
                inArabicWord = false; inOtherWord = false
            case 0x3040...0x30FF, 0xAC00...0xD7AF, 0x1100...0x11FF:
                kanaOrHangul += 1
                inArabicWord = false; inOtherWord = false
            case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
                guard scalar.properties.isAlphabetic else { inArabicWord = false; continue }
                if !inArabicWord { arabicScriptWords += 1 }
                inArabicWord = true
                switch value {
                case 0x067E, 0x0686, 0x0698, 0x06AF, 0x06CC, 0x06A9: persianOnly += 1  // پ چ ژ گ ی ک
                case 0x0629, 0x064A, 0x0643, 0x0649, 0x0623, 0x0625: arabicOnly += 1  // ة ي ك ى أ إ
                default: break
                }
            case 0x200C:
                continue  // ZWNJ joins a Persian word; it neither starts nor ends one
            default:
                inArabicWord = false
                if scalar.properties.isAlphabetic {
                    if !inOtherWord { otherScriptWords += 1 }
                    inOtherWord = true
                } else {
                    inOtherWord = false
                }
            }
        }
        endLatinWord()

        // Latin words: English, or another language written in Latin letters.
        var englishWeight = 0.0, otherLatinWeight = 0.0
        if !latinWords.isEmpty {
            var englishHits = 0, foreignHits = 0
            for word in latinWords {
                if Self.englishWords.contains(word) { englishHits += 1 }
                if Self.otherLatinWords.contains(word) { foreignHits += 1 }
            }
            // Accents are rare in English ("café", "naïve"); many of them, or foreign function words
            // outnumbering English ones, say another language.
            let foreign = foreignHits > englishHits || (accented * 3 >= latinWords.count && accented >= 2 && englishHits == 0)
            if foreign { otherLatinWeight = Double(latinWords.count) } else { englishWeight = Double(latinWords.count) }
        }
        // Kana or Hangul beside Han characters means Japanese or Korean, not Chinese.
        var chineseWeight = han
        var otherWeight = otherScriptWords + otherLatinWeight + kanaOrHangul
        if kanaOrHangul > 0 && kanaOrHangul * 5 >= han {
            otherWeight += han
            chineseWeight = 0
        }
        var persianWeight = arabicScriptWords
        if arabicOnly > persianOnly * 2 && arabicOnly >= 2 {
            otherWeight += arabicScriptWords
            persianWeight = 0
        }
        // One Chinese character carries about as much as a short word; two of them, one word.
        chineseWeight *= 0.6

        let weights: [(Language, Double)] = [
            (.chinese, chineseWeight), (.persian, persianWeight), (.english, englishWeight), (.other, otherWeight),
        ]
        let total = weights.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return Guess(language: .other, confidence: 0, present: []) }
        let ranked = weights.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        return Guess(language: ranked[0].0, confidence: ranked[0].1 / total, present: ranked.map(\.0))
    }

    /// Common English function words and customer-service words.
    static let englishWords: Set<String> = [
        "the", "a", "an", "and", "or", "but", "is", "are", "was", "were", "be", "been", "i", "you", "he", "she", "it",
        "we", "they", "my", "your", "our", "me", "to", "of", "in", "on", "for", "with", "at", "from", "by", "not",
        "no", "yes", "do", "does", "did", "have", "has", "had", "can", "could", "will", "would", "should", "what",
        "where", "when", "why", "how", "this", "that", "there", "here", "please", "thanks", "thank", "hi", "hello",
        "order", "refund", "card", "money", "account", "help", "want", "need", "get", "it's", "i'm", "don't",
        "can't", "am", "if", "so", "up", "out", "about", "just", "still", "yet", "any", "all",
    ]

    /// Function words of other Latin-script languages that English does not use.
    static let otherLatinWords: Set<String> = [
        // French
        "le", "la", "les", "des", "est", "je", "vous", "nous", "pas", "une", "du", "et", "pour", "avec", "mon", "ma",
        "mes", "où", "commande", "merci", "bonjour",
        // Spanish and Portuguese
        "el", "los", "las", "es", "y", "yo", "usted", "mi", "pedido", "gracias", "hola", "por", "para", "que", "não",
        "um", "uma", "eu", "obrigado", "dónde",
        // German and Dutch
        "der", "die", "das", "ist", "und", "ich", "nicht", "mein", "meine", "bitte", "danke", "wo", "het", "een",
        "ik", "niet",
        // Italian and Turkish
        "il", "di", "che", "sono", "grazie", "ciao", "ve", "bir", "bu", "ne", "siparişim", "merhaba",
    ]
}
