import SwitchboardCore

/// The Chinese person words with their look-alikes, and the words around them that the handoff rules read.
extension ChineseHandoff {
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
        "接到", "切到", "切换到", "转至", "可以", "能否", "可否", "麻烦", "找到", "联系到", "转给我",
        // "把你们主管叫来".
        "把",
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
