import SwitchboardCore

/// Persian requests for a person. Persian puts the verb last, so a clause asks for a person when it
/// holds one ("اپراتور", "کارشناس", "یک نفر") together with what makes it a request: "با" and a verb of
/// talking in the present ("با کارشناس صحبت کنم"), a verb of connecting ("وصلم کنید"), wanting in the
/// first person ("اپراتور میخوام"), or a presence question ("کسی هست؟"). A clause that tells what
/// happened ("با کارشناس صحبت کردم") or turns the person down ("نیازی به اپراتور نیست") does not ask.
/// Words are read after letter folding (ي/ی, ك/ک, آ/ا), without ZWNJ, with one slip allowed in the
/// longer person words ("رپراتور", "کارشناش").
enum PersianHandoff {
    enum Role: Equatable { case person, team, someone, weakSomeone, bot, other }

    /// The words that make `clause` a request, or nil.
    static func request(_ clause: HandoffClause, _ message: HandoffMessage) -> String? {
        let words = clause.words
        let roles = words.indices.map { role(words, clause.scripts, $0) }
        var start = 0
        for end in words.indices where contrast.contains(words[end]) || end == words.count - 1 {
            let stop = contrast.contains(words[end]) ? end : end + 1
            if stop > start, let match = request(in: Array(words[start..<stop]), roles: Array(roles[start..<stop]), clause: clause, message: message) {
                return match
            }
            start = end + 1
        }
        return nil
    }

    static func request(in w: [String], roles: [Role], clause: HandoffClause, message: HandoffMessage) -> String? {
        let persons = w.indices.filter { [.person, .team, .someone, .weakSomeone].contains(roles[$0]) && !isLookAlike(w, $0) }
        let bots = w.indices.filter { roles[$0] == .bot && !(($0 + 1 < w.count) && botProducts.contains(w[$0 + 1])) }
        let contains = { (set: Set<String>) in w.contains { set.contains($0) } }
        let talks = w.indices.contains { talkWords.contains(w[$0]) && !($0 > 0 && w[$0 - 1] == "شماره") }
        let connects = contains(connectWords)
        let mood = contains(requestMoods)
        let wants = contains(wantWords) || pairs(w, needWords, ["دارم", "داریم"])
        let able = contains(abilityWords)
        let past = contains(pastWords)
        let telling = (past && !wants && !able) || contains(firstPersonPresent)

        // "نیازی به اپراتور نیست", "نیاز به صحبت با اپراتور ندارم", "با ربات کاری ندارم".
        let needless = contains(needWords.union(needlessWords)) && contains(lacking)
        if contains(negators) || needless || w.contains(HandoffClause.foldPersian("نیازی")) {
            // "ربات نمیخوام" turns the bot down; "اپراتور نمیخوام" turns the person down.
            if let bot = bots.first, !persons.contains(where: { [.person, .team].contains(roles[$0]) }) { return w[bot] }
            if !persons.isEmpty || talks || connects { return nil }
        }
        // The bot turned away or asked about: "ربات نه", "ربات بسه", "تو رباتی؟", "ربات هستید یا انسان؟".
        for bot in bots where w[bot].hasSuffix("ی") || w.contains(where: { botTriggers.contains($0) }) || (bot + 1 < w.count && w[bot + 1] == "نه") {
            return w[bot]
        }
        // "با من تماس بگیرید", "همکارتون با من تماس بگیره".
        if (w.contains("تماس") || w.contains("زنگ")), w.contains(where: { ["من", "ما", "بهم", "باهام"].contains($0) }),
           w.contains(where: { callbackMoods.contains($0) }), !past {
            return "تماس"
        }
        // "وصلم کنید" needs no person.
        if w.contains(where: { ["وصلم", "منتقلم"].contains($0) }), mood || wants, !telling { return w.first { ["وصلم", "منتقلم"].contains($0) } }
        for person in persons {
            let role = roles[person]
            let span = w[max(0, person - 3)..<person]
            if span.contains("با"), talks || connects, !telling { return (["با"] + [w[person]]).joined(separator: " ") }
            // "یکی" and "کسی" are too common to want or connect ("میخوام یکی دیگه بخرم").
            if role != .weakSomeone {
                if connects, mood || wants, !telling { return w[person] }
                if wants, !telling { return w[person] }
            }
            if !past, !message.asksAboutHours, w[(person + 1)..<min(w.count, person + 4)].contains(where: { presenceWords.contains($0) }) {
                return w[person...min(w.count - 1, person + 1)].joined(separator: " ")
            }
        }
        return bare(w, roles: roles, persons: persons, clause: clause, message: message)
    }

    /// The clause is a person and courtesies only: "اپراتور", "کارشناس پشتیبانی لطفا", "آدم واقعی".
    /// Support greeted ("سلام پشتیبانی، …") is not asked for.
    static func bare(_ w: [String], roles: [Role], persons: [Int], clause: HandoffClause, message: HandoffMessage) -> String? {
        guard let first = persons.first else { return nil }
        var greeted = false, urged = false
        for index in w.indices where !persons.contains(index) {
            let word = w[index]
            if greetings.contains(word) { greeted = true; continue }
            if urging.contains(word) { urged = true; continue }
            if fillers.contains(word) || personPhrase.contains(word) { continue }
            let latin = EnglishHandoff.lexicon.canonical(word)
            if EnglishHandoff.urging.contains(latin) { urged = true; continue }
            if EnglishHandoff.greetings.contains(latin) { greeted = true; continue }
            if EnglishHandoff.fillers.contains(latin) { continue }
            if ChineseHandoff.runRole(word) == "please" { continue }
            return nil
        }
        let onlyTeams = persons.allSatisfy { roles[$0] == .team }
        if onlyTeams, greeted || !(message.clauseCount == 1 || clause.mark != nil || urged) { return nil }
        return w[first]
    }

    /// A person word that names something else: "منابع انسانی"-like heads before it ("شماره پشتیبانی",
    /// "نسخه پشتیبان", "پوست انسان"), owners and trades after it ("اپراتور همراه", "کارشناس بیمه",
    /// "مدیر من"), and "پشتیبانی" used as a verb ("از فارسی پشتیبانی میکند").
    static func isLookAlike(_ w: [String], _ index: Int) -> Bool {
        if w[max(0, index - 2)..<index].contains(where: { lookAlikeHeads.contains($0) }) { return true }
        if index + 1 < w.count {
            let next = w[index + 1]
            if lookAlikeTails.contains(next) { return true }
            if w[index].hasPrefix("پشتیبان"), supportVerbs.contains(next) { return true }
        }
        return false
    }

    static func role(_ w: [String], _ scripts: [Tokenizer.Script], _ index: Int) -> Role {
        let word = w[index]
        switch scripts[index] {
        case .latin:
            let canonical = EnglishHandoff.lexicon.canonical(word)
            if EnglishHandoff.people.contains(canonical) { return .person }
            if EnglishHandoff.teams.contains(canonical) { return .team }
            if EnglishHandoff.strongBots.contains(canonical) { return .bot }
            return .other
        case .cjk: return ChineseHandoff.runRole(word) == "human" ? .person : .other
        case .number: return .other
        case .arabic: break
        }
        let before = index > 0 ? w[index - 1] : ""
        switch word {
        case "نفر": return ["یک", "یه", "ی", "1"].contains(before) ? .someone : .other
        case "کس": return before == "هیچ" ? .weakSomeone : .other
        case "کسی", "یکی", "هیچکس", "کسیو", "کسیرو": return .weakSomeone
        default: break
        }
        guard let key = key(word) else { return .other }
        if bots.contains(key) { return .bot }
        return key == "پشتیبانی" ? .team : .person
    }

    /// The person or bot word `word` spells, with a slip or an ending ("اپراتورها", "کارشناس‌تون").
    static func key(_ word: String) -> String? {
        if notPeople.contains(word) { return nil }
        if let key = lexicon.key(word) { return key }
        for suffix in endings where word.hasSuffix(suffix) && word.count > suffix.count + 2 {
            if let key = exactKeys[String(word.dropLast(suffix.count))] { return key }
        }
        return nil
    }

    /// For the English rules: "human" for a person word, "support" for the support team, "please" for a
    /// courtesy, "hello" for a greeting.
    static func roleInLatinText(_ word: String) -> String? {
        if urging.contains(word) || fillers.contains(word) { return "please" }
        if greetings.contains(word) { return "hello" }
        guard let key = key(word), !bots.contains(key) else { return nil }
        return key == HandoffClause.foldPersian("پشتیبانی") ? "support" : "human"
    }

    static func pairs(_ w: [String], _ first: Set<String>, _ second: Set<String>) -> Bool {
        w.indices.dropLast().contains { first.contains(w[$0]) && second.contains(w[$0 + 1]) }
    }

    // MARK: Words, written naturally and folded once

    static func folded(_ words: [String]) -> Set<String> { Set(words.map(HandoffClause.foldPersian)) }

    static let exactKeys: [String: String] = {
        var keys: [String: String] = [:]
        let spellings: [String: [String]] = [
            "اپراتور": ["اپراتور", "اوپراتور"], "کارشناس": ["کارشناس", "کارشناسان"], "پشتیبان": ["پشتیبان"], "پشتیبانی": ["پشتیبانی"],
            "انسان": ["انسان"], "آدم": ["آدم"], "شخص": ["شخص"], "فرد": ["فرد"], "همکار": ["همکار", "همکاران", "همکارا"],
            "مسئول": ["مسئول", "مسوول", "مسئولین", "مسئولان"], "مدیر": ["مدیر", "مدیران"], "سرپرست": ["سرپرست"], "مشاور": ["مشاور", "مشاوران"],
            "نماینده": ["نماینده"], "کارمند": ["کارمند", "کارمندان"], "ادمین": ["ادمین"], "ربات": ["ربات", "روبات", "رباط", "بات", "چت‌بات"],
        ]
        for (key, words) in spellings {
            for word in words { keys[HandoffClause.foldPersian(word)] = HandoffClause.foldPersian(key) }
        }
        return keys
    }()
    static let bots: Set<String> = [HandoffClause.foldPersian("ربات")]
    static let fuzzyKeys = ["اپراتور", "کارشناس", "پشتیبان", "پشتیبانی", "انسان", "همکار", "مسئول", "سرپرست", "مشاور", "نماینده", "کارمند", "ادمین"]
        .map(HandoffClause.foldPersian)
    /// Real words one slip away from a person word, and a person word with "my" ("اپراتورم": my mobile operator).
    static let notPeople: Set<String> = folded(["انسانی", "همکاری", "مشاوره", "کارشناسی", "احسان", "سرپرستی", "امین", "شخصی", "مدیریت", "فردی", "فردا", "آدمک"])
        .union(fuzzyKeys.map { $0 + "م" })
    static let lexicon = FuzzyLexicon(exact: exactKeys, fuzzy: fuzzyKeys, alphabet: "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی", notTypos: notPeople)
    static let endings = ["هاتون", "هاتان", "هاشون", "تون", "تان", "شون", "هایی", "های", "ها", "رو", "ای", "ی", "و"].map(HandoffClause.foldPersian)

    static let contrast = folded(["ولی", "اما", "بلکه", "فقط", "ولیکن", "منتها"])
    static let talkWords = folded(["صحبت", "حرف", "گفتگو", "گفت‌وگو", "چت", "تماس", "ارتباط", "مکالمه"])
    static let connectWords = folded(["وصل", "وصلم", "متصل", "منتقل", "منتقلم", "ارجاع", "انتقال", "صدا"])
    /// Subjunctive and imperative forms: the verb of a request ("صحبت کنم", "وصل کنید").
    static let requestMoods = folded([
        "کنم", "کنیم", "بکنم", "بزنم", "بزنیم", "بگیرم", "بگیریم", "بشم", "شم", "بشیم", "باشم", "کنید", "کنین", "کن", "بکنید", "بکن",
        "بدید", "بدین", "بده", "بدهید", "بدهد", "بدن", "بگیرید", "بگیرین", "بگیره", "بگیرد", "بگیر", "بیاد", "بیاید", "بیارید", "بیار",
        "بفرستید", "بزنید", "بزن", "کنه", "کند",
    ])
    static let callbackMoods = folded(["بگیرید", "بگیرین", "بگیره", "بگیرد", "بزنید", "بزنین", "بزنه", "بزند", "بگیر", "بزن", "بگیرند", "بگیرن"])
    static let wantWords = folded(["میخوام", "میخواهم", "می‌خوام", "میخواستم", "میخوایم", "میخواهیم", "میخواستیم", "خواستارم", "خواهشمندم", "درخواست"])
    static let needWords = folded(["لازم", "نیاز", "احتیاج", "کار"])
    static let needlessWords = folded(["نیازی", "احتیاجی", "ضرورتی", "کاری", "ضرورت", "لزومی"])
    static let lacking = folded(["نیست", "ندارم", "نداریم", "نمیشه", "نداره", "ندارد", "نمیخواد"])
    static let abilityWords = folded(["میشه", "میشود", "نمیشه", "نمیشود", "میتونم", "میتوانم", "نمیتونم", "نمیتوانم", "امکان", "امکانش", "چطور", "چطوری", "چگونه", "راه", "چجوری", "کجا", "چرا"])
    static let pastWords = folded([
        "کردم", "کردیم", "زدم", "زدیم", "گرفتم", "گرفتیم", "شدم", "شدیم", "گفت", "گفتن", "گفتند", "گفته", "گفتش", "کرد", "زد", "بود", "بودم",
        "بودن", "بودند", "داد", "دادن", "دادند", "کردند", "گرفت", "فرستاد", "اومد", "آمد", "رفت", "نداد", "ندادن", "نگرفت", "نکرد", "نکردن", "شد",
        "نبود",
    ])
    /// "فردا تماس میگیرم": the speaker tells what they do, they do not ask.
    static let firstPersonPresent = folded(["میکنم", "میزنم", "میگیرم", "میکنیم", "میزنیم", "میگیریم"])
    static let negators = folded([
        "نمیخوام", "نمیخواهم", "نمی‌خوام", "نمیخوایم", "نمیخواهیم", "نمیخواد", "نمیخواهد", "نخواستم", "نمیخواستم", "بدون", "نکنید",
        "نکن", "نکنین", "نزنید",
    ])
    static let presenceWords = folded([
        "هست", "هستید", "هستین", "هستش", "نیست", "نیستید", "نیستین", "اونجا", "آنجا", "اینجا", "آنلاین", "آنلاینه", "جواب", "پاسخ",
        "پاسخگو", "جوابگو", "کجاست", "کجایی", "کجایید", "کجان", "بیاد", "بیاید", "بیان",
    ])
    static let botProducts = folded(["جارو", "جاروبرقی", "آشپزخانه", "آشپزخونه", "تلگرام", "تلگرامی", "بازی", "اسباب", "هوشمند", "آشپز", "کودک"])
    static let botTriggers = folded(["بسه", "خسته", "نمیخوره", "نمیفهمه", "نمیفهمی", "نفهم", "احمق", "مسخره", "کمکی", "بدرد", "هستی", "هستید", "هستین", "هستش", "یا", "نه"])
    static let lookAlikeHeads = folded([
        "شماره", "ایمیل", "آدرس", "ساعت", "ساعات", "کاری", "مدرک", "حقوق", "منابع", "نیروی", "خطای", "پوست", "موی", "مو", "بدن", "نسخه",
        "باتری", "فایل", "سلامت", "برق",
    ])
    static let lookAlikeTails = folded([
        "همراه", "ایرانسل", "رایتل", "موبایل", "سیم", "سیمکارت", "ارشد", "بیمه", "رسمی", "دادگستری", "خودرو", "گیری", "گیر", "من", "ما",
        "خودم", "کانال", "دستگاه", "لیفتراک", "جرثقیل", "فضایی", "برفی", "کوکی",
    ])
    static let supportVerbs = folded([
        "میکنه", "میکند", "نمیکنه", "نمیکند", "کنه", "کند", "میکنید", "میکنن", "میکنند", "میشه", "میشود", "نمیشه", "نمیشود", "نمیکنن",
        "نمیکنند", "بگیرم", "بگیرید", "گرفتن", "گرفته",
    ])
    static let fillers = folded([
        "لطفا", "لطفن", "خواهشا", "خواهشن", "خواهش", "میکنم", "من", "منو", "یه", "یک", "ی", "با", "رو", "را", "به", "الان", "همین",
        "حالا", "عزیز", "جان", "لطف", "کنید",
    ])
    static let urging = folded(["لطفا", "لطفن", "خواهشا", "خواهشن", "فوری", "فورا", "سریع", "زود", "الان"])
    static let greetings = folded(["سلام", "درود", "وقت", "بخیر", "خسته", "نباشید", "ممنون", "مرسی", "متشکرم", "تشکر", "سپاس"])
    static let personPhrase = folded(["واقعی", "انسانی", "حسابی", "پشتیبانی", "فروش"])
}
