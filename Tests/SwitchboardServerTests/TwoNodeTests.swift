import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOPosix
import Synchronization
import SwitchboardBench
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

/// Records every run of a job, whichever node ran it.
final class CountingJob: JobHandler {
    let runs = Mutex<[Job.ID]>([])

    func run(_ job: Job) async throws -> [NewJob] {
        runs.withLock { $0.append(job.id) }
        return []
    }
}

@Suite("Two nodes on one PostgreSQL database", .enabled(if: TestStores.postgresURL != nil, "set SWITCHBOARD_TEST_POSTGRES_URL to run"))
struct TwoNodeTests {
    static let counted = JobKind(rawValue: "counted")!

    /// Polls `condition` every 20 ms for up to `limit`; returns how long it took to hold, or nil.
    static func within(_ limit: Duration, _ condition: @Sendable () async throws -> Bool) async throws -> Duration? {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < limit {
            if try await condition() { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    @Test("a reply posted through node 1 reaches a live page open on node 2")
    func liveAcrossNodes() async throws {
        try await TestDesk.withTwoNodes { first, second in
            try await first.client { one in
                try await second.live { two in
                    let port = try #require(two.port)
                    let number = first.aliceTicket.number
                    try await EventStreamClient.with(
                        port: port, path: "/live/tickets/\(number)", headers: [("Cookie", "sb_session=\(first.credentials[.agent]!.cookie!)")],
                        group: MultiThreadedEventLoopGroup.singleton
                    ) { status, stream in
                        #expect(status == 200)
                        try await Task.sleep(for: .milliseconds(200))
                        let reply = try await one.call(first, .alice, .post, "/api/v1/tickets/\(number)/messages", json: #"{"body":"Still leaking, please call me"}"#)
                        #expect(reply.status == .created)
                        let change = try #require(try await stream.next("change", within: .seconds(5)), "node 2 heard of node 1's reply")
                        #expect(change.data == String(number))
                        let newest = try await first.store.events(ticket: first.aliceTicket.id).last
                        #expect(change.id == newest.map { String($0.id.rawValue) })
                    }
                }
            }
        }
    }

    @Test("a batch of jobs runs exactly once each across both nodes")
    func jobsOnce() async throws {
        let ledger = CountingJob()
        try await TestDesk.withTwoNodes(jobHandlers: [Self.counted: ledger]) { first, second in
            try await first.client { _ in
                try await second.client { _ in
                    let now = first.clock.now()
                    let jobs = (0..<300).map { NewJob(kind: Self.counted, payload: ["n": .number(Double($0))], runAt: now) }
                    try await first.store.enqueueJobs(Array(jobs[..<150]))
                    try await second.store.enqueueJobs(Array(jobs[150...]))
                    first.desk.bus.announce(.jobsEnqueued)
                    second.desk.bus.announce(.jobsEnqueued)
                    let done = try await Self.within(.seconds(30)) { ledger.runs.withLock { $0.count } >= 300 }
                    #expect(done != nil)
                    try await Task.sleep(for: .milliseconds(300))
                    let ran = ledger.runs.withLock { $0 }
                    #expect(ran.count == 300 && Set(ran).count == 300, "each job once")
                    #expect(try await first.store.jobs(state: .queued, limit: 1_000).allSatisfy { $0.kind != Self.counted })
                    // Both nodes took part (each runner claims a few at a time).
                    let owners = (first.desk.jobs.finished.done > 0, second.desk.jobs.finished.done > 0)
                    #expect(owners == (true, true), "\(first.desk.jobs.finished) / \(second.desk.jobs.finished)")
                }
            }
        }
    }

    @Test("a token revoked, an agent deactivated or a password changed on node 1 is refused on node 2 within a second")
    func noStaleCaches() async throws {
        try await TestDesk.withTwoNodes { first, second in
            try await first.client { one in
                try await second.client { two in
                    // Node 2 has seen the token and the agent's session (and cached them).
                    #expect(try await two.call(second, .readToken, .get, "/api/v1/tickets").status == .ok)
                    #expect(try await two.call(second, .agent, .get, "/api/v1/auth/me").status == .ok)

                    let tokens = try await one.call(first, .admin, .get, "/api/v1/api-tokens").json["tokens"]?.arrayValue ?? []
                    let id = try #require(tokens.first { $0["name"]?.stringValue == "readToken" }?["id"]?.numberValue)
                    #expect(try await one.call(first, .admin, .delete, "/api/v1/api-tokens/\(Int(id))").status == .ok)
                    let revoked = try await Self.within(.seconds(1)) {
                        try await two.call(second, .readToken, .get, "/api/v1/tickets").status == .unauthorized
                    }
                    #expect(revoked != nil, "node 2 still took the revoked token after a second")

                    let agent = first.fixture.agent.id.rawValue
                    #expect(try await one.call(first, .admin, .patch, "/api/v1/agents/\(agent)", json: #"{"password":"a-new-password-1"}"#).status == .ok)
                    let signIn = try await two.call(second, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"ada@desk.test","password":"a-new-password-1"}"#)
                    #expect(signIn.status == .ok, "node 2 takes the new password at once")
                    #expect(try await two.call(second, .anonymous, .post, "/api/v1/auth/sign-in", json: #"{"email":"ada@desk.test","password":"not-the-password"}"#).status == .unauthorized)

                    #expect(try await one.call(first, .admin, .patch, "/api/v1/agents/\(agent)", json: #"{"active":false}"#).status == .ok)
                    let deactivated = try await Self.within(.seconds(1)) {
                        try await two.call(second, .agent, .get, "/api/v1/auth/me").status == .unauthorized
                    }
                    #expect(deactivated != nil, "node 2 still let the deactivated agent in after a second")
                }
            }
        }
    }
}
