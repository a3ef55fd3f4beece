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

    static let routes: Set<String> = ["get /admin", "post /admin/tokens", "post /admin/tokens/{id}/revoke", "post /admin/teams", "post /admin/agents"]

    func register(on router: Router<DeskRequestContext>) {
        router.get("admin", use: overview)
        router.post("admin/teams", use: createTeam)
        router.post("admin/agents", use: createAgent)
        router.post("admin/tokens", use: createToken)
        router.post("admin/tokens/{id}/revoke", use: revokeToken)
    }

    @Sendable func overview(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent(let staff)? = context.principal else { return WebController.redirect("/sign-in") }
        guard staff.role == .admin else { return WebController.redirect("/agent") }
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
        func list(_ name: String) -> [String] {
            (form[name] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        do {
            guard let role = form["role"].flatMap(Agent.Role.init(rawValue:)) else { throw DomainError.invalidField("role", "choose a role") }
            let ownTeams = Set(try await desk.store.teams(organization: staff.organizationID).map(\.id))
            let teams = form.values("team").compactMap(Int64.init).map(Team.ID.init)
            guard teams.allSatisfy(ownTeams.contains) else { throw DomainError.invalidField("team", "agents join teams of their own organization") }
            let new = try NewAgent(
                organizationID: staff.organizationID, name: form["name"] ?? "", email: form["email"] ?? "", role: role, teamIDs: teams,
                skills: list("skills"), languages: list("languages").isEmpty ? ["en"] : list("languages"), capacity: 10
            )
            _ = try await DirectoryController(desk: desk).createAgent(new, password: form["password"].flatMap { $0.isEmpty ? nil : $0 })
        } catch let error as DomainError {
            return WebController.redirect("/admin", error: error.message)
        }
        return WebController.redirect("/admin")
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
            ownOrganization: staff.organizationID
        )
        var response = web.page(renderer: model, languageCookie: language.cookie)
        response.status = status
        return response
    }
}
