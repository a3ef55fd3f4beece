import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage
import SwitchboardWeb

/// What `switchboard bench` measures, and how hard.
public struct BenchmarkOptions: Sendable {
    public var location: StoreLocation
    /// Concurrent HTTP clients, each on its own keep-alive connection.
    public var clients: Int
    /// How long ticket creation is measured (after a warm-up of a fifth of it).
    public var creationSeconds: Double
    /// Tickets in the database for the read phase (bulk-loaded through the store).
    public var totalTickets: Int
    /// How long each read mix (lists, searches) is measured.
    public var readSeconds: Double
    public var customers: Int
    /// Skip creation and loading: measure reads on the database as it is.
    public var readsOnly: Bool
    /// Where the assistant's trained model is cached (nil: train at start).
    public var assistantCache: String?

    public init(
        location: StoreLocation, clients: Int = 32, creationSeconds: Double = 10, totalTickets: Int = 1_000_000,
        readSeconds: Double = 10, customers: Int = 10_000, readsOnly: Bool = false, assistantCache: String? = nil
    ) {
        self.assistantCache = assistantCache
        self.location = location
        self.clients = clients
        self.creationSeconds = creationSeconds
        self.totalTickets = totalTickets
        self.readSeconds = readSeconds
        self.customers = customers
        self.readsOnly = readsOnly
    }
}

/// Starts a desk on loopback, drives it over HTTP and prints the figures.
public enum Benchmark {
    public static func run(_ options: BenchmarkOptions, logger: Logger, print: @escaping @Sendable (String) -> Void) async throws {
        try await withDesk(location: options.location, assistantCache: options.assistantCache, logger: logger) { store, desk, port in
            try await measure(options: options, store: store, desk: desk, port: port, print: print)
        }
    }

    /// A desk on `location`, served on a free loopback port with its assistant ready, for `body`;
    /// shut down gracefully afterwards, whether `body` succeeds or throws.
    static func withDesk(
        location: StoreLocation, assistantCache: String?, logger: Logger, surveys: SurveySettings = SurveySettings(),
        _ body: @escaping @Sendable (SQLStore, Desk, Int) async throws -> Void
    ) async throws {
        let storeService = try StoreService(location: location, logger: logger)
        let store = storeService.store
        let (portStream, portContinuation) = AsyncStream<Int>.makeStream()
        var server = ServerConfiguration(host: "127.0.0.1", port: 0)
        server.surveys = surveys
        let built = try SwitchboardApplication.buildApplication(
            configuration: DeskConfiguration(server: server, store: .open(store), assistantCache: assistantCache, mailer: LogMailer(logger: logger)),
            logger: logger,
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }
        )
        let desk = built.desk
        let group = ServiceGroup(configuration: .init(services: [storeService, built.application], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var ports = portStream.makeAsyncIterator()
            guard let port = await ports.next(), port > 0 else { throw StoreError(.unavailable, "the server did not start") }
            do {
                // Every first message is analysed, as on a live desk: wait for the model first.
                _ = try await desk.assistant.waitUntilReady()
                try await body(store, desk, port)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    static func measure(options: BenchmarkOptions, store: SQLStore, desk: Desk, port: Int, print: @escaping @Sendable (String) -> Void) async throws {
        print("Switchboard benchmark — \(options.location), \(options.clients) clients, \(System.coreCount) cores")
        let synthetic = try await SyntheticDesk.prepare(in: store, customers: options.customers)
        let secret = "sb_bench_\(UUID().uuidString)"
        _ = try await store.createAPIToken(
            organization: synthetic.platform.id, name: "benchmark", scopes: [.ticketsRead, .ticketsWrite], tokenHash: Secrets.hash(secret),
            prefix: "sb_bench", createdBy: nil, at: Date()
        )
        let headers = [("Authorization", "Bearer \(secret)"), ("Content-Type", "application/json")]
        let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            try await phases(options: options, store: store, synthetic: synthetic, http: HTTPLoad(port: port, group: clientGroup, headers: headers), print: print)
        } catch {
            try? await clientGroup.shutdownGracefully()
            throw error
        }
        try await clientGroup.shutdownGracefully()
    }

    /// Runs the phases; a failed request or a lost ticket makes the whole run fail, after the
    /// figures are printed, so a broken desk never passes for a fast one.
    static func phases(options: BenchmarkOptions, store: SQLStore, synthetic: SyntheticDesk, http: HTTPLoad, print: @escaping @Sendable (String) -> Void) async throws {
        var failures = 0
        if !options.readsOnly {
            failures += try await writes(options: options, store: store, synthetic: synthetic, http: http, print: print)
        }
        failures += try await reads(options: options, store: store, synthetic: synthetic, http: http, print: print)
        if failures > 0 { throw BenchmarkFailure(failures: failures) }
    }

    /// Returns how many requests failed or acknowledged tickets went missing.
    static func writes(options: BenchmarkOptions, store: SQLStore, synthetic: SyntheticDesk, http: HTTPLoad, print: @escaping @Sendable (String) -> Void) async throws -> Int {
        // 1. Ticket creation over HTTP.
        let groupsBefore = await store.commitGroups
        let cpuBefore = ProcessCPU.seconds()
        let creation = try await http.creation(desk: synthetic, clients: options.clients, seconds: options.creationSeconds)
        let cpu = ProcessCPU.seconds() - cpuBefore
        let groupsAfter = await store.commitGroups
        let acknowledged = creation.numbers
        let missing = try await countMissing(acknowledged, in: store)
        let rate = Double(creation.latencies.count) / options.creationSeconds
        print(String(format: "create  %8.0f tickets/s   p50 %6.2f ms   p99 %6.2f ms   errors %d   acknowledged %d, missing afterwards %d",
                     rate, creation.latencies.percentile(0.5), creation.latencies.percentile(0.99), creation.latencies.errors, acknowledged.count, missing))
        print(String(format: "        %.0f µs of CPU per ticket (server and load generator together, warm-up included)", cpu / Double(max(creation.latencies.count, 1)) * 1e6))
        if let before = groupsBefore, let after = groupsAfter, after.commits > before.commits {
            let commits = after.commits - before.commits
            print(String(format: "        group commit: %d commits, %.1f writes per commit on average, largest %d; log restarted %d times, longest %.0f MiB, %d checkpoints finished by the writer",
                         commits, Double(after.writes - before.writes) / Double(commits), after.largest,
                         after.logRestarts - before.logRestarts, Double(after.longestLog) * 4096 / 1_048_576, after.writerCheckpoints - before.writerCheckpoints))
        }

        // The same work without HTTP: what the store alone sustains.
        let direct = try await StoreLoad.creation(store: store, desk: synthetic, writers: options.clients, seconds: options.creationSeconds / 2)
        print(String(format: "store   %8.0f tickets/s   p50 %6.2f ms   p99 %6.2f ms   (%d concurrent writers calling Store.createTicket, no HTTP)",
                     Double(direct.count) / (options.creationSeconds / 2), direct.percentile(0.5), direct.percentile(0.99), options.clients))

        // 2. Bulk load to the target size, through the store.
        try await BulkLoad.fill(store: store, desk: synthetic, target: options.totalTickets, print: print)
        return creation.latencies.errors + missing

    }

    /// Returns how many requests failed.
    static func reads(options: BenchmarkOptions, store: SQLStore, synthetic: SyntheticDesk, http: HTTPLoad, print: @escaping @Sendable (String) -> Void) async throws -> Int {
        var failures = 0
        // 3. Lists and searches over HTTP.
        let total = try await store.ticketCounts(visibility: .all).values.reduce(0, +)
        print("reads on \(total.formatted()) tickets")
        for (name, concurrency) in [("1 client", 1), ("\(options.clients) clients", options.clients)] {
            let lists = try await http.reads(kind: .list, desk: synthetic, clients: concurrency, seconds: options.readSeconds)
            let searches = try await http.reads(kind: .search, desk: synthetic, clients: concurrency, seconds: options.readSeconds)
            for (label, result) in [("list", lists), ("search", searches)] {
                failures += result.errors
                print(String(format: "%-7@ %-11@ %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   errors %d",
                             label as NSString, name as NSString, Double(result.count) / options.readSeconds,
                             result.percentile(0.5), result.percentile(0.99), result.errors))
            }
        }

        // Each view and search alone, one client, so a slow one is named.
        for (label, uris) in [("list", HTTPLoad.listViews(desk: synthetic)), ("search", HTTPLoad.searchWords.map(HTTPLoad.searchURI))] {
            var line = "\(label) p50 by query (ms):"
            for uri in uris {
                let latencies = try await http.repeated(uri: uri, times: 15)
                line += String(format: "\n        %6.2f  %@", latencies.percentile(0.5), (uri.removingPercentEncoding ?? uri) as NSString)
            }
            print(line)
        }

        failures += try await pages(store: store, synthetic: synthetic, http: http, print: print)

        if let memory = ProcessMemory.residentMiB() {
            print(String(format: "memory  resident %.0f MiB now, %.0f MiB peak (server, store and load generator in one process)", memory.current, memory.peak))
        }
        return failures
    }

    /// The agent queue page with 50 rows: the template render alone, and the whole request (session
    /// check, the list and the four view counts, render) over HTTP.
    static func pages(store: SQLStore, synthetic: SyntheticDesk, http: HTTPLoad, print: @escaping @Sendable (String) -> Void) async throws -> Int {
        let renderer = try PageRenderer()
        let listed = try await store.listTickets(TicketQuery(visibility: .all, limit: 50)).tickets
        let rows = listed.map {
            QueuePage.Ticket(number: String($0.number), subject: $0.subject, customer: "Customer \($0.customerID.rawValue)",
                             status: $0.status.rawValue, priority: $0.priority.rawValue, assignee: nil, updatedAt: $0.updatedAt)
        }
        var render = Latencies()
        for round in 0..<220 {
            let start = ContinuousClock.now
            let html = renderer.render(QueuePage(
                language: [UILanguage.english, .chinese, .persian][round % 3], csrfToken: "token", user: .init(name: "Agent", agentNumber: "1001"),
                current: .all, counts: [.all: 50], tickets: rows, nextCursor: "cursor"
            ))
            precondition(!html.isEmpty)
            if round >= 20 { render.record(ContinuousClock.now - start) }
        }
        print(String(format: "page    queue of %d rows: render p50 %.2f ms, p99 %.2f ms (template only, three languages)",
                     rows.count, render.percentile(0.5), render.percentile(0.99)))
        guard let agent = synthetic.agents.first else { return 0 }
        let token = "bench-session-\(UUID().uuidString)"
        try await store.createSession(StoredSession(
            tokenHash: Secrets.hash(token), subject: .agent(agent.id), csrfToken: "bench", createdAt: Date(), expiresAt: Date().addingTimeInterval(3_600)
        ))
        let browser = HTTPLoad(port: http.port, group: http.group, headers: [("Cookie", "sb_session=\(token)")])
        _ = try await browser.repeated(uri: "/agent?view=all", times: 5)
        let whole = try await browser.repeated(uri: "/agent?view=all", times: 60)
        print(String(format: "page    GET /agent?view=all (50 rows, counts, render): p50 %.2f ms, p99 %.2f ms, errors %d",
                     whole.percentile(0.5), whole.percentile(0.99), whole.errors))
        return whole.errors
    }

    /// How many acknowledged ticket numbers cannot be read back.
    static func countMissing(_ numbers: [Int64], in store: SQLStore) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for chunk in stride(from: 0, to: numbers.count, by: 2_000).map({ Array(numbers[$0..<min($0 + 2_000, numbers.count)]) }) {
                group.addTask {
                    var missing = 0
                    for number in chunk where try await store.ticket(number: number) == nil { missing += 1 }
                    return missing
                }
            }
            return try await group.reduce(0, +)
        }
    }
}

/// A run in which requests failed or acknowledged tickets went missing: its figures do not count.
public struct BenchmarkFailure: Error, CustomStringConvertible {
    public let failures: Int

    public var description: String {
        "\(failures) request(s) failed or acknowledged ticket(s) went missing during the run; the figures above do not count (the server log above says why)"
    }
}
