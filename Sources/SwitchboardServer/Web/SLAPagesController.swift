import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// `/admin/sla`: the SLA policies and the teams' holidays as pages. Every change rebuilds the
/// whole settings from those read at the form's version and saves them through the service the
/// API uses (`SLAPolicies.save`: teams must exist, holidays must be dates), whole or not at all.
struct SLAPagesController: Sendable {
    let pages: Pages
    let store: any Store
    let policies: SLAPolicies
    let clock: any WallClock

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get("sla", use: show)
        router.post("sla/policies", use: addPolicy)
        router.post("sla/policies/{index}", use: editPolicy)
        router.post("sla/policies/{index}/move", use: movePolicy)
        router.post("sla/policies/{index}/delete", use: deletePolicy)
        router.post("sla/holidays/{team}", use: setHolidays)
    }

    @Sendable func show(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try DeskRulesAccess.reader(context)
        return try await render(request, context, staff: staff, saved: request.uri.queryParameters["saved"] != nil)
    }

    @Sendable func addPolicy(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let draft = SLAPolicyDraft(form: context.form ?? FormBody(pairs: []))
        return try await change(request, context, draft: .policy(index: nil, draft)) { settings, merchants in
            settings.policies.append(try draft.policy(merchants: merchants))
            return "policy-\(settings.policies.count)"
        }
    }

    @Sendable func editPolicy(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let index = try DeskRulesAccess.index(context)
        let draft = SLAPolicyDraft(form: context.form ?? FormBody(pairs: []))
        return try await change(request, context, draft: .policy(index: index, draft)) { settings, merchants in
            guard settings.policies.indices.contains(index) else { throw HTTPError(.notFound) }
            settings.policies[index] = try draft.policy(merchants: merchants)
            return "policy-\(index + 1)"
        }
    }

    @Sendable func movePolicy(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let index = try DeskRulesAccess.index(context)
        let target = index + (context.form?["direction"] == "up" ? -1 : 1)
        return try await change(request, context, draft: nil) { settings, _ in
            guard settings.policies.indices.contains(index) else { throw HTTPError(.notFound) }
            guard settings.policies.indices.contains(target) else { return "policy-\(index + 1)" }
            settings.policies.swapAt(index, target)
            return "policy-\(target + 1)"
        }
    }

    @Sendable func deletePolicy(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let index = try DeskRulesAccess.index(context)
        return try await change(request, context, draft: nil) { settings, _ in
            guard settings.policies.indices.contains(index) else { throw HTTPError(.notFound) }
            settings.policies.remove(at: index)
            return "policies-title"
        }
    }

    @Sendable func setHolidays(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let id = context.parameters.get("team", as: Int64.self), let team = try await store.team(Team.ID(id)) else {
            throw HTTPError(.notFound)
        }
        let text = context.form?["days"] ?? ""
        return try await change(request, context, draft: .holidays(team: team.id, text: text)) { settings, _ in
            let days = HolidaysForm.days(text)
            settings.holidays[team.id] = days.isEmpty ? nil : days
            return "holidays-\(team.id.rawValue)"
        }
    }

    /// Applies `edit` to the settings read at the form's version and saves them whole; see
    /// `RoutingPagesController.change`, which this mirrors.
    private func change(
        _ request: Request, _ context: DeskRequestContext, draft: SLAPage.Draft?,
        _ edit: (inout SLASettings, Set<Organization.ID>) throws -> String
    ) async throws -> Response {
        let staff = try DeskRulesAccess.editor(context)
        let (current, version) = try await policies.settings.current()
        guard let sent = DeskRulesAccess.version(context.form ?? FormBody(pairs: [])), sent == version else {
            return try await stale(request, context, staff: staff)
        }
        let anchor: String
        do {
            var next = current
            let merchants = Set(try await store.organizations().filter { $0.kind == .merchant }.map(\.id))
            anchor = try edit(&next, merchants)
            _ = try await policies.save(next, over: version, by: staff.agentID)
        } catch let error as DomainError where error.code == .conflict && error.field == "version" {
            return try await stale(request, context, staff: staff)
        } catch let error as DomainError where error.code == .invalidField {
            let problem = PageProblem.settingsKey(code: error.code.rawValue, field: error.field)
            return try await render(request, context, staff: staff, draft: draft, problem: problem, status: .badRequest)
        }
        return Pages.redirect("/admin/sla?saved=1#\(anchor)")
    }

    private func stale(_ request: Request, _ context: DeskRequestContext, staff: Principal.StaffMember) async throws -> Response {
        policies.settings.forget()
        return try await render(request, context, staff: staff, problem: PageProblem.key(code: DomainError.Code.conflict.rawValue, field: "version"), status: .conflict)
    }

    private func render(
        _ request: Request, _ context: DeskRequestContext, staff: Principal.StaffMember, draft: SLAPage.Draft? = nil,
        problem: String? = nil, saved: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (settings, version) = try await policies.settings.current()
        let language = pages.language(request)
        let model = SLAPage(
            language: language.value, csrfToken: context.session?.csrfToken ?? "", user: try await StaffFrame.user(staff, store: store, now: clock.now()),
            settings: settings, version: version, teams: try await store.teams(organization: nil), organizations: try await store.organizations(),
            canEdit: DeskRulesAccess.canEdit(staff), draft: draft, problem: problem, saved: saved
        )
        return pages.page(model, language: language, status: status)
    }
}
