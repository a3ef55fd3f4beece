import Foundation

/// A detail found in a message.
public struct Entity: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case orderNumber = "order-number"
        case email
        case phone
        case amount
        case date
        case relativeTime = "relative-time"
    }

    public var kind: Kind
    /// The words as they appear in the normalised message.
    public var text: String
    /// The canonical value: an order number in capitals, a lowercase email, a phone number as digits
    /// (with a leading "+" if given), "25.50 USD" for an amount, an ISO date (yyyy-mm-dd) for dates
    /// and relative times, resolved against the reference date.
    public var value: String

    public init(kind: Kind, text: String, value: String) {
        self.kind = kind
        self.text = text
        self.value = value
    }
}

/// What counts as an order number at this desk: an optional fixed prefix ("JT-", "#") and a number of digits.
public struct OrderNumberPattern: Sendable, Hashable, Codable {
    /// Matched case-insensitively; empty for bare numbers.
    public var prefix: String
    public var digits: ClosedRange<Int>
    /// Whether an order word ("order", "订单", "سفارش") must come just before a bare number.
    public var needsKeyword: Bool

    public init(prefix: String = "", digits: ClosedRange<Int>, needsKeyword: Bool) {
        self.prefix = prefix
        self.digits = digits
        self.needsKeyword = needsKeyword
    }

    /// A number after an order word, and "#" followed by four or more digits.
    public static let defaults: [OrderNumberPattern] = [
        OrderNumberPattern(digits: 4...20, needsKeyword: true),
        OrderNumberPattern(prefix: "#", digits: 4...20, needsKeyword: false),
    ]
}

/// Finds order numbers, emails, phone numbers, amounts with currency, dates and relative times
/// ("yesterday", "昨天", "دیروز", "3 days ago") in English, Chinese and Persian text. Hand-written
/// scanners over the normalised text: no regular-expression engine, linear in the text's length.
public struct EntityExtractor: Sendable {
    public var orderNumbers: [OrderNumberPattern]
    /// The time zone relative dates are resolved in.
    public let timeZone: TimeZone
    /// Made once: building a calendar costs more than scanning a message.
    private let gregorian: Calendar

    public init(orderNumbers: [OrderNumberPattern] = OrderNumberPattern.defaults, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.orderNumbers = orderNumbers
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        gregorian = calendar
    }

    public func extract(_ text: PreparedText, now: Date) -> [Entity] {
        var scan = Scan(text.normalized)
        var found: [(position: Int, entity: Entity)] = []
        func add(_ range: Range<Int>, _ kind: Entity.Kind, _ value: String) {
            scan.consume(range)
            found.append((range.lowerBound, Entity(kind: kind, text: scan.string(range), value: value)))
        }
        let calendar = gregorian

        // Emails first: their digits must not become phone or order numbers.
        for at in scan.positions(of: "@") {
            if let (range, value) = scan.email(around: at) { add(range, .email, value) }
        }
        // Order numbers with a fixed prefix.
        for pattern in orderNumbers where !pattern.prefix.isEmpty {
            for (range, digits) in scan.prefixed(pattern.prefix.lowercased(), digits: pattern.digits) {
                add(range, .orderNumber, (pattern.prefix + digits).uppercased())
            }
        }
        // Dates written with numbers, and with month names.
        for (range, components) in scan.numericDates() {
            if let value = Self.resolve(components, calendar: calendar, now: now) { add(range, .date, value) }
        }
        for (range, components) in scan.namedDates() {
            if let value = Self.resolve(components, calendar: calendar, now: now) { add(range, .date, value) }
        }
        // Amounts before bare numbers are read as phone or order numbers.
        for (range, amount, currency) in scan.amounts() {
            add(range, .amount, "\(Self.format(amount)) \(currency)")
        }
        // Bare order numbers after an order word.
        for pattern in orderNumbers where pattern.prefix.isEmpty && pattern.needsKeyword {
            for range in scan.numbersAfterKeyword(Scan.orderKeywords, digits: pattern.digits) {
                add(range, .orderNumber, scan.string(range).uppercased())
            }
        }
        for (range, value) in scan.phones() { add(range, .phone, value) }
        let wordPass = Scan.relativeTriggers.contains { ByteSearch.contains($0, in: text.compactBytes) }
        for (range, days) in scan.relativeTimes(wordPass: wordPass) {
            let day = calendar.date(byAdding: .day, value: days, to: now) ?? now
            add(range, .relativeTime, Self.iso(calendar.dateComponents([.year, .month, .day], from: day)))
        }
        return found.sorted { $0.position < $1.position }.map(\.entity)
    }

    /// A date with or without a year, Gregorian or Solar Hijri, as an ISO date. A date without a year
    /// is the latest such date not more than a week ahead (customers mostly speak of the past).
    static func resolve(_ parts: Scan.DateParts, calendar: Calendar, now: Date) -> String? {
        guard (1...12).contains(parts.month), (1...31).contains(parts.day) else { return nil }
        if parts.solarHijri {
            var persian = Calendar(identifier: .persian)
            persian.timeZone = calendar.timeZone
            let year = parts.year ?? persian.component(.year, from: now)
            guard let date = persian.date(from: DateComponents(year: year, month: parts.month, day: parts.day)) else { return nil }
            if parts.year == nil, date.timeIntervalSince(now) > 7 * 86_400,
               let earlier = persian.date(from: DateComponents(year: year - 1, month: parts.month, day: parts.day)) {
                return iso(calendar.dateComponents([.year, .month, .day], from: earlier))
            }
            return iso(calendar.dateComponents([.year, .month, .day], from: date))
        }
        var year = parts.year ?? calendar.component(.year, from: now)
        if let given = parts.year, given < 100 { year = 2000 + given }
        guard let date = calendar.date(from: DateComponents(year: year, month: parts.month, day: parts.day)),
              calendar.component(.day, from: date) == parts.day else { return nil }
        if parts.year == nil, date.timeIntervalSince(now) > 7 * 86_400 { year -= 1 }
        return iso(DateComponents(year: year, month: parts.month, day: parts.day))
    }

    static func iso(_ components: DateComponents) -> String {
        let year = components.year ?? 0, month = components.month ?? 0, day = components.day ?? 0
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    static func format(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}
