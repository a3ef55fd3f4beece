import Crypto
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle
import Synchronization
import SwitchboardAssistant
import SwitchboardCore
import SwitchboardStorage

/// What the desk's assistant learns from: its intents' example phrases and its articles.
public struct AssistantContent: Sendable {
    public var examples: [IntentTrainer.Example]
    public var articles: [KnowledgeArticle]
    public var options: IntentTrainer.Options

    public init(examples: [IntentTrainer.Example], articles: [KnowledgeArticle], options: IntentTrainer.Options = IntentTrainer.Options()) {
        self.examples = examples
        self.articles = articles
        self.options = options
    }

    /// The intents and articles every new desk starts with.
    public static func starter() -> AssistantContent {
        AssistantContent(examples: SwitchboardAssistant.DemoContent.examples(), articles: SwitchboardAssistant.DemoContent.articles())
    }

    /// A hash of everything that shapes the model (examples, training options, model file format):
    /// the same content always trains the same model, so a cached one is reused while it holds.
    public var modelVersion: String {
        var hasher = SHA256()
        hasher.update(data: Array("SBIM \(IntentModel.fileVersion)\n\(options)\n".utf8))
        for example in examples {
            hasher.update(data: Array("\(example.label)\t\(example.text)\n".utf8))
        }
        return String(EventChain.hex(Array(hasher.finalize())).prefix(16))
    }
}

/// The desk's assistant. It is trained from the desk's content when the desk starts, on a thread
/// of its own (never the request path), and cached in the data directory under a hash of that
/// content, so a restart with the same content reads the model back instead of training.
/// Until the model is ready `ready` is nil: intake stores messages with their analysis pending.
public final class AssistantService: Service, Sendable {
    /// A trained assistant and the version of its model.
    public struct Ready: Sendable {
        public let assistant: Assistant
        public let version: String

        public init(assistant: Assistant, version: String) {
            self.assistant = assistant
            self.version = version
        }
    }

    private let content: AssistantContent
    private let cacheDirectory: String?
    private let logger: Logger
    private let current = Mutex<Ready?>(nil)
    private let readiness = Gate()

    /// - Parameters:
    ///   - cacheDirectory: where trained models are kept (nil: train every start).
    ///   - trained: an assistant already trained on `content` (tests share one), used at once.
    public init(content: AssistantContent, cacheDirectory: String?, logger: Logger, trained: Ready? = nil) {
        self.content = content
        self.cacheDirectory = cacheDirectory
        self.logger = logger
        if let trained {
            current.withLock { $0 = trained }
            readiness.open()
        }
    }

    /// The assistant, once its model is ready.
    public var ready: Ready? { current.withLock { $0 } }

    /// The intents the assistant knows (empty until its model is ready).
    public var intents: [String] { ready?.assistant.model.labels ?? [] }

    /// Waits for the model (throws if the waiting task is cancelled).
    public func waitUntilReady() async throws -> Ready {
        try await readiness.wait()
        guard let ready else { throw CancellationError() }
        return ready
    }

    public func run() async throws {
        if ready == nil {
            let content = content, cacheDirectory = cacheDirectory, logger = logger
            let trained = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Ready, any Error>) in
                DispatchQueue.global(qos: .utility).async {
                    continuation.resume(with: Result { try Self.load(content, cacheDirectory: cacheDirectory, logger: logger) })
                }
            }
            current.withLock { $0 = trained }
            readiness.open()
        }
        try? await gracefulShutdown()
    }

    /// Reads the cached model for `content`, or trains one and caches it.
    static func load(_ content: AssistantContent, cacheDirectory: String?, logger: Logger) throws -> Ready {
        let version = content.modelVersion
        let knowledge = KnowledgeBase(articles: content.articles)
        let file = cacheDirectory.map { URL(fileURLWithPath: $0).appendingPathComponent("assistant-\(version).sbim") }
        if let file, FileManager.default.fileExists(atPath: file.path) {
            do {
                let model = try IntentModel(contentsOf: file)
                logger.info("assistant model read from the cache", metadata: ["version": "\(version)"])
                return Ready(assistant: Assistant(model: model, knowledge: knowledge), version: version)
            } catch {
                logger.warning("cached assistant model does not read; training again", metadata: ["file": "\(file.lastPathComponent)"])
            }
        }
        let started = ContinuousClock.now
        let model = try IntentTrainer(options: content.options).train(content.examples)
        logger.notice("assistant trained", metadata: [
            "version": "\(version)", "examples": "\(content.examples.count)", "seconds": "\((ContinuousClock.now - started).seconds)",
        ])
        if let file {
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                // Written beside, then renamed over: a reader never meets half a model.
                let partial = file.appendingPathExtension("partial-\(UUID().uuidString)")
                try model.write(to: partial)
                guard rename(partial.path, file.path) == 0 else {
                    try? FileManager.default.removeItem(at: partial)
                    throw StoreError(.configuration, "cannot move the trained model into the cache")
                }
            } catch {
                logger.warning("could not cache the assistant model", metadata: ["error": "\(error)"])
            }
        }
        return Ready(assistant: Assistant(model: model, knowledge: knowledge), version: version)
    }
}

extension Duration {
    /// Seconds with two decimals, for logs.
    var seconds: String {
        let (whole, fraction) = components
        return String(format: "%.2f", Double(whole) + Double(fraction) / 1e18)
    }
}
