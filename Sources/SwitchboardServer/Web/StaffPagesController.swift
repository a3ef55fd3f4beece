import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The agent's own things in the header: presence (online, away, offline) and notifications.
struct StaffPagesController: Sendable {
    let pages: Pages
    let store: any Store
    let bus: any EventBus
    let clock: any WallClock
    let dispatcher: Dispatcher

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.post("presence", use: presence)
        router.get("notifications", use: notifications)
    }

    @Sendable func presence(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent(let staff)? = context.principal else { return Pages.redirect("/sign-in") }
        guard let form = context.form else { throw APIError.unauthenticated }
        guard let presence = form["presence"].flatMap(Agent.Presence.init(rawValue:)) else {
            return Pages.redirect("/agent", problem: DomainError.invalidField("presence", "choose online, away or offline"))
        }
        _ = try await StaffController.setPresence(presence, of: staff.agentID, store: store, bus: bus, clock: clock, dispatcher: dispatcher)
        return Pages.redirect(Self.back(request))
    }

    /// Back to the staff page the form was on (same site only), else the queue.
    static func back(_ request: Request) -> String {
        guard let referer = request.headers[.referer], let url = URLComponents(string: referer), url.path.hasPrefix("/agent") || url.path.hasPrefix("/admin") else {
            return "/agent"
        }
        return url.path + (url.query.map { "?" + $0 } ?? "")
    }

    /// The list; opening it marks everything shown as read.
    @Sendable func notifications(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent(let staff)? = context.principal, let session = context.session else { return Pages.redirect("/sign-in") }
        let language = pages.language(request)
        let list = try await store.notifications(agent: staff.agentID, limit: 100)
        if let newest = list.first?.id { _ = try await store.markNotificationsRead(agent: staff.agentID, upTo: newest, at: clock.now()) }
        let model = NotificationsPage(
            language: language.value, csrfToken: session.csrfToken, user: try await StaffFrame.user(staff, store: store, now: clock.now()), notifications: list
        )
        return pages.page(model, language: language)
    }
}
