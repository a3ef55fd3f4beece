import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
import SwitchboardAssistant
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage

/// What `switchboard bench spine` measures: the intake path with every first message analysed,
/// live streams from the event log, durable jobs, and (on PostgreSQL) delivery between nodes.
public struct SpineBenchmarkOptions: Sendable {
    public var location: StoreLocation
    /// Concurrent clients opening tickets.
    public var clients: Int
    public var seconds: Double
    /// Open live streams during the live phase (a tenth of them queues, the rest ticket pages).
    public var streams: Int
    /// Queue pages that open their stream and never read it, during the idle-streams phase.
    public var idleStreams: Int
    /// Writes per second during the live latency phase.
    public var rate: Int
    /// Jobs drained in the jobs phase.
    public var jobs: Int
    public var assistantCache: String?

    public init(
        location: StoreLocation, clients: Int = 32, seconds: Double = 10, streams: Int = 1_000, idleStreams: Int = 600, rate: Int = 1_000,
        jobs: Int = 100_000, assistantCache: String? = nil
    ) {
        self.location = location
        self.clients = clients
        self.seconds = seconds
        self.streams = streams
        self.idleStreams = idleStreams
        self.rate = rate
        self.jobs = jobs
        self.assistantCache = assistantCache
    }
}

/// Runs one node of the desk (or two, on PostgreSQL) on loopback and measures the spine.
public enum SpineBenchmark {
    static let benchJob = JobKind(rawValue: "bench.count")!

    /// A job handler that counts each run, to prove none ran twice.
    final class CountingJob: JobHandler {
        let runs = Mutex<(total: Int, seen: Set<Int64>, twice: Int)>((0, [], 0))

        func run(_ job: Job) async throws -> [NewJob] {
            runs.withLock {
                $0.total += 1
                if !$0.seen.insert(job.id.rawValue).inserted { $0.twice += 1 }
            }
            return []
        }
    }

    /// A running node: its desk and the port its server listens on.
    struct Node {
        let desk: Desk
        let port: Int
    }

    public static func run(_ options: SpineBenchmarkOptions, logger: Logger, print: @escaping @Sendable (String) -> Void) async throws {
        // A thousand streams need two thousand descriptors: both ends live in this one process.
        OpenFiles.raiseToHardLimit()
        let counting = CountingJob()
        let first = try StoreService(location: options.location, logger: logger)
        let second: StoreService? = if case .postgres = options.location { try StoreService(location: options.location, logger: logger) } else { nil }
        var services: [any Service] = [first]
        let (ports, portsContinuation) = AsyncStream<(Int, Int)>.makeStream()
        func node(_ store: SQLStore, index: Int) throws -> SwitchboardApplication.Built {
            try SwitchboardApplication.buildApplication(
                configuration: DeskConfiguration(
                    // A thousand pages from one address and one session: the caps would refuse most.
                    server: ServerConfiguration(
                        host: "127.0.0.1", port: 0, connections: ConnectionLimits(maxConnectionsPerAddress: 0),
                        liveStreams: LiveStreamLimits(perSession: 0, perAddress: 0)
                    ),
                    store: .open(store), assistantCache: options.assistantCache,
                    jobs: JobRunner.Configuration(concurrency: 64), jobHandlers: [benchJob: counting], node: "bench-node-\(index)",
                    mailer: LogMailer(logger: logger)
                ),
                logger: logger,
                onServerRunning: { channel in portsContinuation.yield((index, channel.localAddress?.port ?? 0)) }
            )
        }
        let one = try node(first.store, index: 1)
        services.append(one.application)
        var two: SwitchboardApplication.Built?
        if let second {
            services.insert(second, at: 1)
            two = try node(second.store, index: 2)
            services.append(two!.application)
        }
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var known: [Int: Int] = [:]
            for await (index, port) in ports {
                known[index] = port
                if known.count == (two == nil ? 1 : 2) { break }
            }
            do {
                _ = try await one.desk.assistant.waitUntilReady()
                let nodes = [Node(desk: one.desk, port: known[1] ?? 0)] + (two.map { [Node(desk: $0.desk, port: known[2] ?? 0)] } ?? [])
                try await measure(options, store: first.store, nodes: nodes, counting: counting, print: print)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    static func measure(
        _ options: SpineBenchmarkOptions, store: SQLStore, nodes: [Node], counting: CountingJob, print: @escaping @Sendable (String) -> Void
    ) async throws {
        let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            try await phases(options, store: store, nodes: nodes, counting: counting, group: clientGroup, print: print)
        } catch {
            try? await clientGroup.shutdownGracefully()
            throw error
        }
        try await clientGroup.shutdownGracefully()
    }

    static func phases(
        _ options: SpineBenchmarkOptions, store: SQLStore, nodes: [Node], counting: CountingJob, group clientGroup: any EventLoopGroup,
        print: @escaping @Sendable (String) -> Void
    ) async throws {
        print("Switchboard spine benchmark — \(options.location), \(System.coreCount) cores, \(nodes.count) node(s)")
        let synthetic = try await SyntheticDesk.prepare(in: store, customers: 2_000)
        let secret = "sb_bench_\(UUID().uuidString)"
        _ = try await store.createAPIToken(
            organization: synthetic.platform.id, name: "benchmark", scopes: [.ticketsRead, .ticketsWrite], tokenHash: Secrets.hash(secret),
            prefix: "sb_bench", createdBy: nil, at: Date()
        )
        let token = "bench-session-\(UUID().uuidString)"
        try await store.createSession(StoredSession(
            tokenHash: Secrets.hash(token), subject: .agent(synthetic.agents[0].id), csrfToken: "bench", createdAt: Date(), expiresAt: Date().addingTimeInterval(7_200)
        ))
        let api = [("Authorization", "Bearer \(secret)"), ("Content-Type", "application/json")]
        let cookie = [("Cookie", "sb_session=\(token)")]
        let http = HTTPLoad(port: nodes[0].port, group: clientGroup, headers: api)
        var failures = 0

        // 1. Ticket creation through intake, every first message analysed.
        let cpuBefore = ProcessCPU.seconds()
        let creation = try await http.creation(desk: synthetic, clients: options.clients, seconds: options.seconds)
        let cpuPerTicket = (ProcessCPU.seconds() - cpuBefore) / Double(max(creation.latencies.count, 1))
        let rate = Double(creation.latencies.count) / options.seconds
        failures += creation.latencies.errors
        print(String(format: "create  %8.0f tickets/s   p50 %6.2f ms   p99 %6.2f ms   errors %d   (%d clients, every first message analysed)",
                     rate, creation.latencies.percentile(0.5), creation.latencies.percentile(0.99), creation.latencies.errors, options.clients))
        let analysis = analysisCost(nodes[0].desk)
        print(String(format: "        %.0f µs of CPU per ticket (server and load generator); the analysis alone %.1f µs, %.1f%% of it",
                     cpuPerTicket * 1e6, analysis * 1e6, analysis / cpuPerTicket * 100))
        let analysed = try await store.analyses(ticket: try await requireTicket(store, creation.numbers.last)).values.first?.state.analysis != nil
        print("        the last acknowledged ticket's first message \(analysed ? "was" : "was NOT") analysed in its own write")
        if !analysed { failures += 1 }

        // 2. Pages that never read their stream: creation must not slow down for them.
        failures += try await idleStreams(options, synthetic: synthetic, node: nodes[0], http: http, cookie: cookie, baseline: rate, print: print)

        // 3. Live streams: latency from a write to the pages watching it, and creation with them open.
        failures += try await live(options, store: store, synthetic: synthetic, nodes: nodes, http: http, cookie: cookie, group: clientGroup, baseline: rate, print: print)

        // 4. Jobs: a backlog drained by the node(s), none run twice.
        failures += try await jobs(options, store: store, nodes: nodes, counting: counting, print: print)

        // 5. Between nodes (PostgreSQL): a write on node 1 reaching a page open on node 2.
        if nodes.count > 1 {
            failures += try await crossNode(store: store, synthetic: synthetic, nodes: nodes, api: api, cookie: cookie, group: clientGroup, print: print)
        }
        if let memory = ProcessMemory.residentMiB() {
            print(String(format: "memory  resident %.0f MiB now, %.0f MiB peak (desk and load generator in one process)", memory.current, memory.peak))
        }
        if failures > 0 { throw BenchmarkFailure(failures: failures) }
    }

    /// CPU seconds of one analysis, measured alone on the bench's ticket texts.
    static func analysisCost(_ desk: Desk) -> Double {
        guard let ready = desk.assistant.ready else { return .nan }
        var text = TicketText(random: SplitMix(seed: 42))
        let messages = (0..<500).map { _ in text.next().message }
        for message in messages.prefix(50) { _ = ready.assistant.analyze(message, retrieve: false) }
        let start = ProcessCPU.seconds()
        for round in 0..<4 {
            for message in messages { _ = ready.assistant.analyze(message, history: round == 0 ? [] : [messages[0]], retrieve: false).record(modelVersion: ready.version) }
        }
        return (ProcessCPU.seconds() - start) / Double(messages.count * 4)
    }

    static func requireTicket(_ store: SQLStore, _ number: Int64?) async throws -> Ticket.ID {
        guard let number, let ticket = try await store.ticket(number: number) else { throw BenchmarkFailure(failures: 1) }
        return ticket.id
    }
}
