import Foundation
import SwitchboardCore
import SwitchboardStorage

/// A desk for load: teams, agents, customers, and a generator of varied tickets in English,
/// Chinese and Persian, so that lists and searches meet realistic selectivity.
struct SyntheticDesk: Sendable {
    let organizations: [Organization]
    let teams: [Team]
    let agents: [Agent]
    let customers: [Customer.ID]

    static func prepare(in store: any Store, customers customerCount: Int) async throws -> SyntheticDesk {
        let existing = try await store.organizations()
        if existing.contains(where: { $0.kind == .platform }) {
            // A desk from an earlier run: reuse it.
            let teams = try await store.teams(organization: nil)
            let agents = try await store.agents(organization: nil)
            var customers: [Customer.ID] = []
            var id: Int64 = 1
            while customers.count < customerCount, let customer = try await store.customer(Customer.ID(id)) {
                customers.append(customer.id)
                id += 1
            }
            return SyntheticDesk(organizations: existing, teams: teams, agents: agents, customers: customers)
        }
        let platform = try await store.createOrganization(NewOrganization(name: "Bench Market", kind: .platform))
        let merchants = [
            try await store.createOrganization(NewOrganization(name: "Jade Tea House", kind: .merchant)),
            try await store.createOrganization(NewOrganization(name: "Shiraz Crafts", kind: .merchant)),
        ]
        var teams: [Team] = []
        for (organization, name, zone) in [
            (platform, "Orders", "Asia/Shanghai"), (platform, "Payments", "Europe/London"), (platform, "After-sales", "Asia/Tehran"),
            (merchants[0], "Jade Tea service", "Asia/Shanghai"), (merchants[1], "Shiraz Crafts service", "Asia/Tehran"),
        ] {
            teams.append(try await store.createTeam(NewTeam(organizationID: organization.id, name: name, hours: try .weekdays(from: 9, to: 18, timeZone: zone))))
        }
        var agents: [Agent] = []
        for index in 0..<20 {
            let team = teams[index % teams.count]
            agents.append(try await store.createAgent(
                NewAgent(organizationID: team.organizationID, name: "Agent \(index + 1)", email: "agent\(index + 1)@bench.test",
                         role: index == 0 ? .admin : .agent, teamIDs: [team.id]),
                passwordHash: nil
            ))
        }
        let customers = try await withThrowingTaskGroup(of: Customer.ID.self) { group in
            var ids: [Customer.ID] = []
            for index in 0..<customerCount {
                if index >= 32 { ids.append(try await group.next()!) }
                group.addTask {
                    try await store.createCustomer(NewCustomer(
                        name: "Customer \(index + 1)", language: ["en", "zh", "fa"][index % 3],
                        identities: [try ContactIdentity(kind: .email, value: "customer\(index + 1)@bench.test")]
                    )).id
                }
            }
            for try await id in group { ids.append(id) }
            return ids.sorted()
        }
        return SyntheticDesk(organizations: [platform] + merchants, teams: teams, agents: agents, customers: customers)
    }

    var platform: Organization { organizations.first { $0.kind == .platform }! }
}

/// Varied ticket text: templates with order numbers and products, in three languages.
struct TicketText {
    var random: SplitMix

    static let english = (
        subjects: ["Where is my order", "Refund for a broken item", "Charged twice", "Cancel my order", "Change delivery address",
                   "Payment failed", "Cannot log in", "Coupon not accepted", "Need an invoice", "Parcel arrived damaged",
                   "Wrong item delivered", "Exchange for another size"],
        sentences: ["I ordered a %p last week and it has not arrived.", "The tracking page has not moved for three days.",
                    "Please refund the extra charge on my card.", "Two of the cups arrived broken.", "I would like to return the %p.",
                    "My card was charged twice for order %n.", "The coupon code says it is invalid.", "Please send the invoice to my company.",
                    "I moved house, please deliver to my new address.", "The checkout said payment failed but the money was taken.",
                    "Nobody answered my last message.", "The %p is the wrong colour.", "Can I exchange it for a bigger size?"],
        products: ["teapot", "kettle", "tea set", "carpet", "lamp", "mug", "jacket", "phone case", "backpack", "vase"]
    )
    static let chinese = (
        subjects: ["订单还没到", "我想申请退款", "重复扣款", "取消订单", "修改收货地址", "支付失败", "账号登录不了", "优惠券用不了",
                   "需要开发票", "包装破损", "发错货了", "想换货"],
        sentences: ["我上周买的%p还没有收到。", "物流信息三天没有更新了。", "请把多扣的钱退给我。", "收到的%p包装破了。", "订单 %n 被扣了两次钱。",
                    "优惠券结算时显示不可用。", "请帮我开一张公司抬头的发票。", "我搬家了，请改成新地址。", "支付失败但是钱已经扣了。",
                    "客服一直没有回复我。", "颜色和图片不一样，想换一个。", "我想申请退款，订单还没到。"],
        products: ["茶壶", "茶叶", "水壶", "地毯", "台灯", "杯子", "外套", "手机壳", "背包", "花瓶"]
    )
    static let persian = (
        subjects: ["سفارشم نرسیده", "درخواست بازپرداخت", "دو بار از حسابم کم شد", "لغو سفارش", "تغییر آدرس ارسال", "پرداخت ناموفق",
                   "نمی‌توانم وارد حسابم شوم", "کد تخفیف کار نمی‌کند", "فاکتور رسمی می‌خواهم", "بسته آسیب دیده", "کالای اشتباه", "تعویض کالا"],
        sentences: ["%p را هفته پیش سفارش دادم و هنوز نرسیده.", "کد رهگیری سه روز است به‌روز نشده.", "لطفاً بازپرداخت مبلغ اضافه را انجام دهید.",
                    "%p آسیب دیده به دستم رسید.", "برای سفارش %n دو بار از کارتم پول کم شد.", "کد تخفیف خطا می‌دهد.",
                    "آدرسم عوض شده، لطفاً به آدرس جدید بفرستید.", "پرداخت ناموفق بود ولی پول کم شد.", "کسی به پیام من جواب نداد.",
                    "رنگ %p با عکس فرق دارد.", "می‌خواهم آن را با سایز بزرگ‌تر عوض کنم."],
        products: ["قوری", "کتری", "فرش", "چراغ", "لیوان", "کاپشن", "کوله‌پشتی", "گلدان", "سرویس چای", "قاب گوشی"]
    )

    /// A subject, a message, a language and tags for one ticket.
    mutating func next() -> (subject: String, message: String, language: String, tags: [String]) {
        let pick = random.next(3)
        let (subjects, sentences, products) = pick == 0 ? Self.english : pick == 1 ? Self.chinese : Self.persian
        let subjectIndex = random.next(subjects.count)
        let orderNumber = String(100_000 + random.next(900_000))
        var message = ""
        for _ in 0..<(1 + random.next(3)) {
            message += sentences[random.next(sentences.count)]
                .replacingOccurrences(of: "%p", with: products[random.next(products.count)])
                .replacingOccurrences(of: "%n", with: orderNumber) + " "
        }
        message += pick == 0 ? "Order \(orderNumber)." : pick == 1 ? "订单号 \(orderNumber)。" : "شماره سفارش \(orderNumber)."
        let tags = ["refund", "shipping", "payment", "vip", "damaged", "address", "invoice", "login"]
        return (subjects[subjectIndex], message, ["en", "zh", "fa"][pick], random.next(4) == 0 ? [tags[random.next(tags.count)]] : [])
    }
}

/// A fast, seedable generator (SplitMix64).
struct SplitMix: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(bound, 1)))
    }
}
