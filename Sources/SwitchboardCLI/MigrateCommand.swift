import ArgumentParser
import SwitchboardServer
import Logging
import SwitchboardStorage

/// `switchboard migrate`: bring the database to this binary's schema.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let location = store.location()
        let report = try await StoreService.withStore(location, logger: Logger(label: "switchboard")) { store in
            try await store.migrate()
        }
        if report.applied.isEmpty {
            print("\(location) is up to date (schema version \(report.version)).")
        } else {
            print("\(location): applied migrations \(report.applied.map(String.init).joined(separator: ", ")); now at schema version \(report.version).")
        }
    }
}

/// `switchboard demo`: load the demo desk (idempotent).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Load the demo desk into an empty database (does nothing if it is there).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let location = store.location()
        let report = try await StoreService.withStore(location, logger: Logger(label: "switchboard")) { store in
            try await store.migrate()
            return try await DemoDesk.load(into: store)
        }
        print(report.loaded ? "Loaded the demo desk (\(report.tickets) tickets) into \(location)." : "The demo desk is already loaded in \(location).")
    }
}
