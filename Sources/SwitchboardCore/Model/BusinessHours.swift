import Foundation

/// A weekly business-hours calendar in one IANA time zone.
///
/// Each weekday holds opening intervals in minutes after local midnight; an empty day is closed.
public struct BusinessHours: Sendable, Hashable, Codable {
    /// One opening interval, `[start, end)` in minutes after local midnight.
    public struct Interval: Sendable, Hashable, Codable {
        public var start: Int
        public var end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    /// The IANA identifier, e.g. "Asia/Shanghai".
    public var timeZone: String
    /// Seven days, Monday first.
    public var days: [[Interval]]

    public init(timeZone: String, days: [[Interval]]) throws {
        guard TimeZone(identifier: timeZone) != nil else {
            throw DomainError.invalidField("timeZone", "'\(timeZone)' is not an IANA time zone identifier")
        }
        guard days.count == 7 else {
            throw DomainError.invalidField("hours", "business hours need exactly seven days, Monday first")
        }
        for day in days {
            var previousEnd = -1
            for interval in day.sorted(by: { $0.start < $1.start }) {
                guard interval.start >= 0, interval.end <= 24 * 60, interval.start < interval.end else {
                    throw DomainError.invalidField("hours", "an interval must satisfy 0 ≤ start < end ≤ 1440 minutes")
                }
                guard interval.start >= previousEnd else {
                    throw DomainError.invalidField("hours", "intervals of one day must not overlap")
                }
                previousEnd = interval.end
            }
        }
        self.timeZone = timeZone
        self.days = days.map { $0.sorted { $0.start < $1.start } }
    }

    /// Monday to Friday, `from`–`to` o'clock, in the given zone.
    public static func weekdays(from: Int, to: Int, timeZone: String) throws -> BusinessHours {
        let open = [Interval(start: from * 60, end: to * 60)]
        return try BusinessHours(timeZone: timeZone, days: Array(repeating: open, count: 5) + [[], []])
    }

    /// Open every hour of every day.
    public static func always(timeZone: String) throws -> BusinessHours {
        try BusinessHours(timeZone: timeZone, days: Array(repeating: [Interval(start: 0, end: 1440)], count: 7))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            timeZone: container.decode(String.self, forKey: .timeZone),
            days: container.decode([[Interval]].self, forKey: .days)
        )
    }

    /// One day's intervals as people write them: "09:00–12:00, 13:00–18:00"; empty when closed.
    public static func text(of day: [Interval]) -> String {
        day.map { "\(clock($0.start))–\(clock($0.end))" }.joined(separator: ", ")
    }

    /// Reads one day as `text(of:)` writes it. Accepts "-" or "–" between the times, "9" for
    /// "09:00", Persian and Arabic-Indic digits, and nothing at all for a closed day.
    public static func day(from text: String) throws -> [Interval] {
        let digits = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x06F0...0x06F9: Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!
            case 0x0660...0x0669: Unicode.Scalar(scalar.value - 0x0660 + 0x30)!
            case 0x060C: ","
            case 0x066B, 0xFF1A: ":"
            case 0x2013, 0x2014, 0x2212, 0xFF5E, 0x007E: "-"
            default: scalar
            }
        }))
        var intervals: [Interval] = []
        for part in digits.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard ends.count == 2, let start = minutes(ends[0]), let end = minutes(ends[1]) else {
                throw DomainError.invalidField("hours", "write opening hours like 09:00–18:00, several separated by commas; leave a closed day empty")
            }
            intervals.append(Interval(start: start, end: end))
        }
        return intervals
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let hours = Int(parts[0]), (0...24).contains(hours) else { return nil }
        let rest = parts.count == 2 ? Int(parts[1]) : 0
        guard let rest, (0..<60).contains(rest), parts.count == 1 || parts[1].count == 2, hours * 60 + rest <= 1440 else { return nil }
        return hours * 60 + rest
    }

    private static func clock(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return "\(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest)"
    }

    /// Whether the team is open at `date`.
    public func isOpen(at date: Date) -> Bool {
        guard let zone = TimeZone(identifier: timeZone) else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        // Calendar weekdays are Sunday = 1 … Saturday = 7; ours are Monday = 0 … Sunday = 6.
        let day = ((parts.weekday ?? 1) + 5) % 7
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        return days[day].contains { $0.start <= minute && minute < $0.end }
    }
}
