import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The admin page: the desk's organizations, teams, agents and API tokens, with token creation and
/// revocation. A platform admin sees the whole desk; a merchant's admin sees their own organization.
struct AdminPagesController: Sendable {
    let web: WebController
    var desk: Desk { web.desk }

    static let routes: Set<String> = [
        "get /admin", "post /admin/organizations", "post /admin/tokens", "post /admin/tokens/{id}/revoke", "post /admin/teams", "post /admin/agents",
        "get /admin/agents/{id}", "post /admin/agents/{id}", "get /admin/teams/{id}", "post /admin/teams/{id}",
    ]

    func register(on router: Router<DeskRequestContext>) {
        router.get("admin", use: overview)
        router.post("admin/organizations", use: createOrganization)
        router.post("admin/teams", use: createTeam)
        router.post("admin/agents", use: createAgent)
        router.post("admin/tokens", use: createToken)
        router.post("admin/tokens/{id}/revoke", use: revokeToken)
        router.get("admin/agents/{id}", use: showAgent)
        router.post("admin/agents/{id}", use: updateAgent)
        router.get("admin/teams/{id}", use: showTeam)
        router.post("admin/teams/{id}", use: updateTeam)
    }

    @Sendable func overview(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let staff = signedInAdmin(context) else { return elsewhere(context) }
        return try await render(request, context: context, staff: staff, newSecret: nil, error: request.uri.queryParameters["error"].map { String($0.prefix(300)) })
    }

    @Sendable func createToken(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try await web.checkedForm(request, context: context)
        let staff = try AccessPolicy.requireStaff(principal, role: .admin)
        let name = (form["name"] ?? "").trimmingWhitespace()
        let scopes = form.values("scope").compactMap(APIScope.init(rawValue:))
        guard !name.isEmpty, name.count <= 100, !Validate.containsControlCharacters(name, allowingLineBreaks: false) else {
            return WebController.redirect("/admin", error: "the integration needs a name of at most 100 characters")
        }
        guard !scopes.isEmpty else {
            return WebController.redirect("/admin", error: "choose at least one permission")
        }
        let (_, secret) = try await TokensController(desk: desk).issue(organization: staff.organizationID, name: name, scopes: scopes, by: staff)
        // The secret is shown on this response only; it is stored hashed.
        return try await render(request, context: context, staff: staff, newSecret: secret, error: nil, status: .created)
    }

    @Sendable func revokeToken(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, _) = try await web.checkedForm(request, context: context)
        let staff = try AccessPolicy.requireStaff(principal, role: .admin)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("API token") }
        _ = try await TokensController(desk: desk).revoke(id, by: staff)
        return WebController.redirect("/admin")
    }

    /// A merchant selling on the platform (platform admins only); its first admin is added below.
    @Sendable func createOrganization(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try await web.checkedForm(request, context: context)
        let staff = try AccessPolicy.requireStaff(principal, role: .admin)
        do {
            _ = try await directory.createOrganization(NewOrganization(name: form["name"] ?? "", kind: .merchant), by: staff)
        } catch let error as DomainError where error.code != .forbidden {
            return WebController.redirect("/admin", error: error.message)
        }
        return WebController.redirect("/admin")
    }

    /// A team of the admin's organization, open on weekdays between two hours in its own time zone.
    @Sendable func createTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try await web.checkedForm(request, context: context)
        let staff = try AccessPolicy.requireStaff(principal, role: .admin)
        do {
            let name = (form["name"] ?? "").trimmingWhitespace()
            let zone = (form["timeZone"] ?? "").trimmingWhitespace()
            guard TimeZone(identifier: zone) != nil else { throw DomainError.invalidField("timeZone", "\(zone) is not an IANA time zone such as Asia/Shanghai") }
            guard let opens = form["opens"].flatMap(Int.init), let closes = form["closes"].flatMap(Int.init), 0 <= opens, opens < closes, closes <= 24 else {
                throw DomainError.invalidField("hours", "opening hours run from 0 to 24, opening before closing")
            }
            _ = try await DirectoryController(desk: desk).createTeam(NewTeam(
                organizationID: staff.organizationID, name: name, hours: try BusinessHours.weekdays(from: opens, to: closes, timeZone: zone)
            ))
        } catch let error as DomainError {
            return WebController.redirect("/admin", error: error.message)
        }
        return WebController.redirect("/admin")
    }

    /// An agent of the admin's organization, with an optional first password.
    @Sendable func createAgent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try await web.checkedForm(request, context: context)
        let staff = try AccessPolicy.requireStaff(principal, role: .admin)
        func list(_ name: String) -> [String] { Self.list(form[name]) }
        // Platform admins may add an agent to any organization (a new merchant's first admin);
        // a merchant's admins add to their own.
        let organization = form["organization"].flatMap(Int64.init).map(Organization.ID.init) ?? staff.organizationID
        try AccessPolicy.requireAdmin(principal, of: organization)
        do {
            guard let role = form["role"].flatMap(Agent.Role.init(rawValue:)) else { throw DomainError.invalidField("role", "choose a role") }
            guard try await desk.store.organization(organization) != nil else { throw DomainError.invalidField("organization", "choose an organization") }
            let ownTeams = Set(try await desk.store.teams(organization: organization).map(\.id))
            let teams = form.values("team").compactMap(Int64.init).map(Team.ID.init)
            guard teams.allSatisfy(ownTeams.contains) else { throw DomainError.invalidField("team", "agents join teams of their own organization") }
            let new = try NewAgent(
                organizationID: organization, name: form["name"] ?? "", email: form["email"] ?? "", role: role, teamIDs: teams,
                skills: list("skills"), languages: list("languages").isEmpty ? ["en"] : list("languages"), capacity: 10
            )
            _ = try await DirectoryController(desk: desk).createAgent(new, password: form["password"].flatMap { $0.isEmpty ? nil : $0 })
        } catch let error as DomainError {
            return WebController.redirect("/admin", error: error.message)
        }
        return WebController.redirect("/admin")
    }

    // MARK: One agent, one team

    /// The signed-in admin, if it is one.
    private func signedInAdmin(_ context: DeskRequestContext) -> Principal.StaffMember? {
        guard case .agent(let staff)? = context.principal, staff.role == .admin else { return nil }
        return staff
    }

    /// Where anyone else goes: sign-in for strangers, the queue for agents who are not admins.
    private func elsewhere(_ context: DeskRequestContext) -> Response {
        if case .agent? = context.principal { return WebController.redirect("/agent") }
        return WebController.redirect("/sign-in")
    }

    @Sendable func showAgent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let staff = signedInAdmin(context) else { return elsewhere(context) }
        let agent = try await directory.visibleAgent(context.parameters.get("id", as: Int64.self), principal: .agent(staff))
        try AccessPolicy.requireAdmin(.agent(staff), of: agent.organizationID)
        let language = web.language(request)
        let model = AgentEditPage(
            language: language.value, csrfToken: context.session?.csrfToken ?? "", user: try await user(staff),
            agent: agent, teams: try await desk.store.teams(organization: agent.organizationID), isSelf: agent.id == staff.agentID,
            error: request.uri.queryParameters["error"].map { String($0.prefix(300)) }
        )
        return web.page(renderer: model, languageCookie: language.cookie)
    }

    @Sendable func updateAgent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try await web.checkedForm(request, context: context)
        let agent = try await directory.visibleAgent(context.parameters.get("id", as: Int64.self), principal: principal)
        let staff = try AccessPolicy.requireAdmin(principal, of: agent.organizationID)
        let page = "/admin/agents/\(agent.id.rawValue)"
        do {
            guard let role = form["role"].flatMap(Agent.Role.init(rawValue:)) else { throw DomainError.invalidField("role", "choose a role") }
            guard let capacity = form["capacity"].flatMap({ Int($0.trimmingWhitespace()) }) else {
                throw DomainError.invalidField("capacity", "capacity is a whole number of tickets")
            }
            let update = try AgentUpdate(
                name: form["name"] ?? "", role: role, teamIDs: form.values("team").compactMap(Int64.init).map(Team.ID.init),
                skills: Self.list(form["skills"]), languages: Self.list(form["languages"]), capacity: capacity, active: form["active"] == "yes"
            )
            let password = form["password"].flatMap { $0.isEmpty ? nil : $0 }
            _ = try await directory.updateAgent(agent, update, password: password, by: staff)
        } catch let error as DomainError {
            return WebController.redirect(page, error: error.message)
        }
        return WebController.redirect("/admin")
    }

    @Sendable func showTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let staff = signedInAdmin(context) else { return elsewhere(context) }
        let team = try await directory.visibleTeam(context.parameters.get("id", as: Int64.self), principal: .agent(staff))
        try AccessPolicy.requireAdmin(.agent(staff), of: team.organizationID)
        let language = web.language(request)
        let model = TeamEditPage(
            language: language.value, csrfToken: context.session?.csrfToken ?? "", user: try await user(staff), team: team,
            error: request.uri.queryParameters["error"].map { String($0.prefix(300)) }
        )
        return web.page(renderer: model, languageCookie: language.cookie)
    }

    @Sendable func updateTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try await web.checkedForm(request, context: context)
        let team = try await directory.visibleTeam(context.parameters.get("id", as: Int64.self), principal: principal)
        try AccessPolicy.requireAdmin(principal, of: team.organizationID)
        do {
            let zone = (form["timeZone"] ?? "").trimmingWhitespace()
            let days = try (0..<7).map { try BusinessHours.day(from: form["day\($0)"] ?? "") }
            let hours = try BusinessHours(timeZone: zone, days: days)
            _ = try await directory.updateTeam(team, name: (form["name"] ?? "").trimmingWhitespace(), hours: hours)
        } catch let error as DomainError {
            return WebController.redirect("/admin/teams/\(team.id.rawValue)", error: error.message)
        }
        return WebController.redirect("/admin")
    }

    private var directory: DirectoryController { DirectoryController(desk: desk) }

    private static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func user(_ staff: Principal.StaffMember) async throws -> PageFrame.User {
        let me = try await desk.store.agent(staff.agentID)
        return PageFrame.User(name: me?.name ?? "", agentNumber: me.map { String($0.number) }, isAdmin: true)
    }

    func render(
        _ request: Request, context: DeskRequestContext, staff: Principal.StaffMember, newSecret: String?, error: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let scope: Organization.ID? = staff.organizationKind == .platform ? nil : staff.organizationID
        let organizations = try await desk.store.organizations().filter { scope == nil || $0.id == scope }
        let teams = try await desk.store.teams(organization: scope)
        let agents = try await desk.store.agents(organization: scope)
        let me = agents.first { $0.id == staff.agentID }
        let language = web.language(request)
        let model = AdminPage(
            language: language.value, csrfToken: context.session?.csrfToken ?? "",
            user: PageFrame.User(name: me?.name ?? "", agentNumber: me.map { String($0.number) }, isAdmin: true),
            organizations: organizations, teams: teams, agents: agents, tokens: try await TokensController(desk: desk).visibleTokens(staff), newSecret: newSecret, error: error,
            ownOrganization: staff.organizationID, isPlatformAdmin: staff.organizationKind == .platform
        )
        var response = web.page(renderer: model, languageCookie: language.cookie)
        response.status = status
        return response
    }
}
