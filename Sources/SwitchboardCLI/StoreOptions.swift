import ArgumentParser
import Foundation
import SwitchboardStorage

/// Where the desk keeps its data: a SQLite directory (default) or a PostgreSQL URL.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Directory for the SQLite database (default ./switchboard-data).")
    var dataDir: String?

    @Option(name: .long, help: "A postgres:// URL; overrides --data-dir. Also read from SWITCHBOARD_DATABASE_URL.")
    var database: String?

    func validate() throws {
        if dataDir != nil && database != nil {
            throw ValidationError("use either --data-dir (SQLite) or --database (PostgreSQL), not both")
        }
        if let database, !(database.hasPrefix("postgres://") || database.hasPrefix("postgresql://")) {
            throw ValidationError("--database takes a postgres:// URL")
        }
    }

    /// Where trained assistant models are cached: `assistant/` in the data directory (also when
    /// the data lives in PostgreSQL: the cache is per machine, a copy of what the content makes).
    var assistantCacheDirectory: String {
        ((dataDir ?? "./switchboard-data") as NSString).appendingPathComponent("assistant")
    }

    /// The location these options (and the environment) name.
    func location(environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreLocation {
        if let database { return .postgres(url: database) }
        if dataDir == nil, let url = environment["SWITCHBOARD_DATABASE_URL"], !url.isEmpty { return .postgres(url: url) }
        return .sqlite(directory: dataDir ?? "./switchboard-data")
    }
}
