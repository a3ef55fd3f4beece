import Foundation
import SwitchboardCore

/// A ticket's SLA clocks as an agent reads them in the ticket's header: what was promised, by
/// when, and how much is left — coloured by risk (on time, warned, breached, paused, met).
public struct SLAView: Sendable {
    public struct Line: Sendable {
        public let label: String
        public let text: String
        /// `ok`, `warning`, `breached`, `paused` or `met`, for the colour.
        public let risk: String
    }

    public let policy: String
    public let lines: [Line]

    public init(policy: String, clocks: [SLAClock], now: Date, strings: [String: String], format: PageFormat) {
        self.policy = policy
        lines = clocks.map { clock in
            let label = strings["sla.\(clock.target.rawValue)"] ?? clock.target.rawValue
            let left = Self.duration(max(0, clock.remaining), strings: strings, format: format)
            switch clock.state {
            case .running:
                let due = clock.dueAt.map(format.date) ?? ""
                let warned = clock.warningAt.map { $0 <= now } ?? true
                return Line(label: label, text: String(format: strings["sla.due"] ?? "%@ %@", due, left), risk: warned ? "warning" : "ok")
            case .paused:
                return Line(label: label, text: String(format: strings["sla.paused"] ?? "%@", left), risk: "paused")
            case .met:
                return Line(label: label, text: strings["sla.met"] ?? "", risk: "met")
            case .breached:
                let at = clock.dueAt.map(format.date) ?? ""
                // Answered, but after the promise ran out; or still waiting past it.
                let key = clock.endedAt == nil ? "sla.breached" : "sla.late"
                return Line(label: label, text: String(format: strings[key] ?? "%@", at), risk: "breached")
            }
        }
    }

    /// "2 h 10 min" in the page's words and digits; from two days on, "15 d 0 h" (minutes no
    /// longer matter, and "360 h" is hard to read).
    static func duration(_ seconds: TimeInterval, strings: [String: String], format: PageFormat) -> String {
        let minutes = Int((seconds / 60).rounded())
        let hours = minutes / 60, rest = minutes % 60
        let h = strings["unit.hours"] ?? "h", m = strings["unit.minutes"] ?? "min"
        if hours >= 48 { return "\(format.number(hours / 24)) \(strings["unit.days"] ?? "d") \(format.number(hours % 24)) \(h)" }
        if hours == 0 { return "\(format.number(rest)) \(m)" }
        return rest == 0 ? "\(format.number(hours)) \(h)" : "\(format.number(hours)) \(h) \(format.number(rest)) \(m)"
    }
}
