/// A failure of the storage layer itself (not a domain rule). Descriptions name tables, columns
/// and versions, never stored values.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The database was migrated by a newer Switchboard than this one.
        case schemaNewer = "schema_newer"
        /// Migrations have not been run.
        case schemaMissing = "schema_missing"
        /// The database could not be opened or reached.
        case unavailable
        /// A stored row does not decode (a bug or manual tampering).
        case corruptRow = "corrupt_row"
        /// The engine reported an error.
        case engine
        /// The store was closed.
        case closed
        /// A configuration value is not usable.
        case configuration
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func corruptRow(column: String) -> StoreError {
        StoreError(.corruptRow, "a stored value in column '\(column)' cannot be read")
    }
}
