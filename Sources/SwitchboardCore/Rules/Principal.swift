/// Who is making a request, as far as the rules care.
public enum Principal: Sendable, Hashable {
    case agent(StaffMember)
    case customer(Customer.ID)
    case integration(Integration)

    /// A signed-in agent with what the rules need to know about them.
    public struct StaffMember: Sendable, Hashable {
        public var agentID: Agent.ID
        public var organizationID: Organization.ID
        public var organizationKind: Organization.Kind
        public var role: Agent.Role
        public var teamIDs: Set<Team.ID>

        public init(agentID: Agent.ID, organizationID: Organization.ID, organizationKind: Organization.Kind, role: Agent.Role, teamIDs: Set<Team.ID>) {
            self.agentID = agentID
            self.organizationID = organizationID
            self.organizationKind = organizationKind
            self.role = role
            self.teamIDs = teamIDs
        }

        public init(agent: Agent, organizationKind: Organization.Kind) {
            self.init(
                agentID: agent.id, organizationID: agent.organizationID, organizationKind: organizationKind,
                role: agent.role, teamIDs: Set(agent.teamIDs)
            )
        }
    }

    /// An API token used by another system, acting for one organization within its scopes.
    public struct Integration: Sendable, Hashable {
        public var tokenID: Int64
        public var organizationID: Organization.ID
        public var organizationKind: Organization.Kind
        public var scopes: Set<APIScope>

        public init(tokenID: Int64, organizationID: Organization.ID, organizationKind: Organization.Kind, scopes: Set<APIScope>) {
            self.tokenID = tokenID
            self.organizationID = organizationID
            self.organizationKind = organizationKind
            self.scopes = scopes
        }
    }

    /// The actor recorded on events this principal causes.
    public var eventActor: EventActor {
        switch self {
        case .agent(let staff): .agent(staff.agentID)
        case .customer(let id): .customer(id)
        case .integration(let integration): .integration(integration.tokenID)
        }
    }

    /// The author of messages this principal writes.
    public var messageAuthor: MessageAuthor {
        switch self {
        case .agent(let staff): .agent(staff.agentID)
        case .customer(let id): .customer(id)
        case .integration: .system
        }
    }
}

/// What an API token may do.
public enum APIScope: String, Sendable, Hashable, Codable, CaseIterable {
    case ticketsRead = "tickets:read"
    case ticketsWrite = "tickets:write"
    case customersRead = "customers:read"
    case customersWrite = "customers:write"
}

/// Which tickets a principal can see, in a form the store can filter by.
public enum TicketVisibility: Sendable, Hashable {
    /// Every ticket on the desk (platform staff).
    case all
    /// Tickets that involve one merchant (that merchant's staff and tokens).
    case merchant(Organization.ID)
    /// One customer's own tickets.
    case customer(Customer.ID)

    public func allows(_ ticket: Ticket) -> Bool {
        switch self {
        case .all: true
        case .merchant(let id): ticket.merchantID == id
        case .customer(let id): ticket.customerID == id
        }
    }
}
