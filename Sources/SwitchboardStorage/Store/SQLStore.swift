import Crypto
import Foundation
import Logging
import SwitchboardCore

/// The store, written once against `SQLDatabase` and run on SQLite or PostgreSQL.
public final class SQLStore: Store {
    let database: any SQLDatabase
    var dialect: SQLDialect { database.dialect }

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// Signals between the nodes sharing this database (PostgreSQL); nil for SQLite's one node.
    public var signals: (any NodeSignals)? { database as? PostgresDatabase }

    public func close() async throws {
        try await database.close()
    }

    /// On SQLite, how writes have been grouped into commits so far (nil on PostgreSQL).
    public var commitGroups: CommitGroupStatistics? {
        get async { await (database as? SQLiteDatabase)?.commitGroups }
    }

    // MARK: Schema

    @discardableResult
    public func migrate() async throws -> MigrationReport {
        try await database.write { connection in
            if connection.dialect == .postgres {
                // Several nodes may start at once; one migrates, the others wait and find nothing to do.
                try await connection.query("SELECT pg_advisory_xact_lock(72690417)", [])
            }
            try await connection.executeScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """)
            let current = try await Self.databaseVersion(connection)
            try Self.refuseNewer(current)
            var applied: [Int] = []
            for migration in Migrations.all where migration.version > current {
                try await connection.executeScript(migration.sql(connection.dialect))
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.int(migration.version), .text(migration.name), .date(Date())]
                )
                applied.append(migration.version)
            }
            return MigrationReport(applied: applied, version: max(current, Migrations.latestVersion))
        }
    }

    /// Runs a SQL script in one transaction: for tools that load a dump of a desk (the upgrade
    /// tests load databases older releases wrote). The desk itself never calls it.
    public func runScript(_ script: String) async throws {
        try await database.write { connection in try await connection.executeScript(script) }
    }

    public func schemaStatus() async throws -> SchemaStatus {
        try await database.read { connection in
            let exists: Bool
            switch connection.dialect {
            case .sqlite:
                exists = try await connection.first("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") != nil
            case .postgres:
                exists = try await connection.first("SELECT 1 AS found FROM pg_tables WHERE tablename = 'schema_migrations' AND schemaname = current_schema()") != nil
            }
            let version = exists ? try await Self.databaseVersion(connection) : 0
            return SchemaStatus(databaseVersion: version, binaryVersion: Migrations.latestVersion)
        }
    }

    static func databaseVersion(_ connection: isolated any SQLConnection) async throws -> Int {
        let row = try await connection.first("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations")
        return Int(try row?.int("version") ?? 0)
    }

    static func refuseNewer(_ version: Int) throws {
        guard version <= Migrations.latestVersion else {
            throw StoreError(
                .schemaNewer,
                "the database is at schema version \(version), but this Switchboard knows versions up to \(Migrations.latestVersion); run the newer Switchboard that migrated it, or restore a backup"
            )
        }
    }

    // MARK: Plumbing shared by every part of the store

    /// A read, with engine constraint errors turned into domain errors.
    func read<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T {
        do { return try await database.read(body) } catch let error as SQLConstraintError { throw Self.domainError(error) }
    }

    /// A durable write, with engine constraint errors turned into domain errors.
    @discardableResult
    func write<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T {
        do { return try await database.write(body) } catch let error as SQLConstraintError { throw Self.domainError(error) }
    }

    static func domainError(_ error: SQLConstraintError) -> DomainError {
        switch error.kind {
        case .unique: DomainError.conflict("a record with this \(error.column) already exists", field: error.column)
        case .foreignKey: DomainError.invalidField("reference", "a referenced record does not exist")
        case .check, .notNull: DomainError.invalidField(error.column, "\(error.column) is not an allowed value")
        case .other: DomainError(.unprocessable, "the change violates a rule of the schema")
        }
    }

    /// Hex SHA-256 of `text`'s UTF-8 bytes.
    static func sha256(_ text: String) -> String {
        EventChain.hex(Array(SHA256.hash(data: Array(text.utf8))))
    }

    static let digest: EventChain.Digest = { bytes in Array(SHA256.hash(data: bytes)) }

    /// A condition `column IN (ids)` with the ids in one bound value, so the statement text (and the
    /// prepared statement) is the same whatever the number of ids.
    static func idList(_ column: String, _ ids: [Int64], _ dialect: SQLDialect) -> (sql: String, bind: SQLValue) {
        let joined = ids.map(String.init).joined(separator: ",")
        switch dialect {
        case .sqlite: return ("\(column) IN (SELECT value FROM json_each(?))", .text("[" + joined + "]"))
        case .postgres: return ("\(column) = ANY(CAST(string_to_array(?, ',') AS BIGINT[]))", .text(joined))
        }
    }

    /// `?, ?, ?` for `count` values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    static func jsonArray(_ values: [String]) -> SQLValue {
        .json(.array(values.map { .string($0) }))
    }
}
