import ArgumentParser
import Foundation
import Logging
import SwitchboardBench
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage

/// `switchboard bench`: start a desk on loopback, drive it, print the figures. Build with -c release.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the desk on loopback, or its routing in-process (build with -c release).",
        subcommands: [DeskBench.self, SpineBench.self, ConnectionsBench.self, RoutingBench.self, DayBench.self, EtaBench.self, TimersBench.self, ChatBench.self, PortalBench.self],
        defaultSubcommand: DeskBench.self
    )
}

/// Where a benchmark keeps its data: the named store, or a new SQLite directory it removes afterwards.
struct BenchStore: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Flag(help: "Keep a temporary SQLite directory after the run.") var keep = false

    /// The location, and whether it is a temporary directory to remove.
    func location() -> (StoreLocation, temporary: Bool) {
        let environment = ProcessInfo.processInfo.environment
        let temporary = store.dataDir == nil && store.database == nil && (environment["SWITCHBOARD_DATABASE_URL"] ?? "").isEmpty
        let location: StoreLocation = temporary
            ? .sqlite(directory: FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)").path)
            : store.location(environment: environment)
        return (location, temporary)
    }

    func cleanUp(_ location: StoreLocation, temporary: Bool) {
        if temporary, !keep, case .sqlite(let directory) = location { try? FileManager.default.removeItem(atPath: directory) }
    }

    static var logger: Logger {
        var logger = Logger(label: "switchboard.bench")
        logger.logLevel = .warning
        return logger
    }
}

/// `switchboard bench [desk]`: ticket creation, lists and searches over HTTP on a large desk.
struct DeskBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "Measure ticket creation, lists and searches over HTTP.",
        discussion: "Without --data-dir or --database the benchmark uses a new SQLite directory under the system's temporary directory and removes it afterwards."
    )

    @OptionGroup var store: BenchStore
    @Option(help: "Concurrent HTTP clients.") var clients = 32
    @Option(help: "Seconds of measured ticket creation.") var seconds = 10.0
    @Option(help: "Tickets in the database for the read phase (bulk-loaded).") var tickets = 1_000_000
    @Option(help: "Seconds per read mix (lists, searches).") var readSeconds = 10.0
    @Flag(help: "Only measure lists and searches on the database as it is (with --data-dir or --database).") var readsOnly = false
    @Option(help: "Where the trained assistant model is cached.") var assistantCache: String?

    func run() async throws {
        let (location, temporary) = store.location()
        defer { store.cleanUp(location, temporary: temporary) }
        try await Benchmark.run(
            BenchmarkOptions(
                location: location, clients: clients, creationSeconds: seconds, totalTickets: tickets, readSeconds: readSeconds,
                readsOnly: readsOnly, assistantCache: assistantCache
            ),
            logger: BenchStore.logger, print: { Swift.print($0) }
        )
    }
}

/// `switchboard bench portal`: the customer's pages on a large desk.
struct PortalBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Measure the customer's portal pages (my requests, a request's page) on a large desk over HTTP.",
        discussion: "Bulk-loads --tickets tickets over --customers customers (1,000,000 over 2,000: about 500 requests each), then times the pages of the customer with the most. Without --data-dir or --database it uses a new SQLite directory and removes it afterwards."
    )

    @OptionGroup var store: BenchStore
    @Option(help: "Tickets in the database (bulk-loaded).") var tickets = 1_000_000
    @Option(help: "Customers the tickets are spread over.") var customers = 2_000
    @Option(help: "Requests measured per page.") var requests = 500
    @Option(help: "Where the trained assistant model is cached.") var assistantCache: String?

    func run() async throws {
        let (location, temporary) = store.location()
        defer { store.cleanUp(location, temporary: temporary) }
        try await PortalBenchmark.run(
            PortalBenchmarkOptions(location: location, totalTickets: tickets, customers: customers, requests: requests, assistantCache: assistantCache),
            logger: BenchStore.logger, print: { Swift.print($0) }
        )
    }
}

/// `switchboard bench spine`: intake with analysis, live streams, jobs, and delivery between nodes.
struct SpineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spine",
        abstract: "Measure intake with every message analysed, live streams, jobs and (on PostgreSQL, two nodes) cross-node delivery.",
        discussion: "On PostgreSQL (--database) it runs two nodes on the one database: jobs are drained by both, and a second phase measures a write on node 1 reaching a page on node 2."
    )

    @OptionGroup var store: BenchStore
    @Option(help: "Concurrent HTTP clients opening tickets.") var clients = 32
    @Option(help: "Seconds of each timed phase.") var seconds = 10.0
    @Option(help: "Live streams held open during the live phase.") var streams = 1_000
    @Option(help: "Queue pages that never read their stream, open while creation is measured again.") var idleStreams = 600
    @Option(help: "Writes per second during the live latency phase.") var rate = 1_000
    @Option(help: "Jobs in the backlog the nodes drain.") var jobs = 100_000
    @Option(help: "Where the trained assistant model is cached.") var assistantCache: String?

    func run() async throws {
        let (location, temporary) = store.location()
        defer { store.cleanUp(location, temporary: temporary) }
        try await SpineBenchmark.run(
            SpineBenchmarkOptions(
                location: location, clients: clients, seconds: seconds, streams: streams, idleStreams: idleStreams, rate: rate, jobs: jobs,
                assistantCache: assistantCache
            ),
            logger: BenchStore.logger, print: { Swift.print($0) }
        )
    }
}

/// `switchboard bench connections`: the health check while one client holds thousands of idle connections.
struct ConnectionsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections",
        abstract: "Time the health check from 127.0.0.2 while 127.0.0.1 holds idle connections, and how soon the desk closes them.",
        discussion: "The desk runs with the given header and idle timeouts; --per-address 0 lets it hold every idle connection."
    )

    @OptionGroup var store: BenchStore
    @Option(help: "Idle connections opened from 127.0.0.1.") var idle = 2_000
    @Option(help: "The desk's header and idle timeouts, in seconds.") var idleTimeout = 5.0
    @Option(help: "The desk's cap on connections per address (0: no cap).") var perAddress = ConnectionLimits().maxConnectionsPerAddress
    @Option(help: "Health checks timed, each on a new connection.") var checks = 200

    func run() async throws {
        let (location, temporary) = store.location()
        defer { store.cleanUp(location, temporary: temporary) }
        try await ConnectionsBenchmark.run(
            ConnectionsBenchmarkOptions(
                location: location, idle: idle, idleTimeout: .milliseconds(Int64(idleTimeout * 1000)), perAddress: perAddress, checks: checks
            ),
            logger: BenchStore.logger, print: { Swift.print($0) }
        )
    }
}

/// `switchboard bench routing`: the rules' decision and the choice of agent for one new case, timed one by one.
struct RoutingBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing",
        abstract: "Time the routing decision in-process: the rules (Routing.decide), then who of the team takes the case (Routing.chooseAgent).",
        discussion: "No desk, no store: the same functions the desk calls, on a generated desk with rules of every kind and keywords in English, Chinese and Persian."
    )

    @Option(help: "Routing rules (at most \(RoutingSettings.maxRules) on a desk).") var rules = 100
    @Option(help: "Agents, spread over the teams.") var agents = 500
    @Option(help: "Teams.") var teams = 20
    @Option(help: "Decisions timed (after a warm-up of a tenth of them).") var decisions = 100_000
    @Option(help: "Seed of the generated desk and cases.") var seed: UInt64 = 1

    func validate() throws {
        guard rules >= 0, agents >= 1, teams >= 1, decisions >= 1 else { throw ValidationError("counts are positive (rules may be 0)") }
    }

    func run() throws {
        try RoutingBenchmark.run(
            RoutingBenchmarkOptions(rules: rules, agents: agents, teams: teams, decisions: decisions, seed: seed), print: { Swift.print($0) }
        )
    }
}

/// `switchboard bench day`: a simulated day of arrivals, shifts and assignments, on a simulated clock.
struct DayBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "day",
        abstract: "Simulate a day at the desk (no sleeping): routing, dispatch to agents on shifts, overflow, SLA breaches, fairness.",
        discussion: "Prints whether each goal was met; the exit status is 0 either way. The same seed gives the same day."
    )

    @Option(help: "Tickets arriving over the day.") var tickets = 10_000
    @Option(help: "Agents, in the demo desk's teams on early, late, night and shop shifts.") var agents = 50
    @Option(help: "Seed of the day's arrivals, cases and handling times.") var seed: UInt64 = 1
    @Option(help: "Median minutes an agent spends on a case.") var handlingMedian = 6.0

    func validate() throws {
        guard tickets >= 1, agents >= 1, handlingMedian > 0 else { throw ValidationError("tickets, agents and the median are positive") }
    }

    func run() {
        DayBenchmark.run(
            DaySimulationOptions(tickets: tickets, agents: agents, seed: seed, handlingMedianMinutes: handlingMedian), print: { Swift.print($0) }
        )
    }
}

/// `switchboard bench eta`: days of a chat queue, and how near the wait each customer was shown came to the wait that followed.
struct EtaBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eta",
        abstract: "Simulate days of one team's chat queue (no sleeping) and measure the wait customers are shown against the wait that followed.",
        discussion: "The days before the last warm up the history; on the last, every arrival's estimate (WaitEstimate) and the baseline's "
            + "(the median wait of the 7 days before) are compared with its actual wait. Prints whether each goal was met; the exit status is 0 "
            + "either way. The same seed gives the same days."
    )

    @Option(help: "Days simulated; the last is measured.") var days = 8
    @Option(help: "Seed of the arrivals and handling times.") var seed: UInt64 = 1
    @Option(help: "Median minutes an agent spends on a chat.") var handlingMedian = 6.0
    @Option(help: "How widely handling times spread (the log-normal's sigma).") var handlingSpread = 0.7
    @Option(help: "Arrivals as a multiple of the default day (about 1,460 chats).") var volume = 1.0
    @Option(help: "Recent handling times the estimate reads.") var history = 100

    func validate() throws {
        guard days >= 2 else { throw ValidationError("at least two days: one to warm up, one to measure") }
        guard handlingMedian > 0, handlingSpread >= 0, volume > 0, history >= 0 else { throw ValidationError("the median and volume are positive, the spread and history not negative") }
    }

    func run() {
        EtaBenchmark.run(
            EtaSimulationOptions(days: days, seed: seed, handlingMedianMinutes: handlingMedian, handlingSpread: handlingSpread, volume: volume, history: history),
            print: { Swift.print($0) }
        )
    }
}

/// `switchboard bench chat`: the live chat against a desk of its own: memory with many widgets open,
/// customer-to-agent delivery, and the assistant's reply over the wire.
struct ChatBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Start `switchboard serve --demo` as a child process and measure the chat: its memory with many widget sockets open, "
            + "customer-to-agent delivery at a message rate, and the assistant's reply time over the wire.",
        discussion: "Loopback only. The desk runs on a new SQLite directory, removed afterwards; this process holds the clients "
            + "(on one thread) and raises its open-files limit for them."
    )

    @Option(help: "Widget sockets held open for the memory figure.") var sockets = 10_000
    @Option(help: "Chats with a person that send messages.") var conversations = 250
    @Option(help: "Customer messages a second, in all.") var rate = 1_000
    @Option(help: "Seconds of sending.") var seconds = 10
    @Option(help: "New visitors asking the assistant, one after another.") var questions = 300

    func validate() throws {
        guard sockets >= 0, conversations > 0, rate > 0, seconds > 0, questions >= 0 else {
            throw ValidationError("counts are positive (sockets and questions may be 0)")
        }
        // Each customer's socket may send 5 frames a second for long (FrameBudget).
        guard rate <= conversations * 5 else { throw ValidationError("at most 5 messages a second a chat: use --conversations \(rate / 5) or more") }
    }

    func run() async throws {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        try await ChatBenchmark.run(
            ChatBenchmarkOptions(executable: executable, sockets: sockets, conversations: conversations, rate: rate, seconds: seconds, questions: questions),
            logger: BenchStore.logger, print: { Swift.print($0) }
        )
    }
}

/// `switchboard bench timers`: many open SLA timers, how late the due ones fire, and a restart's recomputation.
struct TimersBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timers",
        abstract: "Time SLA timers as the desk keeps them: many open, a sample due over a window, then a restart that recomputes every mark.",
        discussion: "Runs one desk, then a second on the same store (--database for PostgreSQL). Prints whether each goal was met."
    )

    @OptionGroup var store: BenchStore
    @Option(help: "Open cases, each with an SLA timer.") var timers = 100_000
    @Option(help: "Of them, cases whose warning comes during the window.") var firing = 3_000
    @Option(help: "Seconds over which the sample's warnings come.") var window = 60.0
    @Option(help: "Where the trained assistant model is cached.") var assistantCache: String?

    func validate() throws {
        guard firing >= 1, timers >= firing, window > 0 else { throw ValidationError("at least one firing timer, no more than --timers, and a positive window") }
    }

    func run() async throws {
        let (location, temporary) = store.location()
        defer { store.cleanUp(location, temporary: temporary) }
        try await TimersBenchmark.run(
            TimersBenchmarkOptions(location: location, timers: timers, firing: firing, window: window, assistantCache: assistantCache),
            logger: BenchStore.logger, print: { Swift.print($0) }
        )
    }
}
