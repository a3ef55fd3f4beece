import Foundation
import SwitchboardCore

extension SQLStore {
    // MARK: Sessions

    public func createSession(_ session: StoredSession) async throws {
        try await write { connection in
            let (agent, customer): (SQLValue, SQLValue) = switch session.subject {
            case .agent(let id): (.id(id), .null)
            case .customer(let id): (.null, .id(id))
            }
            try await connection.query(
                "INSERT INTO sessions (token_hash, agent_id, customer_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(session.tokenHash), agent, customer, .text(session.csrfToken), .date(session.createdAt), .date(session.expiresAt)]
            )
        }
    }

    public func session(tokenHash: String, at now: Date) async throws -> StoredSession? {
        try await read { connection in
            guard let row = try await connection.first(
                "SELECT * FROM sessions WHERE token_hash = ? AND expires_at > ?", [.text(tokenHash), .date(now)]
            ) else { return nil }
            let subject: StoredSession.Subject
            if let agent: Agent.ID = try row.optionalID("agent_id") {
                subject = .agent(agent)
            } else if let customer: Customer.ID = try row.optionalID("customer_id") {
                subject = .customer(customer)
            } else {
                throw StoreError.corruptRow(column: "agent_id")
            }
            return StoredSession(
                tokenHash: tokenHash, subject: subject, csrfToken: try row.string("csrf_token"),
                createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at")
            )
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { connection in
            try await connection.query("DELETE FROM sessions WHERE token_hash = ?", [.text(tokenHash)])
        }
    }

    public func deleteSessions(agent: Agent.ID, keeping: String?) async throws -> Int {
        try await write { connection in
            try await connection.query(
                "DELETE FROM sessions WHERE agent_id = ? AND token_hash <> ? RETURNING token_hash", [.id(agent), .text(keeping ?? "")]
            ).count
        }
    }

    public func deleteExpiredSessions(before date: Date) async throws -> Int {
        try await write { connection in
            try await connection.query("DELETE FROM sessions WHERE expires_at <= ? RETURNING token_hash", [.date(date)]).count
        }
    }

    public func deleteExpiredMagicLinks(before date: Date) async throws -> Int {
        try await write { connection in
            try await connection.query("DELETE FROM magic_links WHERE expires_at <= ? RETURNING token_hash", [.date(date)]).count
        }
    }

    // MARK: API tokens

    public func createAPIToken(
        organization: Organization.ID, name: String, scopes: [APIScope], tokenHash: String, prefix: String,
        createdBy: Agent.ID?, at now: Date
    ) async throws -> APIToken {
        let name = try Validate.name(name, field: "name")
        guard !scopes.isEmpty else { throw DomainError.invalidField("scopes", "a token needs at least one scope") }
        let scopes = Array(Set(scopes)).sorted { $0.rawValue < $1.rawValue }
        let now = now.roundedToMilliseconds
        return try await write { connection in
            guard try await connection.first("SELECT id FROM organizations WHERE id = ?", [.id(organization)]) != nil else {
                throw DomainError.notFound("organization")
            }
            let row = try await connection.first(
                """
                INSERT INTO api_tokens (organization_id, name, token_hash, prefix, scopes, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
                """,
                [.id(organization), .text(name), .text(tokenHash), .text(prefix), Self.jsonArray(scopes.map(\.rawValue)), .optional(createdBy), .date(now)]
            )
            return APIToken(
                id: try row!.id("id"), organizationID: organization, name: name, prefix: prefix, scopes: scopes,
                createdBy: createdBy, createdAt: now, lastUsedAt: nil, revokedAt: nil
            )
        }
    }

    public func apiToken(hash: String) async throws -> APIToken? {
        try await read { connection in
            try await connection.first("SELECT * FROM api_tokens WHERE token_hash = ?", [.text(hash)]).map(Self.apiToken)
        }
    }

    public func apiTokens(organization: Organization.ID?) async throws -> [APIToken] {
        try await read { connection in
            let rows = if let organization {
                try await connection.query("SELECT * FROM api_tokens WHERE organization_id = ? ORDER BY id", [.id(organization)])
            } else {
                try await connection.query("SELECT * FROM api_tokens ORDER BY id", [])
            }
            return try rows.map(Self.apiToken)
        }
    }

    public func revokeAPIToken(_ id: APIToken.ID, at now: Date) async throws -> APIToken {
        try await write { connection in
            try await connection.query("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", [.date(now), .id(id)])
            guard let row = try await connection.first("SELECT * FROM api_tokens WHERE id = ?", [.id(id)]) else {
                throw DomainError.notFound("API token")
            }
            return try Self.apiToken(row)
        }
    }

    public func touchAPIToken(_ id: APIToken.ID, at now: Date) async throws {
        try await write { connection in
            try await connection.query("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [.date(now), .id(id)])
        }
    }

    static func apiToken(_ row: SQLRow) throws -> APIToken {
        let scopes = try row.stringArray("scopes").map { raw in
            guard let scope = APIScope(rawValue: raw) else { throw StoreError.corruptRow(column: "scopes") }
            return scope
        }
        return APIToken(
            id: try row.id("id"), organizationID: try row.id("organization_id"), name: try row.string("name"),
            prefix: try row.string("prefix"), scopes: scopes, createdBy: try row.optionalID("created_by"),
            createdAt: try row.date("created_at"), lastUsedAt: try row.optionalDate("last_used_at"),
            revokedAt: try row.optionalDate("revoked_at")
        )
    }

    // MARK: Magic links

    public func createMagicLink(tokenHash: String, customer: Customer.ID, at now: Date, expiresAt: Date) async throws {
        try await write { connection in
            try await connection.query(
                "INSERT INTO magic_links (token_hash, customer_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                [.text(tokenHash), .id(customer), .date(now), .date(expiresAt)]
            )
        }
    }

    public func redeemMagicLink(tokenHash: String, at now: Date) async throws -> Customer.ID? {
        try await write { connection in
            // One statement marks the link used and returns it, so two redemptions cannot both succeed.
            let row = try await connection.first(
                "UPDATE magic_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING customer_id",
                [.date(now), .text(tokenHash), .date(now)]
            )
            return try row?.id("customer_id")
        }
    }

    // MARK: Settings and custom fields

    public func setting(_ key: String, orCreate makeValue: @escaping @Sendable () -> String) async throws -> String {
        if let existing = try await read({ connection in
            try await connection.first("SELECT value FROM desk_settings WHERE key = ?", [.text(key)])?.string("value")
        }) {
            return existing
        }
        return try await write { connection in
            try await connection.query(
                "INSERT INTO desk_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", [.text(key), .text(makeValue())]
            )
            return try await connection.first("SELECT value FROM desk_settings WHERE key = ?", [.text(key)])!.string("value")
        }
    }

    public func createFieldDefinition(_ definition: CustomFieldDefinition, at now: Date) async throws {
        try await write { connection in
            try await connection.query(
                "INSERT INTO custom_field_definitions (key, label, type, choices, created_at) VALUES (?, ?, ?, ?, ?)",
                [.text(definition.key), .text(definition.label), .text(definition.type.rawValue), Self.jsonArray(definition.choices), .date(now)]
            )
        }
    }

    public func fieldDefinitions() async throws -> [CustomFieldDefinition] {
        try await read { connection in
            try await connection.query("SELECT * FROM custom_field_definitions ORDER BY key", []).map { row in
                try CustomFieldDefinition(
                    key: try row.string("key"), label: try row.string("label"), type: try row.enumValue("type"),
                    choices: try row.stringArray("choices")
                )
            }
        }
    }
}
