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
        do {
            writer = try SQLiteWriter(path: path, eventLoop: loops.next()!, syncer: syncer)
            readers = try (0..<readerCount).map { _ in try SQLiteReader(path: path, eventLoop: loops.next()!) }
            checkpointer = try SQLiteCheckpointer(path: path, eventLoop: loops.next()!)
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

    init(path: String, eventLoop: any EventLoop) throws {
        self.eventLoop = eventLoop
        // The handle lives on the checkpointer's thread only; NIOLoopBound enforces that.
        let handle = try eventLoop.submit {
            let handle = try SQLiteHandle(path: path, readOnly: false)
            try handle.executeScript("PRAGMA busy_timeout = 10000; PRAGMA wal_autocheckpoint = 0")
            return NIOLoopBound(handle, eventLoop: eventLoop)
        }.wait()
        task = eventLoop.scheduleRepeatedTask(initialDelay: .milliseconds(200), delay: .milliseconds(200)) { _ in
            // PASSIVE never blocks the writer or readers; pages still in use wait for the next round.
            try? handle.value.executeScript("PRAGMA wal_checkpoint(PASSIVE)")
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

/// How a SQLite writer has grouped writes into commits.
public struct CommitGroupStatistics: Sendable, Hashable {
    public private(set) var commits = 0
    public private(set) var writes = 0
    public private(set) var largest = 0

    mutating func record(_ size: Int) {
        commits += 1
        writes += size
        largest = max(largest, size)
    }

    /// Writes per commit on average.
    public var average: Double { commits == 0 ? 0 : Double(writes) / Double(commits) }
}
