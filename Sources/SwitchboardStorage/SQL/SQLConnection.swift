/// The SQL engines Switchboard runs on.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres
}

/// One database connection inside a transaction (or a read). It is an actor so that a
/// transaction body isolated to it runs on the connection's own executor: on SQLite every
/// statement then runs in line on the writer thread, with no hop per statement.
public protocol SQLConnection: Actor {
    nonisolated var dialect: SQLDialect { get }

    /// Runs one statement with `?` placeholders and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow]

    /// Runs several statements separated by semicolons (migrations).
    func executeScript(_ sql: String) async throws

    /// Runs a write at the end of the transaction, just before it commits — for tables nothing in
    /// the transaction reads back (the search index). SQLite's full-text index flushes at every
    /// savepoint, so the writer gathers these writes and runs them once per group commit.
    func executeAtCommit(_ sql: String, _ binds: [SQLValue]) async throws

    /// The next value of a desk-wide counter (ticket and agent numbers): unique and increasing,
    /// possibly with gaps where a write that took a number was rolled back.
    func nextValue(of counter: String) async throws -> Int64
}

extension SQLConnection {
    /// Runs one statement and returns its first row, if any.
    func first(_ sql: String, _ binds: [SQLValue] = []) async throws -> SQLRow? {
        try await query(sql, binds).first
    }

    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue] = []) async throws -> [SQLRow] {
        try await query(sql, binds)
    }
}

/// A place to run reads and transactional writes: the SQLite file or the PostgreSQL server.
public protocol SQLDatabase: Sendable {
    var dialect: SQLDialect { get }

    /// Runs `body` on a connection that sees committed data.
    func read<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T

    /// Runs `body` in a transaction and returns only after it is durably committed.
    /// If `body` throws, none of its writes remain.
    @discardableResult
    func write<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T

    /// Closes every connection. Later calls fail.
    func close() async throws
}
