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
            while let at = window.firstRange(of: negator, from: from) {
                let previous = at > before.startIndex ? before[at - 1] : nil
                let asks = previous.map { negator.first == "不" ? questioning.contains($0) : notNegatingBie.contains($0) } ?? false
                if !asks { return true }
                from = at + 1
            }
        }
        let next = after.prefix(6)
        return negatorsAfter.contains { next.firstRange(of: $0, from: next.startIndex) != nil }
    }

    /// "联系过客服", "找了客服", "已经…": a statement about what happened.
    static func isPast(_ before: Text) -> Bool {
        let verb = strip(before, ["你们的", "你们", "的"].map { Array($0.unicodeScalars) })
        if verb.ends(with: Array("过".unicodeScalars)) || verb.ends(with: Array("了".unicodeScalars)) { return true }
        let window = before.suffix(8)
        return pastMarkers.contains { window.firstRange(of: $0, from: window.startIndex) != nil }
    }

    /// The clause is a person word and courtesies only: "人工！", "麻烦转一下人工客服，谢谢", "客服？".
    /// A team greeted or thanked ("客服你好", "谢谢客服") is not asked for.
    static func isBare(_ clause: HandoffClause, message: HandoffMessage, onlyTeams: Bool) -> Bool {
        var greeted = false, urged = false
        for (word, script) in zip(clause.words, clause.scripts) {
            switch script {
            case .cjk:
                let scalars = repaired(Array(word.unicodeScalars))
                if greetingsAndThanks.contains(where: { scalars[...].firstRange(of: $0, from: 0) != nil }) { greeted = true }
                if urgingWords.contains(where: { scalars[...].firstRange(of: $0, from: 0) != nil }) { urged = true }
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
            while let at = segment.firstRange(of: pattern.scalars, from: from) {
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
            while let at = segment.firstRange(of: opener, from: from) {
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
            while let at = segment.firstRange(of: bot.scalars, from: from) {
                from = at + bot.scalars.count
                let before = segment[segment.startIndex..<at], after = segment[(at + bot.scalars.count)..<segment.endIndex]
                // "机器" alone is a machine unless asked about: "是机器吗".
                if bot.text == "机器", after.starts(with: Array("人".unicodeScalars)) { continue }
                if productsBefore.contains(where: { before.ends(with: $0) }) || productsAfter.contains(where: { after.starts(with: $0) }) { continue }
                if isIdentityQuestion(before: before, after: after) { return bot.text }
                if bot.text == "机器" { continue }
                let window = before.suffix(6), next = after.prefix(8)
                if botRejectionBefore.contains(where: { window.firstRange(of: $0, from: window.startIndex) != nil })
                    || botRejectionAfter.contains(where: { next.firstRange(of: $0, from: next.startIndex) != nil }) {
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
        let greeted = greetingsAndThanks.contains { rest.firstRange(of: $0, from: rest.startIndex) != nil }
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

    // MARK: Words

    enum Kind { case human, team, staff }

    struct Keyword: Sendable {
        let text: String
        let scalars: [Unicode.Scalar]
        let kind: Kind
        let lookAlikeAfter: [[Unicode.Scalar]]
        let lookAlikeBefore: [[Unicode.Scalar]]

        init(_ text: String, _ kind: Kind, after: [String] = [], before: [String] = []) {
            self.text = text
            scalars = Array(text.unicodeScalars)
            self.kind = kind
            lookAlikeAfter = after.map { Array($0.unicodeScalars) }
            lookAlikeBefore = before.map { Array($0.unicodeScalars) }
        }

        func isLookAlike(before: Text, after: Text) -> Bool {
            lookAlikeAfter.contains { after.starts(with: $0) } || lookAlikeBefore.contains { before.ends(with: $0) }
        }
    }

    /// What follows "人工" in a thing made or done by hand, or its cost: "人工费", "人工智能", "人工缝制", "人工湖".
    static let artificialAfter = [
        "智", "费", "成本", "工资", "价", "钱", "湖", "河", "岛", "林", "草", "降", "增雨", "合成", "呼吸", "授精", "受精", "关节",
        "耳蜗", "心脏", "晶体", "瓣膜", "骨", "牙", "器官", "养", "种植", "培育", "繁殖", "栽培", "缝", "制", "做", "打造", "编", "织",
        "绣", "雕", "磨", "染", "上链", "上弦", "组装", "拼", "挑", "筛", "分拣", "检测", "审核", "校对", "翻译", "标注", "宝石", "钻",
        "水晶", "珍珠", "皮", "革", "材料", "纤维", "香料", "色素", "甜", "添加", "调", "照明", "光", "鱼饵", "饵", "景", "瀑布", "造",
        "神经", "生命", "语言", "挖", "搬", "拆", "清洗", "喂", "的", "成分", "流产", "湿地", "鱼", "堤", "渠", "运河", "作", "计",
        "操作", "安装", "证", "具", "授粉", "孵化", "干预",
        // Work done by hand on an order or an account: "需要人工开通吗", "人工审批".
        "开通", "激活", "审批", "核实", "核对", "录入", "复核", "审查", "鉴定", "检验", "检查", "分配", "匹配", "调整", "修改", "开票",
        "刷", "打包", "包装", "拣", "发货", "配送", "送",
    ]
    /// What makes "客服" the subject of a statement or a detail asked for: "客服说", "客服电话", "客服几点上班".
    static let teamAfter = [
        "说", "讲", "告诉", "答应", "承诺", "已经", "态度", "电话", "热线", "号码", "邮箱", "微信", "工作时间", "上班", "下班", "几点",
        "时间", "都", "也", "太", "很", "真", "挺", "不错", "辛苦", "人很", "一直", "根本", "给我打", "打电话", "打过", "让我", "叫我",
        "帮我解决了", "处理了", "解决了", "系统", "的", "周末", "节假日", "回复说", "回复了", "是机器人", "是不是机器人", "小姐姐好",
        "你好", "您好", "美女", "帮我查", "帮我看", "帮忙查",
    ]
    static let teamBefore = ["智能", "机器人", "ai", "自动", "谢谢", "感谢", "之前的", "之前", "上次的", "上次", "刚才的", "刚才", "那个", "辛苦", "前任"]
    static let staffAfter = ["说", "讲", "告诉", "让我", "叫我", "推荐", "同意", "答应", "批准", "部门", "单位", "给我打", "打过", "人很", "很", "太", "的", "是", "要"]
    static let staffBefore = ["我", "我们", "我的", "我们的", "客户", "项目", "产品", "快递", "物流", "银行", "酒店", "物业", "公司", "是"]

    static let allKeywords: [Keyword] = [
        Keyword("人工客服", .human, after: teamAfter), Keyword("人工服务", .human, after: ["费", "价", "的"]),
        Keyword("人工坐席", .human), Keyword("真人客服", .human, after: teamAfter),
        Keyword("人工", .human, after: artificialAfter, before: ["非", "纯", "全", "半", "手工", "机器", "机械", "节省", "省", "计算", "包", "含", "加", "另付", "付", "减少", "节约", "大量", "靠"]),
        Keyword("真人", .human, after: [
            "秀", "版", "实拍", "拍", "图", "照", "试穿", "试戴", "模特", "发", "头发", "演", "电影", "cs", "尺寸", "上身", "效果", "视频",
            "比例", "娃娃", "手办", "大小", "演员", "动画", "配音", "游戏", "买家秀", "展示", "对比", "真事",
        ]),
        Keyword("活人", .human),
        Keyword("在线客服", .team, after: teamAfter, before: teamBefore), Keyword("客户服务", .team, after: teamAfter + ["中心电话"], before: teamBefore),
        Keyword("客服人员", .staff, after: teamAfter, before: teamBefore), Keyword("客服", .team, after: teamAfter, before: teamBefore),
        Keyword("小二", .team, after: teamAfter, before: teamBefore),
        Keyword("售后", .team, after: ["问题", "服务", "政策", "保障", "期", "电话", "地址", "多久", "怎么", "流程", "规则", "说", "的", "是", "包"]),
        Keyword("工作人员", .staff, after: staffAfter, before: staffBefore), Keyword("服务人员", .staff, after: staffAfter, before: staffBefore),
        Keyword("负责人", .staff, after: staffAfter, before: staffBefore), Keyword("经理", .staff, after: staffAfter, before: staffBefore),
        Keyword("主管", .staff, after: staffAfter, before: staffBefore), Keyword("领导", .staff, after: staffAfter, before: staffBefore),
        Keyword("店长", .staff, after: staffAfter, before: staffBefore), Keyword("老板", .staff, after: staffAfter + ["娘说"], before: staffBefore),
        Keyword("上级", .staff, after: staffAfter, before: staffBefore), Keyword("坐席", .staff), Keyword("专员", .staff, after: staffAfter, before: staffBefore),
        Keyword("管事的", .staff), Keyword("管事儿的", .staff), Keyword("说了算的", .staff), Keyword("接线员", .staff), Keyword("话务员", .staff), Keyword("管理员", .staff, after: staffAfter, before: staffBefore),
        Keyword("human", .human, after: ["resources"]), Keyword("agent", .human), Keyword("operator", .human),
        Keyword("zhuanrengong", .human), Keyword("rengong", .human), Keyword("kefu", .team),
    ]
    /// By first scalar, longest first.
    static let keywords: [Unicode.Scalar: [Keyword]] = Dictionary(grouping: allKeywords, by: { $0.scalars[0] })
        .mapValues { $0.sorted { $0.scalars.count > $1.scalars.count } }

    static func scalars(_ words: [String]) -> [[Unicode.Scalar]] { words.map { Array($0.unicodeScalars) } }

    static let modifiers = scalars(["你们的", "你们", "您们", "贵司的", "一下", "一个", "一位", "个", "位", "下", "的"])
    static let reachingVerbs = scalars([
        "转接", "接通", "连接", "联系", "呼叫", "对接", "需要", "想要", "切换", "转到", "转给", "转去", "转", "找", "要", "接", "叫", "换",
        "切", "请", "让", "喊", "给我", "来", "派", "安排", "求", "艾特", "@", "呼", "唤", "转成", "换成", "申请", "接入", "转接到",
        "接到", "切到", "切换到", "转至", "可以", "能否", "可否", "麻烦",
    ])
    static let talkPrepositions = scalars(["跟", "和", "与", "同"])
    static let talkVerbs = scalars(["说", "聊", "谈", "沟通", "对话", "讲", "交流", "通话", "联系"])
    static let copulas = scalars(["是不是", "是"])
    /// Who "是…吗" may be asked of: the one answering.
    static let addressees = scalars(["你", "您", "你们", "对面", "对方", "这边", "客服", "现在", "请问", "到底", "真的", "究竟", "回复我的", "跟我聊天的", "和我聊天的", "在线的"])
    /// Longest first, so "在哪里找" is read whole rather than as "在哪里" and a stray "找".
    static let attention = scalars([
        "在不在", "在吗", "在么", "在嘛", "在不", "在哪里", "在哪儿", "在哪", "在线吗", "在线", "在呢", "在啊", "在", "呢", "哪去了",
        "去哪了", "哪里去了", "哪儿去了", "出来", "快来", "过来", "来一下", "来下", "来", "上线", "回复一下", "回复我", "回复", "回我",
        "理我", "理一下", "说话", "介入", "接待", "处理", "帮忙", "救命", "回话", "快点", "速来", "赶紧", "马上", "人呢", "有吗", "有没有",
        "服务", "接一下", "回答", "在哪里找", "在哪找", "怎么找", "怎么联系",
    ]).sorted { $0.count > $1.count }
    static let particles = Set("吗呢啊吧呀啦嘛么哦噢一下我好不在快点".unicodeScalars)
    static let negators = scalars(["不用", "不要", "不需要", "不想", "不必", "无需", "无须", "没必要", "用不着", "别", "甭", "勿", "不找", "不转", "不联系", "不接", "不叫", "不麻烦"])
    /// Before "不": "能不能", "为什么不", "要不要" ask rather than refuse.
    static let questioning = Set("能可行是会么什啥咋嘛为要".unicodeScalars)
    /// Before "别": "特别", "区别" are other words.
    static let notNegatingBie = Set("特区分告级识类性派离辨个".unicodeScalars)
    static let negatorsAfter = scalars(["不用了", "不需要了", "就不用了", "算了", "不必了", "免了", "不要了", "不用", "不需要"])
    static let pastMarkers = scalars(["已经", "刚才", "之前", "上次", "昨天"])
    static let fillerCharacters = Set("请我要给找转快点谢麻烦马上立刻赶紧速度一下吧啊呀哦嘛了呢亲喂拜托求你好您的们哈喽嗨吗".unicodeScalars)
    static let greetingsAndThanks = scalars(["你好", "您好", "哈喽", "嗨", "谢谢", "感谢", "辛苦", "多谢"])
    static let urgingWords = scalars(["请", "快", "麻烦", "马上", "立刻", "赶紧", "速度", "求"])
    static let contrast = scalars(["但是", "可是", "不过", "只是"])

    struct PersonPattern: Sendable {
        let text: String
        let scalars: [Unicode.Scalar]
        /// Continuations that make it a request; empty: only attention or particles may follow.
        let afterOneOf: [[Unicode.Scalar]]
        /// Whether nothing (or particles) may follow too.
        let endAllowed: Bool
        let notAfter: Set<Unicode.Scalar>
        let atStartOnly: Bool

        init(_ text: String, then afterOneOf: [String] = [], orEnd: Bool = true, notAfter: String = "", atStart: Bool = false) {
            self.text = text
            scalars = Array(text.unicodeScalars)
            self.afterOneOf = afterOneOf.map { Array($0.unicodeScalars) }
            endAllowed = orEnd
            self.notAfter = Set(notAfter.unicodeScalars)
            atStartOnly = atStart
        }
    }

    static let personPatterns: [PersonPattern] = [
        PersonPattern("有没有人", then: ["在", "能帮", "可以帮", "帮帮", "回", "理", "管", "接", "出来", "说话", "啊", "吗", "呀"]),
        PersonPattern("有木有人", then: ["在", "能帮", "可以帮", "回", "理", "管", "接"]),
        PersonPattern("有人", then: ["在吗", "在么", "在嘛", "在不", "在线", "在呢", "在啊", "回复", "回", "理", "管", "接", "能帮", "可以帮", "帮帮", "出来", "说话", "应", "吗", "么", "嘛", "没", "不", "呢", "啊", "呀", "能回", "可以回", "能处理", "能接"],
                      notAfter: "所没家别个的某"),
        PersonPattern("人呢", notAfter: "件货款证系址名"),
        PersonPattern("换人", then: ["跟", "和", "来", "吧", "处理", "吗"], notAfter: "兑"),
        PersonPattern("来人", atStart: true),
        PersonPattern("跟人", then: ["说", "聊", "谈", "沟通", "对话", "讲", "交流"], orEnd: false),
        PersonPattern("和人", then: ["说话", "聊", "谈", "沟通", "对话", "讲话", "交流"], orEnd: false),
        PersonPattern("是人", then: ["吗", "么", "嘛", "还是"], orEnd: false, notAfter: "这那它"),
        PersonPattern("是不是人", then: ["啊", "吗", "还是"], notAfter: "这那它"),
        PersonPattern("没人", then: ["理", "回", "管", "接", "在线", "搭理"], orEnd: false, notAfter: "家里屋"),
        PersonPattern("没有人", then: ["理", "回", "管", "接", "在线", "搭理"], orEnd: false, notAfter: "家里屋"),
    ]
    static let someoneOpeners = scalars(["来个", "找个", "叫个", "换个", "派个", "来一个", "找一个", "换一个", "叫一个", "来位", "找位"])
    static let afterSomeone = scalars(["来", "说", "聊", "跟", "和", "吧", "处理", "回复", "回答", "对话"])

    struct Bot: Sendable {
        let text: String
        let scalars: [Unicode.Scalar]
        init(_ text: String) { self.text = text; scalars = Array(text.unicodeScalars) }
    }

    static let bots = ["机器人客服", "智能客服", "机器客服", "自动回复", "机器回复", "ai客服", "机器人", "机器"].map(Bot.init)
    static let productsBefore = scalars(["扫地", "擦窗", "拖地", "炒菜", "陪伴", "教育", "编程", "玩具", "早教", "割草", "送餐", "洗碗", "清洁", "扫拖", "吸尘", "乐高", "积木", "遥控", "变形", "智能", "这个", "这款", "那个"])
    static let productsAfter = scalars(["玩具", "吸尘器", "套件", "模型", "积木", "电池", "充电", "的电池", "能", "坏", "多少钱", "怎么", "适合"])
    static let botRejectionBefore = scalars(["不要", "别", "不想", "不跟", "不和", "不用", "受够", "讨厌", "烦死", "关掉", "关闭", "换掉", "不再", "不需要", "滚"])
    static let botRejectionAfter = scalars([
        "没用", "听不懂", "不懂", "太笨", "真笨", "好笨", "笨死", "不行", "垃圾", "滚", "闭嘴", "智障", "废物", "解决不了", "答非所问",
        "有病", "好蠢", "傻", "别回", "烦", "笨",
    ])

    /// Characters an input method slips to on the key phrases, and the phrases themselves.
    static let confusables: [Unicode.Scalar: String] = ["转": "专砖赚撰", "人": "仁认任忍", "工": "公攻功宫共供弓恭贡", "客": "课刻可科克颗壳", "服": "福付扶夫幅府复符伏"]
    static let confusableScalars = Set(confusables.values.flatMap(\.unicodeScalars))
    /// Slips by their first character.
    static let repairs: [Unicode.Scalar: [([Unicode.Scalar], [Unicode.Scalar])]] = {
        let anchors = ["转人工", "人工客服", "找客服", "转客服", "联系客服", "叫客服", "要人工", "找人工", "接人工", "叫人工", "人工服务", "真人客服"]
        var repairs: [([Unicode.Scalar], [Unicode.Scalar])] = []
        for anchor in anchors {
            let phrase = Array(anchor.unicodeScalars)
            for index in phrase.indices {
                for slip in confusables[phrase[index]]?.unicodeScalars ?? "".unicodeScalars {
                    var variant = phrase
                    variant[index] = slip
                    repairs.append((variant, phrase))
                }
            }
        }
        return Dictionary(grouping: repairs, by: { $0.0[0] })
    }()
}

extension ArraySlice where Element == Unicode.Scalar {
    func ends(with suffix: [Unicode.Scalar]) -> Bool {
        count >= suffix.count && self[(endIndex - suffix.count)...].elementsEqual(suffix)
    }

    func occurs(_ needle: [Unicode.Scalar], at position: Int) -> Bool {
        position + needle.count <= endIndex && self[position..<(position + needle.count)].elementsEqual(needle)
    }

    /// The start of the first occurrence of `needle` at or after `from` (an index of this slice).
    func firstRange(of needle: [Unicode.Scalar], from: Int) -> Int? {
        guard !needle.isEmpty, from >= startIndex else { return nil }
        var position = from
        while position + needle.count <= endIndex {
            if self[position] == needle[0], occurs(needle, at: position) { return position }
            position += 1
        }
        return nil
    }

    func removingAll(_ needle: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> {
        guard firstRange(of: needle, from: startIndex) != nil else { return self }
        var output: [Unicode.Scalar] = []
        var position = startIndex
        while position < endIndex {
            if occurs(needle, at: position) {
                position += needle.count
            } else {
                output.append(self[position])
                position += 1
            }
        }
        return output[...]
    }
}
