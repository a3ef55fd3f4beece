import ArgumentParser
import Foundation
import Logging
import SwitchboardBench
import SwitchboardStorage

/// `switchboard bench`: start a desk on loopback, drive it over HTTP, print the figures.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure ticket creation, lists and searches over HTTP (build with -c release).",
        discussion: "Without --data-dir or --database the benchmark uses a new SQLite directory under the system's temporary directory and removes it afterwards."
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Concurrent HTTP clients.") var clients = 32
    @Option(help: "Seconds of measured ticket creation.") var seconds = 10.0
    @Option(help: "Tickets in the database for the read phase (bulk-loaded).") var tickets = 1_000_000
    @Option(help: "Seconds per read mix (lists, searches).") var readSeconds = 10.0
    @Flag(help: "Keep a temporary SQLite directory after the run.") var keep = false
    @Flag(help: "Only measure lists and searches on the database as it is (with --data-dir or --database).") var readsOnly = false

    func run() async throws {
        var logger = Logger(label: "switchboard.bench")
        logger.logLevel = .warning
        let environment = ProcessInfo.processInfo.environment
        let temporary = store.dataDir == nil && store.database == nil && (environment["SWITCHBOARD_DATABASE_URL"] ?? "").isEmpty
        let location: StoreLocation = temporary
            ? .sqlite(directory: FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)").path)
            : store.location(environment: environment)
        defer {
            if temporary, !keep, case .sqlite(let directory) = location { try? FileManager.default.removeItem(atPath: directory) }
        }
        try await Benchmark.run(
            BenchmarkOptions(location: location, clients: clients, creationSeconds: seconds, totalTickets: tickets, readSeconds: readSeconds, readsOnly: readsOnly),
            logger: logger, print: { Swift.print($0) }
        )
    }
}
