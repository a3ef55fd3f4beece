import Foundation

/// The platform operator, or a merchant selling on it.
public struct Organization: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Organization>

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case platform
        case merchant
    }

    public var id: ID
    public var name: String
    public var kind: Kind
    public var createdAt: Date

    public init(id: ID, name: String, kind: Kind, createdAt: Date) {
        self.id = id
        self.name = name
        self.kind = kind
        self.createdAt = createdAt
    }
}

/// What is needed to create an organization.
public struct NewOrganization: Sendable, Hashable {
    public var name: String
    public var kind: Organization.Kind

    public init(name: String, kind: Organization.Kind) throws {
        self.name = try Validate.name(name, field: "name")
        self.kind = kind
    }
}
