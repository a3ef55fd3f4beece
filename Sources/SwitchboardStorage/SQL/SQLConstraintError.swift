/// A constraint the schema enforces was violated. Both engines report through this type so the
/// store maps it to a domain error in one place.
public struct SQLConstraintError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case unique
        case foreignKey = "foreign_key"
        case check
        case notNull = "not_null"
        case other
    }

    public var kind: Kind
    /// "table.column" where the engine tells it, else the constraint name; never a value.
    public var constraint: String

    public var description: String { "\(kind.rawValue) constraint failed: \(constraint)" }

    /// The column part of `constraint`, used as the field name of a conflict.
    public var column: String {
        if let dot = constraint.lastIndex(of: ".") { return String(constraint[constraint.index(after: dot)...]) }
        return constraint
    }
}
