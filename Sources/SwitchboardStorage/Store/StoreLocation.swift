import Foundation
import Logging
import ServiceLifecycle

/// Where the desk's data lives.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file inside this directory (created if missing).
    case sqlite(directory: String)
    /// A PostgreSQL server.
    case postgres(url: String)

    /// The database file inside a data directory.
    public static let sqliteFileName = "switchboard.sqlite"

    public var description: String {
        switch self {
        case .sqlite(let directory):
            return "SQLite at \((directory as NSString).appendingPathComponent(Self.sqliteFileName))"
        case .postgres(let url):
            // Never print the password.
            guard var components = URLComponents(string: url) else { return "PostgreSQL" }
            if components.password != nil { components.password = "***" }
            return "PostgreSQL at \(components.string ?? "postgres://")"
        }
    }
}

/// An open store and the long-running work it needs (the PostgreSQL pool). As a `Service` it
/// runs until graceful shutdown and then closes its connections.
public final class StoreService: Service, Sendable {
    public let store: SQLStore
    private let postgres: PostgresDatabase?

    /// Opens the store at `location`, creating the SQLite directory if needed. Call `run()`
    /// (or use `withStore`) before querying.
    public init(location: StoreLocation, logger: Logger, sqliteDurability: SQLiteDatabase.Durability = .full) throws {
        switch location {
        case .sqlite(let directory):
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = (directory as NSString).appendingPathComponent(StoreLocation.sqliteFileName)
            store = SQLStore(database: try SQLiteDatabase(path: path, durability: sqliteDurability))
            postgres = nil
        case .postgres(let url):
            let database = try PostgresDatabase(url: url, logger: logger)
            store = SQLStore(database: database)
            postgres = database
        }
    }

    public func run() async throws {
        if let postgres {
            await cancelWhenGracefulShutdown { await postgres.run() }
        } else {
            try? await gracefulShutdown()
        }
        try await store.close()
    }

    /// Opens the store, runs `body` with it, and closes it — for commands that do not serve.
    public static func withStore<T: Sendable>(
        _ location: StoreLocation, logger: Logger, sqliteDurability: SQLiteDatabase.Durability = .full,
        _ body: @Sendable (SQLStore) async throws -> T
    ) async throws -> T {
        let service = try StoreService(location: location, logger: logger, sqliteDurability: sqliteDurability)
        guard let postgres = service.postgres else {
            do {
                let result = try await body(service.store)
                try await service.store.close()
                return result
            } catch {
                try? await service.store.close()
                throw error
            }
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await postgres.run() }
            defer { group.cancelAll() }
            return try await body(service.store)
        }
    }
}
