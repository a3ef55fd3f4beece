import Foundation

/// An admin-defined, typed field that tickets can carry (order number, refund amount, delivery date…).
public struct CustomFieldDefinition: Sendable, Hashable, Codable {
    public enum FieldType: String, Sendable, Codable, CaseIterable {
        case text
        case number
        case date
        case choice
    }

    /// The stable key used in the API ("order_number").
    public var key: String
    public var label: String
    public var type: FieldType
    /// The allowed values of a choice field.
    public var choices: [String]

    public init(key: String, label: String, type: FieldType, choices: [String] = []) throws {
        guard key.count <= 40, let first = key.unicodeScalars.first, ("a"..."z").contains(first),
              key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            throw DomainError.invalidField("key", "a field key is 1–40 characters of a–z, 0–9 and '_', starting with a letter")
        }
        self.key = key
        self.label = try Validate.name(label, field: "label", maxLength: 80)
        self.type = type
        let cleaned = try choices.map { try Validate.name($0, field: "choices", maxLength: 80) }
        if type == .choice {
            guard !cleaned.isEmpty, cleaned.count <= 100, Set(cleaned).count == cleaned.count else {
                throw DomainError.invalidField("choices", "a choice field needs 1–100 distinct choices")
            }
        } else if !cleaned.isEmpty {
            throw DomainError.invalidField("choices", "only choice fields have choices")
        }
        self.choices = cleaned
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            key: try container.decode(String.self, forKey: .key), label: try container.decode(String.self, forKey: .label),
            type: try container.decode(FieldType.self, forKey: .type),
            choices: try container.decodeIfPresent([String].self, forKey: .choices) ?? []
        )
    }

    /// Checks a raw JSON value against this definition.
    public func value(from raw: JSONValue) throws -> FieldValue {
        let field = "fields.\(key)"
        switch (type, raw) {
        case (.text, .string(let text)):
            return .text(try Validate.text(text, field: field, maxLength: 2_000))
        case (.number, .number(let number)):
            guard number.isFinite else { throw DomainError.invalidField(field, "\(field) must be a finite number") }
            return .number(number)
        case (.date, .string(let text)):
            guard let date = FieldValue.parseDay(text) else {
                throw DomainError.invalidField(field, "\(field) must be a date written YYYY-MM-DD")
            }
            return .date(date)
        case (.choice, .string(let text)):
            guard choices.contains(text) else {
                throw DomainError.invalidField(field, "\(field) must be one of: \(choices.joined(separator: ", "))")
            }
            return .choice(text)
        default:
            throw DomainError.invalidField(field, "\(field) must be a \(type.rawValue)")
        }
    }
}

/// A typed custom-field value.
public enum FieldValue: Sendable, Hashable, Codable {
    case text(String)
    case number(Double)
    /// A calendar day, "YYYY-MM-DD".
    case date(String)
    case choice(String)

    /// The JSON form used in the API and in event data.
    public var json: JSONValue {
        switch self {
        case .text(let text), .date(let text), .choice(let text): .string(text)
        case .number(let number): .number(number)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        switch try JSONValue(from: decoder) {
        case .number(let number): self = .number(number)
        case .string(let text): self = .text(text)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a field value"))
        }
    }

    /// Parses "YYYY-MM-DD" and checks that the day exists.
    static func parseDay(_ text: String) -> String? {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
              let day = Int(parts[2]), (1...12).contains(month), year >= 1900, year <= 2999
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let range = calendar.range(of: .day, in: .month, for: calendar.date(from: DateComponents(year: year, month: month))!),
              range.contains(day)
        else { return nil }
        return text
    }
}

/// Validates a set of raw custom-field values against the desk's definitions.
public enum CustomFields {
    public static func validate(_ raw: [String: JSONValue], definitions: [CustomFieldDefinition]) throws -> [String: FieldValue] {
        let byKey = Dictionary(definitions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var values: [String: FieldValue] = [:]
        for (key, value) in raw {
            guard let definition = byKey[key] else {
                throw DomainError.invalidField("fields.\(key)", "there is no custom field '\(key)'")
            }
            if value == .null { continue }
            values[key] = try definition.value(from: value)
        }
        return values
    }
}

extension FieldValue {
    /// A self-describing form for storage, keeping the type: `{"type": "date", "value": "2025-01-31"}`.
    public var tagged: JSONValue {
        let type: CustomFieldDefinition.FieldType = switch self {
        case .text: .text
        case .number: .number
        case .date: .date
        case .choice: .choice
        }
        return .object(["type": .string(type.rawValue), "value": json])
    }

    /// Reads the form written by `tagged`.
    public init?(tagged: JSONValue) {
        guard case .object(let object) = tagged, case .string(let type)? = object["type"], let value = object["value"] else {
            return nil
        }
        switch (CustomFieldDefinition.FieldType(rawValue: type), value) {
        case (.text, .string(let text)): self = .text(text)
        case (.date, .string(let text)): self = .date(text)
        case (.choice, .string(let text)): self = .choice(text)
        case (.number, .number(let number)): self = .number(number)
        default: return nil
        }
    }
}
