import Foundation
import SwitchboardCore

/// Writes JSON straight into bytes. The hot responses (tickets, messages, events) use it instead
/// of `JSONEncoder`, which costs several times more per response.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var first: [Bool] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        first.append(true)
        body(&self)
        first.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func array<S: Sequence>(_ elements: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        first.append(true)
        for element in elements { body(&self, element) }
        first.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"key":`; the value written next belongs to it.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        // The value that follows needs no comma of its own.
        if !first.isEmpty { first[first.count - 1] = true }
    }

    mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func number(_ value: Int64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func number(_ value: Int64?) {
        if let value { number(value) } else { null() }
    }

    mutating func number(_ value: Double) {
        separate()
        bytes.append(contentsOf: (Int64(exactly: value).map(String.init) ?? (value.isFinite ? "\(value)" : "null")).utf8)
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func json(_ value: JSONValue) {
        separate()
        bytes.append(contentsOf: value.canonical.utf8)
    }

    /// An ISO 8601 UTC time with milliseconds, e.g. 2026-11-23T17:57:29.568Z.
    mutating func date(_ value: Date) {
        separate()
        bytes.append(contentsOf: Self.iso8601(value).utf8)
    }

    mutating func field(_ name: StaticString, _ value: String?) { key(name); string(value) }
    mutating func field(_ name: StaticString, _ value: Int64?) { key(name); number(value) }
    mutating func field(_ name: StaticString, _ value: Date) { key(name); date(value) }
    mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    mutating func field(_ name: StaticString, _ value: Double) { key(name); number(value) }

    private mutating func separate() {
        guard !first.isEmpty else { return }
        if first[first.count - 1] {
            first[first.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// Formats a time as `"YYYY-MM-DDTHH:MM:SS.mmmZ"` (with the quotes), using the proleptic Gregorian calendar.
    static func iso8601(_ date: Date) -> String { "\"\(isoText(date))\"" }

    /// The same time without the quotes, for a `JSONValue` string.
    static func isoText(_ date: Date) -> String {
        let milliseconds = date.millisecondsSince1970
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let inDay = milliseconds - days * 86_400_000
        // Days to civil date (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(inDay / 3_600_000, 2)):\(pad(inDay / 60_000 % 60, 2)):\(pad(inDay / 1000 % 60, 2)).\(pad(inDay % 1000, 3))Z"
    }
}

/// A response body written with `JSONWriter`.
protocol JSONWritable {
    func write(to writer: inout JSONWriter)
}

/// `{"<key>": [items]}`.
struct JSONList<Item: JSONWritable>: JSONWritable {
    let key: StaticString
    let items: [Item]

    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key(key)
            writer.array(items) { writer, item in item.write(to: &writer) }
        }
    }
}

/// A `JSONValue` as a response body, written by the writer (not `JSONEncoder`).
struct JSONDocument: JSONWritable {
    let value: JSONValue

    func write(to writer: inout JSONWriter) { writer.json(value) }
}
