import Foundation
import Logging
import ServiceLifecycle
import SwitchboardCore
import SwitchboardStorage

/// Gets the database ready before anything uses it: applies pending migrations (refusing a
/// database from a newer Switchboard), loads the demo desk when asked, stores the desk's
/// recurring jobs, then opens the gate the server and the other services wait at.
struct DeskStartup: Service {
    let store: any Store
    let demo: Bool
    let passwordCost: UInt8
    let clock: any WallClock
    let ready: Gate
    let logger: Logger

    func run() async throws {
        let report = try await store.migrate()
        if !report.applied.isEmpty {
            logger.notice("database migrated", metadata: ["versions": "\(report.applied)"])
        }
        if demo {
            let loaded = try await DemoDesk.load(into: store, passwordCost: passwordCost)
            if loaded.loaded { logger.notice("demo desk loaded", metadata: ["tickets": "\(loaded.tickets)"]) }
        }
        try await store.enqueueJobs([PurgeExpiredJob.first(at: clock.now()), LogWatchJob.first(at: clock.now())])
        ready.open()
        try? await gracefulShutdown()
    }
}
