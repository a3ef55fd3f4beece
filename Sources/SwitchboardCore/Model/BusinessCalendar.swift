import Foundation

/// When a team works: its weekly hours in its own time zone, less its holidays. SLA clocks in
/// business time run only while the calendar is open; this is the arithmetic of that — adding
/// business seconds to a moment, and measuring the business time between two — done on the
/// zone's wall clock, so a daylight-saving change moves the hours with it and an overnight shift
/// (22:00–24:00 one day, 00:00–06:00 the next) is one stretch of work.
public struct BusinessCalendar: Sendable, Hashable {
    public let hours: BusinessHours
    /// Whole days off, as `yyyy-MM-dd` in the calendar's zone.
    public let holidays: Set<String>
    private let calendar: Calendar

    /// How far ahead a due time is looked for: a calendar open a few hours a year still answers.
    static let horizonDays = 3 * 366

    public init(hours: BusinessHours, holidays: [String] = []) throws {
        self.hours = hours
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: hours.timeZone)!
        self.calendar = calendar
        var days: Set<String> = []
        for (index, holiday) in holidays.enumerated() {
            // A date the calendar would roll over (2026-02-30 → March 2) is not a date.
            guard let day = Self.day(holiday), let date = calendar.date(from: day),
                  Self.format(calendar.dateComponents([.year, .month, .day], from: date)) == holiday
            else {
                throw DomainError.invalidField("holidays[\(index)]", "a holiday is a date written yyyy-MM-dd, such as 2026-12-25")
            }
            days.insert(holiday)
        }
        self.holidays = days
    }

    /// Whether the calendar is ever open (a business-time clock on a closed calendar never ends).
    public var isEverOpen: Bool {
        hours.days.contains { !$0.isEmpty }
    }

    /// The moment `seconds` of business time after `start` (`start` itself when zero or less),
    /// or nil when the calendar is not open that much within three years.
    public func adding(_ seconds: TimeInterval, to start: Date) -> Date? {
        guard seconds > 0 else { return start }
        var remaining = seconds
        var found: Date?
        walk(from: start) { open, close in
            let from = max(open, start)
            let available = close.timeIntervalSince(from)
            guard available > 0 else { return true }
            if available >= remaining {
                found = from.addingTimeInterval(remaining)
                return false
            }
            remaining -= available
            return true
        }
        return found
    }

    /// The business time between `start` and `end` (zero when `end` is not after `start`).
    public func businessTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        walk(from: start) { open, close in
            guard open < end else { return false }
            total += max(0, min(close, end).timeIntervalSince(max(open, start)))
            return true
        }
        return total
    }

    /// Whether the calendar is open at `moment`.
    public func isOpen(at moment: Date) -> Bool {
        var open = false
        walk(from: moment) { start, end in
            open = start <= moment && moment < end
            return false
        }
        return open
    }

    /// Calls `visit` with each open stretch `[open, close)` that ends after `start`, in order,
    /// until it returns false or the horizon is reached. Stretches that touch (an overnight shift
    /// across midnight) are joined.
    private func walk(from start: Date, _ visit: (Date, Date) -> Bool) {
        let first = calendar.startOfDay(for: start)
        // The day before, for a stretch that began yesterday and runs past midnight.
        guard var day = calendar.date(byAdding: .day, value: -1, to: first) else { return }
        var pending: (Date, Date)?
        for _ in 0..<Self.horizonDays {
            let components = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
            if !holidays.contains(Self.format(components)), let weekday = components.weekday {
                // Foundation counts Sunday as 1; the hours are Monday first.
                for interval in hours.days[(weekday + 5) % 7] {
                    guard let open = moment(day, minutes: interval.start), let close = moment(day, minutes: interval.end), close > open else { continue }
                    if let (pendingOpen, pendingClose) = pending {
                        if open <= pendingClose {
                            pending = (pendingOpen, max(close, pendingClose))
                            continue
                        }
                        if pendingClose > start, !visit(pendingOpen, pendingClose) { return }
                    }
                    pending = (open, close)
                }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return }
            day = next
        }
        if let (open, close) = pending, close > start { _ = visit(open, close) }
    }

    /// The wall-clock moment `minutes` after the start of `day` in the zone (1440 is the next
    /// day's start); a time a daylight-saving jump skips becomes the first moment after it.
    private func moment(_ day: Date, minutes: Int) -> Date? {
        if minutes >= 24 * 60 { return calendar.date(byAdding: .day, value: 1, to: day) }
        return calendar.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: day, matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward)
    }

    private static func day(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return DateComponents(year: year, month: month, day: day)
    }

    private static func format(_ day: DateComponents) -> String {
        let year = day.year ?? 0, month = day.month ?? 0, date = day.day ?? 0
        return (year < 1000 ? String(repeating: "0", count: 4 - String(year).count) : "") + "\(year)-"
            + (month < 10 ? "0" : "") + "\(month)-" + (date < 10 ? "0" : "") + "\(date)"
    }
}
