import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The admin page: the desk's organizations, teams, agents and API tokens, with token creation and
/// revocation. A platform admin sees the whole desk; a merchant's admin sees their own organization.
struct AdminPagesController: Sendable {
    let pages: Pages
    let store: any Store
    let directory: DirectoryChanges
    let clock: any WallClock

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get(use: overview)
        router.post("organizations", use: createOrganization)
        router.post("teams", use: createTeam)
        router.post("agents", use: createAgent)
        router.post("tokens", use: createToken)
        router.post("tokens/{id}/revoke", use: revokeToken)
        router.get("agents/{id}", use: showAgent)
        router.post("agents/{id}", use: updateAgent)
        router.get("teams/{id}", use: showTeam)
        router.post("teams/{id}", use: updateTeam)
    }

    @Sendable func overview(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (staff, _) = try admin(context)
        return try await render(request, staff: staff, csrf: context.session?.csrfToken ?? "", newSecret: nil, problem: Pages.problem(request))
    }

    @Sendable func createToken(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (staff, form) = try admin(context)
        let name = (form["name"] ?? "").trimmingWhitespace()
        let scopes = form.values("scope").compactMap(APIScope.init(rawValue:))
        guard !name.isEmpty, name.count <= 100, !Validate.containsControlCharacters(name, allowingLineBreaks: false) else {
            return Pages.redirect("/admin", problem: DomainError.invalidField("tokenName", "the integration needs a name of at most 100 characters"))
        }
        guard !scopes.isEmpty else {
            return Pages.redirect("/admin", problem: DomainError.invalidField("scope", "choose at least one permission"))
        }
        let (_, secret) = try await directory.issueToken(organization: staff.organizationID, name: name, scopes: scopes, by: staff, at: clock.now())
        // The secret is shown on this response only; it is stored hashed.
        return try await render(request, staff: staff, csrf: context.session?.csrfToken ?? "", newSecret: secret, problem: nil, status: .created)
    }

    @Sendable func revokeToken(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (staff, _) = try admin(context)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        _ = try await directory.revokeToken(id, by: staff, at: clock.now())
        return Pages.redirect("/admin")
    }

    /// A merchant selling on the platform (platform admins only); its first admin is added below.
    @Sendable func createOrganization(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (staff, form) = try admin(context)
        do {
            _ = try await directory.createOrganization(NewOrganization(name: form["name"] ?? "", kind: .merchant), by: staff)
        } catch let error as DomainError where error.code != .forbidden {
            return Pages.redirect("/admin", problem: error)
        }
        return Pages.redirect("/admin")
    }

    /// A team of the admin's organization, open on weekdays between two hours in its own time zone.
    @Sendable func createTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (staff, form) = try admin(context)
        do {
            let name = (form["name"] ?? "").trimmingWhitespace()
            let zone = (form["timeZone"] ?? "").trimmingWhitespace()
            guard TimeZone(identifier: zone) != nil else { throw DomainError.invalidField("timeZone", "\(zone) is not an IANA time zone such as Asia/Shanghai") }
            guard let opens = form["opens"].flatMap(Int.init), let closes = form["closes"].flatMap(Int.init), 0 <= opens, opens < closes, closes <= 24 else {
                throw DomainError.invalidField("hours", "opening hours run from 0 to 24, opening before closing")
            }
            _ = try await directory.createTeam(NewTeam(
                organizationID: staff.organizationID, name: name, hours: try BusinessHours.weekdays(from: opens, to: closes, timeZone: zone)
            ))
        } catch let error as DomainError {
            return Pages.redirect("/admin", problem: error)
        }
        return Pages.redirect("/admin")
    }

    /// An agent of the admin's organization, with an optional first password.
    @Sendable func createAgent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (staff, form) = try admin(context)
        let principal = Principal.agent(staff)
        func list(_ name: String) -> [String] { Self.list(form[name]) }
        // Platform admins may add an agent to any organization (a new merchant's first admin);
        // a merchant's admins add to their own.
        let organization = form["organization"].flatMap(Int64.init).map(Organization.ID.init) ?? staff.organizationID
        try AccessPolicy.requireAdmin(principal, of: organization)
        do {
            guard let role = form["role"].flatMap(Agent.Role.init(rawValue:)) else { throw DomainError.invalidField("role", "choose a role") }
            guard try await store.organization(organization) != nil else { throw DomainError.invalidField("organization", "choose an organization") }
            let ownTeams = Set(try await store.teams(organization: organization).map(\.id))
            let teams = form.values("team").compactMap(Int64.init).map(Team.ID.init)
            guard teams.allSatisfy(ownTeams.contains) else { throw DomainError.invalidField("team", "agents join teams of their own organization") }
            let new = try NewAgent(
                organizationID: organization, name: form["name"] ?? "", email: form["email"] ?? "", role: role, teamIDs: teams,
                skills: list("skills"), languages: list("languages").isEmpty ? ["en"] : list("languages"), capacity: 10
            )
            _ = try await directory.createAgent(new, password: form["password"].flatMap { $0.isEmpty ? nil : $0 })
        } catch let error as DomainError {
            return Pages.redirect("/admin", problem: error)
        } catch let error as APIError where error.field != nil {
            return Pages.redirect("/admin", problem: DomainError.invalidField(error.field ?? "", error.message))
        }
        return Pages.redirect("/admin")
    }

    // MARK: One agent, one team

    /// The signed-in admin (the route group let only admins in) and the checked form, if any.
    private func admin(_ context: DeskRequestContext) throws -> (Principal.StaffMember, FormBody) {
        guard case .agent(let staff)? = context.principal else { throw APIError.unauthenticated }
        return (try AccessPolicy.requireStaff(.agent(staff), role: .admin), context.form ?? FormBody(pairs: []))
    }

    @Sendable func showAgent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (staff, _) = try admin(context)
        let agent = try await directory.visibleAgent(context.parameters.get("id", as: Int64.self), principal: .agent(staff))
        try AccessPolicy.requireAdmin(.agent(staff), of: agent.organizationID)
        let language = pages.language(request)
        let model = AgentEditPage(
            language: language.value, csrfToken: context.session?.csrfToken ?? "", user: try await user(staff),
            agent: agent, teams: try await store.teams(organization: agent.organizationID), isSelf: agent.id == staff.agentID,
            problem: Pages.problem(request)
        )
        return pages.page(model, language: language)
    }

    @Sendable func updateAgent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (signedIn, form) = try admin(context)
        let principal = Principal.agent(signedIn)
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
            _ = try await directory.updateAgent(agent, update, password: password, by: staff, session: context.session?.tokenHash)
        } catch let error as DomainError {
            return Pages.redirect(page, problem: error)
        } catch let error as APIError where error.field != nil {
            return Pages.redirect(page, problem: DomainError.invalidField(error.field ?? "", error.message))
        }
        return Pages.redirect("/admin")
    }

    @Sendable func showTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (staff, _) = try admin(context)
        let team = try await directory.visibleTeam(context.parameters.get("id", as: Int64.self), principal: .agent(staff))
        try AccessPolicy.requireAdmin(.agent(staff), of: team.organizationID)
        let language = pages.language(request)
        let model = TeamEditPage(
            language: language.value, csrfToken: context.session?.csrfToken ?? "", user: try await user(staff), team: team,
            problem: Pages.problem(request)
        )
        return pages.page(model, language: language)
    }

    @Sendable func updateTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (signedIn, form) = try admin(context)
        let principal = Principal.agent(signedIn)
        let team = try await directory.visibleTeam(context.parameters.get("id", as: Int64.self), principal: principal)
        try AccessPolicy.requireAdmin(principal, of: team.organizationID)
        do {
            let zone = (form["timeZone"] ?? "").trimmingWhitespace()
            let days = try (0..<7).map { try BusinessHours.day(from: form["day\($0)"] ?? "") }
            let hours = try BusinessHours(timeZone: zone, days: days)
            _ = try await directory.updateTeam(team, name: (form["name"] ?? "").trimmingWhitespace(), hours: hours)
        } catch let error as DomainError {
            return Pages.redirect("/admin/teams/\(team.id.rawValue)", problem: error)
        }
        return Pages.redirect("/admin")
    }

    private static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func user(_ staff: Principal.StaffMember) async throws -> PageFrame.User {
        try await StaffFrame.user(staff, store: store, now: clock.now())
    }

    func render(
        _ request: Request, staff: Principal.StaffMember, csrf: String, newSecret: String?, problem: String?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let scope: Organization.ID? = staff.organizationKind == .platform ? nil : staff.organizationID
        let organizations = try await store.organizations().filter { scope == nil || $0.id == scope }
        let teams = try await store.teams(organization: scope)
        let agents = try await store.agents(organization: scope)
        let language = pages.language(request)
        let model = AdminPage(
            language: language.value, csrfToken: csrf,
            user: try await StaffFrame.user(staff, store: store, now: clock.now()),
            organizations: organizations, teams: teams, agents: agents, tokens: try await directory.visibleTokens(staff), newSecret: newSecret,
            problem: problem, ownOrganization: staff.organizationID, isPlatformAdmin: staff.organizationKind == .platform
        )
        return pages.page(model, language: language, status: status)
    }
}
