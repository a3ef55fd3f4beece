import Foundation

/// One person asking for help, with one timeline across every channel they use.
public struct Customer: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Customer>

    public var id: ID
    public var name: String
    public var language: String?
    /// A service tier from the shop ("vip", "standard"…), used by SLA policies.
    public var tier: String?
    public var identities: [ContactIdentity]
    /// Set when this customer was merged into another; the survivor holds the identities and tickets.
    public var mergedInto: ID?
    public var createdAt: Date
    /// An address someone gave for this customer that nobody has proven theirs: shown to staff to
    /// write to, never used to find the customer, sign them in or attach tickets (identities do that).
    public var unverifiedEmail: String?
    /// What they want to be emailed about.
    public var notices: Notices = .all

    /// What a customer is emailed about: everything that happens to their requests (a reply, a
    /// status change, a promise made, kept or missed, the survey), or only agents' replies.
    public enum Notices: String, Sendable, Hashable, Codable, CaseIterable {
        case all
        case replies
    }

    public init(
        id: ID, name: String, language: String?, tier: String?, identities: [ContactIdentity],
        mergedInto: ID?, createdAt: Date, unverifiedEmail: String? = nil, notices: Notices = .all
    ) {
        self.notices = notices
        self.id = id
        self.name = name
        self.language = language
        self.tier = tier
        self.identities = identities
        self.mergedInto = mergedInto
        self.createdAt = createdAt
        self.unverifiedEmail = unverifiedEmail
    }

    /// Where their email goes: their proven address, else the one given for them.
    public var mailAddress: String? { email ?? unverifiedEmail }

    /// The first email identity, if any.
    public var email: String? { identities.first { $0.kind == .email }?.value }
}

/// What is needed to create a customer.
public struct NewCustomer: Sendable, Hashable {
    public var name: String
    public var language: String?
    public var tier: String?
    public var identities: [ContactIdentity]
    public var unverifiedEmail: String?

    public init(
        name: String, language: String? = nil, tier: String? = nil, identities: [ContactIdentity] = [], unverifiedEmail: String? = nil
    ) throws {
        self.name = try Validate.name(name, field: "name")
        self.language = try language.map { try LanguageTag.validate($0, field: "language") }
        self.tier = try Validate.optionalName(tier, field: "tier", maxLength: 40)
        guard identities.count <= Limits.identitiesPerCustomer else {
            throw DomainError.invalidField("identities", "a customer has at most \(Limits.identitiesPerCustomer) contact identities")
        }
        guard Set(identities).count == identities.count else {
            throw DomainError.invalidField("identities", "the same identity is listed twice")
        }
        self.identities = identities
        self.unverifiedEmail = try unverifiedEmail.map { try ContactIdentity(kind: .email, value: $0).value }
    }
}

/// BCP 47-style language tags ("en", "zh", "fa", "zh-Hans").
public enum LanguageTag {
    /// The languages Switchboard's pages and assistant speak.
    public static let supported = ["en", "zh", "fa"]

    public static func validate(_ raw: String, field: String) throws -> String {
        let tag = raw.trimmingWhitespace()
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        let ok = !parts.isEmpty && parts.count <= 4
            && (2...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
            && parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard ok else { throw DomainError.invalidField(field, "'\(field)' is not a language tag such as en, zh or fa") }
        return parts[0].lowercased() + parts.dropFirst().map { "-" + $0 }.joined()
    }
}
