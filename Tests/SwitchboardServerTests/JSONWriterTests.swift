import Foundation
import SwitchboardCore
@testable import SwitchboardServer
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("writes valid JSON that round-trips, escaping what must be escaped")
    func roundTrip() throws {
        var writer = JSONWriter()
        writer.object { writer in
            writer.field("name", "Ada \"quoted\" \\ back\nline\u{1}tab\t 退款 بازپرداخت")
            writer.field("missing", nil as String?)
            writer.key("list")
            writer.array([1, 2, 3] as [Int64]) { writer, value in writer.number(value) }
            writer.key("nested")
            writer.object { writer in
                writer.field("flag", true)
                writer.key("value")
                writer.json(["a": 1.5, "b": nil])
            }
            writer.key("empty")
            writer.array([String]()) { writer, value in writer.string(value) }
        }
        let parsed = try JSONValue.parse(String(decoding: writer.bytes, as: UTF8.self))
        #expect(parsed["name"]?.stringValue == "Ada \"quoted\" \\ back\nline\u{1}tab\t 退款 بازپرداخت")
        #expect(parsed["missing"] == .null)
        #expect(parsed["list"] == [1, 2, 3])
        #expect(parsed["nested"]?["value"]?["a"]?.numberValue == 1.5)
        #expect(parsed["empty"] == [])
    }

    @Test("times match ISO 8601 with milliseconds, including before 1970 and on leap days", arguments: [
        0, 1_706_745_600_123, 951_782_400_000, -86_400_001, 253_402_300_799_999, 1_709_164_800_500,
    ] as [Int64])
    func dates(_ milliseconds: Int64) {
        let date = Date(millisecondsSince1970: milliseconds)
        // Foundation formats the seconds; the milliseconds are the stored ones (Foundation's own
        // fraction can be off by one from the Double it goes through).
        let fraction = ((milliseconds % 1000) + 1000) % 1000
        let wholeSecond = Date(millisecondsSince1970: milliseconds - fraction)
        let seconds = wholeSecond.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
        let expected = seconds.replacingOccurrences(of: "Z", with: "") + "." + String(format: "%03lld", fraction) + "Z"
        #expect(JSONWriter.iso8601(date) == "\"\(expected)\"")
    }
}
