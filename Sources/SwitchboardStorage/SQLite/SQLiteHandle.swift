import Foundation
import VaporCSQLite

/// One open SQLite connection with a cache of prepared statements. Not thread-safe: it is owned
/// by exactly one actor, whose executor is a dedicated thread.
final class SQLiteHandle {
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private var columnCache: [OpaquePointer: SQLColumns] = [:]
    private var walFrames: FrameCount?

    /// The write-ahead log's length in frames after this connection's last commit.
    final class FrameCount {
        var frames = 0
    }

    init(path: String, readOnly: Bool) throws {
        let flags = (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        var handle: OpaquePointer?
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close(handle)
            throw StoreError(.unavailable, "cannot open the SQLite database: \(message)")
        }
        db = handle
        sqlite_nio_sqlite3_extended_result_codes(handle, 1)
    }

    deinit { close() }

    /// Starts tracking the write-ahead log's length after each commit (for the writer).
    func trackWALFrames() -> FrameCount {
        let count = FrameCount()
        walFrames = count
        sqlite_nio_sqlite3_wal_hook(db, { context, _, _, frames in
            Unmanaged<FrameCount>.fromOpaque(context!).takeUnretainedValue().frames = Int(frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(count).toOpaque())
        return count
    }

    /// The result of one checkpoint call.
    struct Checkpoint {
        /// Frames in the log, and how many of them are now in the database file.
        let logFrames: Int
        let checkpointedFrames: Int
        /// False when another connection held the checkpoint (PASSIVE gives up at once).
        let ran: Bool
    }

    enum CheckpointMode: Int32 {
        case passive = 0
        case full = 1
        case restart = 2
        case truncate = 3
    }

    func checkpoint(_ mode: CheckpointMode) -> Checkpoint {
        var log: Int32 = 0, checkpointed: Int32 = 0
        let status = sqlite_nio_sqlite3_wal_checkpoint_v2(db, nil, mode.rawValue, &log, &checkpointed)
        return Checkpoint(logFrames: Int(log), checkpointedFrames: Int(checkpointed), ran: status == SQLITE_OK)
    }

    func close() {
        if walFrames != nil { sqlite_nio_sqlite3_wal_hook(db, nil, nil) }
        walFrames = nil
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements.removeAll()
        columnCache.removeAll()
        if let db { sqlite_nio_sqlite3_close_v2(db) }
        db = nil
    }

    /// Runs a script of several statements without results (pragmas, migrations).
    func executeScript(_ sql: String) throws {
        guard let db else { throw StoreError(.closed, "the SQLite connection is closed") }
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite_nio_sqlite3_exec(db, sql, nil, nil, &error)
        if status != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "error \(status)"
            sqlite_nio_sqlite3_free(error)
            throw Self.error(status: status, message: message)
        }
    }

    /// Runs one statement with `?` placeholders.
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        let statement = try prepared(sql)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        try bind(binds, to: statement)
        let columns = columnNames(statement)
        var rows: [SQLRow] = []
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw lastError(status) }
            var values: [SQLValue] = []
            values.reserveCapacity(columns.names.count)
            for index in 0..<Int32(columns.names.count) {
                values.append(column(statement, index))
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    var changes: Int { db.map { Int(sqlite_nio_sqlite3_changes($0)) } ?? 0 }

    /// More distinct statements than this and the cache starts over (the desk's queries are few;
    /// scripts and one-off statements should not pile up).
    static let statementCacheLimit = 512

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        guard let db else { throw StoreError(.closed, "the SQLite connection is closed") }
        if statements.count >= Self.statementCacheLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements.removeAll()
            columnCache.removeAll()
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw lastError(status) }
        statements[sql] = statement
        return statement
    }

    private func columnNames(_ statement: OpaquePointer) -> SQLColumns {
        if let cached = columnCache[statement] { return cached }
        let count = sqlite_nio_sqlite3_column_count(statement)
        let names = (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
        let columns = SQLColumns(names)
        columnCache[statement] = columns
        return columns
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ binds: [SQLValue], to statement: OpaquePointer) throws {
        guard Int(sqlite_nio_sqlite3_bind_parameter_count(statement)) == binds.count else {
            throw StoreError(.engine, "statement expects \(sqlite_nio_sqlite3_bind_parameter_count(statement)) values, got \(binds.count)")
        }
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite_nio_sqlite3_bind_null(statement, index)
            case .integer(let int): status = sqlite_nio_sqlite3_bind_int64(statement, index, int)
            case .bool(let bool): status = sqlite_nio_sqlite3_bind_int64(statement, index, bool ? 1 : 0)
            case .real(let double): status = sqlite_nio_sqlite3_bind_double(statement, index, double)
            case .text(let text):
                status = text.withCString { pointer in
                    sqlite_nio_sqlite3_bind_text(statement, index, pointer, Int32(text.utf8.count), Self.transient)
                }
            case .blob(let bytes):
                status = bytes.withUnsafeBytes { buffer in
                    sqlite_nio_sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
                }
            }
            guard status == SQLITE_OK else { throw lastError(status) }
        }
    }

    private func column(_ statement: OpaquePointer, _ index: Int32) -> SQLValue {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite_nio_sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT:
            return .real(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            guard let pointer = sqlite_nio_sqlite3_column_text(statement, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            guard let pointer = sqlite_nio_sqlite3_column_blob(statement, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default:
            return .null
        }
    }

    private func lastError(_ status: Int32) -> any Error {
        let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "closed"
        return Self.error(status: status, message: message)
    }

    private static func error(status: Int32, message: String) -> any Error {
        // SQLite's constraint messages name table.column ("UNIQUE constraint failed: agents.email"), never values.
        let constraint = message.components(separatedBy: ": ").last ?? message
        switch status {
        case 2067, 1555: return SQLConstraintError(kind: .unique, constraint: constraint.components(separatedBy: ", ").first ?? constraint)
        case 787: return SQLConstraintError(kind: .foreignKey, constraint: "foreign key")
        case 275: return SQLConstraintError(kind: .check, constraint: constraint)
        case 1299: return SQLConstraintError(kind: .notNull, constraint: constraint)
        case 19: return SQLConstraintError(kind: .other, constraint: constraint)
        default: return StoreError(.engine, "SQLite error \(status): \(message)")
        }
    }
}
