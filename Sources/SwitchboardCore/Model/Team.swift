import Foundation

/// A department (orders, logistics, payments…) with business hours in its own time zone.
public struct Team: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Team>

    public var id: ID
    public var organizationID: Organization.ID
    public var name: String
    public var hours: BusinessHours
    public var createdAt: Date

    public init(id: ID, organizationID: Organization.ID, name: String, hours: BusinessHours, createdAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.hours = hours
        self.createdAt = createdAt
    }
}

/// What is needed to create a team.
public struct NewTeam: Sendable, Hashable {
    public var organizationID: Organization.ID
    public var name: String
    public var hours: BusinessHours

    public init(organizationID: Organization.ID, name: String, hours: BusinessHours) throws {
        self.organizationID = organizationID
        self.name = try Validate.name(name, field: "name")
        self.hours = hours
    }
}
