import SwitchboardCore

/// Chinese requests for a person. Chinese has no spaces, so the rules look at what stands right
/// before and after a person word in the clause: a verb of reaching ("转", "找", "联系" + "人工"), a
/// call for attention ("客服在吗", "人工呢"), "有…吗" ("有真人吗"), "是…吗" ("你是机器人吗"), or nothing but
/// courtesies ("人工！", "麻烦转一下人工客服"). What follows "人工" often makes it a thing ("人工费",
/// "人工智能", "人工缝制"), and "客服" is often the subject of a statement ("客服说明天发货"); those are
/// held back. A slip of the input method on a key phrase ("转人公", "找课服") is read as the phrase.
enum ChineseHandoff {
    typealias Text = ArraySlice<Unicode.Scalar>

    /// The words that make `clause` a request, or nil.
    static func request(_ clause: HandoffClause, _ message: HandoffMessage) -> String? {
        let text = repaired(clause.compact)
        var valid: [Keyword] = []
        for segment in segments(text) {
            if let match = rejectedBot(segment) { return match }
            var position = segment.startIndex
            while position < segment.endIndex {
                guard let keyword = keywords[segment[position]]?.first(where: { segment.occurs($0.scalars, at: position) }) else {
                    position += 1
                    continue
                }
                let end = position + keyword.scalars.count
                let before = segment[segment.startIndex..<position], after = segment[end..<segment.endIndex]
                if isNegated(before: before, after: after) || isPast(before) {
                    // Turned down or told about: "不用转人工", "联系过客服".
                } else if isTalk(before: before, after: after) {
                    // "跟客服说" asks to speak with them even though "客服说" alone tells what they said.
                    return keyword.text
                } else if !keyword.isLookAlike(before: before, after: after) {
                    if asks(for: keyword, before: before, after: after) { return keyword.text }
                    valid.append(keyword)
                }
                position = end
            }
            if let match = personRequest(segment) { return match }
        }
        if !valid.isEmpty, isBare(clause, message: message, onlyTeams: valid.allSatisfy { $0.kind == .team }) { return valid[0].text }
        return nil
    }

    /// Whether the words around a person word ask for that person.
    static func asks(for keyword: Keyword, before: Text, after: Text) -> Bool {
        let reaching = strip(before, modifiers)
        if reachingVerbs.contains(where: { reaching.ends(with: $0) }) {
            // "请客服尽快发货", "麻烦客服查一下" speak to the team; "请人工处理" asks for a person.
            return keyword.kind != .team || !["请", "麻烦"].contains { reaching.ends(with: Array($0.unicodeScalars)) }
        }
        if isAttention(after) { return true }
        // "人工帮我查下": a person is not told what to do, they are asked for.
        if keyword.kind == .human, before.isEmpty, ["帮我", "帮忙", "给我", "来帮"].contains(where: { after.starts(with: Array($0.unicodeScalars)) }) { return true }
        // "有人工吗", "有没有真人".
        if before.ends(with: Array("有".unicodeScalars)), isCallOrEnd(after) { return true }
        if isIdentityQuestion(before: before, after: after) { return true }
        return false
    }

    /// "跟人工说", "和真人客服聊聊"; not "跟客服说过了".
    static func isTalk(before: Text, after: Text) -> Bool {
        let reaching = strip(before, modifiers)
        guard talkPrepositions.contains(where: { reaching.ends(with: $0) }),
              let verb = talkVerbs.first(where: { after.starts(with: $0) }) else { return false }
        let rest = after.dropFirst(verb.count)
        return !["过", "了", "好"].contains { rest.starts(with: Array($0.unicodeScalars)) }
    }

    /// "是真人吗", "你是不是机器人", "你是真人还是机器人"; not "模特是真人吗" (a question about a photo).
    static func isIdentityQuestion(before: Text, after: Text) -> Bool {
        guard isCallOrEnd(after) || after.starts(with: Array("还是".unicodeScalars)) else { return false }
        // The second of two ("你是真人还是机器人") is asked like the first; "用人工还是机器" asks about a method.
        var question = before
        if question.ends(with: Array("还是".unicodeScalars)), let copula = question.lastIndex(of: "是"), copula < question.endIndex - 2 {
            question = question[question.startIndex...copula]
        }
        for copula in copulas where question.ends(with: copula) {
            let subject = question.dropLast(copula.count)
            return subject.isEmpty || addressees.contains { subject.ends(with: $0) }
        }
        return false
    }

    /// The rest of the clause only calls for attention: "在吗", "呢", "出来", "介入一下".
    static func isAttention(_ text: Text) -> Bool {
        var rest = text
        var called = false
        while let first = rest.first {
            if !isLetter(first) {
                rest = rest.dropFirst()
            } else if let word = attention.first(where: { rest.starts(with: $0) }) {
                rest = rest.dropFirst(word.count)
                called = true
            } else if particles.contains(first) {
                rest = rest.dropFirst()
            } else {
                return false
            }
        }
        return called
    }

    /// Nothing, particles ("吗", "啊") or a call for attention follows.
    static func isCallOrEnd(_ text: Text) -> Bool {
        text.allSatisfy { particles.contains($0) || !isLetter($0) } || isAttention(text)
    }

    /// "不用转人工", "别找客服", "人工客服就不用了"; not "能不能转人工", "为什么不转人工".
    static func isNegated(before: Text, after: Text) -> Bool {
        let window = before.suffix(8)
        for negator in negators {
            var from = window.startIndex
            while let at = window.position(of: negator, from: from) {
                let previous = at > before.startIndex ? before[at - 1] : nil
                let asks = previous.map { negator.first == "不" ? questioning.contains($0) : notNegatingBie.contains($0) } ?? false
                if !asks { return true }
                from = at + 1
            }
        }
        let next = after.prefix(6)
        return negatorsAfter.contains { next.position(of: $0, from: next.startIndex) != nil }
    }

    /// "联系过客服", "找了客服", "已经…": a statement about what happened.
    static func isPast(_ before: Text) -> Bool {
        let verb = strip(before, ["你们的", "你们", "的"].map { Array($0.unicodeScalars) })
        if verb.ends(with: Array("过".unicodeScalars)) || verb.ends(with: Array("了".unicodeScalars)) { return true }
        let window = before.suffix(8)
        return pastMarkers.contains { window.position(of: $0, from: window.startIndex) != nil }
    }

    /// The clause is a person word and courtesies only: "人工！", "麻烦转一下人工客服，谢谢", "客服？".
    /// A team greeted or thanked ("客服你好", "谢谢客服") is not asked for.
    static func isBare(_ clause: HandoffClause, message: HandoffMessage, onlyTeams: Bool) -> Bool {
        var greeted = false, urged = false
        for (word, script) in zip(clause.words, clause.scripts) {
            switch script {
            case .cjk:
                let scalars = repaired(Array(word.unicodeScalars))
                if greetingsAndThanks.contains(where: { scalars[...].position(of: $0, from: 0) != nil }) { greeted = true }
                if urgingWords.contains(where: { scalars[...].position(of: $0, from: 0) != nil }) { urged = true }
                // What is left once the person words are taken out must be courtesies.
                var position = 0
                while position < scalars.count {
                    if let keyword = keywords[scalars[position]]?.first(where: { scalars[...].occurs($0.scalars, at: position) }) {
                        position += keyword.scalars.count
                        continue
                    }
                    guard fillerCharacters.contains(scalars[position]) || !isLetter(scalars[position]) else { return false }
                    position += 1
                }
            case .latin, .number:
                let canonical = EnglishHandoff.lexicon.canonical(word)
                if EnglishHandoff.greetings.contains(canonical) { greeted = true }
                if EnglishHandoff.urging.contains(canonical) { urged = true }
                guard EnglishHandoff.fillers.contains(canonical) || EnglishHandoff.greetings.contains(canonical) || EnglishHandoff.people.contains(canonical) else { return false }
            case .arabic:
                guard let role = PersianHandoff.roleInLatinText(word), role != "human" else { return false }
                if role == "please" { urged = true } else { greeted = true }
            }
        }
        return !onlyTeams || (!greeted && (message.clauseCount == 1 || clause.mark != nil || urged))
    }

    // MARK: "人" alone

    /// "有人吗", "有没有人", "人呢", "来个真人", "换个人跟我说", "只想跟人说话", "没人理我".
    static func personRequest(_ segment: Text) -> String? {
        guard segment.contains("人") else { return nil }
        for pattern in personPatterns {
            var from = segment.startIndex
            while let at = segment.position(of: pattern.scalars, from: from) {
                from = at + 1
                let before = segment[segment.startIndex..<at]
                let after = segment[(at + pattern.scalars.count)..<segment.endIndex]
                if isNegated(before: before, after: after) { continue }
                if let previous = before.last, pattern.notAfter.contains(previous) { continue }
                if pattern.atStartOnly, !before.allSatisfy({ !isLetter($0) || "哈喽嗨喂啊呀亲".unicodeScalars.contains($0) }) { continue }
                if pattern.afterOneOf.isEmpty ? (after.isEmpty || isAttention(after) || after.allSatisfy { particles.contains($0) || !isLetter($0) })
                    : (pattern.endAllowed && (after.isEmpty || after.allSatisfy { particles.contains($0) || !isLetter($0) }))
                        || pattern.afterOneOf.contains(where: { after.starts(with: $0) }) {
                    return pattern.text
                }
            }
        }
        // "来个真人", "找个能说话的人", "换个人跟我说".
        for opener in someoneOpeners {
            var from = segment.startIndex
            while let at = segment.position(of: opener, from: from) {
                from = at + 1
                let rest = segment[(at + opener.count)...]
                guard let person = rest.prefix(6).firstIndex(of: "人") else { continue }
                let between = rest[rest.startIndex..<person], after = rest[(person + 1)...]
                if between.contains(where: { "家快收签别".unicodeScalars.contains($0) }) { continue }
                if isNegated(before: segment[segment.startIndex..<at], after: after) { continue }
                if after.isEmpty || after.allSatisfy({ particles.contains($0) || !isLetter($0) }) || afterSomeone.contains(where: { after.starts(with: $0) }) {
                    return String(String.UnicodeScalarView(segment[at...person]))
                }
            }
        }
        return nil
    }

    // MARK: The bot

    /// "不要机器人", "机器人听不懂", "你是机器人吗"; not "扫地机器人坏了" or "智能客服挺好用的".
    static func rejectedBot(_ segment: Text) -> String? {
        guard segment.contains(where: { $0 == "机" || $0 == "自" || $0 == "智" || $0 == "a" }) else { return nil }
        for bot in bots {
            var from = segment.startIndex
            while let at = segment.position(of: bot.scalars, from: from) {
                from = at + bot.scalars.count
                let before = segment[segment.startIndex..<at], after = segment[(at + bot.scalars.count)..<segment.endIndex]
                // "机器" alone is a machine unless asked about: "是机器吗".
                if bot.text == "机器", after.starts(with: Array("人".unicodeScalars)) { continue }
                if productsBefore.contains(where: { before.ends(with: $0) }) || productsAfter.contains(where: { after.starts(with: $0) }) { continue }
                if isIdentityQuestion(before: before, after: after) { return bot.text }
                if bot.text == "机器" { continue }
                let window = before.suffix(6), next = after.prefix(8)
                if botRejectionBefore.contains(where: { window.position(of: $0, from: window.startIndex) != nil })
                    || botRejectionAfter.contains(where: { next.position(of: $0, from: next.startIndex) != nil }) {
                    return bot.text
                }
            }
        }
        return nil
    }

    // MARK: Slips and segments

    /// Key phrases with one character typed as a sound-alike or look-alike ("转人公", "找课服") put right.
    static func repaired(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard text.count >= 3, text.contains(where: { confusableScalars.contains($0) }) else { return text }
        var output = text
        var position = 0
        while position < output.count {
            if let (variant, phrase) = repairs[output[position]]?.first(where: { output[...].occurs($0.0, at: position) }) {
                output.replaceSubrange(position..<(position + variant.count), with: phrase)
                position += phrase.count
            } else {
                position += 1
            }
        }
        return output
    }

    /// The clause cut at "但是", "可是", "不过".
    static func segments(_ text: [Unicode.Scalar]) -> [Text] {
        var segments: [Text] = []
        var start = 0, position = 0
        while position < text.count {
            if let marker = contrast.first(where: { text[position...].starts(with: $0) }) {
                segments.append(text[start..<position])
                position += marker.count
                start = position
            } else {
                position += 1
            }
        }
        segments.append(text[start..<text.count])
        return segments
    }

    /// For the English and Persian rules: "human" for a run of Chinese characters that asks for a person
    /// on its own ("人工", "我要真人客服"), "please" for one of courtesies only ("我要", "请"), "hello" for a
    /// greeting or thanks ("你好", "谢谢"); nil otherwise ("客服你好" greets the team, it does not ask).
    static func runRole(_ run: String) -> String? {
        var rest = repaired(Array(run.unicodeScalars))[...]
        let greeted = greetingsAndThanks.contains { rest.position(of: $0, from: rest.startIndex) != nil }
        for greeting in greetingsAndThanks { rest = rest.removingAll(greeting) }
        let length = rest.count
        for keyword in humanRuns { rest = rest.removingAll(keyword) }
        guard rest.allSatisfy({ fillerCharacters.contains($0) }) else { return nil }
        if greeted { return length == 0 ? "hello" : nil }
        return rest.count < length ? "human" : "please"
    }

    static let humanRuns = scalars(["人工客服", "人工服务", "真人客服", "人工", "真人"])

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) }

    static func strip(_ text: Text, _ suffixes: [[Unicode.Scalar]]) -> Text {
        var text = text
        var changed = true
        while changed {
            changed = false
            for suffix in suffixes where text.ends(with: suffix) {
                text = text.dropLast(suffix.count)
                changed = true
            }
        }
        return text
    }
}
