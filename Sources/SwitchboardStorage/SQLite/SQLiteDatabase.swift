import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// The embedded engine: one SQLite file in WAL mode, one writer thread with group commit and a
/// few reader threads.
public final class SQLiteDatabase: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    let writer: SQLiteWriter
    private let readers: [SQLiteReader]
    private let checkpointer: SQLiteCheckpointer
    private let syncer: WALSyncer?
    private let group: MultiThreadedEventLoopGroup
    private let nextReader = Atomic<Int>(0)
    public let path: String

    /// How hard each commit is pushed to disk.
    public enum Durability: String, Sendable {
        /// Acknowledged only once on disk: survives a killed process and a power cut.
        case full
        /// Acknowledged at commit: survives a killed process; a power cut may lose the newest commits.
        case normal
    }

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, readers readerCount: Int = max(2, System.coreCount), durability: Durability = .full) throws {
        self.path = path
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 3 + readerCount)
        self.group = group
        var loops = group.makeIterator()
        let syncer = durability == .full ? WALSyncer(walPath: path + "-wal", eventLoop: loops.next()!) : nil
        self.syncer = syncer
        let progress = CheckpointProgress()
        do {
            writer = try SQLiteWriter(path: path, eventLoop: loops.next()!, syncer: syncer, progress: progress)
            readers = try (0..<readerCount).map { _ in try SQLiteReader(path: path, eventLoop: loops.next()!) }
            checkpointer = try SQLiteCheckpointer(path: path, eventLoop: loops.next()!, progress: progress)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await readers[index % readers.count].run(body)
    }

    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (isolated any SQLConnection) async throws -> T) async throws -> T {
        try await writer.submit(body)
    }

    public func close() async throws {
        try await checkpointer.stop()
        await writer.close()
        for reader in readers { await reader.close() }
        try await syncer?.close()
        try await group.shutdownGracefully()
    }

    /// How writes have been grouped into commits so far.
    public var commitGroups: CommitGroupStatistics {
        get async { await writer.commitGroups }
    }
}

/// Copies committed pages from the write-ahead log into the database file on its own thread, so
/// the writer never pauses a group commit to do it (the writer's automatic checkpoints are off).
final class SQLiteCheckpointer: Sendable {
    private let eventLoop: any EventLoop
    private let task: RepeatedTask

    init(path: String, eventLoop: any EventLoop, progress: CheckpointProgress) throws {
        self.eventLoop = eventLoop
        // The handle lives on the checkpointer's thread only; NIOLoopBound enforces that.
        let handle = try eventLoop.submit {
            let handle = try SQLiteHandle(path: path, readOnly: false)
            // A connection joins the write-ahead log only once it has read the database; until
            // then every checkpoint call returns without doing anything.
            try handle.executeScript("PRAGMA busy_timeout = 10000; PRAGMA wal_autocheckpoint = 0; SELECT count(*) FROM sqlite_master")
            return NIOLoopBound(handle, eventLoop: eventLoop)
        }.wait()
        task = eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(500), delay: .milliseconds(500)) { _ in
            // PASSIVE never blocks the writer or readers; pages still in use wait for the next round.
            let result = handle.value.checkpoint(.passive)
            if result.ran { progress.checkpointedFrames = result.checkpointedFrames }
        }
        self.handle = handle
    }

    private let handle: NIOLoopBound<SQLiteHandle>

    func stop() async throws {
        let promise = eventLoop.makePromise(of: Void.self)
        task.cancel(promise: promise)
        try await promise.futureResult.get()
        try await eventLoop.submit { [handle] in
            try? handle.value.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
            handle.value.close()
        }.get()
    }
}

/// How a SQLite writer has grouped writes into commits, and how long its log has grown.
public struct CommitGroupStatistics: Sendable, Hashable {
    public private(set) var commits = 0
    public private(set) var writes = 0
    public private(set) var largest = 0
    /// Times the write-ahead log started over from its beginning.
    public internal(set) var logRestarts = 0
    /// Checkpoints the writer finished itself (the rest ran in the background).
    public internal(set) var writerCheckpoints = 0
    /// The longest the log has been, in frames (about 4 KiB each).
    public internal(set) var longestLog = 0

    mutating func record(_ size: Int) {
        commits += 1
        writes += size
        largest = max(largest, size)
    }

    /// Writes per commit on average.
    public var average: Double { commits == 0 ? 0 : Double(writes) / Double(commits) }
}

/// The background checkpointer's progress, read by the writer to decide when finishing a checkpoint is cheap.
final class CheckpointProgress: Sendable {
    private let frames = Atomic<Int>(0)

    /// Frames of the current log already copied into the database file.
    var checkpointedFrames: Int {
        get { frames.load(ordering: .relaxed) }
        set { frames.store(newValue, ordering: .relaxed) }
    }
}
