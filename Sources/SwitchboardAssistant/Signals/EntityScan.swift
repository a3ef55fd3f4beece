import Foundation
import SwitchboardCore

/// The scanners behind `EntityExtractor`: positions in the normalised text's scalars, and which of
/// them an earlier entity already took.
struct Scan {
    let scalars: [Unicode.Scalar]
    private(set) var taken: [Bool]

    /// Per scalar: 1 for an ASCII digit, 2 for a letter of a spaced script, 4 for a Chinese character
    /// (looked up once; Unicode property lookups dominate the scanners otherwise).
    private let kinds: [UInt8]

    init(_ normalized: String) {
        scalars = Array(normalized.unicodeScalars)
        taken = [Bool](repeating: false, count: scalars.count)
        kinds = scalars.map { scalar in
            switch scalar.value {
            case 0x30...0x39: 1
            case 0x41...0x5A, 0x61...0x7A: 2
            case 0...0x7F: 0
            default: Self.isCJK(scalar) ? 4 : scalar.properties.isAlphabetic ? 2 : 0
            }
        }
    }

    var count: Int { scalars.count }

    mutating func consume(_ range: Range<Int>) {
        for index in range { taken[index] = true }
    }

    func string(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    func isFree(_ range: Range<Int>) -> Bool { !range.contains { taken[$0] } }

    func scalar(_ index: Int) -> Unicode.Scalar? { index >= 0 && index < count ? scalars[index] : nil }

    func isDigit(_ index: Int) -> Bool { index >= 0 && index < count && kinds[index] == 1 }

    /// A letter of a spaced script; Chinese characters are not letters here, so "199元" and
    /// "手机13800138000" keep their numbers apart from the words around them.
    func isLetter(_ index: Int) -> Bool { index >= 0 && index < count && kinds[index] == 2 }

    func isWordCharacter(_ index: Int) -> Bool { isDigit(index) || isLetter(index) }

    func positions(of target: Unicode.Scalar) -> [Int] { scalars.indices.filter { scalars[$0] == target } }

    /// The end of the digit run starting at `index`.
    func digitsEnd(from index: Int) -> Int {
        var end = index
        while isDigit(end) { end += 1 }
        return end
    }

    func number(_ range: Range<Int>) -> Int? { range.count <= 9 ? Int(string(range)) : nil }

    /// Starts of digit runs not inside a word, that no entity took yet.
    func digitRunStarts() -> [Int] {
        scalars.indices.filter { isDigit($0) && !isDigit($0 - 1) && !isLetter($0 - 1) && !taken[$0] }
    }

    /// Whether `text` (already normalised) ends right before `index`, ignoring spaces.
    func matchesBackward(_ text: String, before index: Int) -> Int? {
        let target = Array(text.unicodeScalars)
        var position = index - 1
        while scalar(position) == " " { position -= 1 }
        let start = position - target.count + 1
        guard start >= 0, scalars[start...position].elementsEqual(target) else { return nil }
        return start
    }

    /// Whether `text` starts at `index`, ignoring leading spaces; returns its end.
    func matchesForward(_ text: String, at index: Int) -> Int? {
        let target = Array(text.unicodeScalars)
        var position = index
        while scalar(position) == " " { position += 1 }
        guard position + target.count <= count, scalars[position..<(position + target.count)].elementsEqual(target) else { return nil }
        return position + target.count
    }

    /// The letter run (a word) starting at `index`.
    func word(at index: Int) -> (text: String, end: Int)? {
        var position = index
        while scalar(position) == " " { position += 1 }
        var end = position
        while isLetter(end) || scalar(end) == "\u{200C}" { end += 1 }
        guard end > position else { return nil }
        return (String(String.UnicodeScalarView(scalars[position..<end].filter { $0 != "\u{200C}" })), end)
    }

    /// The letter run ending right before `index`.
    func word(before index: Int) -> (text: String, start: Int)? {
        var position = index - 1
        while scalar(position) == " " { position -= 1 }
        var start = position
        while isLetter(start - 1) || scalar(start - 1) == "\u{200C}" { start -= 1 }
        guard position >= 0, start <= position, isLetter(position) else { return nil }
        return (String(String.UnicodeScalarView(scalars[start...position].filter { $0 != "\u{200C}" })), start)
    }

    // MARK: Email

    static func isEmailLocal(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._%+-".unicodeScalars.contains(scalar))
    }

    func email(around at: Int) -> (Range<Int>, String)? {
        var start = at
        while start > 0, Self.isEmailLocal(scalars[start - 1]) { start -= 1 }
        var end = at + 1
        while end < count, scalars[end].isASCII, scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end]) || scalars[end] == "." || scalars[end] == "-" {
            end += 1
        }
        while end > at + 1, scalars[end - 1] == "." || scalars[end - 1] == "-" { end -= 1 }
        guard start < at, end > at + 1, isFree(start..<end) else { return nil }
        let domain = string((at + 1)..<end)
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let top = labels.last, top.count >= 2,
              top.allSatisfy(\.isLetter) else { return nil }
        return (start..<end, string(start..<end))
    }

    // MARK: Order numbers

    func prefixed(_ prefix: String, digits: ClosedRange<Int>) -> [(Range<Int>, String)] {
        let target = Array(prefix.unicodeScalars)
        guard !target.isEmpty, target.count < count else { return [] }
        var results: [(Range<Int>, String)] = []
        var index = 0
        while index + target.count < count {
            if scalars[index..<(index + target.count)].elementsEqual(target), !(target.first!.properties.isAlphabetic && isLetter(index - 1)),
               !isDigit(index - 1) {
                let start = index + target.count
                let end = digitsEnd(from: start)
                if digits.contains(end - start), !isLetter(end), isFree(index..<end) {
                    results.append((index..<end, string(start..<end)))
                    index = end
                    continue
                }
            }
            index += 1
        }
        return results
    }

    static let orderKeywords: [[Unicode.Scalar]] = [
        "order", "orders", "order no", "order number", "order id", "order #", "订单", "订单号", "单号", "订单编号", "运单号",
        "سفارش", "شماره سفارش", "کد سفارش", "کد پیگیری", "شماره پیگیری", "tracking number", "tracking",
    ].map { Array(TextNormalizer.normalize($0).unicodeScalars) }

    func numbersAfterKeyword(_ keywords: [[Unicode.Scalar]], digits: ClosedRange<Int>) -> [Range<Int>] {
        var results: [Range<Int>] = []
        for start in digitRunStarts() {
            let end = digitsEnd(from: start)
            guard digits.contains(end - start), !isLetter(end), isFree(start..<end) else { continue }
            // Up to 24 scalars back, without another number in between ("order 2 of 3: 123456"
            // counts only the text after the last digit).
            var windowStart = max(0, start - 24)
            if let lastDigit = (windowStart..<start).last(where: { isDigit($0) }) { windowStart = lastDigit + 1 }
            let window = scalars[windowStart..<start]
            if keywords.contains(where: { ByteSearch.contains($0, in: window) }) { results.append(start..<end) }
        }
        return results
    }

    // MARK: Phone numbers

    static let phoneKeywords: [[Unicode.Scalar]] = [
        "phone", "call", "tel", "mobile", "cell", "whatsapp", "电话", "手机", "联系方式", "تلفن", "موبایل", "شماره تماس", "همراه", "تماس",
    ].map { Array(TextNormalizer.normalize($0).unicodeScalars) }

    func phones() -> [(Range<Int>, String)] {
        var results: [(Range<Int>, String)] = []
        var index = 0
        while index < count {
            let startsHere = (scalars[index] == "+" && isDigit(index + 1)) || (isDigit(index) && !isDigit(index - 1))
            guard startsHere, !taken[index], !isLetter(index - 1), scalar(index - 1) != "." else { index += 1; continue }
            var end = index + (scalars[index] == "+" ? 1 : 0)
            var digits = ""
            var lastDigitEnd = end
            while end < count, !taken[end] {
                let character = scalars[end]
                if ("0"..."9").contains(character) {
                    digits.unicodeScalars.append(character)
                    lastDigitEnd = end + 1
                } else if character == " " || character == "-" || character == "(" || character == ")" || character == "." {
                    if !(isDigit(end + 1) || scalar(end + 1) == "(" || (character == ")" && scalar(end + 1) == " ")) { break }
                } else {
                    break
                }
                end += 1
                if digits.count > 15 { break }
            }
            defer { index = max(lastDigitEnd, index + 1) }
            guard (8...15).contains(digits.count), !isLetter(lastDigitEnd) else { continue }
            let plus = scalars[index] == "+"
            let window = scalars[max(0, index - 20)..<index]
            let chineseMobile = digits.count == 11 && digits.hasPrefix("1") && "3456789".contains(digits.dropFirst().first!)
            let trunk = digits.hasPrefix("0") && digits.count >= 10
            guard plus || chineseMobile || trunk || Self.phoneKeywords.contains(where: { ByteSearch.contains($0, in: window) }) else { continue }
            results.append((index..<lastDigitEnd, (plus ? "+" : "") + digits))
        }
        return results
    }

    // MARK: Amounts

    /// A number with optional thousands separators and decimals: "1,299.50", "12.5", "۱۲٬۵۰۰" (after normalisation "12٬500").
    func decimal(at start: Int) -> (Decimal, end: Int)? {
        guard isDigit(start) else { return nil }
        var text = ""
        var end = start
        var seenDecimal = false
        while end < count {
            let scalar = scalars[end]
            if ("0"..."9").contains(scalar) {
                text.unicodeScalars.append(scalar)
                end += 1
            } else if (scalar == "," || scalar == "\u{066C}") && !seenDecimal, digitsEnd(from: end + 1) - (end + 1) == 3 {
                end += 1  // thousands separator
            } else if (scalar == "." || scalar == "\u{066B}") && !seenDecimal && isDigit(end + 1) && digitsEnd(from: end + 1) - (end + 1) <= 4 {
                seenDecimal = true
                text += "."
                end += 1
            } else {
                break
            }
        }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return (value, end)
    }

    static let symbolCurrencies: [Unicode.Scalar: String] = ["$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "﷼": "IRR"]
    static let currencyWordsBefore: [String: String] = ["usd": "USD", "us$": "USD", "eur": "EUR", "gbp": "GBP", "rmb": "CNY", "cny": "CNY", "irr": "IRR"]
    static let currencyWordsAfter: [String: String] = [
        "usd": "USD", "dollar": "USD", "dollars": "USD", "bucks": "USD", "eur": "EUR", "euro": "EUR", "euros": "EUR",
        "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "cny": "CNY", "rmb": "CNY", "yuan": "CNY", "irr": "IRR",
        "rial": "IRR", "rials": "IRR", "toman": "IRT", "tomans": "IRT", "تومان": "IRT", "تومن": "IRT", "ریال": "IRR",
        "دلار": "USD", "یورو": "EUR",
    ]
    static let chineseCurrencyAfter: [(String, String)] = [("美元", "USD"), ("美金", "USD"), ("欧元", "EUR"), ("英镑", "GBP"), ("人民币", "CNY"), ("元", "CNY"), ("块", "CNY")]
    static let multipliers: [String: Decimal] = ["هزار": 1_000, "میلیون": 1_000_000, "thousand": 1_000, "million": 1_000_000, "k": 1_000]

    func amounts() -> [(Range<Int>, Decimal, String)] {
        var results: [(Range<Int>, Decimal, String)] = []
        for start in digitRunStarts() where scalar(start - 1) != "." && scalar(start - 1) != "," {
            guard let (value, numberEnd) = decimal(at: start), isFree(start..<numberEnd) else { continue }
            var amount = value
            var end = numberEnd
            var currency: String?
            var rangeStart = start
            // Before: "$25", "usd 25", "人民币100".
            var before = start - 1
            while scalar(before) == " " { before -= 1 }
            if let symbol = scalar(before), let code = Self.symbolCurrencies[symbol], !taken[before] {
                currency = code
                rangeStart = before
            } else if let (word, wordStart) = word(before: start), let code = Self.currencyWordsBefore[word] {
                currency = code
                rangeStart = wordStart
            } else if let wordStart = matchesBackward("人民币", before: start) {
                currency = "CNY"
                rangeStart = wordStart
            }
            // After: "25 dollars", "199元", "500 هزار تومان", "25$".
            if currency == nil || true {
                var position = end
                if let (word, wordEnd) = word(at: position), let multiplier = Self.multipliers[word] {
                    amount *= multiplier
                    position = wordEnd
                } else if let wordEnd = matchesForward("万", at: position) {
                    amount *= 10_000
                    position = wordEnd
                }
                var after = position
                while scalar(after) == " " { after += 1 }
                if currency == nil, let symbol = scalar(after), let code = Self.symbolCurrencies[symbol] {
                    currency = code
                    end = after + 1
                } else if currency == nil, let (word, wordEnd) = word(at: position), let code = Self.currencyWordsAfter[word] {
                    currency = code
                    end = wordEnd
                } else if currency == nil, let (phrase, code) = Self.chineseCurrencyAfter.first(where: { matchesForward($0.0, at: position) != nil }) {
                    currency = code
                    end = matchesForward(phrase, at: position)!
                } else if currency != nil, position != numberEnd {
                    end = position
                }
            }
            guard let currency, isFree(rangeStart..<end) else { continue }
            results.append((rangeStart..<end, amount, currency))
        }
        return results
    }

    // MARK: Dates

    struct DateParts {
        var year: Int?
        var month: Int
        var day: Int
        var solarHijri: Bool
    }

    /// "2025-11-20", "1403/08/29", "20.11.2025", "11/20/2025".
    func numericDates() -> [(Range<Int>, DateParts)] {
        var results: [(Range<Int>, DateParts)] = []
        for start in digitRunStarts() {
            let firstEnd = digitsEnd(from: start)
            guard let separator = scalar(firstEnd), separator == "-" || separator == "/" || separator == ".", isDigit(firstEnd + 1) else { continue }
            let secondEnd = digitsEnd(from: firstEnd + 1)
            guard scalar(secondEnd) == separator, isDigit(secondEnd + 1) else { continue }
            let thirdEnd = digitsEnd(from: secondEnd + 1)
            guard !isWordCharacter(thirdEnd), !(scalar(thirdEnd) == separator && isDigit(thirdEnd + 1)), isFree(start..<thirdEnd) else { continue }
            guard let a = number(start..<firstEnd), let b = number((firstEnd + 1)..<secondEnd), let c = number((secondEnd + 1)..<thirdEnd) else { continue }
            let firstLength = firstEnd - start, lastLength = thirdEnd - secondEnd - 1
            var parts: DateParts?
            if firstLength == 4 {
                parts = DateParts(year: a, month: b, day: c, solarHijri: (1300...1500).contains(a))
            } else if firstLength <= 2, secondEnd - firstEnd - 1 <= 2, lastLength == 4 || (lastLength == 2 && separator == "/") {
                let year = lastLength == 2 ? 2000 + c : c
                let solar = (1300...1500).contains(year)
                if a > 12 { parts = DateParts(year: year, month: b, day: a, solarHijri: solar) }
                else if b > 12 { parts = DateParts(year: year, month: a, day: b, solarHijri: solar) }
                else if separator == "/" { parts = DateParts(year: year, month: a, day: b, solarHijri: solar) }  // US order
                else { parts = DateParts(year: year, month: b, day: a, solarHijri: solar) }  // "20.11.2025", "20-11-2025"
            }
            if let parts { results.append((start..<thirdEnd, parts)) }
        }
        return results
    }

    static let englishMonths: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5, "jun": 6,
        "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
        "nov": 11, "november": 11, "dec": 12, "december": 12,
    ]
    static let persianMonths: [String: Int] = [
        "فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "شهریور": 6, "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10,
        "بهمن": 11, "اسفند": 12,
    ].reduce(into: [:]) { $0[TextNormalizer.normalize($1.key)] = $1.value }

    /// "November 20", "20th of Nov 2025", "11月20日", "2025年11月20号", "20 آبان 1403".
    func namedDates() -> [(Range<Int>, DateParts)] {
        var results: [(Range<Int>, DateParts)] = []
        for start in digitRunStarts() {
            let dayEnd = digitsEnd(from: start)
            guard let first = number(start..<dayEnd), isFree(start..<dayEnd) else { continue }
            // Chinese: [yyyy年]m月d日/号.
            if scalar(dayEnd) == "年", isDigit(dayEnd + 1) { continue }  // the month run will be read from its own start
            if scalar(dayEnd) == "月", isDigit(dayEnd + 1) {
                let dEnd = digitsEnd(from: dayEnd + 1)
                guard let day = number((dayEnd + 1)..<dEnd), scalar(dEnd) == "日" || scalar(dEnd) == "号" else { continue }
                var rangeStart = start
                var year: Int?
                if scalar(start - 1) == "年", isDigit(start - 2) {
                    var yearStart = start - 2
                    while isDigit(yearStart - 1) { yearStart -= 1 }
                    if (start - 1) - yearStart == 4 { year = number(yearStart..<(start - 1)); rangeStart = yearStart }
                }
                results.append((rangeStart..<(dEnd + 1), DateParts(year: year, month: first, day: day, solarHijri: false)))
                continue
            }
            // Day then month: "20 nov", "20th of november", "20 آبان".
            var afterDay = dayEnd
            if let (suffix, suffixEnd) = word(at: dayEnd), ["st", "nd", "rd", "th"].contains(suffix), scalar(dayEnd) != " " { afterDay = suffixEnd }
            var monthSearch = afterDay
            if let (of, ofEnd) = word(at: afterDay), of == "of" { monthSearch = ofEnd }
            if let (name, nameEnd) = word(at: monthSearch), first <= 31 {
                let month = Self.englishMonths[name] ?? Self.persianMonths[name]
                if let month {
                    let solar = Self.persianMonths[name] != nil
                    var end = nameEnd
                    var year: Int?
                    var yearStart = nameEnd
                    while scalar(yearStart) == " " || scalar(yearStart) == "," { yearStart += 1 }
                    if isDigit(yearStart), digitsEnd(from: yearStart) - yearStart == 4 {
                        year = number(yearStart..<digitsEnd(from: yearStart))
                        end = digitsEnd(from: yearStart)
                    }
                    results.append((start..<end, DateParts(year: year, month: month, day: first, solarHijri: solar)))
                    continue
                }
            }
            // Month then day: "november 20", "nov 20th, 2025".
            if let (name, nameStart) = word(before: start), let month = Self.englishMonths[name], first <= 31, scalar(start - 1) == " " {
                var end = afterDay
                var year: Int?
                var yearStart = afterDay
                while scalar(yearStart) == " " || scalar(yearStart) == "," { yearStart += 1 }
                if yearStart > afterDay, isDigit(yearStart), digitsEnd(from: yearStart) - yearStart == 4 {
                    year = number(yearStart..<digitsEnd(from: yearStart))
                    end = digitsEnd(from: yearStart)
                }
                results.append((nameStart..<end, DateParts(year: year, month: month, day: first, solarHijri: false)))
            }
        }
        return results
    }

    // MARK: Relative times

    static let numberWords: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "couple": 2, "few": 3, "یک": 1, "یه": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7,
        "هشت": 8, "نه": 9, "ده": 10, "چند": 3,
    ]
    static let unitDays: [String: Int] = [
        "day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "hour": 0, "hours": 0, "روز": 1, "هفته": 7,
        "ماه": 30, "ساعت": 0,
    ]
    static let agoWords: Set<String> = ["ago", "پیش", "قبل", "است", "گذشته"]
    static let fixedWords: [([String], Int)] = [
        (["day", "before", "yesterday"], -2), (["yesterday"], -1), (["today"], 0), (["tonight"], 0), (["tomorrow"], 1),
        (["last", "night"], -1), (["this", "morning"], 0), (["last", "week"], -7), (["last", "month"], -30),
        (["پس", "فردا"], 2), (["پریروز"], -2), (["دیروز"], -1), (["دیشب"], -1), (["امروز"], 0), (["امشب"], 0), (["فردا"], 1),
        (["هفته", "پیش"], -7), (["هفته", "گذشته"], -7), (["هفته", "قبل"], -7), (["ماه", "پیش"], -30), (["ماه", "گذشته"], -30),
        (["ماه", "قبل"], -30),
    ].map { ($0.0.map(TextNormalizer.normalize), $0.1) }
    static let fixedWordsByFirst: [String: [([String], Int)]] = Dictionary(grouping: fixedWords, by: { $0.0[0] })
    /// Words without which no relative time is written; a message with none of them skips the word pass.
    static let relativeTriggers: [[UInt8]] = [
        "ago", "yesterday", "today", "tonight", "tomorrow", "last", "morning", "پیش", "قبل", "است", "گذشته", "دیروز", "امروز",
        "فردا", "دیشب", "امشب", "پریروز",
    ].map { Array(TextNormalizer.normalize($0).utf8) }
    static let chineseFixed: [(String, Int)] = [
        ("大前天", -3), ("前天", -2), ("昨天", -1), ("昨晚", -1), ("昨日", -1), ("今天", 0), ("今早", 0), ("今晚", 0), ("今日", 0),
        ("明天", 1), ("后天", 2), ("上上周", -14), ("上周", -7), ("上星期", -7), ("上个星期", -7), ("上礼拜", -7), ("上个月", -30), ("上月", -30),
    ]
    static let chineseNumerals: [Unicode.Scalar: Int] = ["一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "几": 3]
    static let chineseUnits: [(String, Int)] = [("天", 1), ("日", 1), ("个星期", 7), ("星期", 7), ("周", 7), ("个礼拜", 7), ("个月", 30), ("小时", 0), ("个小时", 0)]

    /// `wordPass`: whether to read Latin and Persian words (only needed when a trigger word is present).
    func relativeTimes(wordPass: Bool = true) -> [(Range<Int>, Int)] {
        var results: [(Range<Int>, Int)] = []
        // Words with their positions (Latin and Persian words, and numbers).
        var words: [(text: String, range: Range<Int>)] = []
        var index = wordPass ? 0 : count
        while index < count {
            if isLetter(index) || isDigit(index) {
                var end = index
                let digits = isDigit(index)
                while end < count, digits ? isDigit(end) : (isLetter(end) || scalars[end] == "\u{200C}") { end += 1 }
                words.append((String(String.UnicodeScalarView(scalars[index..<end].filter { $0 != "\u{200C}" })), index..<end))
                index = end
            } else {
                index += 1
            }
        }
        var position = 0
        while position < words.count {
            // "3 days ago", "two weeks ago", "سه روز پیش".
            if position + 2 < words.count, let unit = Self.unitDays[words[position + 1].text], Self.agoWords.contains(words[position + 2].text) {
                let amount = Int(words[position].text).flatMap { $0 <= 3_650 ? $0 : nil } ?? Self.numberWords[words[position].text]
                let range = words[position].range.lowerBound..<words[position + 2].range.upperBound
                if let amount, isFree(range) {
                    results.append((range, -amount * unit))
                    position += 3
                    continue
                }
            }
            var matched = false
            for (phrase, days) in Self.fixedWordsByFirst[words[position].text] ?? [] where position + phrase.count <= words.count {
                if words[position..<(position + phrase.count)].lazy.map(\.text).elementsEqual(phrase) {
                    let range = words[position].range.lowerBound..<words[position + phrase.count - 1].range.upperBound
                    if isFree(range) { results.append((range, days)) }
                    position += phrase.count
                    matched = true
                    break
                }
            }
            if !matched { position += 1 }
        }
        // Chinese: "3天前", "三天了", "两周前", "昨天".
        guard kinds.contains(4) else { return results }
        var claimed = [Bool](repeating: false, count: count)
        for (unit, days) in Self.chineseUnits {
            let unitScalars = Array(unit.unicodeScalars)
            var start = 0
            while start + unitScalars.count <= count {
                defer { start += 1 }
                guard scalars[start] == unitScalars[0], scalars[start..<(start + unitScalars.count)].elementsEqual(unitScalars) else { continue }
                let after = start + unitScalars.count
                guard scalar(after) == "前" || scalar(after) == "了" else { continue }
                var numberStart = start
                while numberStart > 0, isDigit(numberStart - 1) || Self.chineseNumerals[scalars[numberStart - 1]] != nil { numberStart -= 1 }
                guard numberStart < start, let amount = chineseNumber(numberStart..<start) else { continue }
                let range = numberStart..<(after + 1)
                guard isFree(range), !range.contains(where: { claimed[$0] }) else { continue }
                for position in range { claimed[position] = true }
                results.append((range, -amount * days))
            }
        }
        for (phrase, days) in Self.chineseFixed {
            let target = Array(phrase.unicodeScalars)
            var start = 0
            while start + target.count <= count {
                if scalars[start] == target[0], scalars[start..<(start + target.count)].elementsEqual(target), isFree(start..<(start + target.count)),
                   !(start..<(start + target.count)).contains(where: { claimed[$0] }) {
                    for position in start..<(start + target.count) { claimed[position] = true }
                    results.append((start..<(start + target.count), days))
                    start += target.count
                } else {
                    start += 1
                }
            }
        }
        return results
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    /// "3", "十", "十五", "二十", "两".
    func chineseNumber(_ range: Range<Int>) -> Int? {
        if range.allSatisfy(isDigit) { return number(range).flatMap { $0 <= 3_650 ? $0 : nil } }
        var total = 0, current = 0
        for position in range {
            guard let value = Self.chineseNumerals[scalars[position]] else { return nil }
            if value == 10 {
                total += (current == 0 ? 1 : current) * 10
                current = 0
            } else {
                current = value
            }
        }
        return total + current
    }
}
