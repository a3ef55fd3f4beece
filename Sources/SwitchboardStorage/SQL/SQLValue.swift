import Foundation
import SwitchboardCore

/// A value bound into, or read out of, a SQL statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)

    public static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
    public static func optional<T>(_ id: Identifier<T>?) -> SQLValue { id.map { .integer($0.rawValue) } ?? .null }
    public static func id<T>(_ id: Identifier<T>) -> SQLValue { .integer(id.rawValue) }
    public static func date(_ date: Date) -> SQLValue { .integer(date.millisecondsSince1970) }
    public static func optionalDate(_ date: Date?) -> SQLValue { date.map(SQLValue.date) ?? .null }
    public static func json(_ value: JSONValue) -> SQLValue { .text(value.canonical) }
    public static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
}

/// One result row: values by position, names shared by every row of a result.
public struct SQLRow: Sendable {
    public let columns: SQLColumns
    public let values: [SQLValue]

    public init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ name: String) -> SQLValue {
        guard let index = columns.index[name] else {
            preconditionFailure("column '\(name)' is not in the result; the query and the decoder disagree")
        }
        return values[index]
    }

    public func int(_ name: String) throws -> Int64 {
        switch self[name] {
        case .integer(let value): return value
        case .real(let value) where value.rounded() == value: return Int64(value)
        case .bool(let value): return value ? 1 : 0
        default: throw StoreError.corruptRow(column: name)
        }
    }

    public func optionalInt(_ name: String) throws -> Int64? {
        if case .null = self[name] { return nil }
        return try int(name)
    }

    public func double(_ name: String) throws -> Double {
        switch self[name] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: throw StoreError.corruptRow(column: name)
        }
    }

    public func bytes(_ name: String) throws -> [UInt8] {
        switch self[name] {
        case .blob(let value): return value
        // An empty blob may read back as empty text on some engines.
        case .text(let value) where value.isEmpty: return []
        default: throw StoreError.corruptRow(column: name)
        }
    }

    public func string(_ name: String) throws -> String {
        guard case .text(let value) = self[name] else { throw StoreError.corruptRow(column: name) }
        return value
    }

    public func optionalString(_ name: String) throws -> String? {
        switch self[name] {
        case .null: return nil
        case .text(let value): return value
        default: throw StoreError.corruptRow(column: name)
        }
    }

    public func bool(_ name: String) throws -> Bool {
        switch self[name] {
        case .bool(let value): return value
        case .integer(let value): return value != 0
        default: throw StoreError.corruptRow(column: name)
        }
    }

    public func date(_ name: String) throws -> Date { Date(millisecondsSince1970: try int(name)) }

    public func optionalDate(_ name: String) throws -> Date? { try optionalInt(name).map(Date.init(millisecondsSince1970:)) }

    public func id<T>(_ name: String, as _: T.Type = T.self) throws -> Identifier<T> { Identifier(try int(name)) }

    public func optionalID<T>(_ name: String, as _: T.Type = T.self) throws -> Identifier<T>? {
        try optionalInt(name).map(Identifier.init)
    }

    public func json(_ name: String) throws -> JSONValue {
        do { return try JSONValue.parse(try string(name)) } catch { throw StoreError.corruptRow(column: name) }
    }

    public func enumValue<T: RawRepresentable>(_ name: String, as _: T.Type = T.self) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string(name)) else { throw StoreError.corruptRow(column: name) }
        return value
    }

    public func stringArray(_ name: String) throws -> [String] {
        guard case .array(let values) = try json(name) else { throw StoreError.corruptRow(column: name) }
        return try values.map { value in
            guard case .string(let text) = value else { throw StoreError.corruptRow(column: name) }
            return text
        }
    }
}

/// The column names of a result, with a lookup table built once per statement.
public final class SQLColumns: Sendable {
    public let names: [String]
    let index: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
    }
}
