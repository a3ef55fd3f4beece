import SwitchboardCore
import SwitchboardWeb

extension PageFrame.User {
    /// The header of a staff page: the queue for everyone, the routing and SLA pages for the
    /// platform's supervisors and admins (who change them), the admin page for admins.
    static func staff(_ agent: Agent?, _ staff: Principal.StaffMember) -> PageFrame.User {
        PageFrame.User(
            name: agent?.name ?? "", agentNumber: agent.map { String($0.number) }, isAdmin: staff.role == .admin,
            seesDeskRules: staff.role >= .supervisor && staff.organizationKind == .platform
        )
    }
}
