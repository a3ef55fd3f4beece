import Foundation
import NIOCore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes committed groups durable off the writer thread. The writer commits with
/// `synchronous=NORMAL` (which in WAL mode never corrupts, but leaves the newest commits
/// unsynced) and hands each group's acknowledgements here; this thread `fdatasync`s the WAL and
/// only then acknowledges them. Groups that queue up while a sync runs share the next one.
/// Together that is `synchronous=FULL`'s guarantee — nothing is acknowledged before it is on
/// disk — without the writer waiting for the disk.
final class WALSyncer: Sendable {
    private struct State {
        var waiting: [(succeeded: @Sendable () -> Void, failed: @Sendable (any Error) -> Void)] = []
        var syncing = false
        var descriptor: Int32 = -1
    }

    private let path: String
    private let eventLoop: any EventLoop
    private let state = Mutex(State())

    init(walPath: String, eventLoop: any EventLoop) {
        self.path = walPath
        self.eventLoop = eventLoop
    }

    /// Runs `succeeded` once everything written before this call is on disk (or `failed` if the sync fails).
    func afterSync(succeeded: @escaping @Sendable () -> Void, failed: @escaping @Sendable (any Error) -> Void) {
        let start = state.withLock { state in
            state.waiting.append((succeeded, failed))
            defer { state.syncing = true }
            return !state.syncing
        }
        if start { eventLoop.execute { self.drain() } }
    }

    /// Runs on the syncer's thread until no group is waiting.
    private func drain() {
        while true {
            let (group, descriptor) = state.withLock { state -> ([(succeeded: @Sendable () -> Void, failed: @Sendable (any Error) -> Void)], Int32) in
                let group = state.waiting
                state.waiting.removeAll(keepingCapacity: true)
                if group.isEmpty { state.syncing = false }
                if state.descriptor < 0 { state.descriptor = open(path, O_RDONLY | O_CLOEXEC) }
                return (group, state.descriptor)
            }
            guard !group.isEmpty else { return }
            if descriptor >= 0 && fdatasync(descriptor) == 0 {
                for entry in group { entry.succeeded() }
            } else {
                let error = StoreError(.engine, "the write-ahead log could not be synced to disk (errno \(errno)); the writes were not acknowledged")
                for entry in group { entry.failed(error) }
            }
        }
    }

    /// Closes the log's descriptor after every sync already queued (run on the syncer's thread, so it follows them).
    func close() async throws {
        try await eventLoop.submit {
            self.state.withLock { state in
                if state.descriptor >= 0 { _ = Glibc.close(state.descriptor) }
                state.descriptor = -1
            }
        }.get()
    }
}
