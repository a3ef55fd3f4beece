import Foundation
import SwitchboardCore
import SwitchboardStorage
import SwitchboardAssistant

extension JobKind {
    /// Removes expired sessions and sign-in links, then schedules itself again.
    public static let purgeExpired = JobKind(rawValue: "purge-expired")!
    /// Analyses customer messages stored while the assistant's model was not ready yet.
    public static let analysePending = JobKind(rawValue: "analyse-pending")!
}

/// The recurring purge of expired sign-ins: sessions and sign-in links nobody can use any more.
struct PurgeExpiredJob: JobHandler {
    let store: any Store
    let clock: any WallClock
    /// How often it runs.
    static let interval: TimeInterval = 3_600
    static let key = "purge-expired"

    /// The job to store when the desk starts (a desk that has one keeps it).
    static func first(at now: Date) -> NewJob {
        NewJob(kind: .purgeExpired, runAt: now, key: key)
    }

    func run(_ job: Job) async throws -> [NewJob] {
        let now = clock.now()
        _ = try await store.deleteExpiredSessions(before: now)
        _ = try await store.deleteExpiredMagicLinks(before: now)
        return [NewJob(kind: .purgeExpired, runAt: now.addingTimeInterval(Self.interval), key: Self.key)]
    }
}

/// Fills in the analyses that intake left pending, oldest first, once the model is ready, and
/// lets the intake rules act on each ticket as it stands then. Each pending message stored one
/// of these jobs; whichever runs first does them all and the rest find nothing left.
struct AnalysePendingJob: JobHandler {
    let store: any Store
    let assistant: AssistantService
    let clock: any WallClock
    let bus: any EventBus

    func run(_ job: Job) async throws -> [NewJob] {
        // The model is seconds away at most; waiting beats failing and backing off.
        let ready = try await assistant.waitUntilReady()
        while true {
            let pending = try await store.pendingAnalyses(limit: 100)
            guard !pending.isEmpty else { return [] }
            for item in pending {
                let analysis = ready.assistant.analyze(item.message.body, history: item.earlier, now: item.message.createdAt)
                _ = try await store.completeAnalysis(analysis.record(modelVersion: ready.version), message: item.message.id, at: clock.now())
            }
            bus.announce(.logAdvanced)
        }
    }
}
