import SwitchboardCore

/// Word lists for sentiment, anger and frustration, in normalised form. English and Persian entries
/// are words (Persian without ZWNJ); Chinese entries are matched inside the compact text.
enum Lexicon {
    /// Whether the message holds an anger or abuse word in any of the three languages.
    static func containsAnger(_ text: PreparedText) -> Bool {
        if text.words.contains(where: { words[$0]?.anger == true }) { return true }
        return text.tokens.contains { $0.script == .cjk } && angerChinese.contains { text.contains($0) }
    }

    static let angerEnglish: Set<String> = [
        "furious", "angry", "ridiculous", "unacceptable", "scam", "scammers", "fraud", "stupid", "idiot", "idiots", "hate",
        "useless", "pathetic", "wtf", "fuck", "fucking", "shit", "damn", "liar", "liars", "lied", "cheated", "cheat",
        "disgusting", "outrageous", "incompetent", "rubbish", "worst", "lawyer", "sue",
    ]
    static let angerChinese: [Needle] = [
        "垃圾", "气死", "骗子", "骗人", "什么破", "搞什么", "无语", "离谱", "受够了", "恶心", "滚", "投诉你们", "太过分", "坑人",
        "欺骗", "忍无可忍", "愤怒", "生气", "废物", "傻", "妈的", "tmd", "靠", "烂透",
    ].map(Needle.init)
    static let angerPersian: Set<String> = Set([
        "افتضاح", "مسخره", "کلاهبرداری", "کلاهبردار", "کلاهبردارها", "عصبانی", "عصبانیم", "دزد", "دزدها", "آشغال", "مزخرف",
        "بیشعور", "احمق", "اعصابم", "شکایت", "وحشتناک", "بدترین", "دروغگو", "دروغ", "خسته شدم", "لعنتی",
    ].map(Phrase.compact))

    /// Word → weight; negative words below zero.
    static let english: [String: Double] = {
        var weights: [String: Double] = [:]
        for word in [
            "bad", "terrible", "awful", "horrible", "worst", "angry", "upset", "disappointed", "disappointing", "useless",
            "broken", "damaged", "late", "ridiculous", "unacceptable", "annoyed", "annoying", "frustrated", "frustrating",
            "scam", "fraud", "stupid", "hate", "poor", "wrong", "missing", "rude", "slow", "waste", "sucks", "pathetic",
            "furious", "cheated", "lied", "disgusting", "outrageous", "incompetent", "rubbish", "problem", "issue",
            "complaint", "never", "unhappy", "sad", "worried", "delay", "delayed", "lost", "fail", "failed", "failing",
            "error", "wtf", "fuck", "fucking", "shit", "damn", "mess", "nightmare", "horrendous", "sick",
        ] { weights[word] = -1 }
        for word in ["worst", "furious", "scam", "fraud", "disgusting", "hate", "pathetic", "outrageous", "nightmare"] { weights[word] = -2 }
        for word in ["problem", "issue", "never", "delay", "late", "missing", "lost", "error", "worried"] { weights[word] = -0.5 }
        for word in [
            "good", "great", "excellent", "thanks", "thank", "thx", "love", "perfect", "happy", "amazing", "awesome",
            "helpful", "appreciate", "appreciated", "wonderful", "nice", "fast", "quick", "resolved", "satisfied", "glad",
            "pleased", "best", "fantastic", "brilliant", "kind", "cool", "super", "solved", "works",
        ] { weights[word] = 1 }
        for word in ["amazing", "excellent", "perfect", "fantastic", "love", "wonderful", "awesome", "brilliant"] { weights[word] = 2 }
        return weights
    }()

    /// Longest entries first, so "不错" (good) is read before "错" (wrong) and "不满意" before "满意".
    static let chinese: [(Needle, Double)] = {
        let entries: [(String, Double)] = [
            ("差", -1), ("太差", -2), ("很差", -2), ("垃圾", -2), ("失望", -1.5), ("生气", -1.5), ("气死", -2), ("愤怒", -2),
            ("糟糕", -1.5), ("慢", -0.5), ("太慢", -1.5), ("坏了", -1), ("破损", -1), ("骗子", -2), ("骗人", -2), ("坑", -1),
            ("无语", -1.5), ("烂", -1.5), ("投诉", -1), ("不满", -1.5), ("不满意", -1.5), ("恶心", -2), ("什么破", -2),
            ("搞什么", -1.5), ("离谱", -1.5), ("欺骗", -2), ("崩溃", -1.5), ("受够了", -2), ("错", -0.5), ("没收到", -0.5),
            ("还没", -0.5), ("一直没", -1), ("问题", -0.5), ("着急", -1), ("急", -0.5), ("难过", -1), ("过分", -1.5),
            ("不好", -1), ("不行", -1), ("没用", -1.5), ("丢了", -1), ("延迟", -0.5),
            ("好", 0.5), ("很好", 1.5), ("非常好", 2), ("谢谢", 1), ("感谢", 1), ("多谢", 1), ("满意", 1.5), ("非常满意", 2),
            ("不错", 1), ("棒", 1.5), ("喜欢", 1), ("快", 0.5), ("专业", 1), ("耐心", 1), ("给力", 1.5), ("赞", 1.5),
            ("完美", 2), ("解决了", 1), ("辛苦了", 1), ("开心", 1.5), ("没问题", 0.5),
        ].map { (Phrase.compact($0.0), $0.1) }
        return entries.sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0 < $1.0 }.map { (Needle($0.0), $0.1) }
    }()

    static let persian: [String: Double] = {
        var weights: [String: Double] = [:]
        let negative: [(String, Double)] = [
            ("بد", -1), ("افتضاح", -2), ("مسخره", -1.5), ("کلاهبرداری", -2), ("کلاهبردار", -2), ("شکایت", -1), ("بدترین", -2),
            ("عصبانی", -1.5), ("عصبانیم", -1.5), ("ناراضی", -1.5), ("ناراضیم", -1.5), ("ناامید", -1.5), ("خراب", -1), ("دیر", -0.5),
            ("ضعیف", -1), ("اعصابم", -1.5), ("دروغ", -1.5), ("دزد", -2), ("آشغال", -2), ("وحشتناک", -2), ("متاسفانه", -0.5),
            ("مزخرف", -2), ("مشکل", -0.5), ("نرسیده", -0.5), ("گم", -0.5), ("اشتباه", -0.5), ("لعنتی", -2), ("بیشعور", -2),
            ("ناراحت", -1), ("ناراحتم", -1), ("تاخیر", -0.5), ("خسته", -1),
        ]
        let positive: [(String, Double)] = [
            ("ممنون", 1), ("ممنونم", 1), ("مرسی", 1), ("متشکرم", 1), ("سپاس", 1), ("سپاسگزارم", 1), ("عالی", 2), ("عالیه", 2),
            ("خوب", 0.5), ("راضی", 1.5), ("راضیم", 1.5), ("سریع", 0.5), ("خوشحال", 1.5), ("خوشحالم", 1.5), ("بهترین", 1.5),
            ("دستتون", 0.5), ("ممنونیم", 1), ("حرفه", 0.5), ("حل", 0.5), ("فوق", 1),
        ]
        for (word, weight) in negative + positive { weights[Phrase.compact(word)] = weight }
        return weights
    }()

    static let englishNegators: Set<String> = ["not", "no", "never", "dont", "don't", "didnt", "didn't", "isnt", "isn't", "wasnt", "wasn't", "hardly", "nothing", "cannot", "can't", "cant", "wont", "won't", "aint"]
    static let englishIntensifiers: Set<String> = ["very", "so", "really", "extremely", "totally", "absolutely", "completely", "too", "super"]
    static let chineseIntensifiers: [Needle] = ["太", "非常", "特别", "真", "超", "极其", "十分"].map(Needle.init)
    static let chineseNegators: [Needle] = ["不", "没"].map(Needle.init)
    static let persianNegators: Set<String> = ["نیست", "نبود", "نه", "نمیشه", "نشد", "نبودم", "نیستم"]
    static let persianIntensifiers: Set<String> = ["خیلی", "واقعا", "بسیار", "کاملا", "اصلا"]

    /// What one English or Persian word means to the sentiment reader.
    struct WordEntry: Sendable {
        var weight: Double?
        var negator = false
        var intensifier = false
        var anger = false
    }

    /// Every listed English and Persian word in one table, so each word of a message costs one lookup.
    static let words: [String: WordEntry] = {
        var table: [String: WordEntry] = [:]
        for (word, weight) in english { table[word, default: WordEntry()].weight = weight }
        for (word, weight) in persian { table[word, default: WordEntry()].weight = weight }
        for word in englishNegators { table[word, default: WordEntry()].negator = true }
        for word in englishIntensifiers.union(persianIntensifiers) { table[word, default: WordEntry()].intensifier = true }
        for word in angerEnglish.union(angerPersian) { table[word, default: WordEntry()].anger = true }
        return table
    }()
}
