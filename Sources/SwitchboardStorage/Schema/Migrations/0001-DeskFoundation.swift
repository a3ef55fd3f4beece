extension Migrations {
    /// The event kinds of 0.1.0, which this migration listed in a CHECK (migration 2 dropped it).
    static let eventKinds = "'created', 'message', 'assigned', 'transferred', 'priority_changed', 'status_changed', 'tags_changed', 'fields_changed', 'problem_updated', 'category_changed', 'customer_merged', 'follow_up_opened'"

    /// The desk's tables as released in 0.1.0. Never edit: `MigrationChecksumTests` pins the SQL it produces.
    static let deskFoundation = Migration(version: 1, name: "desk foundation") { dialect in
        let id = dialect.primaryKey
        let withoutRowID = dialect == .sqlite ? " WITHOUT ROWID" : ""
        var sql = """
        CREATE TABLE organizations (
            id \(id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            kind TEXT NOT NULL CHECK (kind IN ('platform', 'merchant')),
            created_at BIGINT NOT NULL
        );
        CREATE UNIQUE INDEX organizations_single_platform ON organizations (kind) WHERE kind = 'platform';

        CREATE TABLE teams (
            id \(id),
            organization_id BIGINT NOT NULL REFERENCES organizations (id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            hours TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            UNIQUE (organization_id, name)
        );

        CREATE TABLE agents (
            id \(id),
            organization_id BIGINT NOT NULL REFERENCES organizations (id),
            agent_number BIGINT NOT NULL UNIQUE,
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            email TEXT NOT NULL UNIQUE,
            password_hash TEXT,
            role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
            skills TEXT NOT NULL,
            languages TEXT NOT NULL,
            capacity INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 500),
            presence TEXT NOT NULL CHECK (presence IN ('online', 'away', 'offline')),
            active BOOLEAN NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE INDEX agents_organization ON agents (organization_id);

        CREATE TABLE team_members (
            team_id BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
            agent_id BIGINT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
            PRIMARY KEY (team_id, agent_id)
        )\(withoutRowID);
        CREATE INDEX team_members_agent ON team_members (agent_id);

        CREATE TABLE customers (
            id \(id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            language TEXT,
            tier TEXT,
            merged_into_id BIGINT REFERENCES customers (id),
            created_at BIGINT NOT NULL,
            CHECK (merged_into_id IS NULL OR merged_into_id <> id)
        );

        CREATE TABLE contact_identities (
            id \(id),
            customer_id BIGINT NOT NULL REFERENCES customers (id),
            kind TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'widget', 'external')),
            value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 254),
            created_at BIGINT NOT NULL,
            UNIQUE (kind, value)
        );
        CREATE INDEX contact_identities_customer ON contact_identities (customer_id);

        CREATE TABLE custom_field_definitions (
            key TEXT PRIMARY KEY,
            label TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'choice')),
            choices TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );

        CREATE TABLE tickets (
            id \(id),
            number BIGINT NOT NULL UNIQUE,
            subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
            customer_id BIGINT NOT NULL REFERENCES customers (id),
            channel TEXT NOT NULL CHECK (channel IN ('web', 'email', 'chat', 'phone', 'api')),
            category TEXT,
            priority TEXT NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
            status TEXT NOT NULL CHECK (status IN ('new', 'open', 'pending-customer', 'on-hold', 'solved', 'closed')),
            team_id BIGINT REFERENCES teams (id),
            assignee_id BIGINT REFERENCES agents (id),
            merchant_id BIGINT REFERENCES organizations (id),
            tags TEXT NOT NULL,
            fields TEXT NOT NULL,
            problem_what TEXT,
            problem_when TEXT,
            problem_expectation TEXT,
            language TEXT,
            follow_up_of BIGINT REFERENCES tickets (number),
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL CHECK (updated_at >= created_at)
        );
        CREATE INDEX tickets_updated ON tickets (updated_at, id);
        CREATE INDEX tickets_status ON tickets (status, updated_at, id);
        CREATE INDEX tickets_team ON tickets (team_id, updated_at, id);
        CREATE INDEX tickets_assignee ON tickets (assignee_id, updated_at, id);
        CREATE INDEX tickets_customer ON tickets (customer_id, updated_at, id);
        CREATE INDEX tickets_merchant ON tickets (merchant_id, updated_at, id);
        CREATE INDEX tickets_priority ON tickets (priority, updated_at, id);

        CREATE TABLE ticket_tags (
            tag TEXT NOT NULL,
            ticket_id BIGINT NOT NULL REFERENCES tickets (id),
            PRIMARY KEY (tag, ticket_id)
        )\(withoutRowID);
        CREATE INDEX ticket_tags_ticket ON ticket_tags (ticket_id);

        CREATE TABLE messages (
            id \(id),
            ticket_id BIGINT NOT NULL REFERENCES tickets (id),
            author_kind TEXT NOT NULL CHECK (author_kind IN ('customer', 'agent', 'bot', 'system')),
            author_id BIGINT,
            visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
            body TEXT NOT NULL,
            attachments TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            CHECK ((author_kind IN ('customer', 'agent')) = (author_id IS NOT NULL)),
            CHECK (author_kind <> 'customer' OR visibility = 'public')
        );
        CREATE INDEX messages_ticket ON messages (ticket_id, id);

        CREATE TABLE ticket_events (
            id \(id),
            ticket_id BIGINT NOT NULL REFERENCES tickets (id),
            sequence BIGINT NOT NULL CHECK (sequence >= 1),
            kind TEXT NOT NULL CHECK (kind IN (\(eventKinds))),
            actor_kind TEXT NOT NULL CHECK (actor_kind IN ('agent', 'customer', 'integration', 'bot', 'system')),
            actor_id BIGINT,
            data TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64),
            UNIQUE (ticket_id, sequence)
        );

        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            agent_id BIGINT REFERENCES agents (id) ON DELETE CASCADE,
            customer_id BIGINT REFERENCES customers (id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            CHECK ((agent_id IS NULL) <> (customer_id IS NULL))
        );
        CREATE INDEX sessions_expiry ON sessions (expires_at);

        CREATE TABLE api_tokens (
            id \(id),
            organization_id BIGINT NOT NULL REFERENCES organizations (id),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
            token_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            scopes TEXT NOT NULL,
            created_by BIGINT REFERENCES agents (id),
            created_at BIGINT NOT NULL,
            last_used_at BIGINT,
            revoked_at BIGINT
        );

        CREATE TABLE magic_links (
            token_hash TEXT PRIMARY KEY,
            customer_id BIGINT NOT NULL REFERENCES customers (id),
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT
        );

        CREATE TABLE desk_settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        """
        switch dialect {
        case .sqlite:
            sql += """
            CREATE TABLE counters (
                name TEXT PRIMARY KEY,
                value BIGINT NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO counters (name, value) VALUES ('ticket_number', 1000), ('agent_number', 1000);

            CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
            BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;
            CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
            BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;

            -- rowid = ticket id << 21 | document << 1 | internal (see SQLStore+Search).
            CREATE VIRTUAL TABLE search_index USING fts5(
                terms, content = '', tokenize = 'unicode61 remove_diacritics 0'
            );
            """
        case .postgres:
            sql += """
            CREATE SEQUENCE ticket_number_seq START 1001;
            CREATE SEQUENCE agent_number_seq START 1001;

            CREATE FUNCTION ticket_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'ticket events are append-only'; END $$;
            CREATE TRIGGER ticket_events_no_change BEFORE UPDATE OR DELETE ON ticket_events
            FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();

            CREATE TABLE search_index (
                doc_id BIGINT PRIMARY KEY,
                ticket_id BIGINT NOT NULL REFERENCES tickets (id),
                internal BOOLEAN NOT NULL,
                terms TSVECTOR NOT NULL
            );
            CREATE INDEX search_index_terms ON search_index USING GIN (terms);
            CREATE INDEX search_index_ticket ON search_index (ticket_id);
            """
        }
        return sql
    }
}
