/// Who may do what. Records the caller may not see are "not found", never "forbidden",
/// so the answer does not reveal that they exist.
public enum AccessPolicy {
    /// Which tickets `principal` may see at all. Tokens need a tickets scope.
    public static func ticketVisibility(_ principal: Principal) throws -> TicketVisibility {
        switch principal {
        case .agent(let staff):
            return staff.organizationKind == .platform ? .all : .merchant(staff.organizationID)
        case .customer(let id):
            return .customer(id)
        case .integration(let integration):
            guard !integration.scopes.isDisjoint(with: [.ticketsRead, .ticketsWrite]) else {
                throw DomainError.forbidden("this API token has no tickets scope")
            }
            return integration.organizationKind == .platform ? .all : .merchant(integration.organizationID)
        }
    }

    /// Throws not-found unless `principal` can see `ticket`.
    public static func requireVisible(_ ticket: Ticket, to principal: Principal) throws {
        guard try ticketVisibility(principal).allows(ticket) else { throw DomainError.notFound("ticket") }
    }

    /// Checks that `principal` may open tickets (and, for a customer, only for themselves). A
    /// merchant's staff and tokens open tickets that involve their merchant, for their own teams
    /// and agents — the rule assign and transfer apply. `assignee` and `team` are the records the
    /// new ticket names, already loaded.
    public static func requireCanCreate(_ ticket: NewTicket, by principal: Principal, assignee: Agent? = nil, team: Team? = nil) throws {
        switch principal {
        case .customer(let id):
            guard ticket.customerID == id else { throw DomainError.forbidden("customers open tickets for themselves only") }
            guard ticket.assigneeID == nil, ticket.teamID == nil else {
                throw DomainError.forbidden("customers cannot choose a team or an agent")
            }
        case .agent(let staff):
            if staff.organizationKind == .merchant, ticket.merchantID != staff.organizationID {
                throw DomainError.forbidden("a merchant's agents open tickets that involve their own merchant")
            }
            try requireSameOrganization(assignee: assignee, team: team, organization: staff.organizationID, kind: staff.organizationKind)
        case .integration(let integration):
            try requireScope(.ticketsWrite, integration)
            if integration.organizationKind == .merchant, ticket.merchantID != integration.organizationID {
                throw DomainError.forbidden("a merchant's token opens tickets that involve its own merchant")
            }
            try requireSameOrganization(assignee: assignee, team: team, organization: integration.organizationID, kind: integration.organizationKind)
        }
    }

    /// Checks that `principal` may add messages to a ticket they can see. (That a customer's
    /// message is public is a rule of `NewMessage` itself.)
    public static func requireCanWrite(by principal: Principal) throws {
        if case .integration(let integration) = principal {
            try requireScope(.ticketsWrite, integration)
        }
    }

    /// Whether `principal` sees internal notes and internal events.
    public static func seesInternal(_ principal: Principal) -> Bool {
        if case .customer = principal { return false }
        return true
    }

    /// Checks a change to a ticket the principal can see. `assignee` and `team` are the records
    /// the command names, already loaded (nil when the command names none).
    public static func requireCanApply(
        _ command: TicketCommand, to ticket: Ticket, by principal: Principal, assignee: Agent?, team: Team?
    ) throws {
        switch principal {
        case .customer:
            throw DomainError.forbidden("customers cannot change a ticket's handling")
        case .integration(let integration):
            try requireScope(.ticketsWrite, integration)
            try requireSameOrganization(assignee: assignee, team: team, organization: integration.organizationID, kind: integration.organizationKind)
        case .agent(let staff):
            try requireSameOrganization(assignee: assignee, team: team, organization: staff.organizationID, kind: staff.organizationKind)
            guard staff.role == .agent else { return }
            // A plain agent works the tickets of their own teams: they may take or pass one within the
            // team, or transfer it out with a reason. Moving work between other teams is a supervisor's call.
            let ownsTicketTeam = ticket.teamID.map { staff.teamIDs.contains($0) } ?? true
            switch command {
            case .assign(let target):
                guard ownsTicketTeam else {
                    throw DomainError.forbidden("only supervisors reassign tickets of a team you are not in")
                }
                if let assignee, target != nil, let teamID = ticket.teamID, !assignee.teamIDs.contains(teamID) {
                    throw DomainError.forbidden("only supervisors assign a ticket to an agent outside its team")
                }
            case .transfer(_, _, let target):
                guard ownsTicketTeam else {
                    throw DomainError.forbidden("only supervisors transfer tickets of a team you are not in")
                }
                if let assignee, let team, target != nil, !assignee.teamIDs.contains(team.id) {
                    throw DomainError.forbidden("only supervisors assign a ticket to an agent outside its team")
                }
            case .handBackToAssistant:
                // Giving a chat back is the work of whoever has it, or of its team.
                guard ownsTicketTeam || ticket.assigneeID == staff.agentID else {
                    throw DomainError.forbidden("only supervisors hand back chats of a team you are not in")
                }
            case .acceptChat(let agent):
                // Each agent accepts for themselves, a chat of their team or one given to them.
                guard agent == staff.agentID else { throw DomainError.forbidden("an agent accepts a chat for themselves") }
                guard ownsTicketTeam || ticket.assigneeID == staff.agentID else {
                    throw DomainError.forbidden("only supervisors accept chats of a team you are not in")
                }
            case .setStatus, .setPriority, .setTags, .setFields, .setProblem, .setCategory, .setLanguage:
                break
            }
        }
    }

    /// Checks that the principal is staff of at least `role`.
    @discardableResult
    public static func requireStaff(_ principal: Principal, role: Agent.Role = .agent) throws -> Principal.StaffMember {
        guard case .agent(let staff) = principal else {
            throw DomainError.forbidden("this needs a signed-in agent")
        }
        guard staff.role >= role else { throw DomainError.forbidden("this needs the \(role.rawValue) role") }
        return staff
    }

    /// Checks that the principal administers `organization`: platform admins administer every
    /// organization, a merchant's admins their own.
    @discardableResult
    public static func requireAdmin(_ principal: Principal, of organization: Organization.ID? = nil) throws -> Principal.StaffMember {
        let staff = try requireStaff(principal, role: .admin)
        if staff.organizationKind == .merchant {
            guard let organization, organization == staff.organizationID else {
                throw DomainError.forbidden("a merchant's admins manage their own organization only")
            }
        }
        return staff
    }

    /// Checks that `principal` may read customer records; returns the merchant whose tickets
    /// bound what they see, or nil for the whole desk.
    public static func customerReadScope(_ principal: Principal) throws -> Organization.ID? {
        switch principal {
        case .agent(let staff):
            return staff.organizationKind == .platform ? nil : staff.organizationID
        case .integration(let integration):
            guard !integration.scopes.isDisjoint(with: [.customersRead, .customersWrite]) else {
                throw DomainError.forbidden("this API token has no customers scope")
            }
            return integration.organizationKind == .platform ? nil : integration.organizationID
        case .customer:
            throw DomainError.forbidden("customers cannot read customer records")
        }
    }

    /// Checks that `principal` may create customers and add identities (platform staff and tokens).
    public static func requireCustomerWrite(_ principal: Principal) throws {
        switch principal {
        case .agent(let staff):
            guard staff.organizationKind == .platform else {
                throw DomainError.forbidden("customer records are kept by the platform's staff")
            }
        case .integration(let integration):
            try requireScope(.customersWrite, integration)
            guard integration.organizationKind == .platform else {
                throw DomainError.forbidden("customer records are kept by the platform")
            }
        case .customer:
            throw DomainError.forbidden("customers cannot edit customer records")
        }
    }

    static func requireScope(_ scope: APIScope, _ integration: Principal.Integration) throws {
        guard integration.scopes.contains(scope) else {
            throw DomainError.forbidden("this API token lacks the \(scope.rawValue) scope")
        }
    }

    static func requireSameOrganization(assignee: Agent?, team: Team?, organization: Organization.ID, kind: Organization.Kind) throws {
        guard kind == .merchant else { return }
        if let assignee, assignee.organizationID != organization {
            throw DomainError.notFound("agent")
        }
        if let team, team.organizationID != organization {
            throw DomainError.notFound("team")
        }
    }
}
