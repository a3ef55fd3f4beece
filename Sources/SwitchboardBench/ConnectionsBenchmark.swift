import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import SwitchboardServer
import SwitchboardStorage

/// What `switchboard bench connections` measures: the health check from one client while another
/// holds thousands of idle connections, and how soon the desk closes them.
public struct ConnectionsBenchmarkOptions: Sendable {
    public var location: StoreLocation
    /// Idle connections opened from 127.0.0.1.
    public var idle: Int
    /// The desk's header and idle timeouts for the run.
    public var idleTimeout: Duration
    /// The desk's cap on connections per address (0: none, so every idle connection is held).
    public var perAddress: Int
    /// Health checks timed from 127.0.0.2, each on a new connection.
    public var checks: Int

    public init(location: StoreLocation, idle: Int = 2_000, idleTimeout: Duration = .seconds(5), perAddress: Int = ConnectionLimits().maxConnectionsPerAddress, checks: Int = 200) {
        self.location = location
        self.idle = idle
        self.idleTimeout = idleTimeout
        self.perAddress = perAddress
        self.checks = checks
    }
}

public enum ConnectionsBenchmark {
    /// The health check must answer within this while the idle connections are open.
    static let healthBound = Duration.milliseconds(50)

    public static func run(_ options: ConnectionsBenchmarkOptions, logger: Logger, print: @escaping @Sendable (String) -> Void) async throws {
        // Both ends of every connection live in this process.
        OpenFiles.raiseToHardLimit()
        let storeService = try StoreService(location: options.location, logger: logger)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        var limits = ConnectionLimits(headerTimeout: options.idleTimeout, idleTimeout: options.idleTimeout)
        limits.maxConnectionsPerAddress = options.perAddress
        let built = try SwitchboardApplication.buildApplication(
            configuration: DeskConfiguration(
                server: ServerConfiguration(host: "127.0.0.1", port: 0, connections: limits), store: .open(storeService.store),
                mailer: LogMailer(logger: logger)
            ),
            logger: logger,
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }
        )
        let group = ServiceGroup(configuration: .init(services: [storeService, built.application], logger: logger))
        let clients = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            do {
                guard let port = await iterator.next(), port > 0 else { throw StoreError(.unavailable, "the server did not start") }
                // The assistant trains at start; its CPU would be counted against the health check.
                _ = try await built.desk.assistant.waitUntilReady()
                try await measure(options, port: port, group: clients, print: print)
            } catch {
                await group.triggerGracefulShutdown()
                try? await clients.shutdownGracefully()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        try await clients.shutdownGracefully()
    }

    static func measure(_ options: ConnectionsBenchmarkOptions, port: Int, group: any EventLoopGroup, print: @escaping @Sendable (String) -> Void) async throws {
        let cap = options.perAddress == 0 ? "no cap per address" : "\(options.perAddress) per address"
        print("Switchboard connections benchmark — \(System.coreCount) cores, timeouts \(options.idleTimeout), \(cap)")
        var failures = 0
        let quiet = try await healthChecks(options.checks, port: port, group: group)
        print(String(format: "health  from 127.0.0.2, nothing else open: p50 %.2f ms, p99 %.2f ms, errors %d",
                     quiet.percentile(0.5), quiet.percentile(0.99), quiet.errors))

        let idle = try await SilentConnections.open(
            options.idle, port: port, from: "127.0.0.1", request: "GET /health HTTP/1.1\r\nHost: bench\r\n\r\n", reading: true, group: group
        )
        defer { idle.closeAll() }
        // Every connection answered, or closed unanswered over the cap.
        let settled = ContinuousClock.now + .seconds(30)
        while idle.figures.answeredAt.count + idle.figures.closedUnanswered + idle.figures.failed < options.idle, ContinuousClock.now < settled {
            try await Task.sleep(for: .milliseconds(20))
        }
        let opened = idle.figures
        print("idle    \(options.idle) connections from 127.0.0.1, each after one request: \(opened.answeredAt.count) held, "
            + "\(opened.closedUnanswered) closed at once over the cap, \(opened.failed) could not connect")

        let busy = try await healthChecks(options.checks, port: port, group: group)
        let slowest = busy.percentile(1)
        print(String(format: "health  from 127.0.0.2 with them open: p50 %.2f ms, p99 %.2f ms, slowest %.2f ms, errors %d (bound %.0f ms)",
                     busy.percentile(0.5), busy.percentile(0.99), slowest, busy.errors, Latencies.milliseconds(healthBound)))
        if busy.errors > 0 || !(busy.percentile(0.99) < Latencies.milliseconds(healthBound)) { failures += 1 }

        // The desk closes the idle ones once their timeout has passed.
        let deadline = ContinuousClock.now + options.idleTimeout + .seconds(10)
        while idle.figures.closedAfterAnswer.count < opened.answeredAt.count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        var closed = Latencies()
        for duration in idle.figures.closedAfterAnswer { closed.record(duration) }
        let left = opened.answeredAt.count - closed.count
        print(String(format: "        idle ones closed by the desk %.2f s (first) to %.2f s (last) after their answer; still open %d",
                     closed.percentile(0) / 1000, closed.percentile(1) / 1000, left))
        if left > 0 { failures += 1 }
        if failures > 0 { throw BenchmarkFailure(failures: failures) }
    }

    /// `GET /health` `count` times from 127.0.0.2, each on a new connection (the accept counts too).
    static func healthChecks(_ count: Int, port: Int, group: any EventLoopGroup) async throws -> Latencies {
        var latencies = Latencies()
        for _ in 0..<count {
            let start = ContinuousClock.now
            do {
                let reply = try await LoadConnection.with(host: "127.0.0.1", port: port, from: "127.0.0.2", group: group) { send in
                    try await send(.GET, "/health", [("Connection", "close")], nil)
                }
                if reply.status == 200 { latencies.record(.now - start) } else { latencies.errors += 1 }
            } catch {
                latencies.errors += 1
            }
        }
        return latencies
    }
}
