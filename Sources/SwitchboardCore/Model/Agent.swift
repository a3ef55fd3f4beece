import Foundation

/// A staff member who answers customers. Customers see the public agent number.
public struct Agent: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Agent>

    public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
        case agent
        case supervisor
        case admin

        private var rank: Int {
            switch self {
            case .agent: 0
            case .supervisor: 1
            case .admin: 2
            }
        }

        public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
    }

    public enum Presence: String, Sendable, Codable, CaseIterable {
        case online
        case away
        case offline
    }

    public var id: ID
    public var organizationID: Organization.ID
    /// The public agent number shown to customers ("agent 1042 has your case").
    public var number: Int64
    public var name: String
    public var email: String
    public var role: Role
    public var teamIDs: [Team.ID]
    /// Categories the agent is skilled in ("refund", "logistics"…).
    public var skills: [String]
    public var languages: [String]
    /// How many open tickets the agent can hold at once.
    public var capacity: Int
    public var presence: Presence
    public var active: Bool
    public var createdAt: Date

    public init(
        id: ID, organizationID: Organization.ID, number: Int64, name: String, email: String, role: Role,
        teamIDs: [Team.ID], skills: [String], languages: [String], capacity: Int, presence: Presence,
        active: Bool, createdAt: Date
    ) {
        self.id = id
        self.organizationID = organizationID
        self.number = number
        self.name = name
        self.email = email
        self.role = role
        self.teamIDs = teamIDs
        self.skills = skills
        self.languages = languages
        self.capacity = capacity
        self.presence = presence
        self.active = active
        self.createdAt = createdAt
    }
}

/// What is needed to create an agent. The password hash is produced by the server, never here.
public struct NewAgent: Sendable, Hashable {
    public var organizationID: Organization.ID
    public var name: String
    public var email: String
    public var role: Agent.Role
    public var teamIDs: [Team.ID]
    public var skills: [String]
    public var languages: [String]
    public var capacity: Int

    public init(
        organizationID: Organization.ID, name: String, email: String, role: Agent.Role,
        teamIDs: [Team.ID] = [], skills: [String] = [], languages: [String] = ["en"], capacity: Int = 10
    ) throws {
        self.organizationID = organizationID
        self.name = try Validate.name(name, field: "name")
        let email = email.trimmingWhitespace().lowercased()
        guard ContactIdentity.isPlausibleEmail(email) else {
            throw DomainError.invalidField("email", "not an email address")
        }
        self.email = email
        self.role = role
        self.teamIDs = Array(Set(teamIDs)).sorted()
        self.skills = try AgentProfile.skills(skills)
        self.languages = try AgentProfile.languages(languages)
        self.capacity = try AgentProfile.capacity(capacity)
    }
}

/// Changes an admin may make to an agent; nil leaves a value as it is.
public struct AgentUpdate: Sendable, Hashable {
    public var name: String?
    public var role: Agent.Role?
    public var teamIDs: [Team.ID]?
    public var skills: [String]?
    public var languages: [String]?
    public var capacity: Int?
    public var presence: Agent.Presence?
    public var active: Bool?

    public init(
        name: String? = nil, role: Agent.Role? = nil, teamIDs: [Team.ID]? = nil, skills: [String]? = nil,
        languages: [String]? = nil, capacity: Int? = nil, presence: Agent.Presence? = nil, active: Bool? = nil
    ) throws {
        self.name = try name.map { try Validate.name($0, field: "name") }
        self.role = role
        self.teamIDs = teamIDs.map { Array(Set($0)).sorted() }
        self.skills = try skills.map(AgentProfile.skills)
        self.languages = try languages.map(AgentProfile.languages)
        self.capacity = try capacity.map(AgentProfile.capacity)
        self.presence = presence
        self.active = active
    }
}

enum AgentProfile {
    static func skills(_ values: [String]) throws -> [String] {
        guard values.count <= Limits.skillsPerAgent else { throw DomainError.invalidField("skills", "at most \(Limits.skillsPerAgent) skills") }
        return Array(Set(try values.map { try Validate.name($0, field: "skills", maxLength: Limits.skill).lowercased() })).sorted()
    }

    static func languages(_ values: [String]) throws -> [String] {
        guard values.count <= Limits.languagesPerAgent else { throw DomainError.invalidField("languages", "at most \(Limits.languagesPerAgent) languages") }
        return Array(Set(try values.map { try LanguageTag.validate($0, field: "languages") })).sorted()
    }

    static func capacity(_ value: Int) throws -> Int {
        guard Limits.capacity.contains(value) else { throw DomainError.invalidField("capacity", "capacity is \(Limits.capacity.lowerBound) to \(Limits.capacity.upperBound) tickets") }
        return value
    }
}
