import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOPosix
import Synchronization
import SwitchboardCore

/// The desk under test, as its own process: `switchboard serve --demo` on a new SQLite directory
/// and a free port of 127.0.0.1, with no connection caps (the benchmark is the only client).
struct ChildDesk: Sendable {
    let process: Process
    let port: Int
    let directory: String

    var pid: Int32 { process.processIdentifier }

    static func start(executable: String) async throws -> ChildDesk {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-chat-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "serve", "--demo", "--data-dir", directory, "--port", String(port), "--max-connections", "0", "--max-connections-per-address", "0",
            "--max-live-streams-per-session", "0", "--max-live-streams-per-address", "0",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        _ = FileManager.default.createFile(atPath: directory + "/desk.log", contents: nil)
        let log = FileHandle(forWritingAtPath: directory + "/desk.log")
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let desk = ChildDesk(process: process, port: port, directory: directory)
        // Ready once migrated, the demo loaded and the assistant trained.
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline {
            if let answer = try? await exchange("GET /ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port), answer.hasPrefix("HTTP/1.1 200") {
                return desk
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(300))
        }
        desk.stop()
        throw BenchFailure("the desk did not become ready; its log: \(directory)/desk.log")
    }

    /// The desk's resident memory now, in MiB (Linux).
    func residentMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kib = line.split(separator: " ").compactMap({ Double($0) }).first
        else { return nil }
        return kib / 1024
    }

    /// Signs in through the sign-in page, as a browser does; returns the session cookie's value.
    func signIn(email: String, password: String, group: any EventLoopGroup) async throws -> String {
        let page = try await Self.exchange("GET /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port)
        guard let csrf = page.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1,
              let formCookie = page.firstMatch(of: /(?i)set-cookie: ([^=;\r\n]+=[^;\r\n]+)/)?.1
        else { throw BenchFailure("the sign-in page has no form token") }
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        let body = "csrf=\(encode(String(csrf)))&email=\(encode(email))&password=\(encode(password))"
        let answer = try await Self.exchange(
            "POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nOrigin: http://127.0.0.1:\(port)\r\nCookie: \(formCookie)\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)",
            port: port
        )
        guard let session = answer.firstMatch(of: /(?i)set-cookie: sb_session=([^;\r\n]+)/)?.1 else {
            throw BenchFailure("signing in as \(email) failed: \(answer.prefix(200))")
        }
        return String(session)
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Sends `request` on a new connection and reads the answer until the desk closes it.
    static func exchange(_ request: String, port: Int) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            var answer = ""
            for try await buffer in inbound { answer += String(buffer: buffer) }
            return answer
        }
    }

    static func freePort() throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        return channel.localAddress?.port ?? 0
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One customer's chat with a person, and the agent's page of it: the customer's socket sends;
/// the page's live stream hears. Each message's time is from just before its frame is written to
/// the first change the page hears after it.
final class ChatLine: Sendable {
    let ticket: Int64
    private let outbound: WebSocketOutboundWriter
    private let tasks: Mutex<[Task<Void, Never>]>
    private let state = Mutex<(pending: [ContinuousClock.Instant], latencies: Latencies, refused: Int)>(([], Latencies(), 0))

    private init(ticket: Int64, outbound: WebSocketOutboundWriter) {
        self.ticket = ticket
        self.outbound = outbound
        tasks = Mutex([])
    }

    static func open(index: Int, port: Int, cookie: String, group: any EventLoopGroup, logger: Logger) async throws -> ChatLine {
        let (lines, line) = AsyncStream<ChatLine>.makeStream()
        let holder = Mutex<ChatLine?>(nil)
        let socket = Task {
            _ = try? await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/api/v1/chat/socket", eventLoopGroup: group, logger: logger) { inbound, outbound, _ in
                var frames = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                try await outbound.write(.text(#"{"type":"hello","lang":"en"}"#))
                var ticket: Int64?
                while let frame = try await frames.next() {
                    guard case .text(let text) = frame, let value = try? JSONValue.parse(text) else { continue }
                    switch value["type"]?.stringValue {
                    case "welcome":
                        try await outbound.write(.text(#"{"type":"message","id":"open-\#(index)","text":"My parcel has not arrived, order \#(4400 + index)"}"#))
                    case "ack" where ticket == nil:
                        ticket = value["ticket"]?.numberValue.map { Int64($0) }
                        try await outbound.write(.text(#"{"type":"person"}"#))
                    case "ack" where value["person"] == .bool(true):
                        if let ticket {
                            let chat = ChatLine(ticket: ticket, outbound: outbound)
                            holder.withLock { $0 = chat }
                            line.yield(chat)
                            line.finish()
                        }
                    case "error" where value["code"]?.stringValue == "rate_limited":
                        holder.withLock { $0 }?.refuse()
                    default:
                        break
                    }
                }
            }
            line.finish()
        }
        var iterator = lines.makeAsyncIterator()
        guard let chat = await iterator.next() else {
            socket.cancel()
            throw BenchFailure("chat \(index) did not open")
        }
        chat.tasks.withLock { $0.append(socket) }
        let ready = Gate()
        let stream = Task {
            try? await EventStreamClient.with(port: port, path: "/live/tickets/\(chat.ticket)", headers: [("Cookie", "sb_session=\(cookie)")], group: group) { status, reader in
                ready.open(failed: status != 200)
                while let message = try await reader.next() {
                    if message.event == "change" { chat.heard() }
                }
            }
            ready.open(failed: true)
        }
        chat.tasks.withLock { $0.append(stream) }
        guard await ready.wait() else { throw BenchFailure("the agent's page of chat \(chat.ticket) did not open") }
        return chat
    }

    func send(index: Int) {
        let frame = #"{"type":"message","id":"m-\#(index)","text":"Any news on it? (\#(index))"}"#
        state.withLock { $0.pending.append(.now) }
        let outbound = outbound
        Task { try? await outbound.write(.text(frame)) }
    }

    private func heard() {
        let now = ContinuousClock.now
        state.withLock { state in
            for sent in state.pending { state.latencies.record(now - sent) }
            state.pending.removeAll()
        }
    }

    private func refuse() {
        state.withLock { state in
            state.refused += 1
            if !state.pending.isEmpty { state.pending.removeLast() }
        }
    }

    func results() -> (Latencies, refused: Int, pending: Int) {
        state.withLock { ($0.latencies, $0.refused, $0.pending.count) }
    }

    func close() {
        for task in tasks.withLock({ $0 }) { task.cancel() }
    }
}
