import Foundation
import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// The multi-node engine: a pool of PostgreSQL connections. `run()` must be running (it is a
/// Service in the server, and a child task in `withStore`) for any query to be answered.
public final class PostgresDatabase: SQLDatabase {
    public let dialect = SQLDialect.postgres
    let client: PostgresClient
    let logger: Logger
    /// The schema the desk's tables live in, when not the server's default.
    let schema: String?

    /// - Parameter schema: a schema to keep the desk's tables in (default: the server's search path).
    public init(url: String, logger: Logger, maximumConnections: Int = 20, schema: String? = nil) throws {
        var configuration = try Self.configuration(from: url)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        if let schema {
            guard schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw StoreError(.configuration, "a schema name holds letters, digits and '_' only")
            }
            configuration.options.additionalStartupParameters = [("options", "-c search_path=\(schema)")]
        }
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.schema = schema
    }

    /// Runs the connection pool until the task is cancelled.
    public func run() async {
        await client.run()
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(PostgresSQLConnection(connection: connection, logger: logger))
        }
    }

    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let wrapped = PostgresSQLConnection(connection: connection, logger: logger)
            try await wrapped.query("BEGIN", [])
            do {
                let value = try await body(wrapped)
                try await wrapped.flushAtCommit()
                try await wrapped.query("COMMIT", [])
                return value
            } catch {
                _ = try? await wrapped.query("ROLLBACK", [])
                throw error
            }
        }
    }

    public func close() async throws {}

    /// Parses `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
    static func configuration(from url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty, let user = components.user
        else {
            throw StoreError(.configuration, "the database URL must look like postgres://user:password@host:5432/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: throw StoreError(.configuration, "sslmode must be disable, prefer or require")
        }
        return PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: components.password?.removingPercentEncoding, database: database.isEmpty ? nil : database, tls: tls
        )
    }
}

/// A leased PostgreSQL connection, as an actor so transaction bodies can be isolated to it.
actor PostgresSQLConnection: SQLConnection {
    nonisolated let dialect = SQLDialect.postgres
    private let connection: PostgresConnection
    private let logger: Logger
    private static let placeholderCache = Mutex<[String: String]>([:])

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) async throws -> [SQLRow] {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let int): bindings.append(int)
            case .real(let double): bindings.append(double)
            case .text(let text): bindings.append(text)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            case .bool(let bool): bindings.append(bool)
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numberedPlaceholders(sql), binds: bindings)
        do {
            let sequence = try await connection.query(query, logger: logger)
            var rows: [SQLRow] = []
            var columns: SQLColumns?
            for try await row in sequence {
                let cells = Array(row)
                let names = columns ?? SQLColumns(cells.map(\.columnName))
                columns = names
                rows.append(SQLRow(columns: names, values: try cells.map(Self.value)))
            }
            return rows
        } catch let error as PSQLError {
            throw Self.translate(error)
        }
    }

    func nextValue(of counter: String) async throws -> Int64 {
        guard counter.allSatisfy({ $0.isLetter || $0 == "_" }),
              let row = try await query("SELECT nextval('\(counter)_seq') AS value", []).first
        else { throw StoreError(.corruptRow, "counter \(counter) is missing") }
        return try row.int("value")
    }

    /// Writes gathered until the transaction commits; repeats of one statement go as one multi-row
    /// insert, saving a round trip per row.
    private var atCommit: [(sql: String, binds: [SQLValue])] = []

    func executeAtCommit(_ sql: String, _ binds: [SQLValue]) async throws {
        atCommit.append((sql, binds))
    }

    /// Runs the gathered writes (called just before COMMIT).
    func flushAtCommit() async throws {
        defer { atCommit.removeAll() }
        var index = 0
        while index < atCommit.count {
            let sql = atCommit[index].sql
            var end = index
            var binds: [SQLValue] = []
            while end < atCommit.count, atCommit[end].sql == sql {
                binds += atCommit[end].binds
                end += 1
            }
            try await query(Self.multiRow(sql, rows: end - index), binds)
            index = end
        }
    }

    /// An `INSERT … VALUES (…)` statement with its VALUES group repeated `rows` times.
    static func multiRow(_ sql: String, rows: Int) -> String {
        guard rows > 1, let values = sql.range(of: "VALUES ", options: .backwards) else { return sql }
        let group = String(sql[values.upperBound...])
        return String(sql[..<values.upperBound]) + Array(repeating: group, count: rows).joined(separator: ", ")
    }

    func executeScript(_ sql: String) async throws {
        for statement in Self.statements(of: sql) {
            try await query(statement, [])
        }
    }

    /// Splits a script at semicolons that end statements (not inside quotes or `$$` bodies).
    static func statements(of script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inLiteral = false
        var inDollarBody = false
        var previous: Character = " "
        for character in script {
            if character == "'" && !inDollarBody { inLiteral.toggle() }
            if character == "$" && previous == "$" && !inLiteral { inDollarBody.toggle() }
            if character == ";" && !inLiteral && !inDollarBody {
                let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { statements.append(trimmed) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { statements.append(trimmed) }
        return statements
    }

    /// Rewrites `?` placeholders as `$1`, `$2`… (outside string literals), once per statement text.
    static func numberedPlaceholders(_ sql: String) -> String {
        if let cached = placeholderCache.withLock({ $0[sql] }) { return cached }
        var output = ""
        var number = 0
        var inLiteral = false
        for character in sql {
            if character == "'" { inLiteral.toggle() }
            if character == "?" && !inLiteral {
                number += 1
                output += "$\(number)"
            } else {
                output.append(character)
            }
        }
        placeholderCache.withLock { $0[sql] = output }
        return output
    }

    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2: return .integer(Int64(try cell.decode(Int16.self)))
        case .int4: return .integer(Int64(try cell.decode(Int32.self)))
        case .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8, .numeric: return .real(try cell.decode(Double.self))
        case .bool: return .bool(try cell.decode(Bool.self))
        case .bytea: return .blob(Array(buffer: try cell.decode(ByteBuffer.self)))
        default: return .text(try cell.decode(String.self))
        }
    }

    private static func translate(_ error: PSQLError) -> any Error {
        guard let state = error.serverInfo?[.sqlState] else {
            return StoreError(.unavailable, "PostgreSQL is unreachable or closed the connection (\(error.code))")
        }
        let table = error.serverInfo?[.tableName] ?? ""
        let constraint = error.serverInfo?[.constraintName] ?? ""
        let column = error.serverInfo?[.columnName]
        // Constraint names default to table_column_key; report table.column, never the detail (it holds values).
        let described: String = {
            if let column { return "\(table).\(column)" }
            var name = constraint
            if name.hasPrefix(table + "_") { name = String(name.dropFirst(table.count + 1)) }
            for suffix in ["_key", "_fkey", "_check", "_pkey"] where name.hasSuffix(suffix) {
                name = String(name.dropLast(suffix.count))
            }
            return table.isEmpty ? name : "\(table).\(name)"
        }()
        switch state {
        case "23505": return SQLConstraintError(kind: .unique, constraint: described)
        case "23503": return SQLConstraintError(kind: .foreignKey, constraint: "foreign key")
        case "23514": return SQLConstraintError(kind: .check, constraint: described)
        case "23502": return SQLConstraintError(kind: .notNull, constraint: described)
        default:
            let message = error.serverInfo?[.message] ?? "error"
            return StoreError(.engine, "PostgreSQL error \(state): \(message)")
        }
    }
}
