/// Input checks shared by every entry point: lengths, control characters, required values.
public enum Validate {
    /// The longest name (person, team, organization, subject) the desk accepts.
    public static let maxNameLength = Limits.name
    /// The longest message body the desk accepts, in Unicode scalars.
    public static let maxBodyLength = Limits.body

    /// A one-line name: trimmed, non-empty, no control characters, at most `maxLength` characters
    /// — counted as Unicode scalars, as the databases and JSON Schema count them (a letter with a
    /// combining mark is two).
    public static func name(_ value: String, field: String, maxLength: Int = maxNameLength) throws -> String {
        let trimmed = value.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw DomainError.invalidField(field, "\(field) must not be empty") }
        guard trimmed.unicodeScalars.count <= maxLength else {
            throw DomainError.invalidField(field, "\(field) is longer than \(maxLength) characters")
        }
        guard !containsControlCharacters(trimmed, allowingLineBreaks: false) else {
            throw DomainError.invalidField(field, "\(field) contains control characters")
        }
        return trimmed
    }

    /// An optional one-line value: empty becomes nil.
    public static func optionalName(_ value: String?, field: String, maxLength: Int = maxNameLength) throws -> String? {
        guard let value, !value.trimmingWhitespace().isEmpty else { return nil }
        return try name(value, field: field, maxLength: maxLength)
    }

    /// Multi-line text (message bodies, reasons): tabs and line breaks allowed, other control characters not.
    public static func text(_ value: String, field: String, maxLength: Int = maxBodyLength) throws -> String {
        let normalizedBreaks = value.replacingCRLF()
        guard !normalizedBreaks.trimmingWhitespace().isEmpty else {
            throw DomainError.invalidField(field, "\(field) must not be empty")
        }
        guard normalizedBreaks.unicodeScalars.count <= maxLength else {
            throw DomainError.invalidField(field, "\(field) is longer than \(maxLength) characters")
        }
        guard !containsControlCharacters(normalizedBreaks, allowingLineBreaks: true) else {
            throw DomainError.invalidField(field, "\(field) contains control characters")
        }
        return normalizedBreaks
    }

    /// Whether `value` holds C0/C1 control characters, unpaired-surrogate replacements of a
    /// broken decoder, or non-characters. Tab and line feed pass when `allowingLineBreaks`.
    public static func containsControlCharacters(_ value: String, allowingLineBreaks: Bool) -> Bool {
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A:
                if !allowingLineBreaks { return true }
            case 0x00...0x1F, 0x7F...0x9F:
                return true
            case 0xFFFE, 0xFFFF:
                return true
            default:
                continue
            }
        }
        return false
    }

    /// A tag: lowercased, 1–50 characters of letters, digits, `-`, `_`, `.` or `:`.
    public static func tag(_ value: String) throws -> String {
        let tag = value.trimmingWhitespace().lowercased()
        guard !tag.isEmpty, tag.count <= Limits.tag,
              tag.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_.:".unicodeScalars.contains($0) })
        else {
            throw DomainError.invalidField("tags", "a tag is 1–50 letters, digits, '-', '_', '.' or ':'")
        }
        return tag
    }

    /// A set of tags, validated, de-duplicated and sorted.
    public static func tags(_ values: [String]) throws -> [String] {
        guard values.count <= Limits.tagsPerTicket else { throw DomainError.invalidField("tags", "a ticket has at most \(Limits.tagsPerTicket) tags") }
        return Array(Set(try values.map(tag))).sorted()
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode-aware, Foundation-free).
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    func replacingCRLF() -> String {
        guard unicodeScalars.contains("\r") else { return self }
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                result.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            result.append(scalar)
        }
        return String(result)
    }
}
