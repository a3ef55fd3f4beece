import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage

/// What `switchboard bench timers` measures: SLA timers as the desk keeps them, many open at
/// once. The log watcher sets a timer for every open case; a sample of them comes due during a
/// window and their warnings are timed against the moment each was due; then the desk restarts,
/// its marks are wiped and the watcher recomputes them from the log, to be compared with before.
public struct TimersBenchmarkOptions: Sendable {
    public var location: StoreLocation
    /// Open cases, each with a timer.
    public var timers: Int
    /// Of them, those whose warning comes during the window.
    public var firing: Int
    /// Seconds over which the sample's warnings are spread.
    public var window: Double
    public var assistantCache: String?

    public init(location: StoreLocation, timers: Int = 100_000, firing: Int = 3_000, window: Double = 60, assistantCache: String? = nil) {
        self.location = location
        self.timers = timers
        self.firing = firing
        self.window = window
        self.assistantCache = assistantCache
    }
}

public enum TimersBenchmark {
    /// One policy for every case: a first reply within an hour, warned at 45 minutes.
    static let target: TimeInterval = 3_600
    static let warningAfter: TimeInterval = 2_700
    /// How far ahead of the first sample warning the sample is stored, for the watcher to set its timers.
    static let lead: TimeInterval = 20

    public static func run(_ options: TimersBenchmarkOptions, logger: Logger, print: @escaping @Sendable (String) -> Void) async throws {
        print("Switchboard timers benchmark — \(options.location), \(System.coreCount) cores, \(options.timers.formatted()) open timers, "
            + "\(options.firing.formatted()) due over \(Int(options.window)) s")
        let before = try await withDesk(options, node: "bench-timers-1", logger: logger) { desk in
            try await firstRun(options, desk: desk, print: print)
        }
        // A restart: a new desk on the same store, marks wiped, the log read again from its start.
        let failures = try await withDesk(options, node: "bench-timers-2", logger: logger) { desk in
            try await restart(desk: desk, before: before, print: print)
        }
        print(failures == 0 ? "result  all goals met" : "result  \(failures) goal(s) NOT met")
    }

    /// What the first desk leaves: every case's marks and timer, and the goals it missed.
    struct State: Sendable, Equatable {
        var marks: [Ticket.ID: [Date?]] = [:]
        var timers: [String: Date] = [:]
    }

    static func firstRun(_ options: TimersBenchmarkOptions, desk: Desk, print: @escaping @Sendable (String) -> Void) async throws -> (State, Int) {
        let store = desk.store
        let synthetic = try await SyntheticDesk.prepare(in: store, customers: 2_000)
        let policy = try SLAPolicy(name: "Bench", targets: [.firstResponse: target], businessTime: false)
        let current = try await store.document(named: SLASettings.documentName)
        _ = try await store.saveDocument(
            named: SLASettings.documentName, body: try SLASettings(policies: [policy], holidays: [:]).document(),
            expectedVersion: current?.version ?? 0, by: nil, at: Date()
        )
        desk.bus.announce(.rulesChanged)
        var failures = 0

        // The open timers: warnings 15 to 45 minutes away, beyond the window.
        let background = options.timers - options.firing
        var start = ContinuousClock.now
        var random = SplitMix(seed: 7)
        let now = Date()
        let openings = (0..<background).map { _ in now.addingTimeInterval(-Double(random.next(1_800_000)) / 1000) }
        let stored = try await importCases(openings, synthetic: synthetic, store: store)
        try await caughtUp(store, lastTicket: stored.max() ?? 0)
        let set = Latencies.milliseconds(ContinuousClock.now - start) / 1000
        print(String(format: "set     %@ cases stored and their timers set by the log watcher in %.1f s (%.0f cases/s)",
                     background.formatted() as NSString, set, Double(background) / set))

        // The sample: warnings spread over the window, starting `lead` seconds from now.
        let head = try await store.eventLogHead()
        let first = Date().addingTimeInterval(lead)
        let moments = (0..<options.firing).map { first.addingTimeInterval(options.window * Double($0) / Double(max(options.firing, 1))) }
        start = ContinuousClock.now
        let sample = try await importCases(moments.map { $0.addingTimeInterval(-warningAfter) }, synthetic: synthetic, store: store)
        try await caughtUp(store, lastTicket: sample.max() ?? 0)
        let ready = Date()
        print(String(format: "sample  %@ cases due over %.0f s stored and set in %.1f s (%.1f s before the first is due)",
                     options.firing.formatted() as NSString, options.window, Latencies.milliseconds(ContinuousClock.now - start) / 1000,
                     first.timeIntervalSince(ready)))

        // Wait out the window (and a little), then read when each warning was recorded.
        let end = first.addingTimeInterval(options.window + 5)
        try await Task.sleep(for: .milliseconds(Int(max(0, end.timeIntervalSinceNow) * 1000)))
        var due = Dictionary(zip(sample, moments), uniquingKeysWith: { first, _ in first })
        var delays = Latencies()
        var position = head
        while true {
            let events = try await store.eventLog(after: position, limit: 1_000)
            guard let tail = events.last else { break }
            position = tail.position
            for logged in events {
                guard case .slaWarning? = logged.change, let moment = due.removeValue(forKey: logged.ticketNumber) else { continue }
                delays.record(.milliseconds(Int64((logged.event.createdAt.timeIntervalSince(moment) * 1000).rounded())))
            }
        }
        let p99 = delays.percentile(0.99)
        let late = delays.countOver(milliseconds: 1_000)
        print(String(format: "fired   %@ of %@ warnings; delay after the due moment p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms, %d over 1 s — goal p99 < 1 s: %@",
                     delays.count.formatted() as NSString, options.firing.formatted() as NSString, delays.percentile(0.5), delays.percentile(0.9), p99,
                     delays.percentile(1), late, (due.isEmpty && p99 < 1_000 ? "goal met" : "goal NOT met") as NSString))
        if !due.isEmpty || !(p99 < 1_000) { failures += 1 }
        // Each case still has one timer: the sample's now wait for their breach.
        let after = try await state(store)
        print("open    \(after.timers.count.formatted()) SLA timers queued after the window (one per open case)")
        if after.timers.count < options.timers { failures += 1 }
        return (after, failures)
    }

    static func restart(desk: Desk, before: (State, Int), print: @escaping @Sendable (String) -> Void) async throws -> Int {
        let store = desk.store
        let (previous, failures) = before
        // Forget every mark, then have the watcher read the whole log again.
        let wiped = previous.marks.keys.map { SLAMarks(ticketID: $0, dueAt: nil, warningAt: nil, timer: nil) }
        for start in stride(from: 0, to: wiped.count, by: 1_000) { try await store.setSLAMarks(Array(wiped[start..<min(start + 1_000, wiped.count)])) }
        let start = ContinuousClock.now
        try await store.enqueueJobs([NewJob(kind: .watchLog, payload: ["transaction": 0, "event": 0], runAt: Date(), key: "watch-log", reschedules: true)])
        desk.bus.announce(.jobsEnqueued)
        let head = try await store.eventLogHead()
        try await watcherReached(head, store: store)
        let after = try await state(store)
        let seconds = Latencies.milliseconds(ContinuousClock.now - start) / 1000
        let differing = previous.marks.filter { after.marks[$0.key] != $0.value }.count
        let timers = previous.timers.filter { after.timers[$0.key] != $0.value }.count + after.timers.keys.filter { previous.timers[$0] == nil }.count
        print(String(format: "restart %@ cases' marks wiped and recomputed from the log in %.1f s: %d marks and %d timers differ from before — goal identical: %@",
                     previous.marks.count.formatted() as NSString, seconds, differing, timers,
                     (differing == 0 && timers == 0 ? "goal met" : "goal NOT met") as NSString))
        return failures + (differing == 0 && timers == 0 ? 0 : 1)
    }

    /// Stores one waiting case per opening time (new, unassigned, in the synthetic desk's
    /// teams), a hundred to a write; returns their numbers, in the order of `openings` (writes in
    /// flight together may be numbered in any order).
    static func importCases(_ openings: [Date], synthetic: SyntheticDesk, store: any Store) async throws -> [Int64] {
        var batches: [[TicketImport]] = []
        for start in stride(from: 0, to: openings.count, by: 100) {
            batches.append(try (start..<min(start + 100, openings.count)).map { index in
                let customer = synthetic.customers[index % synthetic.customers.count]
                let ticket = try NewTicket(
                    subject: "Waiting case \(index)", customerID: customer, channel: .web, teamID: synthetic.teams[index % synthetic.teams.count].id,
                    firstMessage: try NewMessage(author: .customer(customer), visibility: .public, body: "Where is my order?")
                )
                return TicketImport(ticket: ticket, status: .new, openedAt: openings[index])
            })
        }
        var numbers: [Int64] = []
        // Several writes in flight: SQLite's writer groups them into shared commits.
        for group in stride(from: 0, to: batches.count, by: 8) {
            let stored = try await withThrowingTaskGroup(of: (Int, [Int64]).self) { tasks in
                for index in group..<min(group + 8, batches.count) {
                    let batch = batches[index]
                    tasks.addTask { (index, try await store.importTickets(batch, actor: .system).map(\.number)) }
                }
                return try await tasks.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            for index in stored.keys.sorted() { numbers += stored[index] ?? [] }
        }
        return numbers
    }

    /// Waits until the watcher has set marks for `lastTicket` (it reads the log in order; on
    /// PostgreSQL writes in flight together may commit out of their numbers' order, so a few
    /// cases' timers may follow a moment later).
    static func caughtUp(_ store: any Store, lastTicket: Int64) async throws {
        let deadline = ContinuousClock.now + .seconds(1_800)
        while ContinuousClock.now < deadline {
            if try await store.ticket(number: lastTicket)?.slaDueAt != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StoreError(.unavailable, "the log watcher did not reach case #\(lastTicket) in half an hour")
    }

    /// Waits until the watcher's position is at or past `head`.
    static func watcherReached(_ head: EventLogPosition, store: any Store) async throws {
        let deadline = ContinuousClock.now + .seconds(1_800)
        while ContinuousClock.now < deadline {
            let watcher = try await store.jobs(state: .queued, limit: 100).first { $0.kind == .watchLog }
            if case .number(let transaction)? = watcher?.payload["transaction"], case .number(let event)? = watcher?.payload["event"],
               try await store.eventLog(after: EventLogPosition(transaction: Int64(transaction), eventID: Int64(event)), limit: 1).isEmpty,
               EventLogPosition(transaction: Int64(transaction), eventID: Int64(event)) >= head {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw StoreError(.unavailable, "the log watcher did not read the log again in half an hour")
    }

    static func timers(_ store: any Store) async throws -> [String: Date] {
        var timers: [String: Date] = [:]
        for job in try await store.jobs(state: .queued, limit: 1_000_000) where job.kind == .slaTimer {
            if let key = job.key { timers[key] = job.runAt }
        }
        return timers
    }

    /// Every case's marks (due and warning times) and every SLA timer.
    static func state(_ store: any Store) async throws -> State {
        var state = State()
        var cursor: TicketCursor?
        repeat {
            let page = try await store.listTickets(TicketQuery(visibility: .all, limit: TicketQuery.maxLimit, cursor: cursor))
            for ticket in page.tickets { state.marks[ticket.id] = [ticket.slaDueAt, ticket.slaWarningAt] }
            cursor = page.nextCursor
        } while cursor != nil
        state.timers = try await timers(store)
        return state
    }

    /// Runs a desk on the benchmark's store for `body`, then shuts it down.
    static func withDesk<T: Sendable>(
        _ options: TimersBenchmarkOptions, node: String, logger: Logger, _ body: @escaping @Sendable (Desk) async throws -> T
    ) async throws -> T {
        let (running, started) = AsyncStream<Int>.makeStream()
        let built = try SwitchboardApplication.buildApplication(
            configuration: DeskConfiguration(
                server: ServerConfiguration(host: "127.0.0.1", port: 0), store: .location(options.location),
                assistantCache: options.assistantCache, node: node, mailer: LogMailer(logger: logger)
            ),
            logger: logger,
            onServerRunning: { channel in
                started.yield(channel.localAddress?.port ?? 0)
                started.finish()
            }
        )
        let group = ServiceGroup(configuration: .init(services: [built.application], logger: logger))
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            let result: T
            do {
                // The server listens once the store is ready (migrated).
                var ports = running.makeAsyncIterator()
                guard let port = await ports.next(), port > 0 else { throw StoreError(.unavailable, "the desk did not start") }
                result = try await body(built.desk)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        }
    }
}
