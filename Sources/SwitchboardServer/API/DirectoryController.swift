import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// Organizations, teams, agents, custom fields: read by staff, managed by admins.
struct DirectoryController: Sendable {
    let desk: Desk

    func register(on router: Router<DeskRequestContext>) {
        let organizations = router.group("api/v1/organizations")
        organizations.get(use: listOrganizations)
        organizations.post(use: createOrganization)
        organizations.get("{id}", use: showOrganization)
        let teams = router.group("api/v1/teams")
        teams.get(use: listTeams)
        teams.post(use: createTeam)
        teams.get("{id}", use: showTeam)
        teams.patch("{id}", use: updateTeam)
        let agents = router.group("api/v1/agents")
        agents.get(use: listAgents)
        agents.post(use: createAgent)
        agents.get("{id}", use: showAgent)
        agents.patch("{id}", use: updateAgent)
        let fields = router.group("api/v1/fields")
        fields.get(use: listFields)
        fields.post(use: createField)
    }

    // MARK: Organizations (platform admins)

    @Sendable func listOrganizations(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal())
        let all = try await desk.store.organizations()
        let visible = staff.organizationKind == .platform ? all : all.filter { $0.id == staff.organizationID || $0.kind == .platform }
        return try JSONBody.response(["organizations": visible.map(OrganizationResponse.init)])
    }

    struct CreateOrganizationRequest: Decodable {
        var name: String
        var kind: Organization.Kind
    }

    @Sendable func createOrganization(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireAdmin(try context.requirePrincipal())
        let body = try await JSONBody.decode(CreateOrganizationRequest.self, from: request, limit: 16 * 1024)
        let organization = try await createOrganization(NewOrganization(name: body.name, kind: body.kind), by: staff)
        return try created(OrganizationResponse(organization), at: "/api/v1/organizations/\(organization.id)")
    }

    /// Stores a new organization (platform admins only) and lets the directory cache know.
    func createOrganization(_ new: NewOrganization, by staff: Principal.StaffMember) async throws -> Organization {
        guard staff.role == .admin, staff.organizationKind == .platform else { throw DomainError.forbidden("only the platform's admins add organizations") }
        let organization = try await desk.store.createOrganization(new)
        desk.directory.invalidate()
        return organization
    }

    @Sendable func showOrganization(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal())
        guard let id = context.parameters.get("id", as: Int64.self), let organization = try await desk.store.organization(Organization.ID(id)),
              staff.organizationKind == .platform || organization.id == staff.organizationID || organization.kind == .platform
        else { throw APIError.notFound("organization") }
        return try JSONBody.response(OrganizationResponse(organization))
    }

    // MARK: Teams

    @Sendable func listTeams(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal())
        let teams = try await desk.store.teams(organization: staff.organizationKind == .platform ? nil : staff.organizationID)
        let now = desk.clock.now()
        return try JSONBody.response(["teams": teams.map { TeamResponse($0, now: now) }])
    }

    struct TeamRequest: Decodable {
        var organizationId: Int64?
        var name: String?
        var hours: BusinessHours?
    }

    @Sendable func createTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await JSONBody.decode(TeamRequest.self, from: request, limit: 64 * 1024)
        let staff = try AccessPolicy.requireStaff(principal)
        let organization = body.organizationId.map(Organization.ID.init) ?? staff.organizationID
        try AccessPolicy.requireAdmin(principal, of: organization)
        guard let name = body.name else { throw APIError.badRequest("name is required", field: "name") }
        let hours = try body.hours ?? BusinessHours.weekdays(from: 9, to: 18, timeZone: "UTC")
        let team = try await createTeam(NewTeam(organizationID: organization, name: name, hours: hours))
        return try created(TeamResponse(team, now: desk.clock.now()), at: "/api/v1/teams/\(team.id)")
    }

    /// Stores a new team and lets the directory cache know.
    func createTeam(_ new: NewTeam) async throws -> Team {
        let team = try await desk.store.createTeam(new)
        desk.directory.invalidate()
        return team
    }

    @Sendable func showTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let team = try await visibleTeam(context)
        return try JSONBody.response(TeamResponse(team, now: desk.clock.now()))
    }

    @Sendable func updateTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let team = try await visibleTeam(context)
        try AccessPolicy.requireAdmin(try context.requirePrincipal(), of: team.organizationID)
        let body = try await JSONBody.decode(TeamRequest.self, from: request, limit: 64 * 1024)
        let updated = try await updateTeam(team, name: body.name, hours: body.hours)
        return try JSONBody.response(TeamResponse(updated, now: desk.clock.now()))
    }

    /// Renames a team or changes its hours, and lets the directory cache know.
    func updateTeam(_ team: Team, name: String?, hours: BusinessHours?) async throws -> Team {
        let updated = try await desk.store.updateTeam(team.id, name: name, hours: hours)
        desk.directory.invalidate()
        return updated
    }

    private func visibleTeam(_ context: DeskRequestContext) async throws -> Team {
        try await visibleTeam(context.parameters.get("id", as: Int64.self), principal: try context.requirePrincipal())
    }

    /// A team the staff member may see: any on the platform, their own organization's on a merchant.
    /// Others are "not found", never "forbidden".
    func visibleTeam(_ id: Int64?, principal: Principal) async throws -> Team {
        let staff = try AccessPolicy.requireStaff(principal)
        guard let id, let team = try await desk.store.team(Team.ID(id)),
              staff.organizationKind == .platform || team.organizationID == staff.organizationID
        else { throw APIError.notFound("team") }
        return team
    }

    // MARK: Agents

    @Sendable func listAgents(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal())
        let agents = try await desk.store.agents(organization: staff.organizationKind == .platform ? nil : staff.organizationID)
        return try JSONBody.response(["agents": agents.map(AgentResponse.init)])
    }

    struct CreateAgentRequest: Decodable {
        var organizationId: Int64?
        var name: String
        var email: String
        var role: Agent.Role
        var password: String?
        var teamIds: [Int64]?
        var skills: [String]?
        var languages: [String]?
        var capacity: Int?
    }

    @Sendable func createAgent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await JSONBody.decode(CreateAgentRequest.self, from: request, limit: 64 * 1024)
        let staff = try AccessPolicy.requireStaff(principal)
        let organization = body.organizationId.map(Organization.ID.init) ?? staff.organizationID
        try AccessPolicy.requireAdmin(principal, of: organization)
        let new = try NewAgent(
            organizationID: organization, name: body.name, email: body.email, role: body.role,
            teamIDs: (body.teamIds ?? []).map(Team.ID.init), skills: body.skills ?? [], languages: body.languages ?? ["en"],
            capacity: body.capacity ?? 10
        )
        let agent = try await createAgent(new, password: body.password)
        return try created(AgentResponse(agent), at: "/api/v1/agents/\(agent.id)")
    }

    /// Stores a new agent with an optional first password (checked for strength, stored hashed).
    func createAgent(_ new: NewAgent, password: String?) async throws -> Agent {
        var hash: String?
        if let password {
            try PasswordHasher.validate(password)
            hash = try await desk.passwords.hash(password)
        }
        let agent = try await desk.store.createAgent(new, passwordHash: hash)
        desk.directory.invalidate()
        return agent
    }

    @Sendable func showAgent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try JSONBody.response(AgentResponse(try await visibleAgent(context)))
    }

    struct UpdateAgentRequest: Decodable {
        var name: String?
        var role: Agent.Role?
        var teamIds: [Int64]?
        var skills: [String]?
        var languages: [String]?
        var capacity: Int?
        var presence: Agent.Presence?
        var active: Bool?
        var password: String?
    }

    @Sendable func updateAgent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let agent = try await visibleAgent(context)
        let body = try await JSONBody.decode(UpdateAgentRequest.self, from: request, limit: 64 * 1024)
        let staff = try AccessPolicy.requireStaff(principal)
        let onlyPresence = body.name == nil && body.role == nil && body.teamIds == nil && body.skills == nil && body.languages == nil
            && body.capacity == nil && body.active == nil && body.password == nil
        // Agents set their own presence; everything else is an admin's job.
        if !(onlyPresence && staff.agentID == agent.id) {
            try AccessPolicy.requireAdmin(principal, of: agent.organizationID)
        }
        let update = try AgentUpdate(
            name: body.name, role: body.role, teamIDs: body.teamIds.map { $0.map(Team.ID.init) }, skills: body.skills,
            languages: body.languages, capacity: body.capacity, presence: body.presence, active: body.active
        )
        return try JSONBody.response(AgentResponse(try await updateAgent(agent, update, password: body.password, by: staff)))
    }

    /// Applies a change to an agent. Teams must be the agent's organization's, and an admin cannot
    /// lock themselves out: no deactivating their own account, no giving up their own admin role
    /// (another admin can). A new password is checked for strength and stored hashed.
    func updateAgent(_ agent: Agent, _ update: AgentUpdate, password: String?, by staff: Principal.StaffMember) async throws -> Agent {
        if agent.id == staff.agentID {
            if update.active == false { throw DomainError.invalidField("active", "you cannot deactivate your own account; ask another admin") }
            if let role = update.role, agent.role == .admin, role != .admin {
                throw DomainError.invalidField("role", "you cannot give up your own admin role; ask another admin")
            }
        }
        if let teams = update.teamIDs, !teams.isEmpty {
            let own = Set(try await desk.store.teams(organization: agent.organizationID).map(\.id))
            guard teams.allSatisfy(own.contains) else { throw DomainError.invalidField("teamIds", "agents join teams of their own organization") }
        }
        var updated = try await desk.store.updateAgent(agent.id, update)
        if let password {
            try PasswordHasher.validate(password)
            try await desk.store.setPasswordHash(try await desk.passwords.hash(password), for: agent.id)
            updated = try await desk.store.agent(agent.id) ?? updated
        }
        desk.directory.invalidate()
        return updated
    }

    private func visibleAgent(_ context: DeskRequestContext) async throws -> Agent {
        try await visibleAgent(context.parameters.get("id", as: Int64.self), principal: try context.requirePrincipal())
    }

    /// An agent the staff member may see: anyone on the platform, their own organization's on a
    /// merchant. Others are "not found", never "forbidden".
    func visibleAgent(_ id: Int64?, principal: Principal) async throws -> Agent {
        let staff = try AccessPolicy.requireStaff(principal)
        guard let id, let agent = try await desk.store.agent(Agent.ID(id)),
              staff.organizationKind == .platform || agent.organizationID == staff.organizationID
        else { throw APIError.notFound("agent") }
        return agent
    }

    // MARK: Custom fields

    @Sendable func listFields(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try AccessPolicy.requireStaff(try context.requirePrincipal())
        return try JSONBody.response(["fields": try await desk.store.fieldDefinitions()])
    }

    @Sendable func createField(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireAdmin(try context.requirePrincipal())
        guard staff.organizationKind == .platform else { throw DomainError.forbidden("custom fields are defined by the platform's admins") }
        let definition = try await JSONBody.decode(CustomFieldDefinition.self, from: request, limit: 64 * 1024)
        try await desk.store.createFieldDefinition(definition, at: desk.clock.now())
        return try created(definition, at: "/api/v1/fields")
    }

    private func created<T: Encodable>(_ value: T, at location: String) throws -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return try JSONBody.response(value, status: .created, headers: headers)
    }
}
