import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Creating agents outside the API (the CLI's `user create`), with the same checks.
public enum AgentAccounts {
    public struct Request: Sendable {
        public var email: String
        public var role: Agent.Role
        /// An organization id or name.
        public var organization: String
        public var name: String
        public var password: String

        public init(email: String, role: Agent.Role, organization: String, name: String, password: String) {
            self.email = email
            self.role = role
            self.organization = organization
            self.name = name
            self.password = password
        }
    }

    /// Creates the agent; on a desk with no organizations yet, the named one is created as the platform.
    public static func create(_ request: Request, in store: any Store, bcryptCost: UInt8 = 12) async throws -> Agent {
        do { try PasswordHasher.validate(request.password) } catch let error as APIError {
            throw DomainError.invalidField("password", error.message)
        }
        let organizations = try await store.organizations()
        let organization: Organization
        if let match = organizations.first(where: { String($0.id.rawValue) == request.organization || $0.name == request.organization }) {
            organization = match
        } else if organizations.isEmpty {
            organization = try await store.createOrganization(NewOrganization(name: request.organization, kind: .platform))
        } else {
            throw DomainError.notFound("organization '\(request.organization)'")
        }
        let hash = try await PasswordHasher(cost: bcryptCost).hash(request.password)
        return try await store.createAgent(
            NewAgent(organizationID: organization.id, name: request.name, email: request.email, role: request.role), passwordHash: hash
        )
    }

    /// A random password people can read and type.
    public static func generatePassword() -> String {
        Secrets.token(bytes: 15)
    }
}
