import Foundation
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The signed-in agent as every staff page's header shows them: name and number, presence to
/// set, the count of unread notifications and of chats waiting to be accepted (read fresh: they
/// change between pages), and the
/// routing and SLA pages for the platform's supervisors and admins, who change them.
enum StaffFrame {
    static func user(_ staff: Principal.StaffMember, store: any Store, now: Date) async throws -> PageFrame.User {
        let me = try await store.agent(staff.agentID)
        return PageFrame.User(
            name: me?.name ?? "", agentNumber: me.map { String($0.number) }, isAdmin: staff.role == .admin,
            presence: me?.presence.rawValue, unread: try await store.unreadNotificationCount(agent: staff.agentID),
            incomingChats: try await IncomingChats.count(for: staff, store: store, now: now),
            seesDeskRules: staff.role >= .supervisor && staff.organizationKind == .platform
        )
    }
}
