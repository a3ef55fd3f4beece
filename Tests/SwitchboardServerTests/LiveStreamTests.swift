import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOPosix
import SwitchboardBench
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

@Suite("Live streams from the event log")
struct LiveStreamTests {
    static let group = MultiThreadedEventLoopGroup.singleton

    static func cookie(_ desk: TestDesk, _ role: Role) -> [(String, String)] {
        [("Cookie", "sb_session=\(desk.credentials[role]!.cookie!)")]
    }

    @Test("a reply reaches the open pages of the ticket at once, carrying the id of its newest event; a note never reaches the customer's")
    func delivery() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let number = desk.aliceTicket.number
                try await EventStreamClient.with(port: port, path: "/live/tickets/\(number)", headers: Self.cookie(desk, .agent), group: Self.group) { status, agentStream in
                    #expect(status == 200)
                    try await EventStreamClient.with(port: port, path: "/live/tickets/\(number)", headers: Self.cookie(desk, .alice), group: Self.group) { status, aliceStream in
                        #expect(status == 200)
                        // Let both subscriptions register before anything changes.
                        try await Task.sleep(for: .milliseconds(200))
                        _ = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"checked the batch","visibility":"internal"}"#)
                        let note = try #require(try await agentStream.next("change", within: .seconds(5)))
                        #expect(note.data == String(number))
                        let events = try await desk.store.events(ticket: desk.aliceTicket.id)
                        #expect(note.id == String(events.last!.id.rawValue), "the id is the newest event's")
                        _ = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"a new kettle is on its way"}"#)
                        let reply = try #require(try await aliceStream.next("change", within: .seconds(5)))
                        let after = try await desk.store.events(ticket: desk.aliceTicket.id)
                        #expect(reply.id == String(after.last!.id.rawValue) && after.count == events.count + 2, "the reply and the status it set")
                        #expect(try await agentStream.next("change", within: .seconds(5)) != nil)
                    }
                }
            }
        }
    }

    @Test("a page that reconnects with Last-Event-ID gets what it missed; an id the log does not know asks it to reload")
    func resume() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let number = desk.aliceTicket.number
                let seen = try #require(try await desk.store.events(ticket: desk.aliceTicket.id).last).id
                // While the page was away: two changes.
                _ = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/assign", json: #"{"assigneeId":\#(desk.fixture.agent.id)}"#)
                _ = try await client.call(desk, .agent, .patch, "/api/v1/tickets/\(number)", json: #"{"priority":"high"}"#)
                let newest = try #require(try await desk.store.events(ticket: desk.aliceTicket.id).last).id
                try await EventStreamClient.with(
                    port: port, path: "/live/tickets/\(number)", headers: Self.cookie(desk, .agent) + [("Last-Event-ID", String(seen.rawValue))], group: Self.group
                ) { _, stream in
                    let missed = try #require(try await stream.next("change", within: .seconds(5)))
                    #expect(missed.id == String(newest.rawValue) && missed.data == String(number))
                }
                // The queue replays too, for every ticket the agent may see (Bob's was opened after Alice's).
                try await EventStreamClient.with(
                    port: port, path: "/live/queue", headers: Self.cookie(desk, .agent) + [("Last-Event-ID", String(seen.rawValue))], group: Self.group
                ) { _, stream in
                    let change = try await stream.next("change", within: .seconds(5))
                    #expect(change?.data.split(separator: ",").map(String.init) == [String(number), String(desk.bobTicket.number)])
                    #expect(change?.id == String(newest.rawValue))
                }
                try await EventStreamClient.with(
                    port: port, path: "/live/tickets/\(number)", headers: Self.cookie(desk, .agent) + [("Last-Event-ID", "987654321")], group: Self.group
                ) { _, stream in
                    let change = try await stream.next("change", within: .seconds(5))
                    #expect(change?.data == "reload")
                }
            }
        }
    }

    @Test("streams are for people who may see the ticket: strangers get 401, other customers 404")
    func access() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let stranger = try await client.execute(uri: "/live/tickets/\(desk.aliceTicket.number)", method: .get)
                let otherCustomer = try await client.call(desk, .bob, .get, "/live/tickets/\(desk.aliceTicket.number)")
                let customerQueue = try await client.call(desk, .alice, .get, "/live/queue")
                #expect(stranger.status == .unauthorized && otherCustomer.status == .notFound && customerQueue.status == .unauthorized)
            }
        }
    }

    @Test("the desk stops at once on shutdown with live pages open")
    func shutdown() async throws {
        try await TestDesk.with { desk in
            let stopped = try await desk.live { client -> ContinuousClock.Instant in
                let port = try #require(client.port)
                let (opened, signal) = AsyncStream<Void>.makeStream()
                // Three open pages, still reading when the test ends and the desk shuts down.
                let streams = Task {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for _ in 0..<3 {
                            group.addTask {
                                try await EventStreamClient.with(port: port, path: "/live/queue", headers: Self.cookie(desk, .agent), group: Self.group) { _, stream in
                                    signal.yield()
                                    while try await stream.next() != nil {}
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                }
                var count = 0
                for await _ in opened {
                    count += 1
                    if count == 3 { break }
                }
                // Each page subscribes just after its answer's head went out.
                let subscribed = try await LiveStreamLimitTests.eventually { desk.desk.bus.subscriberCount == 3 }
                #expect(subscribed)
                _ = streams
                return ContinuousClock.now
            }
            // Not a speed figure: before, the server waited for open pages forever.
            let shutdown = ContinuousClock.now - stopped
            #expect(shutdown < .seconds(10), "graceful shutdown took \(shutdown) with streams open")
        }
    }
}
