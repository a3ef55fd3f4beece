import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// Does one kind of background work.
public protocol JobHandler: Sendable {
    /// Runs `job`. Returns the jobs to store when it is done (a recurring job's next run, say).
    /// Throw `JobFailure.permanent` for a job that can never succeed (it is parked at once);
    /// any other error is retried with back-off until the job's attempts run out.
    func run(_ job: Job) async throws -> [NewJob]
}

/// A job that cannot succeed however often it is tried: a payload that does not read, a kind
/// no handler knows.
public struct JobFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    public static func permanent(_ reason: String) -> JobFailure { JobFailure(description: reason) }
}

/// Runs due jobs, on every node: each node leases a few at a time from the store (nodes never
/// get the same job while its lease holds), runs them side by side, and reports how each ended
/// in one write. It sleeps until the next job is due, woken early when this node (or, through
/// the bus, another) stores new jobs.
public final class JobRunner: Service, Sendable {
    public struct Configuration: Sendable {
        /// Jobs run at once on this node.
        public var concurrency: Int
        /// How long a node holds a job before others may run it.
        public var lease: TimeInterval
        /// The longest sleep without looking for due jobs (others' jobs, a lost wake-up).
        public var idleCheck: Duration

        public init(concurrency: Int = 16, lease: TimeInterval = 60, idleCheck: Duration = .seconds(1)) {
            self.concurrency = max(1, concurrency)
            self.lease = lease
            self.idleCheck = idleCheck
        }
    }

    let store: any Store
    let clock: any WallClock
    let handlers: [JobKind: any JobHandler]
    let configuration: Configuration
    let owner: String
    let logger: Logger
    private let storeReady: Gate
    private let doorbell = Doorbell()
    private let counters = Mutex<(done: Int, failed: Int, parked: Int)>((0, 0, 0))

    init(
        store: any Store, clock: any WallClock, handlers: [JobKind: any JobHandler], configuration: Configuration, owner: String,
        storeReady: Gate, logger: Logger
    ) {
        self.store = store
        self.clock = clock
        self.handlers = handlers
        self.configuration = configuration
        self.owner = owner
        self.storeReady = storeReady
        self.logger = logger
    }

    /// Looks for due jobs now.
    public func wake() {
        doorbell.ring()
    }

    /// Jobs this node finished, failed (to be retried) and parked since it started.
    public var finished: (done: Int, failed: Int, parked: Int) { counters.withLock { $0 } }

    public func run() async throws {
        guard (try? await cancelWhenGracefulShutdown({ try await self.storeReady.wait() })) != nil else { return }
        // On graceful shutdown the loop stops claiming; jobs already running finish first.
        await withGracefulShutdownHandler {
            while !doorbell.isClosed {
                if await runDueJobs() { continue }
                await sleepUntilDue()
            }
        } onGracefulShutdown: {
            self.doorbell.close()
        }
    }

    /// Claims and runs due jobs until none is due; returns whether it ran any.
    private func runDueJobs() async -> Bool {
        var ranAny = false
        while !doorbell.isClosed {
            let jobs: [Job]
            do {
                jobs = try await store.claimJobs(owner: owner, limit: configuration.concurrency, at: clock.now(), lease: configuration.lease)
            } catch {
                logger.warning("could not claim jobs", metadata: ["error": "\(error)"])
                return ranAny
            }
            guard !jobs.isEmpty else { return ranAny }
            ranAny = true
            let outcomes = await withTaskGroup(of: (Job.ID, JobOutcome).self) { group in
                for job in jobs {
                    group.addTask { (job.id, await self.outcome(of: job)) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            do {
                try await store.finishJobs(outcomes, owner: owner, at: clock.now())
            } catch {
                // Their leases run out and they run again: jobs are written to be run twice safely.
                logger.warning("could not record finished jobs", metadata: ["error": "\(error)", "jobs": "\(outcomes.count)"])
            }
        }
        return ranAny
    }

    /// Runs one job and says how it ended.
    func outcome(of job: Job) async -> JobOutcome {
        guard let handler = handlers[job.kind] else {
            return park(job, "no handler for jobs of kind '\(job.kind)' on this node")
        }
        do {
            let next = try await handler.run(job)
            counters.withLock { $0.done += 1 }
            return .done(next: next)
        } catch let failure as JobFailure {
            return park(job, failure.description)
        } catch {
            let message = String(describing: error)
            guard job.attempts < job.maxAttempts else {
                return park(job, "gave up after \(job.attempts) attempts: \(message)")
            }
            counters.withLock { $0.failed += 1 }
            logger.notice("job failed; trying again later", metadata: ["kind": "\(job.kind)", "job": "\(job.id)", "attempt": "\(job.attempts)"])
            return .failed(error: message, retryAt: clock.now().addingTimeInterval(JobRetry.delay(afterAttempt: job.attempts)))
        }
    }

    private func park(_ job: Job, _ reason: String) -> JobOutcome {
        counters.withLock { $0.parked += 1 }
        logger.warning("job parked", metadata: ["kind": "\(job.kind)", "job": "\(job.id)", "reason": "\(reason)"])
        return .failed(error: reason, retryAt: nil)
    }

    /// Sleeps until the next job is due, a wake-up, or `idleCheck`, whichever comes first.
    private func sleepUntilDue() async {
        var wait = configuration.idleCheck
        if let due = try? await store.nextJobDue() {
            let seconds = due.timeIntervalSince(clock.now())
            wait = min(wait, .milliseconds(Int64((max(0, seconds) * 1000).rounded(.up))))
        }
        guard wait > .zero else { return }
        await doorbell.sleep(upTo: wait)
    }
}
