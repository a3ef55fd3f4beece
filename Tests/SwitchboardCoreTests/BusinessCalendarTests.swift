import Foundation
import SwitchboardCore
import Testing

/// Business time across what real calendars hold: weekends, holidays, daylight saving, Tehran's
/// Friday weekend, Shanghai, and a night shift over midnight.
@Suite("Business calendar")
struct BusinessCalendarTests {
    /// A wall-clock moment in `zone`.
    static func at(_ text: String, _ zone: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let parts = text.split(whereSeparator: { "- :".contains($0) }).map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    static let hour: TimeInterval = 3600

    @Test("four business hours from Friday 16:00 in Shanghai end Monday 12:00; the weekend does not count")
    func weekend() throws {
        let shanghai = try BusinessCalendar(hours: .weekdays(from: 9, to: 18, timeZone: "Asia/Shanghai"))
        let friday = Self.at("2026-11-27 16:00", "Asia/Shanghai")
        #expect(shanghai.adding(4 * Self.hour, to: friday) == Self.at("2026-11-30 11:00", "Asia/Shanghai"))
        #expect(shanghai.businessTime(from: friday, to: Self.at("2026-11-30 11:00", "Asia/Shanghai")) == 4 * Self.hour)
        // Asked at night, the clock starts at the next opening.
        #expect(shanghai.adding(Self.hour, to: Self.at("2026-11-30 23:30", "Asia/Shanghai")) == Self.at("2026-12-01 10:00", "Asia/Shanghai"))
        #expect(!shanghai.isOpen(at: Self.at("2026-11-28 10:00", "Asia/Shanghai")) && shanghai.isOpen(at: Self.at("2026-11-30 09:00", "Asia/Shanghai")))
    }

    @Test("a holiday is skipped whole")
    func holiday() throws {
        let berlin = try BusinessCalendar(hours: .weekdays(from: 9, to: 17, timeZone: "Europe/Berlin"), holidays: ["2026-12-25"])
        // Thursday 24 December 15:00 + 4 h: 2 h that day, Friday the 25th off, the weekend off, 2 h on Monday.
        #expect(berlin.adding(4 * Self.hour, to: Self.at("2026-12-24 15:00", "Europe/Berlin")) == Self.at("2026-12-28 11:00", "Europe/Berlin"))
        #expect(throws: DomainError.self) { try BusinessCalendar(hours: .weekdays(from: 9, to: 17, timeZone: "Europe/Berlin"), holidays: ["2026-02-30"]) }
        #expect(throws: DomainError.self) { try BusinessCalendar(hours: .weekdays(from: 9, to: 17, timeZone: "Europe/Berlin"), holidays: ["25.12.2026"]) }
    }

    @Test("across a daylight-saving change the hours stay on the wall clock")
    func daylightSaving() throws {
        let newYork = try BusinessCalendar(hours: .weekdays(from: 9, to: 17, timeZone: "America/New_York"))
        // Friday 30 October 2026 16:00 EDT + 2 h: one hour Friday, one on Monday 2 November (EST) → 10:00 EST.
        let due = try #require(newYork.adding(2 * Self.hour, to: Self.at("2026-10-30 16:00", "America/New_York")))
        #expect(due == Self.at("2026-11-02 10:00", "America/New_York"))
        #expect(due.timeIntervalSince(Self.at("2026-10-30 16:00", "America/New_York")) == (2 * 24 + 18) * Self.hour + Self.hour, "the night of the change is an hour longer")
        // Calendar time is not business time: a clock open every hour counts the extra hour.
        let always = try BusinessCalendar(hours: .always(timeZone: "America/New_York"))
        #expect(always.businessTime(from: Self.at("2026-10-31 12:00", "America/New_York"), to: Self.at("2026-11-01 12:00", "America/New_York")) == 25 * Self.hour)
    }

    @Test("Tehran works Saturday to Wednesday, and a half day on Thursday")
    func tehran() throws {
        let open = [BusinessHours.Interval(start: 8 * 60, end: 16 * 60)]
        // Monday first: Monday–Wednesday, Thursday half, Friday off, Saturday and Sunday open.
        let hours = try BusinessHours(timeZone: "Asia/Tehran", days: [open, open, open, [.init(start: 8 * 60, end: 12 * 60)], [], open, open])
        let tehran = try BusinessCalendar(hours: hours)
        // Thursday 26 November 11:00 + 3 h: 1 h Thursday, Friday off, 2 h Saturday → 10:00.
        #expect(tehran.adding(3 * Self.hour, to: Self.at("2026-11-26 11:00", "Asia/Tehran")) == Self.at("2026-11-28 10:00", "Asia/Tehran"))
        #expect(!tehran.isOpen(at: Self.at("2026-11-27 10:00", "Asia/Tehran")))
    }

    @Test("a night shift over midnight is one stretch of work")
    func overnight() throws {
        let night = [BusinessHours.Interval(start: 22 * 60, end: 24 * 60)], morning = [BusinessHours.Interval(start: 0, end: 6 * 60)]
        // Every night 22:00–06:00.
        let hours = try BusinessHours(timeZone: "Asia/Shanghai", days: Array(repeating: morning + night, count: 7))
        let shift = try BusinessCalendar(hours: hours)
        let start = Self.at("2026-11-24 23:00", "Asia/Shanghai")
        #expect(shift.adding(3 * Self.hour, to: start) == Self.at("2026-11-25 02:00", "Asia/Shanghai"))
        // 23:00 to 23:00 the next day holds 7 h of the first night and 1 h of the second.
        #expect(shift.businessTime(from: start, to: Self.at("2026-11-25 23:00", "Asia/Shanghai")) == 8 * Self.hour)
        #expect(shift.isOpen(at: Self.at("2026-11-25 00:00", "Asia/Shanghai")))
    }

    @Test("adding and measuring agree, wherever the clock starts")
    func roundTrip() throws {
        let calendar = try BusinessCalendar(hours: .weekdays(from: 9, to: 18, timeZone: "Europe/Berlin"), holidays: ["2026-12-25", "2027-01-01"])
        var start = Self.at("2026-12-20 07:13", "Europe/Berlin")
        for step in 0..<200 {
            let seconds = TimeInterval((step * 7_919) % 200_000)
            let due = try #require(calendar.adding(seconds, to: start))
            #expect(calendar.businessTime(from: start, to: due) == seconds, "from \(start), \(seconds) s")
            start = start.addingTimeInterval(3_137)
        }
    }

    @Test("a calendar that is never open has no due time")
    func neverOpen() throws {
        let closed = try BusinessCalendar(hours: BusinessHours(timeZone: "UTC", days: Array(repeating: [], count: 7)))
        #expect(!closed.isEverOpen)
        #expect(closed.adding(60, to: Date(timeIntervalSince1970: 1_800_000_000)) == nil)
    }
}
