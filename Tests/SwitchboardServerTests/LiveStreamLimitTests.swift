import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchboardBench
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import Synchronization
import Testing

@Suite("Live streams: caps, gone clients, slow readers")
struct LiveStreamLimitTests {
    @Test("a session holds at most its cap of streams (429, too_many_streams); another session still opens one, and a closed stream frees its place")
    func perSession() async throws {
        try await TestDesk.with(configure: { $0.liveStreams = LiveStreamLimits(perSession: 2, perAddress: 0) }) { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let agent = LiveStreamTests.cookie(desk, .agent)
                try await Self.hold(port: port, agent) {
                    try await Self.hold(port: port, agent) {
                        let third = try await Self.status(port: port, agent)
                        #expect(third == 429)
                        let refusal = try await client.call(desk, .agent, .get, "/live/queue")
                        #expect(refusal.status == .tooManyRequests && refusal.errorCode == "too_many_streams")
                        #expect(try await Self.status(port: port, LiveStreamTests.cookie(desk, .supervisor)) == 200)
                    }
                }
                #expect(try await Self.eventually { try await Self.status(port: port, agent) == 200 })
            }
        }
    }

    @Test("an address holds at most its cap of streams, whoever is signed in")
    func perAddress() async throws {
        try await TestDesk.with(configure: { $0.liveStreams = LiveStreamLimits(perSession: 0, perAddress: 2) }) { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                try await Self.hold(port: port, LiveStreamTests.cookie(desk, .agent)) {
                    try await Self.hold(port: port, LiveStreamTests.cookie(desk, .supervisor)) {
                        let third = try await Self.status(port: port, LiveStreamTests.cookie(desk, .admin))
                        #expect(third == 429)
                    }
                }
            }
        }
    }

    @Test("a stream whose client went away ends at once, not at the next heartbeat")
    func goneClient() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                try await Self.hold(port: port, LiveStreamTests.cookie(desk, .agent), path: "/live/tickets/\(desk.aliceTicket.number)") {
                    let subscribed = try await Self.eventually { desk.desk.bus.subscriberCount == 1 }
                    #expect(subscribed)
                }
                // The ticket is quiet and the heartbeat 25 s away: only the closed connection can end it.
                #expect(try await Self.eventually { desk.desk.bus.subscriberCount == 0 })
            }
        }
    }

    @Test("a reader that stops reading gets one change for everything it missed, with the newest id; nothing piles up meanwhile")
    func stalledReader() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let connection = StalledConnection(takes: 1)
                let stream = LiveStream(bus: desk.desk.bus, start: nil, ticket: nil, interval: .zero, heartbeat: .seconds(3_600)) { _ in true }
                let running = Task {
                    var writer: any ResponseBodyWriter = StalledWriter(connection: connection)
                    try await stream.run(reload: false, writer: &writer)
                }
                #expect(try await Self.eventually { desk.desk.bus.subscriberCount == 1 })
                func note(_ ticket: Ticket) async throws {
                    let response = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(ticket.number)/messages", json: #"{"body":"noted","visibility":"internal"}"#)
                    #expect(response.status == .created)
                }
                try await note(desk.aliceTicket)
                // The connection has taken "connected" and is stuck on the first change.
                #expect(try await Self.eventually { connection.written.count == 2 })
                for ticket in [desk.bobTicket, desk.aliceTicket, desk.bobTicket] {
                    try await note(ticket)
                    // Time for a stream that reads eagerly to take each change apart.
                    try await Task.sleep(for: .milliseconds(100))
                }
                let newest = try await desk.store.eventLogHead().eventID
                connection.goOn()
                #expect(try await Self.eventually { connection.written.last?.hasPrefix("id: \(newest)\n") == true })
                try await Task.sleep(for: .milliseconds(200))
                let changes = connection.written.filter { $0.contains("event: change") }
                #expect(changes.count == 2, "\(changes)")
                #expect(changes.last == "id: \(newest)\nevent: change\ndata: \(desk.aliceTicket.number),\(desk.bobTicket.number)\n\n")
                running.cancel()
                _ = try? await running.value
            }
        }
    }

    /// Holds a live stream open on `path` while `body` runs.
    static func hold(port: Int, _ headers: [(String, String)], path: String = "/live/queue", _ body: () async throws -> Void) async throws {
        try await EventStreamClient.with(port: port, path: path, headers: headers, group: LiveStreamTests.group) { status, _ in
            #expect(status == 200)
            try await body()
        }
    }

    /// The status a new stream on the queue is answered with (the stream is closed at once).
    static func status(port: Int, _ headers: [(String, String)]) async throws -> Int {
        try await EventStreamClient.with(port: port, path: "/live/queue", headers: headers, group: LiveStreamTests.group) { status, _ in status }
    }

    /// Whether `condition` holds within five seconds (looked at every 50 ms).
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}

/// A client connection that takes the first writes, then stops reading until told to go on: each
/// later write is recorded as sent and then waits, as a write to a full socket does.
final class StalledConnection: Sendable {
    private let takes: Int
    private let writes = Mutex<[String]>([])
    private let reading = Gate()

    init(takes: Int) {
        self.takes = takes
    }

    var written: [String] { writes.withLock { $0 } }

    func take(_ text: String) async throws {
        let count = writes.withLock {
            $0.append(text)
            return $0.count
        }
        if count > takes { try await reading.wait() }
    }

    func goOn() {
        reading.open()
    }
}

struct StalledWriter: ResponseBodyWriter {
    let connection: StalledConnection

    mutating func write(_ buffer: ByteBuffer) async throws {
        try await connection.take(String(buffer: buffer))
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
