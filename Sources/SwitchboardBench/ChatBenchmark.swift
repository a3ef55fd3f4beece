import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization
import SwitchboardCore
import SwitchboardServer

/// What `switchboard bench chat` measures, against a desk of its own (`switchboard serve --demo`
/// started as a child process, so its memory is the desk's alone):
/// - memory: the desk's resident memory with `sockets` widget connections open, each having said
///   hello (so each is a visitor the desk knows);
/// - delivery: customers in `conversations` chats handed to a person send `rate` messages a second
///   in all; the time from a message leaving the customer's socket to the agent's page of that chat
///   hearing of it on its live stream;
/// - assistant: a new visitor asks a question; the time to the acknowledgement (stored) and to the
///   assistant's turn arriving on the socket.
public struct ChatBenchmarkOptions: Sendable {
    /// The `switchboard` executable to start the desk with.
    public var executable: String
    public var sockets: Int
    public var conversations: Int
    public var rate: Int
    public var seconds: Int
    public var questions: Int

    public init(executable: String, sockets: Int = 10_000, conversations: Int = 250, rate: Int = 1_000, seconds: Int = 10, questions: Int = 300) {
        self.executable = executable
        self.sockets = sockets
        self.conversations = conversations
        self.rate = rate
        self.seconds = seconds
        self.questions = questions
    }
}

public enum ChatBenchmark {
    public static func run(_ options: ChatBenchmarkOptions, logger: Logger, print: @escaping @Sendable (String) -> Void) async throws {
        OpenFiles.raiseToHardLimit()
        let desk = try await ChildDesk.start(executable: options.executable)
        defer { desk.stop() }
        print("Switchboard chat benchmark — \(System.coreCount) cores; the desk is process \(desk.pid) on 127.0.0.1:\(desk.port) (SQLite, demo data)")
        // The clients' side: one thread, so the desk keeps the machine's cores to itself as far as can be.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let held = HeldSockets()
        defer { held.closeAll() }

        // Memory with every widget connected.
        let before = desk.residentMiB() ?? .nan
        let connectStart = ContinuousClock.now
        let failed = try await openSockets(options.sockets, port: desk.port, held: held, group: group, logger: logger)
        let connectTime = ContinuousClock.now - connectStart
        try await Task.sleep(for: .seconds(3))
        let with = desk.residentMiB() ?? .nan
        print(String(format: "memory    %d widget sockets said hello in %.1f s (%d failed); desk resident %.0f MiB before, %.0f MiB with them (%.1f KiB a socket)%@",
                     options.sockets - failed, Latencies.seconds(connectTime), failed, before, with, (with - before) * 1024 / Double(max(1, options.sockets - failed)),
                     with < 1024 ? "" : " — OVER the 1 GiB goal"))

        // Customer → agent delivery.
        let cookie = try await desk.signIn(email: "agent@switchboard.demo", password: "switchboard-demo", group: group)
        let delivery = try await deliver(options, port: desk.port, cookie: cookie, group: group, logger: logger)
        print(String(format: "delivery  %d chats with a person, %d messages sent in %.1f s (%.0f a second, asked %d): to the agent's page p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d refused, %d never heard",
                     options.conversations, delivery.sent, delivery.seconds, Double(delivery.sent) / max(delivery.seconds, 0.001), options.rate,
                     delivery.latencies.percentile(0.5), delivery.latencies.percentile(0.99), delivery.latencies.percentile(1), delivery.refused, delivery.lost))

        // The assistant's reply over the wire, once the desk has worked through what the last phase left.
        try await Task.sleep(for: .seconds(5))
        let (stored, answered) = try await ask(options.questions, port: desk.port, logger: logger)
        print(String(format: "assistant %d new visitors asked a question: stored (ack) p50 %.2f ms, p99 %.2f ms; the assistant's turn p50 %.2f ms, p99 %.2f ms; %d without a turn",
                     options.questions, stored.percentile(0.5), stored.percentile(0.99), answered.percentile(0.5), answered.percentile(0.99), answered.errors))
        held.closeAll()
        try await group.shutdownGracefully()
    }

    // MARK: Memory

    /// Opens `count` sockets, a few hundred at a time, each saying hello and waiting for its
    /// welcome; they stay open (held) until the run ends. Returns how many failed.
    static func openSockets(_ count: Int, port: Int, held: HeldSockets, group: any EventLoopGroup, logger: Logger) async throws -> Int {
        let url = "ws://127.0.0.1:\(port)/api/v1/chat/socket"
        return try await withThrowingTaskGroup(of: Bool.self) { tasks in
            var failures = 0
            for index in 0..<count {
                // A few hundred handshakes at a time.
                if index >= 200, try await tasks.next() == false { failures += 1 }
                tasks.addTask {
                    let welcomed = Gate()
                    let task = Task {
                        do {
                            try await WebSocketClient.connect(url: url, eventLoopGroup: group, logger: logger) { inbound, outbound, _ in
                                try await outbound.write(.text(#"{"type":"hello","lang":"en"}"#))
                                var frames = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                                while let frame = try await frames.next() {
                                    if case .text(let text) = frame, text.contains(#""type":"welcome""#) { welcomed.open() }
                                }
                            }
                        } catch {}
                        welcomed.open(failed: true)
                    }
                    held.add(task)
                    return await welcomed.wait()
                }
            }
            for try await welcomed in tasks where !welcomed { failures += 1 }
            return failures
        }
    }

    // MARK: Delivery

    struct Delivery {
        var latencies = Latencies()
        var sent = 0
        var refused = 0
        var lost = 0
        var seconds = 0.0
    }

    /// Opens the chats (each handed to a person, so the assistant keeps out), an agent's live
    /// stream on each, then sends at the asked rate for the asked time.
    static func deliver(_ options: ChatBenchmarkOptions, port: Int, cookie: String, group: any EventLoopGroup, logger: Logger) async throws -> Delivery {
        let chats = try await withThrowingTaskGroup(of: ChatLine.self) { tasks in
            for index in 0..<options.conversations {
                tasks.addTask { try await ChatLine.open(index: index, port: port, cookie: cookie, group: group, logger: logger) }
            }
            var lines: [ChatLine] = []
            for try await line in tasks { lines.append(line) }
            return lines
        }
        defer { for chat in chats { chat.close() } }
        try await Task.sleep(for: .milliseconds(500))
        let start = ContinuousClock.now
        let interval = Duration.seconds(1) / options.rate
        let total = options.rate * options.seconds
        for index in 0..<total {
            let due = start + interval * index
            if due > .now { try await Task.sleep(until: due) }
            chats[index % chats.count].send(index: index)
        }
        let elapsed = ContinuousClock.now - start
        try await Task.sleep(for: .seconds(2))
        var result = Delivery(sent: total, seconds: Latencies.seconds(elapsed))
        for chat in chats {
            let (latencies, refused, pending) = chat.results()
            result.latencies.merge(latencies)
            result.refused += refused
            result.lost += pending
        }
        return result
    }

    // MARK: The assistant

    static let questions = [
        ("en", "Where is my order 40012? It has not arrived"), ("en", "How do I get a refund for a broken cup?"),
        ("zh", "我的订单40012到哪了？还没收到"), ("zh", "我想申请退款"),
        ("fa", "سفارش ۴۰۰۱۲ من کجاست؟ هنوز نرسیده"), ("fa", "می‌خواهم پولم را پس بگیرم"),
    ]

    /// `count` new visitors, one after another: hello, a question, the acknowledgement, the turn.
    static func ask(_ count: Int, port: Int, logger: Logger) async throws -> (stored: Latencies, answered: Latencies) {
        var stored = Latencies()
        var answered = Latencies()
        for index in 0..<count {
            let (lang, text) = questions[index % questions.count]
            let timing = Mutex<(ack: Duration?, turn: Duration?)>((nil, nil))
            _ = try? await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/api/v1/chat/socket", logger: logger) { inbound, outbound, _ in
                let watchdog = Task {
                    try await Task.sleep(for: .seconds(5))
                    try await outbound.close(.goingAway, reason: nil)
                }
                defer { watchdog.cancel() }
                try await outbound.write(.text(#"{"type":"hello","lang":"\#(lang)"}"#))
                var frames = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                var sentAt: ContinuousClock.Instant?
                while let frame = try await frames.next() {
                    guard case .text(let body) = frame else { continue }
                    if body.contains(#""type":"welcome""#) {
                        sentAt = .now
                        try await outbound.write(.text(JSONValue.object(["type": "message", "id": .string("q\(index)"), "text": .string(text)]).canonical))
                    } else if let sentAt, body.contains(#""type":"ack""#) {
                        timing.withLock { $0.ack = .now - sentAt }
                    } else if let sentAt, body.contains(#""type":"prompt""#) || (body.contains(#""type":"message""#) && body.contains(#""author":"bot""#)) {
                        timing.withLock { $0.turn = .now - sentAt }
                        try await outbound.close(.normalClosure, reason: nil)
                        break
                    }
                }
            }
            let (ack, turn) = timing.withLock { $0 }
            if let ack { stored.record(ack) } else { stored.errors += 1 }
            if let turn { answered.record(turn) } else { answered.errors += 1 }
        }
        return (stored, answered)
    }
}

extension Latencies {
    static func seconds(_ duration: Duration) -> Double { milliseconds(duration) / 1000 }
}

/// Sockets the benchmark holds open until it ends.
final class HeldSockets: Sendable {
    private let tasks = Mutex<[Task<Void, Never>]>([])

    func add(_ task: Task<Void, Never>) { tasks.withLock { $0.append(task) } }

    func closeAll() {
        for task in tasks.withLock({ list in defer { list.removeAll() }; return list }) { task.cancel() }
    }
}

/// Opens once; waiters learn whether it opened well.
final class Gate: Sendable {
    private let state = Mutex<(result: Bool?, waiters: [CheckedContinuation<Bool, Never>])>((nil, []))

    func open(failed: Bool = false) {
        let waiters: [CheckedContinuation<Bool, Never>] = state.withLock { state in
            guard state.result == nil else { return [] }
            state.result = !failed
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        let result = !failed
        for waiter in waiters { waiter.resume(returning: result) }
    }

    func wait() async -> Bool {
        await withCheckedContinuation { continuation in
            let ready: Bool? = state.withLock { state in
                if let result = state.result { return result }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
