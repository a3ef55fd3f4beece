import Foundation
import SwitchboardCore

/// Durable jobs. A node leases due jobs by moving their `run_at` to the lease's end and naming
/// itself the owner; finishing removes the job (or schedules its retry, or parks it) only while
/// the node still owns it. A node that dies mid-run leaves the job due again when the lease ends.
/// On PostgreSQL nodes that claim at once skip each other's rows (`FOR UPDATE SKIP LOCKED`); on
/// SQLite claims go through the one writer.
extension SQLStore {
    static let jobColumns = "id, kind, payload, job_key, state, run_at, attempts, max_attempts, last_error, created_at"

    public func enqueueJobs(_ jobs: [NewJob]) async throws {
        guard !jobs.isEmpty else { return }
        let now = Date().roundedToMilliseconds
        try await write { connection in try await Self.insertJobs(jobs, at: now, connection) }
    }

    /// Stores jobs in the caller's transaction; a job whose key another job holds is left out.
    /// Rows go a hundred to a statement: a backlog of thousands costs tens of round trips, not
    /// thousands (and stays under either engine's limit on parameters).
    /// A rescheduling job replaces the stored one's time and payload and frees it from a lease: a
    /// node still running the old one then finds it no longer its own and stores nothing after it.
    static func insertJobs(_ jobs: [NewJob], at now: Date, _ connection: isolated any SQLConnection) async throws {
        let plain = jobs.filter { !$0.reschedules || $0.key == nil }, moving = jobs.filter { $0.reschedules && $0.key != nil }
        try await insertJobs(plain, at: now, onConflict: "DO NOTHING", connection)
        try await insertJobs(
            moving, at: now,
            onConflict: """
            DO UPDATE SET run_at = excluded.run_at, payload = excluded.payload, lease_owner = NULL, attempts = 0, \
            updated_at = excluded.updated_at WHERE jobs.state = 'queued'
            """,
            connection
        )
    }

    private static func insertJobs(_ jobs: [NewJob], at now: Date, onConflict: String, _ connection: isolated any SQLConnection) async throws {
        for start in stride(from: 0, to: jobs.count, by: 100) {
            let rows = jobs[start..<min(start + 100, jobs.count)]
            var values: [SQLValue] = []
            values.reserveCapacity(rows.count * 7)
            for job in rows {
                values += [
                    .text(job.kind.rawValue), .json(job.payload), .optional(job.key), .date(job.runAt.roundedToMilliseconds),
                    .int(job.maxAttempts), .date(now), .date(now),
                ]
            }
            let placeholders = Array(repeating: "(?, ?, ?, 'queued', ?, 0, ?, ?, ?)", count: rows.count).joined(separator: ", ")
            try await connection.query(
                """
                INSERT INTO jobs (kind, payload, job_key, state, run_at, attempts, max_attempts, created_at, updated_at)
                VALUES \(placeholders) ON CONFLICT (job_key) \(onConflict)
                """,
                values
            )
        }
    }

    public func claimJobs(owner: String, limit: Int, at now: Date, lease: TimeInterval) async throws -> [Job] {
        guard limit > 0 else { return [] }
        let now = now.roundedToMilliseconds
        let skipLocked = dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await write { connection in
            try await connection.query(
                """
                UPDATE jobs SET attempts = attempts + 1, lease_owner = ?, run_at = ?, updated_at = ?
                WHERE id IN (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= ? ORDER BY run_at, id LIMIT ?\(skipLocked))
                RETURNING \(Self.jobColumns)
                """,
                [.text(owner), .date(now.addingTimeInterval(lease)), .date(now), .date(now), .int(limit)]
            ).map(Self.job).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        }
    }

    public func finishJobs(_ outcomes: [(Job.ID, JobOutcome)], owner: String, at now: Date) async throws {
        guard !outcomes.isEmpty else { return }
        let now = now.roundedToMilliseconds
        try await write { connection in
            for (id, outcome) in outcomes {
                switch outcome {
                case .done(let next):
                    let removed = try await connection.query(
                        "DELETE FROM jobs WHERE id = ? AND lease_owner = ? AND state = 'queued' RETURNING id", [.id(id), .text(owner)]
                    )
                    // A job this node no longer owns ran elsewhere too; its follow-ups are that node's to store.
                    if !removed.isEmpty { try await Self.insertJobs(next, at: now, connection) }
                case .failed(let error, let retryAt?):
                    try await connection.query(
                        """
                        UPDATE jobs SET run_at = ?, lease_owner = NULL, last_error = ?, updated_at = ?
                        WHERE id = ? AND lease_owner = ? AND state = 'queued'
                        """,
                        [.date(retryAt.roundedToMilliseconds), .text(Self.clipped(error)), .date(now), .id(id), .text(owner)]
                    )
                case .failed(let error, nil):
                    try await connection.query(
                        """
                        UPDATE jobs SET state = 'parked', lease_owner = NULL, last_error = ?, updated_at = ?
                        WHERE id = ? AND lease_owner = ? AND state = 'queued'
                        """,
                        [.text(Self.clipped(error)), .date(now), .id(id), .text(owner)]
                    )
                }
            }
        }
    }

    public func nextJobDue() async throws -> Date? {
        try await read { connection in
            try await connection.first("SELECT MIN(run_at) AS due FROM jobs WHERE state = 'queued'")?.optionalDate("due")
        }
    }

    public func jobs(state: Job.State, limit: Int) async throws -> [Job] {
        try await read { connection in
            let order = state == .parked ? "updated_at DESC, id DESC" : "run_at, id"
            return try await connection.query(
                "SELECT \(Self.jobColumns) FROM jobs WHERE state = ? ORDER BY \(order) LIMIT ?", [.text(state.rawValue), .int(max(0, limit))]
            ).map(Self.job)
        }
    }

    public func jobCounts() async throws -> [Job.State: Int] {
        try await read { connection in
            var counts: [Job.State: Int] = [:]
            for row in try await connection.query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state", []) {
                if let state = Job.State(rawValue: try row.string("state")) { counts[state] = Int(try row.int("n")) }
            }
            return counts
        }
    }

    public func retryJob(_ id: Job.ID, at now: Date) async throws -> Bool {
        let now = now.roundedToMilliseconds
        return try await write { connection in
            !(try await connection.query(
                """
                UPDATE jobs SET state = 'queued', attempts = 0, run_at = ?, lease_owner = NULL, updated_at = ?
                WHERE id = ? AND state = 'parked' RETURNING id
                """,
                [.date(now), .date(now), .id(id)]
            )).isEmpty
        }
    }

    public func dropJob(_ id: Job.ID) async throws -> Bool {
        try await write { connection in
            !(try await connection.query("DELETE FROM jobs WHERE id = ? AND state = 'parked' RETURNING id", [.id(id)])).isEmpty
        }
    }

    /// A job's error as kept: one line of at most 500 characters.
    static func clipped(_ error: String) -> String {
        String(error.replacingOccurrences(of: "\n", with: " ").prefix(500))
    }

    static func job(_ row: SQLRow) throws -> Job {
        // A kind that does not read is handed over as `unreadable`, which no runner handles: parked, not stuck.
        let kind = JobKind(rawValue: try row.string("kind")) ?? .unreadable
        // A payload that does not parse is handed over as its text, for the runner to park.
        let text = try row.string("payload")
        let payload = (try? JSONValue.parse(text)) ?? .string(text)
        return Job(
            id: try row.id("id"), kind: kind, payload: payload, key: try row.optionalString("job_key"), state: try row.enumValue("state"),
            runAt: try row.date("run_at"), attempts: Int(try row.int("attempts")), maxAttempts: Int(try row.int("max_attempts")),
            lastError: try row.optionalString("last_error"), createdAt: try row.date("created_at")
        )
    }
}
