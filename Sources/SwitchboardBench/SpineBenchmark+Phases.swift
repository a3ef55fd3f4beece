import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage

extension SpineBenchmark {
    /// When each watched ticket was last written to, and how long its pages took to hear of it.
    final class Deliveries: Sendable {
        private let state = Mutex<(sent: [Int64: ContinuousClock.Instant], latencies: Latencies, late: Int)>(([:], Latencies(), 0))

        func sent(_ ticket: Int64) {
            state.withLock { $0.sent[ticket] = .now }
        }

        /// A page heard `tickets` changed: each pending write to them is delivered.
        func received(_ tickets: some Sequence<Int64>) {
            let now = ContinuousClock.now
            state.withLock { state in
                for ticket in tickets {
                    if let sent = state.sent.removeValue(forKey: ticket) { state.latencies.record(now - sent) }
                }
            }
        }

        /// Writes never heard of.
        var undelivered: Int { state.withLock { $0.sent.count } }
        var latencies: Latencies { state.withLock { $0.latencies } }
    }

    /// Opens the watched tickets (quickly, through the store).
    static func openTickets(_ count: Int, store: SQLStore, synthetic: SyntheticDesk) async throws -> [Int64] {
        try await withThrowingTaskGroup(of: Int64.self) { group in
            var numbers: [Int64] = []
            for index in 0..<count {
                if index >= 32, let number = try await group.next() { numbers.append(number) }
                group.addTask {
                    let customer = synthetic.customers[index % synthetic.customers.count]
                    let new = try NewTicket(
                        subject: "Watched case \(index)", customerID: customer, channel: .chat, teamID: synthetic.teams[index % 3].id,
                        firstMessage: try NewMessage(author: .customer(customer), visibility: .public, body: "Where is my order?")
                    )
                    return try await store.createTicket(new, actor: .customer(customer), at: Date()).ticket.number
                }
            }
            for try await number in group { numbers.append(number) }
            return numbers
        }
    }

    /// Holds `paths` open as live pages on `port` until `closer` closes them, reporting changes.
    static func holdStreams(
        _ paths: [String], port: Int, cookie: [(String, String)], group: any EventLoopGroup, closer: EventStreamClient.Closer,
        deliveries: Deliveries
    ) async {
        await withTaskGroup(of: Void.self) { tasks in
            for path in paths {
                tasks.addTask {
                    _ = try? await EventStreamClient.with(port: port, path: path, headers: cookie, group: group, closer: closer) { _, reader in
                        while let message = try await reader.next() {
                            if message.event == "change" { deliveries.received(message.data.split(separator: ",").compactMap { Int64($0) }) }
                        }
                    }
                }
            }
        }
    }

    /// Waits until `node` has `count` live subscriptions (or ten seconds passed).
    static func waitForSubscribers(_ count: Int, on node: Node) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while node.desk.bus.subscriberCount < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Replies to `tickets` in turn, `rate` a second for `seconds`, through `port`; returns how
    /// many failed.
    static func pacedReplies(
        to tickets: [Int64], rate: Int, seconds: Double, port: Int, api: [(String, String)], group: any EventLoopGroup, deliveries: Deliveries
    ) async throws -> (sent: Int, errors: Int) {
        let connections = 16
        let interval = Duration.seconds(Double(connections) / Double(rate))
        let total = Int(Double(rate) * seconds)
        return try await withThrowingTaskGroup(of: (Int, Int).self) { tasks in
            for connection in 0..<connections {
                tasks.addTask {
                    var sent = 0, errors = 0
                    try await LoadConnection.with(host: "127.0.0.1", port: port, group: group) { send in
                        var due = ContinuousClock.now + interval * Double(connection) / Double(connections)
                        var index = connection
                        while index < total {
                            if due > .now { try await Task.sleep(until: due) }
                            due += interval
                            let ticket = tickets[index % tickets.count]
                            index += connections
                            deliveries.sent(ticket)
                            let reply = try await send(.POST, "/api/v1/tickets/\(ticket)/messages", api, ByteBuffer(string: #"{"body":"We are on it."}"#))
                            if reply.status == 201 { sent += 1 } else { errors += 1 }
                        }
                    }
                    return (sent, errors)
                }
            }
            return try await tasks.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
    }

    /// Live streams: write → page latency at a steady rate with many pages open, then creation at
    /// full speed with them still open.
    static func live(
        _ options: SpineBenchmarkOptions, store: SQLStore, synthetic: SyntheticDesk, nodes: [Node], http: HTTPLoad,
        cookie: [(String, String)], group: any EventLoopGroup, baseline: Double, print: @escaping @Sendable (String) -> Void
    ) async throws -> Int {
        let queues = max(1, options.streams / 10)
        let watched = try await openTickets(options.streams - queues, store: store, synthetic: synthetic)
        let paths = watched.map { "/live/tickets/\($0)" } + Array(repeating: "/live/queue", count: queues)
        let deliveries = Deliveries()
        let closer = EventStreamClient.Closer()
        let node = nodes[0]
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { await holdStreams(paths, port: node.port, cookie: cookie, group: group, closer: closer, deliveries: deliveries) }
            defer { closer.closeAll() }
            try await waitForSubscribers(paths.count, on: node)
            let open = node.desk.bus.subscriberCount
            let writes = try await pacedReplies(
                to: watched, rate: options.rate, seconds: options.seconds, port: node.port, api: http.headers, group: group, deliveries: deliveries
            )
            try await Task.sleep(for: .milliseconds(500))
            let latencies = deliveries.latencies
            print(String(format: "live    %d streams open (%d ticket pages, %d queues), %d writes/s for %.0f s: write → page p50 %.2f ms, p99 %.2f ms",
                         open, watched.count, queues, options.rate, options.seconds, latencies.percentile(0.5), latencies.percentile(0.99)))
            print(String(format: "        %d writes, %d delivered to their page, %d never heard of, %d failed (the latency counts from before the request: the write itself is in it)",
                         writes.sent, latencies.count, deliveries.undelivered, writes.errors))
            let busy = try await http.creation(desk: synthetic, clients: options.clients, seconds: options.seconds)
            let rate = Double(busy.latencies.count) / options.seconds
            print(String(format: "        creation with the streams open: %.0f tickets/s (%.0f%% of %.0f without), p99 %.2f ms, errors %d",
                         rate, rate / baseline * 100, baseline, busy.latencies.percentile(0.99), busy.latencies.errors))
            closer.closeAll()
            try await tasks.waitForAll()
            return writes.errors + busy.latencies.errors + (open < paths.count ? 1 : 0)
        }
    }

    /// A backlog of jobs, drained by every node; each must run exactly once.
    static func jobs(_ options: SpineBenchmarkOptions, store: SQLStore, nodes: [Node], counting: CountingJob, print: @escaping @Sendable (String) -> Void) async throws -> Int {
        let before = nodes.map { $0.desk.jobs.finished.done }
        let start = ContinuousClock.now
        let now = Date()
        // One transaction: the whole backlog becomes due at once, so no node starts on it early.
        try await store.enqueueJobs((0..<options.jobs).map { NewJob(kind: benchJob, payload: ["n": .number(Double($0))], runAt: now) })
        let stored = ContinuousClock.now - start
        let drainStart = ContinuousClock.now
        for node in nodes { node.desk.bus.announce(.jobsEnqueued) }
        let deadline = ContinuousClock.now + .seconds(600)
        while counting.runs.withLock({ $0.total }) < options.jobs, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let drained = ContinuousClock.now - drainStart
        try await Task.sleep(for: .milliseconds(500))
        let (total, twice) = counting.runs.withLock { ($0.total, $0.twice) }
        let shares = zip(nodes, before).map { node, before in String(node.desk.jobs.finished.done - before) }.joined(separator: " + ")
        print(String(format: "jobs    %d due jobs stored in %.2f s, drained in %.2f s: %.0f jobs/s; ran %d times (%@ by node), twice %d",
                     options.jobs, Latencies.milliseconds(stored) / 1000, Latencies.milliseconds(drained) / 1000,
                     Double(options.jobs) / (Latencies.milliseconds(drained) / 1000), total, shares as NSString, twice))
        return (total == options.jobs ? 0 : 1) + twice
    }

    /// A write on node 1 reaching pages open on node 2 (PostgreSQL `LISTEN/NOTIFY`).
    static func crossNode(
        store: SQLStore, synthetic: SyntheticDesk, nodes: [Node], api: [(String, String)], cookie: [(String, String)], group: any EventLoopGroup,
        print: @escaping @Sendable (String) -> Void
    ) async throws -> Int {
        let watched = try await openTickets(100, store: store, synthetic: synthetic)
        let deliveries = Deliveries()
        let closer = EventStreamClient.Closer()
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                await holdStreams(watched.map { "/live/tickets/\($0)" }, port: nodes[1].port, cookie: cookie, group: group, closer: closer, deliveries: deliveries)
            }
            defer { closer.closeAll() }
            try await waitForSubscribers(watched.count, on: nodes[1])
            let writes = try await pacedReplies(to: watched, rate: 100, seconds: 10, port: nodes[0].port, api: api, group: group, deliveries: deliveries)
            try await Task.sleep(for: .seconds(1))
            let latencies = deliveries.latencies
            print(String(format: "nodes   write on node 1 → page on node 2: p50 %.2f ms, p99 %.2f ms (%d writes at 100/s, %d delivered, %d never heard of)",
                         latencies.percentile(0.5), latencies.percentile(0.99), writes.sent, latencies.count, deliveries.undelivered))
            closer.closeAll()
            try await tasks.waitForAll()
            return writes.errors + deliveries.undelivered
        }
    }
}
