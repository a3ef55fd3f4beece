extension Migrations {
    /// The desk's spine (ADR 0007): event kinds no longer listed in the schema, a log position
    /// for live streams on PostgreSQL, each customer message's analysis, and durable jobs.
    static let spine = Migration(version: 2, name: "the spine: open event kinds, analyses, jobs") { dialect in
        // Job ids are never reused (SQLite would hand a deleted row's id out again): a node that
        // reports on a job it no longer holds must not meet a newer job under the same id.
        let jobID = dialect == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : dialect.primaryKey
        let real = dialect == .sqlite ? "REAL" : "DOUBLE PRECISION"
        var sql: String
        switch dialect {
        case .sqlite:
            // SQLite cannot drop a CHECK, so the event table is rebuilt once with the same rows and
            // ids; Switchboard validates kinds (`EventKind`). Its triggers go with the old table.
            sql = """
            CREATE TABLE ticket_events_next (
                id INTEGER PRIMARY KEY,
                ticket_id BIGINT NOT NULL REFERENCES tickets (id),
                sequence BIGINT NOT NULL CHECK (sequence >= 1),
                kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
                actor_kind TEXT NOT NULL CHECK (actor_kind IN ('agent', 'customer', 'integration', 'bot', 'system')),
                actor_id BIGINT,
                data TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
                hash TEXT NOT NULL CHECK (length(hash) = 64),
                UNIQUE (ticket_id, sequence)
            );
            INSERT INTO ticket_events_next (id, ticket_id, sequence, kind, actor_kind, actor_id, data, created_at, previous_hash, hash)
                SELECT id, ticket_id, sequence, kind, actor_kind, actor_id, data, created_at, previous_hash, hash FROM ticket_events ORDER BY id;
            DROP TABLE ticket_events;
            ALTER TABLE ticket_events_next RENAME TO ticket_events;
            CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
            BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;
            CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
            BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;

            """
        case .postgres:
            // `tx` is the writing transaction's id. Events become readable to live streams in
            // (tx, id) order once every older transaction has ended, so a stream that resumes
            // after an event never misses one that committed late (see SQLStore+EventLog).
            // Rows written before this migration committed long ago and sort first with tx 0.
            sql = """
            ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
            ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_length CHECK (length(kind) BETWEEN 1 AND 40);
            ALTER TABLE ticket_events ADD COLUMN tx BIGINT NOT NULL DEFAULT 0;
            ALTER TABLE ticket_events ALTER COLUMN tx SET DEFAULT (pg_current_xact_id()::text::bigint);
            CREATE INDEX ticket_events_log ON ticket_events (tx, id);

            """
        }
        // message_analyses: columns for what the desk asks across messages (which intents, how
        // angry, what was out of scope), the whole analysis as the page shows it in `details`.
        // jobs: a leased job's run_at is its lease's end, so should the node die it is due again.
        // (No SQL comments: the PostgreSQL script runner splits statements at semicolons.)
        sql += """
        CREATE TABLE message_analyses (
            message_id BIGINT PRIMARY KEY REFERENCES messages (id),
            ticket_id BIGINT NOT NULL REFERENCES tickets (id),
            state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
            language TEXT,
            intent TEXT,
            confidence \(real),
            out_of_scope BOOLEAN,
            polarity TEXT CHECK (polarity IN ('negative', 'neutral', 'positive')),
            anger \(real),
            person_requested BOOLEAN,
            model_version TEXT,
            details TEXT,
            corrected_intent TEXT,
            created_at BIGINT NOT NULL,
            analysed_at BIGINT,
            CHECK ((state = 'done') = (details IS NOT NULL))
        );
        CREATE INDEX message_analyses_ticket ON message_analyses (ticket_id);
        CREATE INDEX message_analyses_pending ON message_analyses (created_at) WHERE state = 'pending';

        CREATE TABLE jobs (
            id \(jobID),
            kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
            payload TEXT NOT NULL,
            job_key TEXT UNIQUE,
            state TEXT NOT NULL CHECK (state IN ('queued', 'parked')),
            run_at BIGINT NOT NULL,
            attempts INTEGER NOT NULL CHECK (attempts >= 0),
            max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
            lease_owner TEXT,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX jobs_due ON jobs (run_at, id) WHERE state = 'queued';
        CREATE INDEX jobs_parked ON jobs (updated_at) WHERE state = 'parked';
        """
        return sql
    }
}
