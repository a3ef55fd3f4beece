import Foundation
import SwitchboardCore

/// An agent as staff and admins see them (never the password hash).
struct AgentResponse: Encodable, Sendable {
    let id: Int64
    let organizationId: Int64
    let number: Int64
    let name: String
    let email: String
    let role: Agent.Role
    let teamIds: [Int64]
    let skills: [String]
    let languages: [String]
    let capacity: Int
    let presence: Agent.Presence
    let active: Bool
    let createdAt: Date

    init(_ agent: Agent) {
        id = agent.id.rawValue
        organizationId = agent.organizationID.rawValue
        number = agent.number
        name = agent.name
        email = agent.email
        role = agent.role
        teamIds = agent.teamIDs.map(\.rawValue)
        skills = agent.skills
        languages = agent.languages
        capacity = agent.capacity
        presence = agent.presence
        active = agent.active
        createdAt = agent.createdAt
    }
}

struct TeamResponse: Encodable, Sendable {
    let id: Int64
    let organizationId: Int64
    let name: String
    let timeZone: String
    let hours: BusinessHours
    let openNow: Bool
    let createdAt: Date

    init(_ team: Team, now: Date) {
        id = team.id.rawValue
        organizationId = team.organizationID.rawValue
        name = team.name
        timeZone = team.hours.timeZone
        hours = team.hours
        openNow = team.hours.isOpen(at: now)
        createdAt = team.createdAt
    }
}

struct OrganizationResponse: Encodable, Sendable {
    let id: Int64
    let name: String
    let kind: Organization.Kind
    let createdAt: Date

    init(_ organization: Organization) {
        id = organization.id.rawValue
        name = organization.name
        kind = organization.kind
        createdAt = organization.createdAt
    }
}

struct CustomerResponse: Encodable, Sendable {
    let id: Int64
    let name: String
    let language: String?
    let tier: String?
    let identities: [ContactIdentity]
    let mergedInto: Int64?
    let createdAt: Date
    /// An address given for the customer that nobody has proven theirs (see `Customer`).
    let unverifiedEmail: String?

    init(_ customer: Customer) {
        id = customer.id.rawValue
        name = customer.name
        language = customer.language
        tier = customer.tier
        identities = customer.identities
        mergedInto = customer.mergedInto?.rawValue
        createdAt = customer.createdAt
        unverifiedEmail = customer.unverifiedEmail
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(language, forKey: .language)
        try container.encode(tier, forKey: .tier)
        try container.encode(identities, forKey: .identities)
        try container.encode(mergedInto, forKey: .mergedInto)
        try container.encode(unverifiedEmail, forKey: .unverifiedEmail)
        try container.encode(createdAt, forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey { case id, name, language, tier, identities, mergedInto, createdAt, unverifiedEmail }
}

struct APITokenResponse: Encodable, Sendable {
    let id: Int64
    let organizationId: Int64
    let name: String
    let prefix: String
    let scopes: [APIScope]
    let createdAt: Date
    let lastUsedAt: Date?
    let revokedAt: Date?
    /// The secret, present only in the response that created the token.
    let token: String?

    init(_ token: APIToken, secret: String? = nil) {
        id = token.id.rawValue
        organizationId = token.organizationID.rawValue
        name = token.name
        prefix = token.prefix
        scopes = token.scopes
        createdAt = token.createdAt
        lastUsedAt = token.lastUsedAt
        revokedAt = token.revokedAt
        self.token = secret
    }
}
