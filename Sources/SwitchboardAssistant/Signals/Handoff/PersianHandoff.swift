import SwitchboardCore

/// Persian requests for a person. Persian puts the verb last, so a clause asks for a person when it
/// holds one ("اپراتور", "کارشناس", "یک نفر") together with what makes it a request: "با" and a verb of
/// talking in the present ("با کارشناس صحبت کنم"), a verb of connecting ("وصلم کنید"), wanting in the
/// first person ("اپراتور میخوام"), or a presence question ("کسی هست؟"). A clause that tells what
/// happened ("با کارشناس صحبت کردم") or turns the person down ("نیازی به اپراتور نیست") does not ask.
/// Words are read after letter folding (ي/ی, ك/ک, آ/ا), without ZWNJ, with one slip allowed in the
/// longer person words ("رپراتور", "کارشناش").
enum PersianHandoff {
    /// What a word is to the rules. Each word is looked up once, by its bytes; the rules then test bits.
    struct Marks: OptionSet, Sendable {
        let rawValue: UInt64
        init(rawValue: UInt64) { self.rawValue = rawValue }
        static let person = Marks(rawValue: 1 << 0)
        static let team = Marks(rawValue: 1 << 1)
        static let bot = Marks(rawValue: 1 << 2)
        /// "کسی", "یکی": someone, too common to want or connect ("میخوام یکی دیگه بخرم").
        static let anyone = Marks(rawValue: 1 << 3)
        /// "نفر", a person only after "یک"/"یه".
        static let head = Marks(rawValue: 1 << 4)
        static let talk = Marks(rawValue: 1 << 5)
        static let connect = Marks(rawValue: 1 << 6)
        static let connectMe = Marks(rawValue: 1 << 7)
        static let mood = Marks(rawValue: 1 << 8)
        static let callbackMood = Marks(rawValue: 1 << 9)
        static let want = Marks(rawValue: 1 << 10)
        static let need = Marks(rawValue: 1 << 11)
        static let needless = Marks(rawValue: 1 << 12)
        static let lacking = Marks(rawValue: 1 << 13)
        static let ability = Marks(rawValue: 1 << 14)
        static let past = Marks(rawValue: 1 << 15)
        static let firstPersonPresent = Marks(rawValue: 1 << 16)
        static let negator = Marks(rawValue: 1 << 17)
        static let presence = Marks(rawValue: 1 << 18)
        static let botProduct = Marks(rawValue: 1 << 19)
        static let botTrigger = Marks(rawValue: 1 << 20)
        static let lookAlikeHead = Marks(rawValue: 1 << 21)
        static let lookAlikeTail = Marks(rawValue: 1 << 22)
        static let supportVerb = Marks(rawValue: 1 << 23)
        static let filler = Marks(rawValue: 1 << 24)
        static let urging = Marks(rawValue: 1 << 25)
        static let greeting = Marks(rawValue: 1 << 26)
        static let personPhrase = Marks(rawValue: 1 << 27)
        static let contrast = Marks(rawValue: 1 << 28)
        static let hours = Marks(rawValue: 1 << 29)
        /// "شماره" (number): "شماره تماس" is a contact detail, not a call.
        static let number = Marks(rawValue: 1 << 30)
        static let with = Marks(rawValue: 1 << 31)
        static let me = Marks(rawValue: 1 << 32)
        static let no = Marks(rawValue: 1 << 33)
        static let call = Marks(rawValue: 1 << 34)
        static let have = Marks(rawValue: 1 << 35)
        static let article = Marks(rawValue: 1 << 36)
        static let nobody = Marks(rawValue: 1 << 37)
        /// "رباتی؟": a bot word asked about.
        static let botQuestion = Marks(rawValue: 1 << 38)
        /// "کس", someone after "هیچ".
        static let one = Marks(rawValue: 1 << 39)
        static let give = Marks(rawValue: 1 << 40)
        /// "هستی", "هستید": asked right after a person or bot word, "are you …?".
        static let identity = Marks(rawValue: 1 << 41)

        static let anyPerson: Marks = [.person, .team, .anyone, .head]
    }

    /// The words that make `clause` a request, or nil.
    static func request(_ clause: HandoffClause, _ message: HandoffMessage) -> String? {
        let words = clause.words
        var found = words.indices.map { marks(words[$0], clause.scripts[$0]) }
        // "یک نفر" and "هیچ کس" are people; "دو نفر" and "کس" alone are not.
        for index in found.indices where index > 0 {
            if found[index].contains(.head), !found[index - 1].contains(.article) { found[index].remove(.head) }
            if found[index].contains(.one), found[index - 1].contains(.nobody) { found[index].insert(.anyone) }
        }
        if found.first?.contains(.head) == true { found[0].remove(.head) }
        var start = 0
        for end in words.indices where found[end].contains(.contrast) || end == words.count - 1 {
            let stop = found[end].contains(.contrast) ? end : end + 1
            if stop > start, let match = request(in: Array(words[start..<stop]), Array(found[start..<stop]), clause: clause, message: message) {
                return match
            }
            start = end + 1
        }
        return nil
    }

    static func request(in w: [String], _ m: [Marks], clause: HandoffClause, message: HandoffMessage) -> String? {
        let persons = w.indices.filter { !m[$0].isDisjoint(with: .anyPerson) && !isLookAlike(m, $0) }
        let bots = w.indices.filter { m[$0].contains(.bot) && !($0 + 1 < m.count && m[$0 + 1].contains(.botProduct)) }
        let all = m.reduce(Marks()) { $0.union($1) }
        let talks = m.indices.contains { m[$0].contains(.talk) && !($0 > 0 && m[$0 - 1].contains(.number)) }
        let connects = all.contains(.connect)
        let wants = all.contains(.want) || m.indices.dropLast().contains { m[$0].contains(.need) && m[$0 + 1].contains(.have) }
        let past = all.contains(.past)
        let telling = (past && !wants && !all.contains(.ability)) || all.contains(.firstPersonPresent)

        // "نیازی به اپراتور نیست", "نیاز به صحبت با اپراتور ندارم", "با ربات کاری ندارم".
        let needless = !all.isDisjoint(with: [.need, .needless]) && all.contains(.lacking)
        if all.contains(.negator) || needless {
            // "ربات نمیخوام" turns the bot down; "اپراتور نمیخوام" turns the person down.
            if let bot = bots.first, !persons.contains(where: { !m[$0].isDisjoint(with: [.person, .team]) }) { return w[bot] }
            if !persons.isEmpty || talks || connects { return nil }
        }
        // The bot turned away or asked about: "ربات نه", "ربات بسه", "تو رباتی؟", "ربات هستید یا انسان؟".
        for bot in bots where m[bot].contains(.botQuestion) || all.contains(.botTrigger) || all.contains(.no) {
            return w[bot]
        }
        // "با من تماس بگیرید", "همکارتون با من تماس بگیره".
        if all.contains(.call), all.contains(.callbackMood), !past, all.contains(.me) || persons.contains(where: { !m[$0].contains(.anyone) }) {
            return "تماس"
        }
        // "وصلم کنید" needs no person, nor does "وصل کنید لطفا" with nothing else to connect.
        if let connectMe = m.firstIndex(where: { $0.contains(.connectMe) }), !all.isDisjoint(with: .mood) || wants, !telling { return w[connectMe] }
        if connects, all.contains(.mood), let connect = m.firstIndex(where: { $0.contains(.connect) }),
           m.allSatisfy({ !$0.isDisjoint(with: [.connect, .mood, .filler, .urging, .greeting]) }) {
            return w[connect]
        }
        for person in persons {
            if m[max(0, person - 3)..<person].contains(where: { $0.contains(.with) }), talks || connects, !telling { return "با \(w[person])" }
            if !m[person].contains(.anyone) {
                if connects, all.contains(.mood) || wants, !telling { return w[person] }
                if wants, !telling { return w[person] }
                // "اپراتور بدید" (give me an operator); "انسان هستی؟" (are you human?).
                if person + 1 < m.count, m[person + 1].contains(.give) || m[person + 1].contains(.identity) { return w[person...(person + 1)].joined(separator: " ") }
            }
            if !past, !message.asksAboutHours, m[(person + 1)..<min(m.count, person + 4)].contains(where: { $0.contains(.presence) }) {
                return w[person...min(w.count - 1, person + 1)].joined(separator: " ")
            }
        }
        return bare(w, m, persons: persons, clause: clause, message: message)
    }

    /// The clause is a person and courtesies only: "اپراتور", "کارشناس پشتیبانی لطفا", "آدم واقعی".
    /// Support greeted ("سلام پشتیبانی، …") is not asked for.
    static func bare(_ w: [String], _ m: [Marks], persons: [Int], clause: HandoffClause, message: HandoffMessage) -> String? {
        guard let first = persons.first else { return nil }
        var greeted = false, urged = false
        for index in w.indices where !persons.contains(index) {
            if m[index].contains(.greeting) { greeted = true; continue }
            if m[index].contains(.urging) { urged = true; continue }
            if m[index].isDisjoint(with: [.filler, .personPhrase]) { return nil }
        }
        let onlyTeams = persons.allSatisfy { m[$0].contains(.team) && !m[$0].contains(.person) }
        if onlyTeams, greeted || !(message.clauseCount == 1 || clause.mark != nil || urged) { return nil }
        return w[first]
    }

    /// A person word that names something else: a head noun before it ("شماره پشتیبانی", "نسخه پشتیبان",
    /// "پوست انسان"), owners and trades after it ("اپراتور همراه", "کارشناس بیمه", "مدیر من"), and
    /// "پشتیبانی" used as a verb ("از فارسی پشتیبانی میکند").
    static func isLookAlike(_ m: [Marks], _ index: Int) -> Bool {
        if m[max(0, index - 2)..<index].contains(where: { $0.contains(.lookAlikeHead) }) { return true }
        guard index + 1 < m.count else { return false }
        return m[index + 1].contains(.lookAlikeTail) || m[index].contains(.team) && m[index + 1].contains(.supportVerb)
    }

    /// The marks of one word of any script.
    static func marks(_ word: String, _ script: Tokenizer.Script) -> Marks {
        switch script {
        case .latin:
            let canonical = EnglishHandoff.lexicon.canonical(word)
            var marks = Marks()
            if EnglishHandoff.people.contains(canonical) { marks.insert(.person) }
            if EnglishHandoff.teams.contains(canonical) { marks.insert(.team) }
            if EnglishHandoff.strongBots.contains(canonical) { marks.insert(.bot) }
            if EnglishHandoff.urging.contains(canonical) { marks.insert(.urging) }
            if EnglishHandoff.greetings.contains(canonical) { marks.insert(.greeting) }
            if EnglishHandoff.fillers.contains(canonical) { marks.insert(.filler) }
            return marks
        case .cjk:
            switch ChineseHandoff.runRole(word) {
            case "human": return .person
            case "please": return .filler
            case "hello": return .greeting
            default: return []
            }
        case .number: return word == "1" ? .article : []
        case .arabic: return marks(persian: word)
        }
    }

    static func marks(persian word: String) -> Marks {
        var marks = vocabulary[Array(word.utf8)] ?? []
        if let key = lexicon.key(word) {
            if key == botKey {
                marks.insert(.bot)
                if word.unicodeScalars.last == "\u{06CC}" { marks.insert(.botQuestion) }
            } else {
                marks.insert(key == supportKey ? .team : .person)
            }
        }
        return marks
    }

    /// For the English and Chinese rules: "human" for a person word, "support" for the support team,
    /// "please" for a courtesy, "hello" for a greeting.
    static func roleInLatinText(_ word: String) -> String? {
        let marks = marks(persian: word)
        if !marks.isDisjoint(with: [.urging, .filler]) { return "please" }
        if marks.contains(.greeting) { return "hello" }
        if marks.contains(.team) { return "support" }
        return marks.contains(.person) ? "human" : nil
    }
}
