extension Migrations {
    /// Routing and SLA clocks: when an agent was last active and last given a case (presence and
    /// the longest-idle tie), when a ticket joined its team's queue, its nearest SLA due and
    /// warning times (the queue sorts most-at-risk first), and each agent's notifications.
    static let routingAndClocks = Migration(version: 5, name: "routing, clocks and notifications") { dialect in
        """
        ALTER TABLE agents ADD COLUMN last_active_at BIGINT;
        ALTER TABLE agents ADD COLUMN last_assigned_at BIGINT;
        ALTER TABLE tickets ADD COLUMN queued_at BIGINT;
        ALTER TABLE tickets ADD COLUMN sla_due_at BIGINT;
        ALTER TABLE tickets ADD COLUMN sla_warn_at BIGINT;
        UPDATE tickets SET queued_at = updated_at WHERE assignee_id IS NULL AND status NOT IN ('solved', 'closed');
        CREATE INDEX tickets_waiting ON tickets (queued_at, id)
            WHERE assignee_id IS NULL AND team_id IS NOT NULL AND status NOT IN ('solved', 'closed');
        CREATE INDEX tickets_sla_due ON tickets (sla_due_at, id) WHERE sla_due_at IS NOT NULL;
        CREATE INDEX tickets_open_assignee ON tickets (assignee_id) WHERE status NOT IN ('solved', 'closed');
        CREATE TABLE notifications (
            id \(dialect.primaryKey),
            agent_id BIGINT NOT NULL REFERENCES agents (id),
            kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
            ticket_number BIGINT NOT NULL,
            event_id BIGINT NOT NULL,
            detail TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            read_at BIGINT,
            UNIQUE (agent_id, event_id, kind)
        );
        CREATE INDEX notifications_agent ON notifications (agent_id, id);
        CREATE INDEX notifications_unread ON notifications (agent_id) WHERE read_at IS NULL;
        """
    }
}
