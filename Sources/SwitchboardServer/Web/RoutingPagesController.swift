import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// `/admin/routing`: the routing rules, default team and overflow as pages. Every change rebuilds
/// the whole settings from those read at the form's version and saves them through the service
/// the API uses (`RoutingRules.save`: teams must exist, overflow must not circle), so a page save
/// is checked exactly as an API save and is saved whole or not at all.
struct RoutingPagesController: Sendable {
    let pages: Pages
    let store: any Store
    let routing: RoutingRules
    let clock: any WallClock

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get("routing", use: show)
        router.post("routing/rules", use: addRule)
        router.post("routing/rules/{index}", use: editRule)
        router.post("routing/rules/{index}/move", use: moveRule)
        router.post("routing/rules/{index}/delete", use: deleteRule)
        router.post("routing/default", use: setDefaultTeam)
        router.post("routing/overflow", use: setOverflow)
    }

    @Sendable func show(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try DeskRulesAccess.reader(context)
        return try await render(request, context, staff: staff, saved: request.uri.queryParameters["saved"] != nil)
    }

    @Sendable func addRule(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let draft = RoutingRuleDraft(form: context.form ?? FormBody(pairs: []))
        return try await change(request, context, draft: .rule(index: nil, draft)) { settings, merchants in
            settings.rules.append(try draft.rule(merchants: merchants))
            return "rule-\(settings.rules.count)"
        }
    }

    @Sendable func editRule(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let index = try DeskRulesAccess.index(context)
        let draft = RoutingRuleDraft(form: context.form ?? FormBody(pairs: []))
        return try await change(request, context, draft: .rule(index: index, draft)) { settings, merchants in
            guard settings.rules.indices.contains(index) else { throw HTTPError(.notFound) }
            settings.rules[index] = try draft.rule(merchants: merchants)
            return "rule-\(index + 1)"
        }
    }

    @Sendable func moveRule(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let index = try DeskRulesAccess.index(context)
        let target = index + (context.form?["direction"] == "up" ? -1 : 1)
        return try await change(request, context, draft: nil) { settings, _ in
            guard settings.rules.indices.contains(index) else { throw HTTPError(.notFound) }
            guard settings.rules.indices.contains(target) else { return "rule-\(index + 1)" }
            settings.rules.swapAt(index, target)
            return "rule-\(target + 1)"
        }
    }

    @Sendable func deleteRule(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let index = try DeskRulesAccess.index(context)
        return try await change(request, context, draft: nil) { settings, _ in
            guard settings.rules.indices.contains(index) else { throw HTTPError(.notFound) }
            settings.rules.remove(at: index)
            return "rules-title"
        }
    }

    @Sendable func setDefaultTeam(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let sent = context.form?["team"] ?? ""
        return try await change(request, context, draft: .defaultTeam(sent)) { settings, _ in
            if sent.isEmpty {
                settings.defaultTeamID = nil
            } else {
                guard let id = Int64(sent) else { throw DomainError.invalidField("defaultTeamId", "choose a team") }
                settings.defaultTeamID = Team.ID(id)
            }
            return "default-team"
        }
    }

    @Sendable func setOverflow(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let rows = OverflowDraft.rows(context.form ?? FormBody(pairs: []))
        return try await change(request, context, draft: .overflow(rows)) { settings, _ in
            settings.overflow = try OverflowDraft.overflow(rows)
            return "overflow"
        }
    }

    /// Applies `edit` to the settings read at the form's version and saves them whole. A stale
    /// version shows the page as it is now, with what happened; a refused value shows the form
    /// again with what was typed and the reason. `edit` returns where the page should scroll to.
    private func change(
        _ request: Request, _ context: DeskRequestContext, draft: RoutingPage.Draft?,
        _ edit: (inout RoutingSettings, Set<Organization.ID>) throws -> String
    ) async throws -> Response {
        let staff = try DeskRulesAccess.editor(context)
        let (current, version) = try await routing.settings.current()
        guard let sent = DeskRulesAccess.version(context.form ?? FormBody(pairs: [])), sent == version else {
            return try await stale(request, context, staff: staff)
        }
        let anchor: String
        do {
            var next = current
            let merchants = Set(try await store.organizations().filter { $0.kind == .merchant }.map(\.id))
            anchor = try edit(&next, merchants)
            // Through the initialiser again: it holds the limits (rule count, one overflow a team).
            let checked = try RoutingSettings(defaultTeamID: next.defaultTeamID, rules: next.rules, overflow: next.overflow)
            _ = try await routing.save(checked, over: version, by: staff.agentID)
        } catch let error as DomainError where error.code == .conflict && error.field == "version" {
            return try await stale(request, context, staff: staff)
        } catch let error as DomainError where error.code == .invalidField {
            let problem = PageProblem.settingsKey(code: error.code.rawValue, field: error.field)
            return try await render(request, context, staff: staff, draft: draft, problem: problem, status: .badRequest)
        }
        return Pages.redirect("/admin/routing?saved=1#\(anchor)")
    }

    /// Someone saved since the form was read: the page as it is now (read afresh), and why.
    private func stale(_ request: Request, _ context: DeskRequestContext, staff: Principal.StaffMember) async throws -> Response {
        routing.settings.forget()
        return try await render(request, context, staff: staff, problem: PageProblem.key(code: DomainError.Code.conflict.rawValue, field: "version"), status: .conflict)
    }

    private func render(
        _ request: Request, _ context: DeskRequestContext, staff: Principal.StaffMember, draft: RoutingPage.Draft? = nil,
        problem: String? = nil, saved: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (settings, version) = try await routing.settings.current()
        let language = pages.language(request)
        let model = RoutingPage(
            language: language.value, csrfToken: context.session?.csrfToken ?? "", user: try await StaffFrame.user(staff, store: store, now: clock.now()),
            settings: settings, version: version, teams: try await store.teams(organization: nil), organizations: try await store.organizations(),
            canEdit: DeskRulesAccess.canEdit(staff), draft: draft, problem: problem, saved: saved
        )
        return pages.page(model, language: language, status: status)
    }
}
