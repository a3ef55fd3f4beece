import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// `…/v1/me/…`: the signed-in agent's own presence, activity and notifications.
struct StaffController: Sendable {
    let store: any Store
    let bus: any EventBus
    let clock: any WallClock
    let dispatcher: Dispatcher
    let maxBodySize: Int

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.put("v1/me/presence", use: presence)
        router.post("v1/me/activity", use: activity)
        router.get("v1/me/notifications", use: notifications)
        router.post("v1/me/notifications/read", use: read)
    }

    static func agent(_ context: DeskRequestContext) throws -> Principal.StaffMember {
        let principal = try context.requirePrincipal()
        guard case .agent(let staff) = principal else { throw DomainError.forbidden("only a signed-in agent has presence and notifications") }
        return staff
    }

    struct PresenceBody: Decodable { var presence: Agent.Presence }

    @Sendable func presence(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try Self.agent(context)
        let body = try await JSONBody.decode(PresenceBody.self, from: request, limit: maxBodySize)
        let agent = try await Self.setPresence(body.presence, of: staff.agentID, store: store, bus: bus, clock: clock, dispatcher: dispatcher)
        return try JSONBody.response(["presence": .string(agent.presence.rawValue)] as JSONValue)
    }

    /// Sets presence; coming online may take waiting cases at once.
    static func setPresence(_ presence: Agent.Presence, of agent: Agent.ID, store: any Store, bus: any EventBus, clock: any WallClock, dispatcher: Dispatcher) async throws -> Agent {
        let updated = try await store.setPresence(presence, of: agent, at: clock.now())
        bus.announce(.directoryChanged)
        if presence == .online { dispatcher.ring() }
        return updated
    }

    /// The agent's page saw them work (typing, clicking): they are not idle.
    @Sendable func activity(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try Self.agent(context)
        try await store.touchAgent(staff.agentID, at: clock.now())
        return Response(status: .noContent)
    }

    @Sendable func notifications(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try Self.agent(context)
        let list = try await store.notifications(agent: staff.agentID, limit: 50)
        let unread = try await store.unreadNotificationCount(agent: staff.agentID)
        let items: [JSONValue] = list.map { item in
            var object: [String: JSONValue] = [
                "id": .number(Double(item.id.rawValue)), "kind": .string(item.kind.rawValue), "ticketNumber": .number(Double(item.ticketNumber)),
                "createdAt": .string(JSONWriter.isoText(item.createdAt)), "read": .bool(item.readAt != nil),
            ]
            if case .object(let detail) = item.detail, !detail.isEmpty { object["detail"] = item.detail }
            return .object(object)
        }
        return try JSONBody.response(["unread": .number(Double(unread)), "notifications": .array(items)] as JSONValue)
    }

    struct ReadBody: Decodable { var upTo: Int64? }

    @Sendable func read(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try Self.agent(context)
        let body = try await JSONBody.decode(ReadBody.self, from: request, limit: maxBodySize)
        let marked = try await store.markNotificationsRead(agent: staff.agentID, upTo: body.upTo.map(AgentNotification.ID.init), at: clock.now())
        return try JSONBody.response(["marked": .number(Double(marked))] as JSONValue)
    }
}
