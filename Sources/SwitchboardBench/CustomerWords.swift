import Foundation

/// What customers write, in English, Chinese and Persian: a subject and a first message of the
/// length real ones have (a few sentences, now and then a long story), for the routing benches.
/// Rules with keywords read the whole text, so its length is part of what they cost.
enum CustomerWords {
    static let subjects: [String: [String]] = [
        "en": [
            "Where is my order?", "Charged twice for one order", "Refund for a broken cup", "Cancel my order please",
            "Payment failed but money was taken", "Cannot log in to my account", "Wrong item delivered", "Nobody answered my last message",
        ],
        "zh": ["订单还没到", "我想申请退款", "茶叶包装破损", "重复扣款", "修改收货地址", "账号登录不了", "发错货了", "客服一直不回复"],
        "fa": ["سفارشم کجاست؟", "دو بار از کارتم کم شد", "درخواست بازپرداخت", "بسته آسیب دیده رسید", "تغییر آدرس ارسال", "نمی‌توانم وارد حسابم شوم", "کالای اشتباه فرستادید"],
    ]

    static let sentences: [String: [String]] = [
        "en": [
            "I ordered a teapot eight days ago (order 58213) and the tracking page has not moved since Monday.",
            "Can you check where it is and tell me when it will arrive?",
            "My card statement shows two charges of 39.90 for the same order, and I only placed it once.",
            "Two of the six cups arrived broken; I have photos of the box and of the cups.",
            "I would like my money back rather than a replacement, because I needed them for a party that is now over.",
            "The checkout said the payment failed, but 120 dollars left my account and there is no order on my account page.",
            "I have already written twice this week and nobody has answered, which is really frustrating.",
            "The password reset email never arrives, and I have checked the spam folder as well.",
            "I moved last week, so please send the parcel to my new address in Rotterdam instead.",
            "The size is wrong: I asked for a medium and received a large, and the colour is different from the picture too.",
            "Could you also send me a VAT invoice with my company name on it for the accounts department?",
            "Thank you in advance, I have been a customer for years and this has never happened before.",
            "The courier says the parcel was delivered, but nobody in the building received anything.",
            "If this cannot be fixed by Friday I will have to cancel the order.",
        ],
        "zh": [
            "我一周前下的订单 70321 还没有收到，物流信息三天没更新了。", "请帮忙查一下包裹现在在哪里。", "同一个订单被扣了两次钱，每次 168 元。",
            "收到的龙井茶外包装破了，茶叶洒了一半。", "我想申请退款，已经等了十天了，不想要了。", "我搬家了，订单 71208 能改成新地址吗？还没发货。",
            "满减优惠券在结算的时候显示不可用，但是还没过期。", "重置密码的短信一直收不到，试了好几次了。", "发来的颜色和图片上的不一样，尺码也不对。",
            "我已经联系了三次，一直没有人回复，非常失望。", "请尽快处理，谢谢。", "快递显示已签收，但是我根本没有收到。",
        ],
        "fa": [
            "ده روز پیش سفارش دادم (سفارش ۴۴۱۰۲) و هنوز به دستم نرسیده است.", "لطفاً بررسی کنید بسته الان کجاست.",
            "برای یک سفارش دو بار از کارتم پول کم شده است.", "دو تا از لیوان‌ها شکسته رسیدند و عکس آن‌ها را دارم.",
            "می‌خواهم پولم را پس بگیرم، نه اینکه کالا را عوض کنم.", "هفته گذشته خانه‌ام را عوض کردم؛ لطفاً بسته را به آدرس جدید بفرستید.",
            "ایمیل بازیابی رمز عبور هیچ‌وقت نمی‌رسد.", "سه بار پیام دادم و هیچ‌کس جواب نداد.", "رنگ کالا با عکس سایت فرق دارد.",
            "پیک می‌گوید بسته تحویل داده شده، اما من چیزی دریافت نکرده‌ام.", "ممنون می‌شوم زودتر رسیدگی کنید.",
        ],
    ]

    /// Words that, in the rules of the benches, mark fraud (and send a case to payments, urgent).
    static let fraudWords = ["chargeback", "fraud", "盗刷", "کلاهبرداری"]

    /// Keywords supervisors write into rules, by language.
    static let keywords: [String: [String]] = [
        "en": [
            "chargeback", "fraud", "lawyer", "cancel my account", "broken", "damaged", "never arrived", "wrong size", "invoice",
            "gift card", "warranty", "discount code", "unsubscribe", "password", "hacked", "stolen", "police", "allergic",
        ],
        "zh": ["退款", "盗刷", "投诉", "没收到", "发票", "坏了", "换货", "密码", "账号被盗", "优惠券", "律师", "过敏"],
        "fa": ["کلاهبرداری", "بازپرداخت", "شکایت", "فاکتور", "خراب", "مرجوعی", "رمز عبور", "تخفیف", "ارسال نشده", "وکیل"],
    ]

    /// A subject and a first message in `language`: three to eight sentences (a long one now and
    /// then), with `extra` (a keyword, say) somewhere in the middle when given.
    static func text(language: String, extra: String? = nil, random: inout SeededRandom) -> String {
        let pool = sentences[language] ?? sentences["en"]!
        let count = random.chance(0.1) ? 10 + Int(random.next() % 6) : 3 + Int(random.next() % 6)
        var parts = (0..<count).map { _ in random.pick(pool) }
        if let extra { parts.insert(extra, at: parts.count / 2) }
        let separator = language == "zh" ? "" : " "
        return random.pick(subjects[language] ?? subjects["en"]!) + "\n" + parts.joined(separator: separator)
    }
}
