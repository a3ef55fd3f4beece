import SwitchboardCore

/// Short references to related records, embedded in responses.
struct CustomerSummary: JSONWritable, Sendable {
    let id: Int64
    let name: String

    func write(to writer: inout JSONWriter) {
        writer.object { $0.field("id", id); $0.field("name", name) }
    }
}

struct TeamSummary: JSONWritable, Sendable {
    let id: Int64
    let name: String

    init(_ team: Team) {
        id = team.id.rawValue
        name = team.name
    }

    func write(to writer: inout JSONWriter) {
        writer.object { $0.field("id", id); $0.field("name", name) }
    }
}

/// An agent as others see them: the public agent number and name.
struct AgentSummary: JSONWritable, Sendable {
    let id: Int64
    let number: Int64
    let name: String

    init(_ agent: Agent) {
        id = agent.id.rawValue
        number = agent.number
        name = agent.name
    }

    func write(to writer: inout JSONWriter) {
        writer.object { $0.field("id", id); $0.field("name", name); $0.field("number", number) }
    }
}

struct OrganizationSummary: JSONWritable, Sendable {
    let id: Int64
    let name: String

    init(_ organization: Organization) {
        id = organization.id.rawValue
        name = organization.name
    }

    func write(to writer: inout JSONWriter) {
        writer.object { $0.field("id", id); $0.field("name", name) }
    }
}

extension JSONWriter {
    /// Writes an optional nested value, or null.
    mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        key(name)
        if let value { value.write(to: &self) } else { null() }
    }
}

/// Who a response is for: staff see everything, a customer sees their progress.
enum Audience: Sendable {
    case staff
    case customer

    init(_ principal: Principal) {
        self = AccessPolicy.seesInternal(principal) ? .staff : .customer
    }
}
