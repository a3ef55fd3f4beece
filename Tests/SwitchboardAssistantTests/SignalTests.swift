import Foundation
import SwitchboardAssistant
import Testing

@Suite("Language identification")
struct LanguageTests {
    let identifier = LanguageIdentifier()

    @Test("each language and mixed text", arguments: [
        ("Where is my order?", Language.english),
        ("我想申请退款，订单还没到", .chinese),
        ("سفارش من هنوز نرسیده است", .persian),
        ("می‌خواهم با یک نفر صحبت کنم", .persian),
        ("订单 12345 没到", .chinese),
        ("my 订单 is late", .english),
        ("refund", .english),
        ("Où est ma commande ? Je ne l'ai pas reçue", .other),
        ("Wo ist meine Bestellung, bitte?", .other),
        ("注文はまだ届いていません", .other),
        ("주문이 아직 도착하지 않았습니다", .other),
        ("Где мой заказ", .other),
        ("أين طلبي؟ لم يصلني الطلب بعد", .other),
        ("12345 !!!", .other),
        ("", .other),
        ("😀😀", .other),
    ])
    func identify(_ text: String, _ expected: Language) {
        #expect(identifier.identify(text).language == expected, "\(text)")
    }

    @Test("mixed text names every language it holds")
    func mixed() {
        let guess = identifier.identify("请帮我查一下 order status")
        #expect(Set(guess.present) == [.chinese, .english])
        #expect(guess.confidence < 1)
    }
}

@Suite("Handoff detection")
struct HandoffTests {
    let detector = HandoffDetector()

    @Test("explicit requests for a person, in every form listed and their variants", arguments: [
        "human", "Human!", "HUMAN PLEASE", "agent", "agent please", "real person", "I want to talk to a real person",
        "talk to someone", "can I speak to someone", "Let me speak with an agent", "connect me to a human", "I need a human",
        "get me a representative", "transfer me to customer service", "operator", "live agent now", "you are not helping, give me an agent",
        "I want to talk to customer support", "stop the bot", "is there a real human there",
        "转人工", "人工客服", "找客服", "人工", "我要人工", "请帮我转人工服务", "有没有真人", "我要找你们经理", "人工！！",
        "0#", "0", "按0#", "#0",
        "اپراتور", "می‌خواهم با یک نفر صحبت کنم", "میخواهم با یک نفر صحبت کنم", "می خواهم با یک نفر صحبت کنم",
        "لطفا وصلم کنید به اپراتور", "با کارشناس صحبت کنم", "میخوام با یه آدم واقعی حرف بزنم", "پشتیبانی را وصل کنید",
    ])
    func requests(_ text: String) {
        let advice = detector.advise(PreparedText(text))
        #expect(advice.requested, "missed a request for a person: \(text)")
        #expect(advice.recommended)
        #expect(advice.reasons.contains(.explicitRequest))
    }

    @Test("look-alikes that are not requests", arguments: [
        "human resources sent me an email about my order", "the agent said my parcel would come yesterday",
        "is this a human error in the invoice?", "my order 10# is wrong", "order 1020304050", "I paid 100 dollars",
        "人工智能是什么", "人工费多少钱", "这个是人工湖吗", "منابع انسانی شرکت", "اپراتور همراه اول من",
        "Where is my order?", "我的订单到哪了", "سفارش من کجاست", "What does the agenda of the sale look like",
    ])
    func lookAlikes(_ text: String) {
        let advice = detector.advise(PreparedText(text))
        #expect(!advice.requested, "took a look-alike for a request: \(text) (\(advice.matchedPhrase ?? ""))")
    }

    @Test("frustration recommends a person and says why")
    func frustration() {
        let first = PreparedText("where is my order 123456")
        let again = detector.advise(PreparedText("Where is my order 123456??"), previousMessages: [first])
        #expect(!again.requested)
        #expect(again.recommended && again.reasons.contains(.repeatedQuestion))

        let angry = detector.advise(PreparedText("this is ridiculous, useless service"))
        #expect(angry.recommended && angry.reasons.contains(.angerWords))
        let angryChinese = detector.advise(PreparedText("什么破服务，气死我了"))
        #expect(angryChinese.recommended && angryChinese.reasons.contains(.angerWords))
        let angryPersian = detector.advise(PreparedText("این خدمات افتضاح است"))
        #expect(angryPersian.recommended && angryPersian.reasons.contains(.angerWords))

        let shouting = PreparedText("WHERE IS MY ORDER I PAID TWO WEEKS AGO!!!")
        let sentiment = SentimentAnalyzer().analyze(shouting)
        let advice = detector.advise(shouting, anger: sentiment.anger)
        #expect(advice.reasons.contains(.shouting) && advice.reasons.contains(.exclamations))
        #expect(advice.recommended)

        let delighted = PreparedText("THANK YOU SO MUCH!!!")
        let happy = detector.advise(delighted, anger: SentimentAnalyzer().analyze(delighted).anger)
        #expect(!happy.recommended, "delight in capitals is not frustration")
        #expect(!detector.advise(PreparedText("where is my order"), previousMessages: [PreparedText("I want a refund")]).recommended)
    }
}

@Suite("Sentiment")
struct SentimentTests {
    let analyzer = SentimentAnalyzer()

    @Test("polarity in three languages, with negation", arguments: [
        ("Thank you, that was very helpful!", SentimentAnalyzer.Polarity.positive),
        ("This is terrible, the worst service ever", .negative),
        ("The package was not good at all", .negative),
        ("Where is my order?", .neutral),
        ("谢谢，非常满意", .positive),
        ("太差了，很失望", .negative),
        ("不满意", .negative),
        ("服务不错", .positive),
        ("我的订单号是多少", .neutral),
        ("خیلی ممنون، عالی بود", .positive),
        ("خیلی ناراضی هستم، افتضاح است", .negative),
        ("کیفیت خوب نیست", .negative),
        ("سفارش من کجاست", .neutral),
    ])
    func polarity(_ text: String, _ expected: SentimentAnalyzer.Polarity) {
        #expect(analyzer.analyze(PreparedText(text)).polarity == expected, "\(text)")
    }

    @Test("anger rises with abuse, capitals and exclamation marks")
    func anger() {
        let calm = analyzer.analyze(PreparedText("my order is late")).anger
        let upset = analyzer.analyze(PreparedText("my order is late, this is ridiculous")).anger
        let furious = analyzer.analyze(PreparedText("THIS IS RIDICULOUS, WHERE IS MY MONEY!!! SCAM")).anger
        #expect(calm < upset && upset < furious)
        #expect(furious > 0.7)
        #expect(analyzer.analyze(PreparedText("")).anger == 0)
    }
}

@Suite("Entities")
struct EntityTests {
    let extractor = EntityExtractor()
    /// 2026-11-23 12:00 UTC.
    let now = Date(timeIntervalSince1970: 1_795_435_200)

    func entities(_ text: String, _ extractor: EntityExtractor? = nil) -> [String] {
        (extractor ?? self.extractor).extract(PreparedText(text), now: now).map { "\($0.kind.rawValue):\($0.value)" }
    }

    @Test("golden cases", arguments: [
        ("my order 1234567 has not arrived", ["order-number:1234567"]),
        ("订单号：20251120001 还没到", ["order-number:20251120001"]),
        ("شماره سفارش ۱۲۳۴۵۶ هنوز نرسیده", ["order-number:123456"]),
        ("about #88231", ["order-number:#88231"]),
        ("write to Mei.Lin+shop@example.co.uk please", ["email:mei.lin+shop@example.co.uk"]),
        ("call me on +86 138 0013 8000", ["phone:+8613800138000"]),
        ("我的手机13800138000", ["phone:13800138000"]),
        ("شماره من ۰۹۱۲۳۴۵۶۷۸۹ است", ["phone:09123456789"]),
        ("I was charged $25.50 twice", ["amount:25.5 USD"]),
        ("refund 1,299.99 EUR", ["amount:1299.99 EUR"]),
        ("退我199元", ["amount:199 CNY"]),
        ("¥88 的优惠券", ["amount:88 CNY"]),
        ("۵۰۰ هزار تومان کم شد", ["amount:500000 IRT"]),
        ("it came on 2026-11-20", ["date:2026-11-20"]),
        ("ordered on November 3", ["date:2026-11-03"]),
        ("ordered 3rd of March 2025", ["date:2025-03-03"]),
        ("2026年11月20日下的单", ["date:2026-11-20"]),
        ("11月20号下单", ["date:2026-11-20"]),
        ("۲۹ آبان ۱۴۰۵ سفارش دادم", ["date:2026-11-20"]),
        ("it should have come yesterday", ["relative-time:2026-11-22"]),
        ("I ordered 3 days ago", ["relative-time:2026-11-20"]),
        ("two weeks ago", ["relative-time:2026-11-09"]),
        ("昨天下的单", ["relative-time:2026-11-22"]),
        ("三天前付的款", ["relative-time:2026-11-20"]),
        ("已经5天了", ["relative-time:2026-11-18"]),
        ("دیروز سفارش دادم", ["relative-time:2026-11-22"]),
        ("سه روز پیش پرداخت کردم", ["relative-time:2026-11-20"]),
        ("hello there", []),
        ("I have 2 items", []),
    ])
    func golden(_ text: String, _ expected: [String]) {
        #expect(entities(text) == expected, "\(text)")
    }

    @Test("several entities in one message, in order")
    func several() {
        #expect(entities("Order 5566778 was charged $40 twice yesterday, reach me at ann@example.com") == [
            "order-number:5566778", "amount:40 USD", "relative-time:2026-11-22", "email:ann@example.com",
        ])
    }

    @Test("a desk's own order-number pattern")
    func configured() {
        let desk = EntityExtractor(orderNumbers: [OrderNumberPattern(prefix: "JT-", digits: 6...8, needsKeyword: false)])
        #expect(entities("my parcel jt-2025117 is late", desk) == ["order-number:JT-2025117"])
        #expect(entities("my parcel JT-12 is late", desk) == [])
    }

    @Test("hostile input is bounded and harmless")
    func hostile() {
        let long = String(repeating: "1234567890 @@ $$ ", count: 100_000)
        #expect(extractor.extract(PreparedText(long), now: now).count < 2_000)
        #expect(entities("@@@.@") == [])
        #expect(entities("\u{0}\u{FFFD}") == [])
    }
}
