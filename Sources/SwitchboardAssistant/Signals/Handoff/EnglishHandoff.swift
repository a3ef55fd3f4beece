import SwitchboardCore

/// English requests for a person, read from the shape of a clause rather than from a list of
/// sentences: a verb of talking or connecting followed closely by a person ("let me speak with an
/// agent"), a verb of wanting before a person ("get me a human"), a question whether anyone is there,
/// the bot turned away ("not a bot"), or a clause that is nothing but a person and courtesies
/// ("real person please"). A person word is held back when its neighbours make it someone else
/// ("travel agent", "in person", "human resources"), and a clause whose speaker turns a person
/// down ("I don't need an agent") asks for nobody.
enum EnglishHandoff {
    /// The words of one clause in the form the rules read: key words spelled right, Chinese and
    /// Persian person words read as "human", their courtesies as "please", greetings as "hello".
    static func words(_ clause: HandoffClause) -> [String] {
        clause.words.indices.map { index in
            let word = clause.words[index]
            switch clause.scripts[index] {
            case .latin: return lexicon.canonical(word)
            case .number: return word
            case .cjk: return ChineseHandoff.runRole(word) ?? word
            case .arabic: return PersianHandoff.roleInLatinText(word) ?? word
            }
        }
    }

    /// The words that make `clause` a request, or nil.
    static func request(_ clause: HandoffClause, _ message: HandoffMessage) -> String? {
        let all = words(clause)
        var start = 0
        for end in all.indices where contrast.contains(all[end]) || end == all.count - 1 {
            let stop = contrast.contains(all[end]) ? end : end + 1
            if stop > start, let match = request(in: Array(all[start..<stop]), clause: clause, message: message) { return match }
            start = end + 1
        }
        return nil
    }

    /// One stretch of a clause between contrast words ("but", "just").
    static func request(in w: [String], clause: HandoffClause, message: HandoffMessage) -> String? {
        func phrase(_ range: Range<Int>) -> String { w[max(0, range.lowerBound)..<min(w.count, range.upperBound)].joined(separator: " ") }
        // "I'll contact customer service tomorrow" tells a plan, it does not ask this chat.
        if w.contains(where: { laterWords.contains($0) }), w.indices.contains(where: { isFuture(w, $0) }) { return nil }
        switch negation(w) {
        case .bot(let at) where !message.provesHumanity: return phrase(at..<(at + 1))
        case .bot: return nil
        case .person: return nil
        case .none: break
        }
        for index in w.indices {
            let word = w[index]
            // Talking and connecting: "talk to a human", "connect me with an agent", "reach a real person".
            if strongVerbs.contains(word) || (participles.contains(word) && index > 0 && ["be", "get", "being"].contains(w[index - 1])) {
                if let person = target(w, after: index, accepting: .all) { return phrase(index..<(person + 1)) }
            }
            // Wanting: "I need a human", "get me a representative", "can I have an agent".
            if isWantingVerb(w, index), let person = target(w, after: index, accepting: .people) {
                return phrase(index..<(person + 1))
            }
            // "transfer me", "put me through", "connect me please".
            if movingVerbs.contains(word), index + 1 < w.count, ["me", "us"].contains(w[index + 1]),
               index + 2 == w.count || afterMovingMe.contains(w[index + 2]) {
                return phrase(index..<(index + 2))
            }
            if let match = escalation(w, index) { return match }
            if let match = callback(w, index) { return match }
            if let match = presence(w, index, clause: clause, message: message) { return match }
            if let match = identity(w, index) { return match }
        }
        if !message.provesHumanity, let bot = rejectedBot(w) { return phrase(bot..<(bot + 1)) }
        if let match = bare(w, clause: clause, message: message) { return match }
        return latinPersian(w)
    }

    // MARK: Persons

    /// Which person words a frame accepts: teams ("support") only after a verb of talking.
    enum Accepting { case all, people }

    /// The position of the person a verb at `verb` reaches over courtesy and description words.
    static func target(_ w: [String], after verb: Int, accepting: Accepting) -> Int? {
        var index = verb + 1
        while index < w.count, index <= verb + 6 {
            if isPerson(w, index, accepting: accepting) { return index }
            guard gap.contains(w[index]) else { return nil }
            index += 1
        }
        return nil
    }

    static func isPerson(_ w: [String], _ index: Int, accepting: Accepting = .all) -> Bool {
        let word = w[index]
        let kind: Accepting
        if people.contains(word) || someone.contains(word) {
            kind = .people
        } else if teams.contains(word) {
            // "customer service", "customer support", "help desk" are people to want; "support" alone is not.
            let compound = index > 0 && ["customer", "help", "helpdesk"].contains(w[index - 1])
            kind = compound ? .people : .all
        } else {
            return false
        }
        if accepting == .people && kind == .all { return false }
        return !isLookAlike(w, index)
    }

    /// A person word whose neighbours make it someone else: "travel agent", "my manager", "in person",
    /// "human resources", "human-made".
    static func isLookAlike(_ w: [String], _ index: Int) -> Bool {
        if index > 0 {
            let before = w[index - 1]
            if otherPeopleQualifiers.contains(before) { return true }
            if ["person", "people", "persons"].contains(w[index]), ["in", "per", "each", "every", "first", "third", "many"].contains(before) { return true }
        }
        if index + 1 < w.count, lookAlikeFollowers.contains(w[index + 1]) { return true }
        return false
    }

    static func isWantingVerb(_ w: [String], _ index: Int) -> Bool {
        let word = w[index]
        if wantingVerbs.contains(word) { return true }
        let before = w[max(0, index - 2)..<index]
        switch word {
        // "I'd like a human", not "I like the agent".
        case "like": return before.contains { ["would", "id", "wd", "d"].contains($0) }
        // "can I have / see a manager", not "I have an agent code".
        case "have", "see": return before.contains { ["can", "could", "may", "might"].contains($0) }
        case "ask", "waiting", "wait", "looking": return index + 1 < w.count && w[index + 1] == "for"
        default: return false
        }
    }

    // MARK: Other frames

    /// "please escalate", "escalate this", "this needs to be escalated"; not "my case was escalated".
    static func escalation(_ w: [String], _ index: Int) -> String? {
        let before = index > 0 ? w[index - 1] : ""
        switch w[index] {
        case "escalate" where !["was", "been", "is", "are", "were", "had", "has", "already"].contains(before):
            return "escalate"
        case "escalated" where ["be", "get", "it", "this", "being"].contains(before):
            return "\(before) escalated"
        // "I want my issue escalated to a supervisor".
        case "escalated" where w[max(0, index - 4)..<index].contains(where: { wantingVerbs.contains($0) }) || target(w, after: index, accepting: .people) != nil:
            return "escalated"
        case "escalation" where ["an", "for", "request", "want", "need", "demand", "please"].contains(before):
            return "\(before) escalation"
        default: return nil
        }
    }

    /// "call me back", "please call me", "have someone call me", "give me a call"; not "the courier will call me".
    static func callback(_ w: [String], _ index: Int) -> String? {
        let word = w[index]
        if word == "give", index + 3 < w.count, w[index + 1] == "me", ["a", "an"].contains(w[index + 2]), ["call", "ring"].contains(w[index + 3]) {
            return "give me a \(w[index + 3])"
        }
        if ["have", "let"].contains(word), let person = target(w, after: index, accepting: .people),
           w[(person + 1)..<min(w.count, person + 3)].contains(where: { callVerbs.contains($0) }) {
            return w[index...person].joined(separator: " ")
        }
        guard ["call", "ring", "phone"].contains(word), index + 1 < w.count, ["me", "us"].contains(w[index + 1]) else { return nil }
        let next = index + 2 < w.count ? w[index + 2] : nil
        guard next.map({ afterCallMe.contains($0) }) ?? true else { return nil }
        guard index > 0 else { return "\(word) me" }
        let before = w[index - 1]
        if beforeCallMe.contains(before) || people.contains(before) || someone.contains(before) { return "\(before) \(word) me" }
        if before == "to", index > 1, people.contains(w[index - 2]) || someone.contains(w[index - 2]) { return "\(w[index - 2]) to \(word) me" }
        return nil
    }

    /// "is anyone there", "is there a human", "any agents available?", "can someone help me";
    /// not "are your agents available on Sunday?" (a question about opening hours).
    static func presence(_ w: [String], _ index: Int, clause: HandoffClause, message: HandoffMessage) -> String? {
        let word = w[index]
        if ["is", "are", "isnt", "arent"].contains(word), index + 1 < w.count, w[index + 1] == "there" {
            var next = index + 2
            while next < w.count, next <= index + 6 {
                if (people.contains(w[next]) || someone.contains(w[next])), isPerson(w, next) { return w[index...next].joined(separator: " ") }
                guard gap.contains(w[next]) || ["any", "one"].contains(w[next]) else { break }
                next += 1
            }
        }
        if someone.contains(word), isPerson(w, index),
           w[(index + 1)..<min(w.count, index + 3)].contains(where: { presenceWords.contains($0) }) {
            return w[index..<min(w.count, index + 3)].joined(separator: " ")
        }
        if people.contains(word) || teams.contains(word), isPerson(w, index, accepting: .people), !message.asksAboutHours,
           w[(index + 1)..<min(w.count, index + 3)].contains(where: { presenceWords.contains($0) }),
           clause.mark == "?" || ["is", "are", "any"].contains(w[0]) {
            return w[index..<min(w.count, index + 3)].joined(separator: " ")
        }
        // "can someone help me", "could a human look at this".
        if ["can", "could", "will", "would", "may"].contains(word) {
            var next = index + 1
            while next < w.count, next <= index + 4 {
                if (people.contains(w[next]) || someone.contains(w[next])), isPerson(w, next) {
                    // "can someone help", "could a human look at this"; not "can your agents speak Chinese?".
                    let indefinite = someone.contains(w[next]) || w[index..<next].contains { $0 == "a" || $0 == "an" }
                    if indefinite, w[(next + 1)..<min(w.count, next + 3)].contains(where: { helpVerbs.contains($0) }) { return w[index...next].joined(separator: " ") }
                    break
                }
                guard ["a", "an", "the", "real", "live", "actual", "human", "one", "of", "your", "ur", "please", "pls"].contains(w[next]) else { break }
                next += 1
            }
        }
        return nil
    }

    /// "are you a bot?", "is this a real person?", "am I talking to a machine?": the customer looks for
    /// the person behind the chat.
    static func identity(_ w: [String], _ index: Int) -> String? {
        var next: Int
        switch w[index] {
        case "are", "r":
            guard index + 1 < w.count, ["you", "u"].contains(w[index + 1]) else { return nil }
            next = index + 2
        case "youre", "you", "u", "ur":
            guard index + 1 < w.count else { return nil }
            if ["are", "re", "r"].contains(w[index + 1]) {
                next = index + 2
            } else if w[index] == "youre" || w[index] == "ur" || index == 0 {
                // "you're a bot", "u a bot?"
                next = index + 1
            } else {
                return nil
            }
            // "you are a bot", not "you are a human" (which is praise or sarcasm either way).
            while next < w.count, identityFillers.contains(w[next]) { next += 1 }
            return next < w.count && strongBots.contains(w[next]) ? w[index...next].joined(separator: " ") : nil
        case "is":
            guard index + 1 < w.count, ["this", "it", "that"].contains(w[index + 1]) else { return nil }
            next = index + 2
        case "am":
            guard index + 3 < w.count, ["i", "im"].contains(w[index + 1]),
                  ["talking", "chatting", "speaking", "texting", "writing"].contains(w[index + 2]),
                  ["to", "with", "2"].contains(w[index + 3]) else { return nil }
            next = index + 4
        default: return nil
        }
        let first = next
        while next < w.count, identityFillers.contains(w[next]) || w[next] == "real" && next + 1 < w.count { next += 1 }
        guard next < w.count else { return nil }
        let answer = w[next]
        let isBot = strongBots.contains(answer) || weakBots.contains(answer)
        var humans: Set<String> = ["human", "humans", "real"]
        // "is this a real person?", not "is this person the courier?"; "am I talking to an agent?", not "is that the agent who called?".
        if w[index] == "am" || w[first..<next].contains(where: { $0 == "a" || $0 == "an" }) { humans.formUnion(["person", "people"]) }
        if w[index] == "am" { humans.insert("agent") }
        let isHuman = humans.contains(answer) && !isLookAlike(w, next)
        // The person or bot ends the question: "is this a bot or a person?", not "is it a human-sized doll?".
        guard next + 1 == w.count || identityEnds.contains(w[next + 1]) || isBot && botNouns.contains(w[next + 1]) else { return nil }
        return isBot || isHuman ? w[index...next].joined(separator: " ") : nil
    }

    /// The bot turned away: "stop the bot", "no more bots", "this bot is useless"; not "my robot vacuum
    /// is useless" or "I'm not a robot".
    static func rejectedBot(_ w: [String]) -> Int? {
        for index in w.indices where strongBots.contains(w[index]) && !isProduct(w, index) {
            let before = w[max(0, index - 3)..<index], after = w[(index + 1)..<min(w.count, index + 4)]
            if isCaptcha(w, index) { continue }
            if before.contains(where: { botRejectionBefore.contains($0) }) || after.contains(where: { botRejectionAfter.contains($0) }) { return index }
        }
        return nil
    }

    static func isProduct(_ w: [String], _ index: Int) -> Bool {
        (index + 1 < w.count && productFollowers.contains(w[index + 1])) || (index > 0 && productQualifiers.contains(w[index - 1]))
    }

    /// "I'm not a robot" is a captcha, not a customer.
    static func isCaptcha(_ w: [String], _ index: Int) -> Bool {
        guard let not = w[max(0, index - 3)..<index].lastIndex(of: "not"), not > 0 else { return false }
        return ["im", "am"].contains(w[not - 1])
    }

    /// The clause is a person and courtesies only: "human", "real person please", "customer service?".
    /// A team addressed in a greeting ("hi support, …", "thanks support") is not a request.
    static func bare(_ w: [String], clause: HandoffClause, message: HandoffMessage) -> String? {
        var person: Int?, moving: Int?, onlyTeams = true, greeted = false, pleaded = false
        for index in w.indices {
            let word = w[index]
            if moving == nil, movingVerbs.contains(word), word != "put", word != "send" {
                moving = index
            } else if isPerson(w, index) {
                person = person ?? index
                if !teams.contains(word) { onlyTeams = false }
            } else if greetings.contains(word) {
                greeted = true
            } else if urging.contains(word) {
                pleaded = true
            } else if !fillers.contains(word) && !personPhrase.contains(word) {
                return nil
            }
        }
        // "transfer please", "connect now": a verb of moving with courtesies only.
        if let moving, person == nil, !greeted { return w[moving] }
        guard let person, moving == nil else { return nil }
        let addressedOnly = !(message.clauseCount == 1 || clause.mark != nil || pleaded)
        if onlyTeams, greeted || addressedOnly { return nil }
        // "the agent" opening a longer sentence is its subject ("the agent, who was rude, …"), not a call.
        if addressedOnly, w.contains("the") { return nil }
        return w[person]
    }

    /// Persian written in Latin letters: "ba karshenas sohbat konam", "operator mikham".
    static func latinPersian(_ w: [String]) -> String? {
        guard w.contains(where: { finglishMarkers.contains($0) }) else { return nil }
        let talks = w.contains { finglishTalk.contains($0) }
        for index in w.indices where isPerson(w, index) || w[index] == "nafar" {
            if talks, w[max(0, index - 3)..<index].contains("ba") { return w[max(0, index - 3)...index].joined(separator: " ") }
            if w.contains(where: { ["mikham", "mikhaam", "mikhastam", "lazem"].contains($0) }) { return w[index] }
        }
        return nil
    }

    /// "I'll", "I will", "gonna", "I'm going to": the speaker's own plan.
    static func isFuture(_ w: [String], _ index: Int) -> Bool {
        switch w[index] {
        case "ill", "gonna": return true
        case "will": return index > 0 && ["i", "we"].contains(w[index - 1])
        case "going": return index + 1 < w.count && w[index + 1] == "to" && index > 0 && ["im", "am", "were", "i"].contains(w[index - 1])
        default: return false
        }
    }

    // MARK: Negation

    enum Negation: Equatable {
        case none
        /// The speaker turns a person down: "I don't need an agent", "no need for a human".
        case person
        /// The speaker turns the bot down: "I don't want to talk to a bot".
        case bot(at: Int)
    }

    /// Whether the speaker turns down what follows a negation, and whom.
    static func negation(_ w: [String]) -> Negation {
        for index in w.indices {
            guard let span = negator(w, index) else { continue }
            // "a human is not necessary", "no human needed": the person came before.
            if span == 0 {
                if w[..<index].indices.contains(where: { isPerson(w, $0) }) { return .person }
                continue
            }
            var verb = false
            for next in (index + span)..<w.count {
                if strongBots.contains(w[next]) || weakBots.contains(w[next]), !isProduct(w, next) { return .bot(at: next) }
                if isPerson(w, next) { return .person }
                if strongVerbs.contains(w[next]) || movingVerbs.contains(w[next]) || w[next].hasPrefix("escalat") { verb = true }
            }
            if verb { return .person }
        }
        return .none
    }

    /// The number of words of a negation starting at `index` (0 for one that looks back), or nil.
    static func negator(_ w: [String], _ index: Int) -> Int? {
        let word = w[index]
        let next = index + 1 < w.count ? w[index + 1] : nil
        let before = index > 0 ? w[index - 1] : nil
        let spoken = before.map { negatingSubjects.contains($0) } ?? true
        switch word {
        case "dont", "didnt", "never", "neednt", "refuse", "wont":
            if word == "never", next == "mind" { return 2 }
            guard spoken, !(next.map { notNegatedVerbs.contains($0) } ?? false) else { return nil }
            return 1
        case "do", "did", "does":
            guard next == "not", spoken, !(index + 2 < w.count && notNegatedVerbs.contains(w[index + 2])) else { return nil }
            return 2
        case "no":
            if next == "need" || next == "longer" { return 2 }
            // "no human needed", "no bots": the next word is the one turned down.
            if let next, people.contains(next) || someone.contains(next) || teams.contains(next) || strongBots.contains(next) || next == "more" { return 1 }
            return nil
        case "not":
            if let next, ["necessary", "needed", "required", "needing"].contains(next) { return 0 }
            if next == "interested" { return 2 }
            if before == "im" || before == "am" { return nil }
            // "a refund, not to talk to an agent".
            if next == "to", index + 2 < w.count, strongVerbs.contains(w[index + 2]) { return 2 }
            // "a bot, not a human" turns the person down; "a human, not a bot" turns the bot down.
            var target = index + 1
            while target < w.count, ["a", "an", "the", "some", "any", "real"].contains(w[target]) { target += 1 }
            return target < w.count && (isPerson(w, target) || strongBots.contains(w[target]) || weakBots.contains(w[target])) ? 1 : nil
        case "rather": return next == "not" ? 2 : nil
        case "without", "nevermind": return 1
        case "needed", "necessary", "required": return before == "not" || before == "isnt" ? 0 : nil
        default: return nil
        }
    }
}
