import SwitchboardCore

/// How well `HandoffDetector` tells requests for a person from look-alikes on a labelled phrase list.
///
/// A list is plain text, one case a line: `request<TAB>text` for a message that asks for a person,
/// `not<TAB>text` for one that does not; blank lines and lines starting with `#` are skipped. A list
/// holds one language, named by whoever runs it (the file's language); run each language's list on
/// its own to read the figures per language.
public struct HandoffEvaluation: Sendable {
    /// One labelled message.
    public struct Case: Sendable, Hashable {
        /// The message as a customer typed it.
        public var text: String
        /// Whether it asks for a person.
        public var isRequest: Bool
        /// Its line in the list, from 1.
        public var line: Int

        public init(text: String, isRequest: Bool, line: Int) {
            self.text = text
            self.isRequest = isRequest
            self.line = line
        }
    }

    /// The figures for one list.
    public struct Report: Sendable, Hashable {
        /// The list's language, when the caller named it.
        public var language: Language?
        public var truePositives: Int
        public var falsePositives: Int
        public var falseNegatives: Int
        public var trueNegatives: Int
        /// Requests that were not recognised, as written, in list order.
        public var missed: [String]
        /// Look-alikes taken for requests, as written, in list order.
        public var wronglyTaken: [String]

        /// Share of requests recognised (1 when the list has none).
        public var recall: Double {
            truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
        }

        /// Share of recognised requests that were requests (1 when nothing was recognised).
        public var precision: Double {
            truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
        }

        /// How many cases were read.
        public var count: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    }

    /// A line that is neither a case, a comment nor blank. Its description names the line and what
    /// was expected, never the text (lists may be built from customers' messages).
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The line, from 1.
        public var line: Int
        public var reason: String

        public var description: String { "line \(line): \(reason)" }
    }

    /// The cases of a list; throws `ParseError` for the first bad line.
    public static func parse(_ text: String) throws -> [Case] {
        var cases: [Case] = []
        var number = 0
        // "\r\n" is one Character, a newline like "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            var line = rawLine
            if number == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            guard let tab = line.firstIndex(of: "\t") else {
                throw ParseError(line: number, reason: "expected a label, a tab and the text (request<TAB>text or not<TAB>text)")
            }
            let isRequest: Bool
            switch line[..<tab].trimmingSpaces.lowercased() {
            case "request": isRequest = true
            case "not": isRequest = false
            default: throw ParseError(line: number, reason: "the label must be request or not")
            }
            let message = line[line.index(after: tab)...].trimmingSpaces
            guard !message.isEmpty else { throw ParseError(line: number, reason: "the text after the tab is empty") }
            cases.append(Case(text: String(message), isRequest: isRequest, line: number))
        }
        return cases
    }

    /// Runs `detector` on every case of a list in `language`.
    public static func run(_ cases: [Case], language: Language? = nil, detector: HandoffDetector = HandoffDetector()) -> Report {
        var report = Report(language: language, truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0, missed: [], wronglyTaken: [])
        for example in cases {
            let requested = detector.advise(PreparedText(example.text)).requested
            switch (example.isRequest, requested) {
            case (true, true): report.truePositives += 1
            case (true, false): report.falseNegatives += 1; report.missed.append(example.text)
            case (false, true): report.falsePositives += 1; report.wronglyTaken.append(example.text)
            case (false, false): report.trueNegatives += 1
            }
        }
        return report
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
