import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A client for the desk's live streams (server-sent events) over one HTTP/1.1 connection, as a
/// browser's EventSource holds it: the bench opens many at once, the tests read what arrives.
public enum EventStreamClient {
    /// One server-sent event: its `id:`, `event:` and `data:` fields (an id-only block has no event).
    public struct Message: Sendable, Hashable {
        public var id: String?
        public var event: String?
        public var data: String
    }


    /// Closes many open streams at once (the bench ends its thousand pages this way).
    public final class Closer: Sendable {
        private let channels = Mutex<[any NIOCore.Channel]>([])

        public init() {}

        func add(_ channel: any NIOCore.Channel) {
            channels.withLock { $0.append(channel) }
        }

        public func closeAll() {
            for channel in channels.withLock({ $0 }) { channel.close(promise: nil) }
        }
    }

    /// Opens `path` with `headers` and runs `body` with the response status and a reader; the
    /// connection closes when `body` returns (or `closer` closes it, ending the reader).
    public static func with<T: Sendable>(
        host: String = "127.0.0.1", port: Int, path: String, headers: [(String, String)] = [], group: any EventLoopGroup,
        closer: Closer? = nil, _ body: (_ status: Int, _ reader: inout Reader) async throws -> T
    ) async throws -> T {
        let channel = try await HTTPClientChannel.connect(host: host, port: port, group: group)
        closer?.add(channel.channel)
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
            head.headers.add(name: "Host", value: "\(host):\(port)")
            head.headers.add(name: "Accept", value: "text/event-stream")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            try await outbound.write(.head(head))
            try await outbound.write(.end(nil))
            var reader = Reader(parts: inbound.makeAsyncIterator(), channel: channel.channel)
            let status = try await reader.status()
            return try await body(status, &reader)
        }
    }

    /// Reads one stream's events in order.
    public struct Reader {
        var parts: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
        let channel: any NIOCore.Channel
        var pending = ""
        var ended = false

        /// Waits for the response head.
        mutating func status() async throws -> Int {
            while let part = try await parts.next() {
                if case .head(let head) = part { return Int(head.status.code) }
            }
            return 0
        }

        /// The next event (id-only blocks included), or nil when the stream ended.
        public mutating func next() async throws -> Message? {
            while true {
                if let message = takeMessage() { return message }
                guard !ended, let part = try await parts.next() else { return nil }
                switch part {
                case .head: continue
                case .body(let buffer): pending += String(buffer: buffer)
                case .end: ended = true
                }
            }
        }

        /// The next event, or nil if none comes within `limit` (the connection is then closed).
        public mutating func next(within limit: Duration) async throws -> Message? {
            if let message = takeMessage() { return message }
            let channel = channel
            let watchdog = Task {
                try await Task.sleep(for: limit)
                try? await channel.close()
            }
            defer { watchdog.cancel() }
            do {
                return try await next()
            } catch {
                if watchdog.isCancelled == false { return nil }
                throw error
            }
        }

        /// The next event named `event` (others, and comments, are skipped), within `limit` in all.
        public mutating func next(_ event: String, within limit: Duration) async throws -> Message? {
            let deadline = ContinuousClock.now + limit
            while ContinuousClock.now < deadline {
                guard let message = try await next(within: deadline - ContinuousClock.now) else { return nil }
                if message.event == event { return message }
            }
            return nil
        }

        /// Cuts the first complete event block out of what has arrived.
        mutating func takeMessage() -> Message? {
            while let end = pending.range(of: "\n\n") {
                let block = pending[pending.startIndex..<end.lowerBound]
                pending.removeSubrange(pending.startIndex..<end.upperBound)
                var message = Message(id: nil, event: nil, data: "")
                var fields = false
                for line in block.split(separator: "\n", omittingEmptySubsequences: false) where !line.hasPrefix(":") {
                    let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                    let value = parts.count > 1 ? String(parts[1].drop { $0 == " " }) : ""
                    switch parts[0] {
                    case "id": message.id = value; fields = true
                    case "event": message.event = value; fields = true
                    case "data": message.data += (message.data.isEmpty ? "" : "\n") + value; fields = true
                    default: continue
                    }
                }
                if fields { return message }
            }
            return nil
        }
    }
}
