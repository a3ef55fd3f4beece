import Foundation

/// What a shop vouches for when it sends one of its signed-in customers to the desk: its own id
/// for them and, optionally, their email address and name, at a moment. The shop's server signs
/// `signedPayload` with the desk's identity secret; the desk believes exactly what is signed —
/// an email address nobody signed could be anyone's, and would let one shopper read the requests
/// opened for another's address.
public struct ShopIdentityClaim: Sendable, Equatable {
    /// Names the payload's layout, so a later layout cannot be confused with this one.
    public static let version = "switchboard-identity-v1"
    /// How far ahead of the desk's clock a shop's clock may run.
    public static let allowedClockSkew: TimeInterval = 60

    /// The claim's fields as a shop sends them (query parameters, the widget's data attributes).
    public static let fields = ["externalId", "email", "name", "issuedAt", "signature"]

    public let externalId: String
    /// As the shop sent it (signed as sent); `emailIdentity` is its normalised form.
    public let email: String?
    public let name: String?
    /// Unix seconds when the shop made the link or call.
    public let issuedAt: Int64

    /// Checks the claim's shape. Values are one line each: the payload joins them with line breaks.
    public init(externalId: String, email: String?, name: String?, issuedAt: String?) throws {
        guard !externalId.isEmpty, externalId.count <= Validate.maxNameLength,
              !Validate.containsControlCharacters(externalId, allowingLineBreaks: false),
              externalId == externalId.trimmingWhitespace()
        else { throw DomainError.invalidField("externalId", "externalId is 1 to \(Validate.maxNameLength) characters on one line, without surrounding spaces") }
        for (field, value, most) in [("email", email, Limits.email), ("name", name, Limits.name)] {
            guard let value else { continue }
            guard value.count <= most, !Validate.containsControlCharacters(value, allowingLineBreaks: false) else {
                throw DomainError.invalidField(field, "\(field) is at most \(most) characters on one line")
            }
        }
        guard let issuedAt, let seconds = Int64(issuedAt), seconds > 0 else {
            throw DomainError.invalidField("issuedAt", "issuedAt is required: the Unix time in seconds when the shop signed the claim")
        }
        self.externalId = externalId
        self.email = email.flatMap { $0.isEmpty ? nil : $0 }
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
        self.issuedAt = seconds
        if let email = self.email, (try? ContactIdentity(kind: .email, value: email)) == nil {
            throw DomainError.invalidField("email", "email is not an email address")
        }
    }

    /// The exact text the shop signs (HMAC-SHA256, hex): the version, externalId, email, name and
    /// issuedAt, each on its own line, an absent value as an empty line, no line break at the end.
    public var signedPayload: String {
        [Self.version, externalId, email ?? "", name ?? "", String(issuedAt)].joined(separator: "\n")
    }

    /// The shop's id for the customer, as the desk keeps it.
    public func externalIdentity() throws -> ContactIdentity {
        try ContactIdentity(kind: .external, value: externalId)
    }

    /// The signed email address as an identity, when there is one.
    public var emailIdentity: ContactIdentity? {
        email.flatMap { try? ContactIdentity(kind: .email, value: $0) }
    }

    public enum Freshness: Sendable, Equatable {
        case fresh
        /// Issued longer ago than the desk accepts.
        case expired
        /// Issued later than the desk's clock allows: a wrong clock, or a forged "forever" link.
        case issuedInTheFuture
    }

    /// Whether the claim may still be used at `now`, when claims are good for `lifetime` seconds.
    public func freshness(at now: Date, lifetime: TimeInterval) -> Freshness {
        let age = now.timeIntervalSince1970 - TimeInterval(issuedAt)
        if age < -Self.allowedClockSkew { return .issuedInTheFuture }
        return age > lifetime ? .expired : .fresh
    }
}
