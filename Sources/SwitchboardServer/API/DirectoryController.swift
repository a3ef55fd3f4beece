import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// Organizations, teams, agents, custom fields: read by staff, managed by admins.
struct DirectoryController: Sendable {
    let store: any Store
    let changes: DirectoryChanges
    let clock: any WallClock

    func register(on router: RouterGroup<DeskRequestContext>) {
        let organizations = router.group("v1/organizations")
        organizations.get(use: listOrganizations)
        organizations.post(use: createOrganization)
        organizations.get("{id}", use: showOrganization)
        let teams = router.group("v1/teams")
        teams.get(use: listTeams)
        teams.post(use: createTeam)
        teams.get("{id}", use: showTeam)
        teams.patch("{id}", use: updateTeam)
        let agents = router.group("v1/agents")
        agents.get(use: listAgents)
        agents.post(use: createAgent)
        agents.get("{id}", use: showAgent)
        agents.patch("{id}", use: updateAgent)
        let fields = router.group("v1/fields")
        fields.get(use: listFields)
        fields.post(use: createField)
    }

    // MARK: Organizations (platform admins)

    @Sendable func listOrganizations(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal())
        let all = try await store.organizations()
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
        let organization = try await changes.createOrganization(NewOrganization(name: body.name, kind: body.kind), by: staff)
        return try created(OrganizationResponse(organization), at: "/api/v1/organizations/\(organization.id)")
    }

    @Sendable func showOrganization(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal())
        guard let id = context.parameters.get("id", as: Int64.self), let organization = try await store.organization(Organization.ID(id)),
              staff.organizationKind == .platform || organization.id == staff.organizationID || organization.kind == .platform
        else { throw APIError.notFound("organization") }
        return try JSONBody.response(OrganizationResponse(organization))
    }

    // MARK: Teams

    @Sendable func listTeams(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal())
        let teams = try await store.teams(organization: staff.organizationKind == .platform ? nil : staff.organizationID)
        let now = clock.now()
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
        let team = try await changes.createTeam(NewTeam(organizationID: organization, name: name, hours: hours))
        return try created(TeamResponse(team, now: clock.now()), at: "/api/v1/teams/\(team.id)")
    }

    @Sendable func showTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let team = try await visibleTeam(context)
        return try JSONBody.response(TeamResponse(team, now: clock.now()))
    }

    @Sendable func updateTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let team = try await visibleTeam(context)
        try AccessPolicy.requireAdmin(try context.requirePrincipal(), of: team.organizationID)
        let body = try await JSONBody.decode(TeamRequest.self, from: request, limit: 64 * 1024)
        let updated = try await changes.updateTeam(team, name: body.name, hours: body.hours)
        return try JSONBody.response(TeamResponse(updated, now: clock.now()))
    }

    private func visibleTeam(_ context: DeskRequestContext) async throws -> Team {
        try await changes.visibleTeam(context.parameters.get("id", as: Int64.self), principal: try context.requirePrincipal())
    }

    // MARK: Agents

    @Sendable func listAgents(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal())
        let agents = try await store.agents(organization: staff.organizationKind == .platform ? nil : staff.organizationID)
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
        let agent = try await changes.createAgent(new, password: body.password)
        return try created(AgentResponse(agent), at: "/api/v1/agents/\(agent.id)")
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
        return try JSONBody.response(AgentResponse(try await changes.updateAgent(agent, update, password: body.password, by: staff, session: context.session?.tokenHash)))
    }

    private func visibleAgent(_ context: DeskRequestContext) async throws -> Agent {
        try await changes.visibleAgent(context.parameters.get("id", as: Int64.self), principal: try context.requirePrincipal())
    }

    // MARK: Custom fields

    @Sendable func listFields(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try AccessPolicy.requireStaff(try context.requirePrincipal())
        return try JSONBody.response(["fields": try await store.fieldDefinitions()])
    }

    @Sendable func createField(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireAdmin(try context.requirePrincipal())
        guard staff.organizationKind == .platform else { throw DomainError.forbidden("custom fields are defined by the platform's admins") }
        let definition = try await JSONBody.decode(CustomFieldDefinition.self, from: request, limit: 64 * 1024)
        try await store.createFieldDefinition(definition, at: clock.now())
        return try created(definition, at: "/api/v1/fields")
    }

    private func created<T: Encodable>(_ value: T, at location: String) throws -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return try JSONBody.response(value, status: .created, headers: headers)
    }
}
