import Foundation
import SwitchboardCore

/// One box, radio button or select option of a settings form.
public struct FormChoice: Sendable {
    public let id: String
    public let value: String
    public let label: String
    public let checked: Bool

    public init(id: String, value: String, label: String, checked: Bool) {
        self.id = id
        self.value = value
        self.label = label
        self.checked = checked
    }
}

/// The routing and SLA pages, shown as two tabs of the desk's rules.
public struct RulesTab: Sendable {
    public let href: String
    public let label: String
    public let current: Bool

    static func tabs(current: String, strings: [String: String]) -> [RulesTab] {
        [("/admin/routing", "routingTitle"), ("/admin/sla", "slaPageTitle")].map {
            RulesTab(href: $0.0, label: strings[$0.1] ?? "", current: $0.0 == current)
        }
    }
}

/// A refused change, in the page's words, with the form it was made in (opened again below).
public struct RulesAlert: Sendable {
    public let text: String
    /// The id of the form that holds what was typed; nil when the whole page is shown afresh.
    public let anchor: String?
}

/// The words both rule pages use to say which cases a rule or policy is about:
/// "topic is Refund or Invoice and language is Persian".
struct ConditionWords {
    let strings: [String: String]
    let format: PageFormat
    let organizations: [Organization.ID: String]

    /// The values of one condition joined by "or", inside its phrase; nil when it holds for any.
    func phrase(_ key: String, _ values: [String], isolated: Bool = false) -> String? {
        guard !values.isEmpty else { return nil }
        let joined = (isolated ? values : values.map(Self.isolate)).joined(separator: strings["rulesOr"] ?? " or ")
        return String(format: strings["rules.cond.\(key)"] ?? "%@", joined)
    }

    /// Several phrases joined by "and".
    func all(_ phrases: [String?]) -> String? {
        let present = phrases.compactMap { $0 }
        return present.isEmpty ? nil : present.joined(separator: strings["rulesAnd"] ?? " and ")
    }

    func topics(_ values: Set<String>) -> [String] { values.sorted().map { strings["intent.\($0)"] ?? $0 } }
    func languages(_ values: Set<String>) -> [String] { values.sorted().map { strings["language.\($0)"] ?? $0 } }
    func channels(_ values: Set<Channel>) -> [String] {
        Channel.allCases.filter(values.contains).map { strings["channel.\($0.rawValue)"] ?? $0.rawValue }
    }
    func priorities(_ values: Set<Priority>) -> [String] {
        Priority.allCases.filter(values.contains).map { strings["priority.\($0.rawValue)"] ?? $0.rawValue }
    }
    func merchants(_ values: Set<Organization.ID>) -> [String] {
        values.sorted().map { organizations[$0] ?? "#\($0.rawValue)" }
    }
    /// Keywords in the page language's quotation marks, each isolated inside them.
    func quoted(_ values: [String]) -> [String] { values.map { String(format: strings["rulesQuote"] ?? "“%@”", Self.isolate($0)) } }

    /// `value` in a bidirectional isolate: a Persian keyword in an English sentence (or a Latin
    /// team name in a Persian one) keeps its own direction and leaves the sentence's alone.
    static func isolate(_ value: String) -> String { "\u{2068}\(value)\u{2069}" }

    func percent(_ value: Int) -> String { String(format: strings["unit.percent"] ?? "%@%", format.number(value)) }
}

/// The choices a settings form offers, built once per page.
struct RulesChoices {
    let strings: [String: String]
    let teams: [Team]
    let organizations: [Organization]

    /// Teams by name, a merchant's team with its merchant's name ("Jade Tea service · Jade Tea House").
    func teamLabel(_ team: Team) -> String {
        guard let owner = organizations.first(where: { $0.id == team.organizationID }), owner.kind == .merchant else { return team.name }
        return "\(team.name) · \(owner.name)"
    }

    var merchants: [Organization] { organizations.filter { $0.kind == .merchant } }

    func teamOptions(prefix: String, selected: String, none: String) -> [FormChoice] {
        [FormChoice(id: "\(prefix)-none", value: "", label: none, checked: selected.isEmpty)]
            + teams.map { FormChoice(id: "\(prefix)-\($0.id.rawValue)", value: String($0.id.rawValue), label: teamLabel($0), checked: selected == String($0.id.rawValue)) }
    }

    func boxes<T: RawRepresentable>(_ cases: [T], prefix: String, labelKey: String, checked: [String]) -> [FormChoice] where T.RawValue == String {
        cases.map {
            FormChoice(id: "\(prefix)-\($0.rawValue)", value: $0.rawValue, label: strings["\(labelKey).\($0.rawValue)"] ?? $0.rawValue, checked: checked.contains($0.rawValue))
        }
    }

    func merchantBoxes(prefix: String, checked: [String]) -> [FormChoice] {
        merchants.map { FormChoice(id: "\(prefix)-\($0.id.rawValue)", value: String($0.id.rawValue), label: $0.name, checked: checked.contains(String($0.id.rawValue))) }
    }
}

extension PageProblem {
    /// The key for a refused settings change, without the place in the list the service names
    /// (`rules[2].actions.teamId` → `actions.teamId`, `holidays.3[0]` → `holidays`): the page
    /// already knows which form was sent, and the words are the same for every rule.
    public static func settingsKey(code: String, field: String?) -> String {
        guard var field else { return key(code: code, field: nil) }
        for list in ["rules", "policies", "overflow"] where field.hasPrefix(list + "[") {
            if let dot = field.firstIndex(of: ".") { field = String(field[field.index(after: dot)...]) }
        }
        if field.hasPrefix("holidays") { field = "holidays" }
        return key(code: code, field: field)
    }
}

/// Whole numbers as forms write and read them.
public enum RulesNumbers {
    /// "30", or "1.5" for a value saved with a fraction through the API.
    public static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int64(value)) : String(value)
    }

    /// A number typed in any of the page languages' digits ("۳۰", "٣٠", "30"), or nil.
    public static func parse(_ text: String) -> Double? {
        let latin = latinDigits(text.trimmingWhitespace())
        guard !latin.isEmpty, latin.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), let value = Double(latin), value.isFinite else {
            return nil
        }
        return value
    }

    /// `text` with Persian, Arabic-Indic and full-width digits (and the Arabic decimal point and
    /// minus sign) written as ASCII.
    public static func latinDigits(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x06F0...0x06F9: Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!
            case 0x0660...0x0669: Unicode.Scalar(scalar.value - 0x0660 + 0x30)!
            case 0xFF10...0xFF19: Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!
            case 0x066B: "."
            case 0x2212: "-"
            default: scalar
            }
        }))
    }
}
