import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

/// A handler for tests: fails a job as often as its payload says, records each run.
final class ScriptedJob: JobHandler {
    let runs = Mutex<[(Job.ID, Int)]>([])

    func run(_ job: Job) async throws -> [NewJob] {
        runs.withLock { $0.append((job.id, job.attempts)) }
        guard case .number(let failures)? = job.payload["fail"] else {
            throw JobFailure.permanent("the payload has no 'fail' count")
        }
        if Double(job.attempts) <= failures { throw ScriptedFailure() }
        return []
    }

    struct ScriptedFailure: Error, CustomStringConvertible {
        var description: String { "the courier's API answered 503" }
    }

    var count: Int { runs.withLock { $0.count } }
}

@Suite("Durable jobs")
struct JobRunnerTests {
    static let scripted = JobKind(rawValue: "scripted")!

    /// Waits (a few seconds at most) until `condition` holds.
    static func eventually(_ condition: @Sendable () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    @Test("a job stored with the change that causes it runs once; a failing one is retried with back-off, then parked with its error")
    func retries() async throws {
        let handler = ScriptedJob()
        try await TestDesk.with(jobHandlers: [Self.scripted: handler]) { desk in
            try await desk.client { _ in
                try await desk.store.enqueueJobs([NewJob(kind: Self.scripted, payload: ["fail": 0], runAt: desk.clock.now())])
                desk.desk.jobs.wake()
                #expect(try await Self.eventually { handler.count == 1 })
                #expect(try await Self.eventually {
                    try await desk.store.jobs(state: .queued, limit: 10).allSatisfy { $0.kind == .purgeExpired || $0.kind == .watchLog }
                }, "only the desk's own recurring jobs are left")

                try await desk.store.enqueueJobs([NewJob(kind: Self.scripted, payload: ["fail": 5], runAt: desk.clock.now(), maxAttempts: 3)])
                desk.desk.jobs.wake()
                #expect(try await Self.eventually { handler.count == 2 })
                // The runner reports the failure once the handler returns.
                #expect(try await Self.eventually { try await desk.store.jobs(state: .queued, limit: 10).contains { $0.kind == Self.scripted && $0.lastError != nil } })
                let waiting = try #require(try await desk.store.jobs(state: .queued, limit: 10).first { $0.kind == Self.scripted })
                #expect(waiting.attempts == 1 && waiting.lastError == "the courier's API answered 503")
                #expect(waiting.runAt == desk.clock.now().roundedToMilliseconds.addingTimeInterval(JobRetry.delay(afterAttempt: 1)))
                // Time passes on the desk's clock: the second and third attempts, then it is parked.
                for attempt in 2...3 {
                    // The clock moves only once the last failure is stored: its next run is counted
                    // from the moment it failed, and a clock moved before that would put it out of reach.
                    #expect(try await Self.eventually {
                        try await desk.store.jobs(state: .queued, limit: 10).contains { $0.kind == Self.scripted && $0.attempts == attempt - 1 }
                    }, "failure \(attempt - 1) stored")
                    desk.clock.advance(by: JobRetry.delay(afterAttempt: attempt - 1) + 1)
                    desk.desk.jobs.wake()
                    #expect(try await Self.eventually { handler.count == attempt + 1 }, "attempt \(attempt)")
                }
                #expect(try await Self.eventually { try await desk.store.jobs(state: .parked, limit: 10).count == 1 })
                let parked = try await desk.store.jobs(state: .parked, limit: 10)
                #expect(parked.first?.attempts == 3 && parked.first?.lastError?.hasPrefix("gave up after 3 attempts") == true)
            }
        }
    }

    @Test("a job nobody can run — an unknown kind, a payload that does not read — is parked at once and blocks no other")
    func unreadable() async throws {
        let handler = ScriptedJob()
        try await TestDesk.with(jobHandlers: [Self.scripted: handler]) { desk in
            try await desk.client { _ in
                let now = desk.clock.now()
                try await desk.store.enqueueJobs([
                    NewJob(kind: JobKind(rawValue: "from-a-newer-desk")!, runAt: now),
                    NewJob(kind: Self.scripted, payload: ["something": "else"], runAt: now),
                    NewJob(kind: Self.scripted, payload: ["fail": 0], runAt: now),
                ])
                desk.desk.jobs.wake()
                #expect(try await Self.eventually { try await desk.store.jobs(state: .parked, limit: 10).count == 2 })
                let parked = try await desk.store.jobs(state: .parked, limit: 10)
                #expect(parked.allSatisfy { $0.attempts == 1 })
                #expect(Set(parked.compactMap(\.lastError)) == ["no handler for jobs of kind 'from-a-newer-desk' on this node", "the payload has no 'fail' count"])
                #expect(try await Self.eventually { handler.runs.withLock { $0.contains { $0.1 == 1 } } && handler.count == 2 })
            }
        }
    }

    @Test("a node that dies holding a job: another runs it when the lease ends")
    func lapsedLease() async throws {
        let handler = ScriptedJob()
        try await TestDesk.with(jobHandlers: [Self.scripted: handler]) { desk in
            let now = desk.clock.now()
            try await desk.store.enqueueJobs([NewJob(kind: Self.scripted, payload: ["fail": 0], runAt: now)])
            // Another node took it and was never heard from again.
            let taken = try await desk.store.claimJobs(owner: "dead-node", limit: 10, at: now, lease: 60)
            #expect(taken.contains { $0.kind == Self.scripted })
            try await desk.client { _ in
                try await Task.sleep(for: .milliseconds(300))
                #expect(handler.count == 0, "the lease still holds")
                desk.clock.advance(by: 61)
                desk.desk.jobs.wake()
                #expect(try await Self.eventually { handler.count == 1 })
                #expect(handler.runs.withLock { $0.first?.1 } == 2, "its second attempt")
            }
        }
    }

    @Test("expired sessions and sign-in links are purged by the desk's recurring job, which schedules its next run")
    func purge() async throws {
        try await TestDesk.with { desk in
            let now = desk.clock.now()
            try await desk.store.createSession(StoredSession(
                tokenHash: Secrets.hash("old"), subject: .customer(desk.fixture.alice.id), csrfToken: "x", createdAt: now.addingTimeInterval(-7_200), expiresAt: now.addingTimeInterval(-1)
            ))
            try await desk.store.createMagicLink(tokenHash: Secrets.hash("link"), customer: desk.fixture.alice.id, at: now.addingTimeInterval(-3_600), expiresAt: now.addingTimeInterval(-60))
            try await desk.client { _ in
                // Once it has run, the next run is an hour away.
                let ran = try await Self.eventually {
                    try await desk.store.jobs(state: .queued, limit: 10).contains { $0.kind == .purgeExpired && $0.runAt > now.addingTimeInterval(3_000) }
                }
                #expect(ran)
                #expect(try await desk.store.jobs(state: .queued, limit: 10).filter { $0.kind == .purgeExpired }.count == 1)
                // Looked up as of 1970, anything still stored would be found.
                let past = Date(timeIntervalSince1970: 0)
                #expect(try await desk.store.session(tokenHash: Secrets.hash("old"), at: past) == nil)
                #expect(try await desk.store.redeemMagicLink(tokenHash: Secrets.hash("link"), at: past) == nil)
            }
        }
    }

    @Test("admins see parked jobs with their error, retry or drop them; agents cannot")
    func page() async throws {
        let handler = ScriptedJob()
        try await TestDesk.with(jobHandlers: [Self.scripted: handler]) { desk in
            try await desk.client { client in
                try await desk.store.enqueueJobs([NewJob(kind: Self.scripted, payload: ["fail": 9], runAt: desk.clock.now(), maxAttempts: 1)])
                desk.desk.jobs.wake()
                #expect(try await Self.eventually { try await desk.store.jobs(state: .parked, limit: 10).count == 1 })
                let job = try #require(try await desk.store.jobs(state: .parked, limit: 10).first)
                let page = String(buffer: try await TicketPageTests.get(client, desk, .admin, "/admin/jobs?lang=fa").body)
                #expect(page.contains("کارهای پس‌زمینه") && page.contains("the courier&#39;s API answered 503") || page.contains("the courier's API answered 503"))
                #expect(try await TicketPageTests.get(client, desk, .agent, "/admin/jobs").status == .forbidden)
                #expect(try await TicketPageTests.post(client, desk, .agent, "/admin/jobs/\(job.id.rawValue)/retry", []).status == .forbidden)
                let retried = try await TicketPageTests.post(client, desk, .admin, "/admin/jobs/\(job.id.rawValue)/retry", [])
                #expect(retried.headers[.location] == "/admin/jobs")
                #expect(try await Self.eventually { handler.count == 2 }, "run again at once")
                #expect(try await Self.eventually { try await desk.store.jobs(state: .parked, limit: 10).count == 1 })
                #expect(try await TicketPageTests.post(client, desk, .admin, "/admin/jobs/\(job.id.rawValue)/drop", []).headers[.location] == "/admin/jobs")
                #expect(try await desk.store.jobs(state: .parked, limit: 10).isEmpty)
                #expect(try await TicketPageTests.post(client, desk, .admin, "/admin/jobs/\(job.id.rawValue)/drop", []).status == .notFound)
            }
        }
    }
}
