import Foundation

/// A credential another system uses to call the API for one organization, within its scopes.
/// Only a hash of the secret is stored; the secret is shown once, when the token is created.
public struct APIToken: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<APIToken>

    public var id: ID
    public var organizationID: Organization.ID
    public var name: String
    /// The first characters of the secret, so people can tell tokens apart.
    public var prefix: String
    public var scopes: [APIScope]
    public var createdBy: Agent.ID?
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: ID, organizationID: Organization.ID, name: String, prefix: String, scopes: [APIScope],
        createdBy: Agent.ID?, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.prefix = prefix
        self.scopes = scopes
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
}
