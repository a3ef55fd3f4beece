import Foundation
import Logging
import SwitchboardStorage

/// Stores for tests: a fresh SQLite file, or a fresh schema on the PostgreSQL server named by
/// `SWITCHBOARD_TEST_POSTGRES_URL`. Each is migrated, handed to the body, then closed and removed.
public enum TestStores {
    /// The PostgreSQL server for tests, if the environment names one.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Says, once per process, that PostgreSQL cases are skipped and why.
    public static let postgresSkipNotice: Void = {
        if postgresURL == nil {
            print("◇ PostgreSQL cases skipped: SWITCHBOARD_TEST_POSTGRES_URL is not set (CI sets it; see .ci/run).")
        }
    }()

    static let logger = Logger(label: "switchboard.test")

    /// A migrated store on a new SQLite file.
    public static func withSQLite<T: Sendable>(_ body: @Sendable (SQLStore) async throws -> T) async throws -> T {
        try await withEmptySQLite { store in
            try await store.migrate()
            return try await body(store)
        }
    }

    /// A store on a new SQLite file, not migrated: no tables at all.
    public static func withEmptySQLite<T: Sendable>(_ body: @Sendable (SQLStore) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await StoreService.withStore(.sqlite(directory: directory), logger: logger, body)
    }

    /// A migrated store in a new schema of the test PostgreSQL server.
    public static func withPostgres<T: Sendable>(_ body: @Sendable (SQLStore) async throws -> T) async throws -> T {
        try await withPostgresNodes(1) { stores in try await body(stores[0]) }
    }

    /// `count` stores on one new schema of the test PostgreSQL server, each with its own pool, as
    /// nodes of one desk have. `script` (with `__schema__` for the schema's name) runs first — a
    /// database as an older Switchboard left it; then the stores are migrated unless `migrate` is false.
    public static func withPostgresNodes<T: Sendable>(
        _ count: Int, script: String? = nil, migrate: Bool = true, _ body: @Sendable ([SQLStore]) async throws -> T
    ) async throws -> T {
        guard let url = postgresURL else {
            throw StoreError(.configuration, "SWITCHBOARD_TEST_POSTGRES_URL is not set")
        }
        let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = try PostgresDatabase(url: url, logger: logger, maximumConnections: 1)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            defer { group.cancelAll() }
            try await admin.write { connection in try await connection.executeScript("CREATE SCHEMA \(schema)") }
            do {
                if let script {
                    let prepared = try PostgresDatabase(url: url, logger: logger, maximumConnections: 1, schema: schema)
                    try await withDatabases([prepared], migrate: false) { stores in
                        try await stores[0].runScript(script.replacingOccurrences(of: "__schema__", with: schema))
                    }
                }
                let databases = try (0..<count).map { _ in try PostgresDatabase(url: url, logger: logger, maximumConnections: 4, schema: schema) }
                let result = try await withDatabases(databases, migrate: migrate, body)
                try await admin.write { connection in try await connection.executeScript("DROP SCHEMA \(schema) CASCADE") }
                return result
            } catch {
                _ = try? await admin.write { connection in try await connection.executeScript("DROP SCHEMA \(schema) CASCADE") }
                throw error
            }
        }
    }

    /// A store on a copy of an existing SQLite database file, not migrated.
    public static func withSQLiteCopy<T: Sendable>(of file: String, _ body: @Sendable (SQLStore) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: file, toPath: (directory as NSString).appendingPathComponent(StoreLocation.sqliteFileName))
        return try await StoreService.withStore(.sqlite(directory: directory), logger: logger, body)
    }

    private static func withDatabases<T: Sendable>(
        _ databases: [PostgresDatabase], migrate: Bool, _ body: @Sendable ([SQLStore]) async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for database in databases { group.addTask { await database.run() } }
            defer { group.cancelAll() }
            let stores = databases.map { SQLStore(database: $0) }
            if migrate {
                for store in stores { try await store.migrate() }
            }
            return try await body(stores)
        }
    }
}
