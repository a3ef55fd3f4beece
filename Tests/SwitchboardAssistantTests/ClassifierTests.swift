import Foundation
@testable import SwitchboardAssistant
import Testing

/// A few phrases per intent in three languages: enough to train a model that must tell them apart.
let smallTrainingSet: [IntentTrainer.Example] = {
    let phrases: [String: [String]] = [
        "refund": [
            "I want my money back", "please refund my order", "how do I get a refund", "refund the payment",
            "can I have a refund for this", "I would like a refund", "give me my money back please",
            "我想退款", "申请退款", "怎么退款", "退款什么时候到账", "钱能退回来吗",
            "پولم را پس بدهید", "می‌خواهم پولم برگردد", "بازپرداخت سفارش", "درخواست بازپرداخت دارم", "لطفا وجه را برگردانید",
        ],
        "order_status": [
            "where is my order", "track my package", "has my order shipped", "order status please", "when will my parcel arrive",
            "where is my parcel", "tracking number for my order",
            "我的订单到哪了", "查一下物流", "包裹什么时候到", "订单状态", "快递到哪里了",
            "سفارشم کجاست", "وضعیت سفارش من", "بسته من کی می‌رسد", "پیگیری مرسوله", "سفارش من ارسال شده؟",
        ],
        "login": [
            "I cannot log in", "forgot my password", "reset my password", "my account is locked", "login does not work",
            "can't sign in to my account", "password reset link",
            "登录不了", "忘记密码", "重置密码", "账号被锁了", "无法登录账户",
            "نمی‌توانم وارد شوم", "رمز عبورم را فراموش کردم", "حسابم قفل شده", "ورود به حساب کار نمی‌کند", "بازیابی رمز عبور",
        ],
    ]
    return phrases.keys.sorted().flatMap { label in phrases[label]!.map { IntentTrainer.Example(text: $0, label: label) } }
}()

@Suite("Intent classifier")
struct ClassifierTests {
    let options: IntentTrainer.Options = {
        var options = IntentTrainer.Options()
        options.epochs = 30
        options.validationShare = 0.2
        return options
    }()

    @Test("the same data and seed give byte-identical model files")
    func determinism() throws {
        let first = try IntentTrainer(options: options).train(smallTrainingSet).fileData()
        let second = try IntentTrainer(options: options).train(smallTrainingSet).fileData()
        #expect(first == second)
        var reseeded = options
        reseeded.seed &+= 1
        let third = try IntentTrainer(options: reseeded).train(smallTrainingSet).fileData()
        #expect(first != third, "a different seed shuffles differently and must change the weights")
    }

    @Test("a saved and loaded model predicts exactly what the trained one does")
    func roundTrip() throws {
        let model = try IntentTrainer(options: options).train(smallTrainingSet)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-model-\(UUID().uuidString).sbim")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let loaded = try IntentModel(contentsOf: url)
        #expect(loaded.header == model.header)
        for text in ["where is my stuff", "退款", "رمز عبور", "completely unrelated sentence about weather", ""] {
            #expect(loaded.classify(text) == model.classify(text))
        }
    }

    @Test("it tells the trained intents apart in all three languages")
    func separates() throws {
        let model = try IntentTrainer(options: options).train(smallTrainingSet)
        #expect(model.classify("I need a refund for my order").top.first?.label == "refund")
        #expect(model.classify("我要退款").top.first?.label == "refund")
        #expect(model.classify("my package has not arrived, where is it").top.first?.label == "order_status")
        #expect(model.classify("سفارش من کجاست").top.first?.label == "order_status")
        #expect(model.classify("忘记密码了怎么办").top.first?.label == "login")
    }

    @Test("a damaged or foreign file is refused with a clear error")
    func damagedFile() throws {
        var data = try IntentTrainer(options: options).train(smallTrainingSet).fileData()
        data[data.count / 2] ^= 0xFF
        #expect(throws: AssistantError.self) { try IntentModel(fileData: data) }
        #expect(throws: AssistantError.self) { try IntentModel(fileData: Data("not a model".utf8)) }
        #expect(throws: AssistantError.self) { try IntentModel(fileData: Data()) }
    }

    @Test("one intent is not enough to train on")
    func tooFewIntents() {
        #expect(throws: AssistantError.self) {
            try IntentTrainer().train([IntentTrainer.Example(text: "hello", label: "greeting")])
        }
    }

    @Test("hostile input neither crashes nor takes unbounded time, and lands out of scope")
    func hostileInput() throws {
        let model = try IntentTrainer(options: options).train(smallTrainingSet)
        let huge = String(repeating: "lorem ipsum dolor sit amet ", count: 40_000)
        for text in ["", "😀😀😀", "\u{0}\u{1}\u{7F}", "\u{FFFD}\u{FFFD}", huge, String(repeating: "!", count: 1_000_000)] {
            let result = model.classify(text)
            #expect(result.top.count == 3)
            #expect(result.top.allSatisfy { $0.confidence.isFinite && $0.confidence >= 0 && $0.confidence <= 1 })
        }
        #expect(model.classify("").outOfScope)
        #expect(model.classify("😀😀😀").outOfScope)
    }
}
