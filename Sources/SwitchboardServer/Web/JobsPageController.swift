import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The admins' view of background work: how many jobs wait, and the parked ones — jobs that
/// kept failing or could not be read — with their error, to retry or drop.
struct JobsPageController: Sendable {
    let pages: Pages
    let store: any Store
    let jobs: JobRunner
    let clock: any WallClock

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get("jobs", use: overview)
        router.post("jobs/{id}/retry", use: retry)
        router.post("jobs/{id}/drop", use: drop)
    }

    @Sendable func overview(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent(let staff)? = context.principal else { throw APIError.unauthenticated }
        try requirePlatformAdmin(staff)
        let language = pages.language(request)
        let counts = try await store.jobCounts()
        let model = JobsPage(
            language: language.value, csrfToken: context.session?.csrfToken ?? "",
            user: try await StaffFrame.user(staff, store: store, now: clock.now()),
            queued: counts[.queued] ?? 0, parked: try await store.jobs(state: .parked, limit: 100),
            upcoming: try await store.jobs(state: .queued, limit: 20), now: clock.now(), problem: Pages.problem(request)
        )
        return pages.page(model, language: language)
    }

    @Sendable func retry(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let id = try parkedJob(context)
        guard try await store.retryJob(id, at: clock.now()) else { throw HTTPError(.notFound) }
        jobs.wake()
        return Pages.redirect("/admin/jobs")
    }

    @Sendable func drop(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let id = try parkedJob(context)
        guard try await store.dropJob(id) else { throw HTTPError(.notFound) }
        return Pages.redirect("/admin/jobs")
    }

    private func parkedJob(_ context: DeskRequestContext) throws -> Job.ID {
        guard case .agent(let staff)? = context.principal else { throw APIError.unauthenticated }
        try requirePlatformAdmin(staff)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        return Job.ID(id)
    }

    /// Jobs are the whole desk's: a merchant's admins do not see them.
    private func requirePlatformAdmin(_ staff: Principal.StaffMember) throws {
        guard staff.role == .admin, staff.organizationKind == .platform else { throw HTTPError(.forbidden) }
    }
}
