import Foundation
import NIOCore

/// The one connection that writes. Its executor is a dedicated thread; writes submitted while
/// a commit is in progress are gathered and committed together (group commit), each inside its
/// own savepoint so that one failing write does not undo the others.
actor SQLiteWriter: SQLConnection {
    nonisolated let dialect = SQLDialect.sqlite
    nonisolated let eventLoop: any EventLoop
    nonisolated var unownedExecutor: UnownedSerialExecutor { eventLoop.executor.asUnownedSerialExecutor() }

    private let handle: SQLiteHandle
    private var pending: [PendingWrite] = []
    /// Writes the running body asked to defer to commit time; moved to `atCommit` if the body succeeds.
    private var deferred: [(String, [SQLValue])] = []
    private var atCommit: [(String, [SQLValue])] = []
    private var flushScheduled = false
    private var closed = false
    /// Commit groups so far: how many, how many writes they carried, the largest — for the benchmark report.
    private(set) var commitGroups = CommitGroupStatistics()

    private struct PendingWrite {
        let run: (isolated SQLiteWriter) async -> Outcome
    }

    /// What to do once the batch's fate is known.
    private struct Outcome {
        let succeeded: Bool
        let committed: @Sendable () -> Void
        let failed: @Sendable (any Error) -> Void
    }

    /// Where groups go to become durable before they are acknowledged (nil: acknowledge at commit).
    private let syncer: WALSyncer?
    /// The log's length after the last commit, kept by SQLite's WAL hook.
    private let walFrames: SQLiteHandle.FrameCount

    /// Past this many frames (about 128 MiB) the writer finishes the background checkpoint's work so
    /// the next commit restarts the log from its beginning instead of growing it.
    static let restartFrames = 32_768
    /// Past this many frames (about 256 MiB) the writer waits for a full checkpoint: the log must not
    /// outgrow the disk even if the background checkpointer falls far behind.
    static let ceilingFrames = 65_536

    /// How far the background checkpointer has copied the log.
    private let progress: CheckpointProgress

    /// The writer finishes a checkpoint only when the background one left at most this many frames.
    static let finishingFrames = 8_192

    init(path: String, eventLoop: any EventLoop, syncer: WALSyncer?, progress: CheckpointProgress) throws {
        self.eventLoop = eventLoop
        self.syncer = syncer
        self.progress = progress
        handle = try SQLiteHandle(path: path, readOnly: false)
        try handle.executeScript("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = 10000;
            PRAGMA cache_size = -32000;
            PRAGMA temp_store = MEMORY;
            PRAGMA wal_autocheckpoint = 0;
            """)
        walFrames = handle.trackWALFrames()
    }

    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        try handle.query(sql, binds)
    }

    /// Runs a script of statements without results (migrations, pragmas).
    func executeScript(_ sql: String) throws {
        try handle.executeScript(sql)
    }

    func executeAtCommit(_ sql: String, _ binds: [SQLValue]) {
        deferred.append((sql, binds))
    }

    /// Counter values handed out in the current group: read once per group (under the write
    /// lock, so another process's numbers are seen), advanced in memory, stored once before commit.
    private var counters: [String: Int64] = [:]

    func nextValue(of counter: String) throws -> Int64 {
        var value: Int64
        if let cached = counters[counter] {
            value = cached
        } else {
            guard let row = try handle.query("SELECT value FROM counters WHERE name = ?", [.text(counter)]).first else {
                throw StoreError(.corruptRow, "counter \(counter) is missing")
            }
            value = try row.int("value")
        }
        value += 1
        counters[counter] = value
        return value
    }

    func submit<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T {
        guard !closed else { throw StoreError(.closed, "the store is closed") }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            pending.append(PendingWrite { writer in
                do {
                    let value = try await body(writer)
                    return Outcome(succeeded: true, committed: { continuation.resume(returning: value) }, failed: { continuation.resume(throwing: $0) })
                } catch {
                    return Outcome(succeeded: false, committed: { continuation.resume(throwing: error) }, failed: { _ in continuation.resume(throwing: error) })
                }
            })
            if !flushScheduled {
                flushScheduled = true
                // Runs after every submission already queued on this executor, so they join the batch.
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            commitGroups.record(batch.count)
            var outcomes: [Outcome] = []
            outcomes.reserveCapacity(batch.count)
            do {
                try handle.executeScript("BEGIN IMMEDIATE")
            } catch {
                for write in batch { await write.run(self).failed(error) }
                continue
            }
            counters.removeAll(keepingCapacity: true)
            for write in batch {
                _ = try? handle.query("SAVEPOINT write", [])
                let outcome = await write.run(self)
                outcomes.append(outcome)
                if outcome.succeeded {
                    atCommit += deferred
                } else {
                    // Undo only this write; its caller hears its own error once the batch commits.
                    _ = try? handle.query("ROLLBACK TO write", [])
                }
                deferred.removeAll(keepingCapacity: true)
                _ = try? handle.query("RELEASE write", [])
            }
            do {
                defer {
                    atCommit.removeAll(keepingCapacity: true)
                    counters.removeAll(keepingCapacity: true)
                }
                for (sql, binds) in atCommit { _ = try handle.query(sql, binds) }
                // Numbers taken by writes that were rolled back are skipped, never reused within a group.
                for (name, value) in counters {
                    _ = try handle.query("UPDATE counters SET value = ? WHERE name = ? AND value < ?", [.integer(value), .text(name), .integer(value)])
                }
                try handle.executeScript("COMMIT")
                if let syncer {
                    // The next group starts now; these callers hear back once the log is on disk.
                    let group = outcomes
                    syncer.afterSync(
                        succeeded: { for outcome in group { outcome.committed() } },
                        failed: { error in for outcome in group { outcome.failed(error) } }
                    )
                } else {
                    for outcome in outcomes { outcome.committed() }
                }
                boundLog()
            } catch {
                try? handle.executeScript("ROLLBACK")
                for outcome in outcomes { outcome.failed(error) }
            }
        }
        flushScheduled = false
    }

    /// Keeps the write-ahead log short. The background checkpointer copies most frames; once the
    /// log is long, the writer copies what is left (usually little) so the next commit can start
    /// the log over — frames then overwrite allocated space instead of extending the file.
    private func boundLog() {
        let frames = walFrames.frames
        if frames < lastFrames { commitGroups.logRestarts += 1 }
        lastFrames = frames
        commitGroups.longestLog = max(commitGroups.longestLog, frames)
        if frames >= Self.ceilingFrames {
            commitGroups.writerCheckpoints += 1
            _ = handle.checkpoint(.restart)
        } else if frames >= Self.restartFrames, frames - progress.checkpointedFrames <= Self.finishingFrames {
            commitGroups.writerCheckpoints += 1
            _ = handle.checkpoint(.passive)
        }
    }

    private var lastFrames = 0

    func close() {
        closed = true
        handle.close()
    }
}

/// A read-only connection on its own thread; several serve reads in parallel under WAL.
actor SQLiteReader: SQLConnection {
    nonisolated let dialect = SQLDialect.sqlite
    nonisolated let eventLoop: any EventLoop
    nonisolated var unownedExecutor: UnownedSerialExecutor { eventLoop.executor.asUnownedSerialExecutor() }

    private let handle: SQLiteHandle

    init(path: String, eventLoop: any EventLoop) throws {
        self.eventLoop = eventLoop
        handle = try SQLiteHandle(path: path, readOnly: true)
        try handle.executeScript("""
            PRAGMA busy_timeout = 10000;
            PRAGMA cache_size = -32000;
            PRAGMA query_only = ON;
            """)
    }

    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue]) throws -> [SQLRow] {
        try handle.query(sql, binds)
    }

    func executeScript(_ sql: String) throws {
        try handle.executeScript(sql)
    }

    func executeAtCommit(_ sql: String, _ binds: [SQLValue]) throws {
        throw StoreError(.engine, "a read-only connection cannot write")
    }

    func nextValue(of counter: String) throws -> Int64 {
        throw StoreError(.engine, "a read-only connection cannot take numbers")
    }

    /// Whether a read holds this connection's transaction; reads that arrive meanwhile queue here.
    private var busy = false
    private var waiting = CircularBuffer<CheckedContinuation<Void, Never>>()

    func run<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T {
        // A read that awaits something off this actor lets the next read in (actors re-enter at
        // every suspension); without the gate the second read would begin a transaction inside
        // the first one's. The gate hands the connection over in arrival order.
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer { handOver() }
        // One snapshot for the whole read, so multi-statement reads are consistent.
        try handle.executeScript("BEGIN")
        defer { try? handle.executeScript("COMMIT") }
        return try await body(self)
    }

    private func handOver() {
        if let next = waiting.popFirst() {
            next.resume()
        } else {
            busy = false
        }
    }

    func close() {
        handle.close()
    }
}
