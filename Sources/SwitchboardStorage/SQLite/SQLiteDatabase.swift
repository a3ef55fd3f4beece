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
    private let group: MultiThreadedEventLoopGroup
    private let nextReader = Atomic<Int>(0)
    public let path: String

    /// How hard each commit is pushed to disk. FULL survives a power cut; the benchmark may pick NORMAL to compare.
    public enum Durability: String, Sendable {
        case full = "FULL"
        case normal = "NORMAL"
    }

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, readers readerCount: Int = max(2, System.coreCount), durability: Durability = .full) throws {
        self.path = path
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1 + readerCount)
        self.group = group
        var loops = group.makeIterator()
        do {
            writer = try SQLiteWriter(path: path, eventLoop: loops.next()!, synchronous: durability.rawValue)
            readers = try (0..<readerCount).map { _ in try SQLiteReader(path: path, eventLoop: loops.next()!) }
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
        await writer.close()
        for reader in readers { await reader.close() }
        try await group.shutdownGracefully()
    }

    /// The largest group of writes committed together so far.
    public var largestCommitGroup: Int {
        get async { await writer.largestBatch }
    }
}
