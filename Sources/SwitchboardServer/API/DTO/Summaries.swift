import SwitchboardCore

/// Short references to related records, embedded in responses.
struct CustomerSummary: Encodable, Sendable {
    let id: Int64
    let name: String
}

struct TeamSummary: Encodable, Sendable {
    let id: Int64
    let name: String

    init(_ team: Team) {
        id = team.id.rawValue
        name = team.name
    }
}

/// An agent as others see them: the public agent number and name.
struct AgentSummary: Encodable, Sendable {
    let id: Int64
    let number: Int64
    let name: String

    init(_ agent: Agent) {
        id = agent.id.rawValue
        number = agent.number
        name = agent.name
    }
}

struct OrganizationSummary: Encodable, Sendable {
    let id: Int64
    let name: String

    init(_ organization: Organization) {
        id = organization.id.rawValue
        name = organization.name
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
