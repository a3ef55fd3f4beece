/// How a customer can be recognised on one channel: an email address, a phone number,
/// a widget visitor id or the shop's own user id.
public struct ContactIdentity: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case email
        case phone
        case widget
        case external
    }

    public var kind: Kind
    /// The normalised value: emails lowercased, phone numbers reduced to `+` and digits.
    public var value: String

    /// Validates and normalises `value` for `kind`.
    public init(kind: Kind, value: String) throws {
        self.kind = kind
        self.value = try Self.normalize(value, kind: kind)
    }

    /// Rebuilds an identity that was validated before it was stored.
    public init(trusted kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(kind: container.decode(Kind.self, forKey: .kind), value: container.decode(String.self, forKey: .value))
    }

    static func normalize(_ raw: String, kind: Kind) throws -> String {
        let value = raw.trimmingWhitespace()
        switch kind {
        case .email:
            let email = value.lowercased()
            guard Self.isPlausibleEmail(email) else {
                throw DomainError.invalidField("value", "not an email address")
            }
            return email
        case .phone:
            var digits = ""
            for (offset, scalar) in value.unicodeScalars.enumerated() {
                if scalar == "+" && offset == 0 {
                    digits.unicodeScalars.append(scalar)
                } else if let digit = TextNormalizer.asciiDigit(scalar) {
                    digits.unicodeScalars.append(digit)
                } else if !" -().".unicodeScalars.contains(scalar) {
                    throw DomainError.invalidField("value", "a phone number holds digits, spaces, '+', '-', '(' and ')' only")
                }
            }
            let count = digits.filter(\.isNumber).count
            guard (6...15).contains(count) else {
                throw DomainError.invalidField("value", "a phone number has 6 to 15 digits")
            }
            return digits
        case .widget, .external:
            return try Validate.name(value, field: "value")
        }
    }

    /// A deliberately permissive check: one `@`, a dot in the domain, no spaces, at most 254 characters.
    public static func isPlausibleEmail(_ email: String) -> Bool {
        guard email.count <= Limits.email, !email.contains(where: \.isWhitespace) else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 3 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else {
            return false
        }
        return !Validate.containsControlCharacters(email, allowingLineBreaks: false)
    }
}
