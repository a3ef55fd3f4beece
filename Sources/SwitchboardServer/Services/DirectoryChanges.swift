import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Changes to the desk's directory (organizations, teams, agents), for the API and the admin
/// pages alike. Every change tells the bus, so every node's cached directory is dropped at once.
struct DirectoryChanges: Sendable {
    let store: any Store
    let passwords: PasswordHasher
    let bus: any EventBus

    /// Stores a new organization (platform admins only).
    func createOrganization(_ new: NewOrganization, by staff: Principal.StaffMember) async throws -> Organization {
        guard staff.role == .admin, staff.organizationKind == .platform else { throw DomainError.forbidden("only the platform's admins add organizations") }
        let organization = try await store.createOrganization(new)
        bus.announce(.directoryChanged)
        return organization
    }

    func createTeam(_ new: NewTeam) async throws -> Team {
        let team = try await store.createTeam(new)
        bus.announce(.directoryChanged)
        return team
    }

    /// Renames a team or changes its hours.
    func updateTeam(_ team: Team, name: String?, hours: BusinessHours?) async throws -> Team {
        let updated = try await store.updateTeam(team.id, name: name, hours: hours)
        bus.announce(.directoryChanged)
        return updated
    }

    /// A team the staff member may see: any on the platform, their own organization's on a merchant.
    /// Others are "not found", never "forbidden".
    func visibleTeam(_ id: Int64?, principal: Principal) async throws -> Team {
        let staff = try AccessPolicy.requireStaff(principal)
        guard let id, let team = try await store.team(Team.ID(id)),
              staff.organizationKind == .platform || team.organizationID == staff.organizationID
        else { throw APIError.notFound("team") }
        return team
    }

    /// Stores a new agent with an optional first password (checked for strength, stored hashed).
    func createAgent(_ new: NewAgent, password: String?) async throws -> Agent {
        var hash: String?
        if let password {
            try PasswordHasher.validate(password)
            hash = try await passwords.hash(password)
        }
        let agent = try await store.createAgent(new, passwordHash: hash)
        bus.announce(.directoryChanged)
        return agent
    }

    /// Applies a change to an agent. Teams must be the agent's organization's, and an admin cannot
    /// lock themselves out: no deactivating their own account, no giving up their own admin role
    /// (another admin can). A new password is checked for strength (before anything is changed)
    /// and stored hashed. A new password or a deactivation ends the agent's sessions on every
    /// node — whoever held an old password or a stolen cookie is out — except `session`, the one
    /// an agent changing their own password is using.
    func updateAgent(_ agent: Agent, _ update: AgentUpdate, password: String?, by staff: Principal.StaffMember, session: String?) async throws -> Agent {
        if let password { try PasswordHasher.validate(password) }
        if agent.id == staff.agentID {
            if update.active == false { throw DomainError.invalidField("active", "you cannot deactivate your own account; ask another admin") }
            if let role = update.role, agent.role == .admin, role != .admin {
                throw DomainError.invalidField("role", "you cannot give up your own admin role; ask another admin")
            }
        }
        if let teams = update.teamIDs, !teams.isEmpty {
            let own = Set(try await store.teams(organization: agent.organizationID).map(\.id))
            guard teams.allSatisfy(own.contains) else { throw DomainError.invalidField("teamIds", "agents join teams of their own organization") }
        }
        var updated = try await store.updateAgent(agent.id, update)
        if let password {
            try await store.setPasswordHash(try await passwords.hash(password), for: agent.id)
            updated = try await store.agent(agent.id) ?? updated
        }
        if password != nil || (agent.active && !updated.active) {
            _ = try await store.deleteSessions(agent: agent.id, keeping: agent.id == staff.agentID ? session : nil)
            // Each node caches sessions by their hash, which says nothing of whose they are: forget them all.
            bus.announce(.credentialsChanged)
        }
        bus.announce(.directoryChanged)
        return updated
    }

    /// An agent the staff member may see: anyone on the platform, their own organization's on a
    /// merchant. Others are "not found", never "forbidden".
    func visibleAgent(_ id: Int64?, principal: Principal) async throws -> Agent {
        let staff = try AccessPolicy.requireStaff(principal)
        guard let id, let agent = try await store.agent(Agent.ID(id)),
              staff.organizationKind == .platform || agent.organizationID == staff.organizationID
        else { throw APIError.notFound("agent") }
        return agent
    }

    // MARK: API tokens

    /// The tokens an admin may see: all on the platform, their own organization's at a merchant.
    func visibleTokens(_ staff: Principal.StaffMember) async throws -> [APIToken] {
        try await store.apiTokens(organization: staff.organizationKind == .platform ? nil : staff.organizationID)
    }

    /// Makes a token; the secret is returned this once and stored only as a hash.
    func issueToken(organization: Organization.ID, name: String, scopes: [APIScope], by staff: Principal.StaffMember, at now: Date) async throws -> (APIToken, String) {
        let secret = Secrets.token(prefix: "sb_")
        let token = try await store.createAPIToken(
            organization: organization, name: name, scopes: scopes, tokenHash: Secrets.hash(secret),
            prefix: String(secret.prefix(10)), createdBy: staff.agentID, at: now
        )
        return (token, secret)
    }

    /// Revokes one of the tokens `staff` may see; it stops working at once, on every node.
    func revokeToken(_ id: Int64, by staff: Principal.StaffMember, at now: Date) async throws -> APIToken {
        guard let token = try await visibleTokens(staff).first(where: { $0.id.rawValue == id }) else { throw APIError.notFound("API token") }
        let revoked = try await store.revokeAPIToken(token.id, at: now)
        // Caches are keyed by the secret's hash, which the token record does not carry: forget them all.
        bus.announce(.credentialsChanged)
        return revoked
    }
}
