import Foundation
import SwitchboardCore

extension SQLStore {
    // MARK: Organizations

    public func createOrganization(_ new: NewOrganization) async throws -> Organization {
        let now = Date().roundedToMilliseconds
        return try await write { connection in
            let row = try await connection.first(
                "INSERT INTO organizations (name, kind, created_at) VALUES (?, ?, ?) RETURNING id",
                [.text(new.name), .text(new.kind.rawValue), .date(now)]
            )
            return Organization(id: try row!.id("id"), name: new.name, kind: new.kind, createdAt: now)
        }
    }

    public func organization(_ id: Organization.ID) async throws -> Organization? {
        try await read { connection in
            try await connection.first("SELECT * FROM organizations WHERE id = ?", [.id(id)]).map(Self.organization)
        }
    }

    public func organizations() async throws -> [Organization] {
        try await read { connection in
            try await connection.query("SELECT * FROM organizations ORDER BY id", []).map(Self.organization)
        }
    }

    static func organization(_ row: SQLRow) throws -> Organization {
        Organization(id: try row.id("id"), name: try row.string("name"), kind: try row.enumValue("kind"), createdAt: try row.date("created_at"))
    }

    // MARK: Teams

    public func createTeam(_ new: NewTeam) async throws -> Team {
        let now = Date().roundedToMilliseconds
        return try await write { connection in
            guard try await connection.first("SELECT id FROM organizations WHERE id = ?", [.id(new.organizationID)]) != nil else {
                throw DomainError.notFound("organization")
            }
            let row = try await connection.first(
                "INSERT INTO teams (organization_id, name, hours, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                [.id(new.organizationID), .text(new.name), .text(try Self.encode(new.hours)), .date(now)]
            )
            return Team(id: try row!.id("id"), organizationID: new.organizationID, name: new.name, hours: new.hours, createdAt: now)
        }
    }

    public func team(_ id: Team.ID) async throws -> Team? {
        try await read { connection in
            try await connection.first("SELECT * FROM teams WHERE id = ?", [.id(id)]).map(Self.team)
        }
    }

    public func teams(organization: Organization.ID?) async throws -> [Team] {
        try await read { connection in
            if let organization {
                return try await connection.query("SELECT * FROM teams WHERE organization_id = ? ORDER BY id", [.id(organization)]).map(Self.team)
            }
            return try await connection.query("SELECT * FROM teams ORDER BY id", []).map(Self.team)
        }
    }

    public func updateTeam(_ id: Team.ID, name: String?, hours: BusinessHours?) async throws -> Team {
        let name = try name.map { try Validate.name($0, field: "name") }
        let hoursText = try hours.map(Self.encode)
        return try await write { connection in
            guard var team = try await connection.first("SELECT * FROM teams WHERE id = ?", [.id(id)]).map(Self.team) else {
                throw DomainError.notFound("team")
            }
            if let name { team.name = name }
            if let hours { team.hours = hours }
            try await connection.query(
                "UPDATE teams SET name = ?, hours = COALESCE(?, hours) WHERE id = ?", [.text(team.name), .optional(hoursText), .id(id)]
            )
            return team
        }
    }

    static func team(_ row: SQLRow) throws -> Team {
        let hours: BusinessHours
        do { hours = try JSONDecoder().decode(BusinessHours.self, from: Data(try row.string("hours").utf8)) } catch {
            throw StoreError.corruptRow(column: "hours")
        }
        return Team(
            id: try row.id("id"), organizationID: try row.id("organization_id"), name: try row.string("name"),
            hours: hours, createdAt: try row.date("created_at")
        )
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: Agents

    public func createAgent(_ new: NewAgent, passwordHash: String?) async throws -> Agent {
        let now = Date().roundedToMilliseconds
        return try await write { connection in
            guard try await connection.first("SELECT id FROM organizations WHERE id = ?", [.id(new.organizationID)]) != nil else {
                throw DomainError.notFound("organization")
            }
            try await Self.requireTeams(new.teamIDs, of: new.organizationID, connection)
            let number = try await connection.nextValue(of: "agent_number")
            let row = try await connection.first(
                """
                INSERT INTO agents (organization_id, agent_number, name, email, password_hash, role, skills, languages,
                                    capacity, presence, active, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'offline', TRUE, ?) RETURNING id
                """,
                [
                    .id(new.organizationID), .integer(number), .text(new.name), .text(new.email), .optional(passwordHash),
                    .text(new.role.rawValue), Self.jsonArray(new.skills), Self.jsonArray(new.languages),
                    .int(new.capacity), .date(now),
                ]
            )
            let id: Agent.ID = try row!.id("id")
            for team in new.teamIDs {
                try await connection.query("INSERT INTO team_members (team_id, agent_id) VALUES (?, ?)", [.id(team), .id(id)])
            }
            return Agent(
                id: id, organizationID: new.organizationID, number: number, name: new.name, email: new.email,
                role: new.role, teamIDs: new.teamIDs, skills: new.skills, languages: new.languages,
                capacity: new.capacity, presence: .offline, active: true, createdAt: now
            )
        }
    }

    public func agent(_ id: Agent.ID) async throws -> Agent? {
        try await read { connection in try await Self.loadAgent(id, connection) }
    }

    public func agentCredentials(email: String) async throws -> (agent: Agent, passwordHash: String?)? {
        let email = email.trimmingWhitespace().lowercased()
        return try await read { connection in
            guard let row = try await connection.first("SELECT * FROM agents WHERE email = ?", [.text(email)]) else { return nil }
            let agent = try await Self.withTeams([try Self.agentRow(row)], connection)[0]
            return (agent, try row.optionalString("password_hash"))
        }
    }

    public func agents(organization: Organization.ID?) async throws -> [Agent] {
        try await read { connection in
            let rows = if let organization {
                try await connection.query("SELECT * FROM agents WHERE organization_id = ? ORDER BY id", [.id(organization)])
            } else {
                try await connection.query("SELECT * FROM agents ORDER BY id", [])
            }
            return try await Self.withTeams(try rows.map(Self.agentRow), connection)
        }
    }

    public func updateAgent(_ id: Agent.ID, _ update: AgentUpdate) async throws -> Agent {
        try await write { connection in
            guard var agent = try await Self.loadAgent(id, connection) else { throw DomainError.notFound("agent") }
            if let name = update.name { agent.name = name }
            if let role = update.role { agent.role = role }
            if let skills = update.skills { agent.skills = skills }
            if let languages = update.languages { agent.languages = languages }
            if let capacity = update.capacity { agent.capacity = capacity }
            if let presence = update.presence { agent.presence = presence }
            if let active = update.active { agent.active = active }
            try await connection.query(
                """
                UPDATE agents SET name = ?, role = ?, skills = ?, languages = ?, capacity = ?, presence = ?, active = ?
                WHERE id = ?
                """,
                [
                    .text(agent.name), .text(agent.role.rawValue), Self.jsonArray(agent.skills), Self.jsonArray(agent.languages),
                    .int(agent.capacity), .text(agent.presence.rawValue), .bool(agent.active), .id(id),
                ]
            )
            if let teams = update.teamIDs, teams != agent.teamIDs {
                try await Self.requireTeams(teams, of: agent.organizationID, connection)
                try await connection.query("DELETE FROM team_members WHERE agent_id = ?", [.id(id)])
                for team in teams {
                    try await connection.query("INSERT INTO team_members (team_id, agent_id) VALUES (?, ?)", [.id(team), .id(id)])
                }
                agent.teamIDs = teams
            }
            return agent
        }
    }

    public func setPasswordHash(_ hash: String, for agent: Agent.ID) async throws {
        try await write { connection in
            try await connection.query("UPDATE agents SET password_hash = ? WHERE id = ?", [.text(hash), .id(agent)])
        }
    }

    /// Agents join teams of their own organization; a merchant's team may also hold platform staff.
    static func requireTeams(_ teams: [Team.ID], of organization: Organization.ID, _ connection: isolated any SQLConnection) async throws {
        guard !teams.isEmpty else { return }
        let list = idList("id", teams.map(\.rawValue), connection.dialect)
        let rows = try await connection.query("SELECT id, organization_id FROM teams WHERE \(list.sql)", [list.bind])
        guard rows.count == teams.count else { throw DomainError.invalidField("teamIds", "a listed team does not exist") }
        let organizationKind = try await connection.first("SELECT kind FROM organizations WHERE id = ?", [.id(organization)])?.string("kind")
        for row in rows where try row.int("organization_id") != organization.rawValue && organizationKind != "platform" {
            throw DomainError.invalidField("teamIds", "an agent joins only teams of their own organization")
        }
    }

    static func loadAgent(_ id: Agent.ID, _ connection: isolated any SQLConnection) async throws -> Agent? {
        guard let row = try await connection.first("SELECT * FROM agents WHERE id = ?", [.id(id)]) else { return nil }
        return try await withTeams([try agentRow(row)], connection).first
    }

    static func agentRow(_ row: SQLRow) throws -> Agent {
        Agent(
            id: try row.id("id"), organizationID: try row.id("organization_id"), number: try row.int("agent_number"),
            name: try row.string("name"), email: try row.string("email"), role: try row.enumValue("role"), teamIDs: [],
            skills: try row.stringArray("skills"), languages: try row.stringArray("languages"),
            capacity: Int(try row.int("capacity")), presence: try row.enumValue("presence"), active: try row.bool("active"),
            createdAt: try row.date("created_at")
        )
    }

    static func withTeams(_ agents: [Agent], _ connection: isolated any SQLConnection) async throws -> [Agent] {
        guard !agents.isEmpty else { return [] }
        var teams: [Agent.ID: [Team.ID]] = [:]
        let list = idList("agent_id", agents.map(\.id.rawValue), connection.dialect)
        for row in try await connection.query("SELECT team_id, agent_id FROM team_members WHERE \(list.sql) ORDER BY team_id", [list.bind]) {
            teams[try row.id("agent_id"), default: []].append(try row.id("team_id"))
        }
        return agents.map { agent in
            var agent = agent
            agent.teamIDs = teams[agent.id] ?? []
            return agent
        }
    }
}
