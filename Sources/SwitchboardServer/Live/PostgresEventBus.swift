import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// The bus of a desk whose nodes share one PostgreSQL database. Each node follows the log
/// itself; `LISTEN/NOTIFY` only says "look again" (and carries the notices), so a lost
/// notification costs at most the one-second look every node takes anyway.
///
/// After this node writes, its follower reads the new events and then notifies the other nodes
/// once for the whole batch: the write path never waits on the notification. PostgreSQL makes
/// events readable only once every older transaction has ended (see `SQLStore+EventLog`); a read
/// that finds nothing after a wake-up is tried again a few times, shortly after.
public final class PostgresEventBus: EventBus {
    let follower: LogFollower
    private let signals: any NodeSignals
    private let handlers = NoticeHandlers()
    private let storeReady: Gate
    private let logger: Logger
    /// Names this node in its notifications, so it does not act twice on its own.
    let node: String
    /// This node wrote events that other nodes have not been told of.
    private let unannounced = Atomic<Bool>(false)
    private let outgoing = AsyncStream<DeskNotice>.makeStream(bufferingPolicy: .bufferingNewest(256))

    /// How often every node reads the log even when nobody said to.
    static let pollInterval: Duration = .seconds(1)

    init(store: any Store, signals: any NodeSignals, storeReady: Gate, node: String, logger: Logger) {
        follower = LogFollower(store: store, logger: logger)
        self.signals = signals
        self.storeReady = storeReady
        self.node = node
        self.logger = logger
    }

    public func announce(_ notice: DeskNotice) {
        if notice == .logAdvanced {
            unannounced.store(true, ordering: .relaxed)
            follower.wake()
        } else {
            outgoing.continuation.yield(notice)
        }
        handlers.deliver(notice)
    }

    public func onNotice(_ handler: @escaping @Sendable (DeskNotice) -> Void) {
        handlers.add(handler)
    }

    public func subscribe(after position: EventLogPosition?, ticket: Int64?, filter: @escaping @Sendable (LoggedEvent) -> Bool) async throws -> EventSubscription {
        try await follower.subscribe(after: position, ticket: ticket, filter: filter)
    }

    public var subscriberCount: Int { follower.subscriberCount }

    public func run() async throws {
        guard try await follower.start(once: storeReady) else {
            outgoing.continuation.finish()
            return
        }
        // On graceful shutdown the four loops are cancelled; then every live subscription ends.
        _ = try? await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.follow() }
                group.addTask { await self.listen() }
                group.addTask { await self.send() }
                group.addTask { await self.poll() }
            }
        }
        follower.finish()
        outgoing.continuation.finish()
    }

    /// Reads the log when woken; tells the other nodes after reading events this node wrote, and
    /// looks again shortly when a wake-up found nothing yet (an older transaction still open).
    private func follow() async {
        await follower.run { found in
            if found > 0 {
                if self.unannounced.exchange(false, ordering: .relaxed) {
                    self.outgoing.continuation.yield(.logAdvanced)
                }
                return
            }
            for delay in [5, 10, 20, 40, 80] {
                try? await Task.sleep(for: .milliseconds(delay))
                if await self.follower.readNew() > 0 {
                    if self.unannounced.exchange(false, ordering: .relaxed) { self.outgoing.continuation.yield(.logAdvanced) }
                    return
                }
            }
        }
    }

    /// Sends queued notices, one at a time (a burst of "log" notices becomes one).
    private func send() async {
        var pendingLog = false
        for await notice in outgoing.stream {
            if notice == .logAdvanced {
                if pendingLog { continue }
                pendingLog = true
            }
            do {
                try await signals.send("\(node) \(notice.line)")
            } catch {
                logger.warning("could not notify the other nodes", metadata: ["error": "\(error)"])
            }
            if notice == .logAdvanced { pendingLog = false }
        }
    }

    /// Listens for the other nodes, reconnecting after a lost connection (and reading the log
    /// then, since whatever was said meanwhile is lost).
    private func listen() async {
        var backoff: Duration = .milliseconds(100)
        while !Task.isCancelled {
            do {
                try await signals.listen(connected: {
                    self.follower.wake()
                }, receive: { payload in
                    self.received(payload)
                })
            } catch {
                if Task.isCancelled { return }
                logger.warning("lost the notification connection; listening again", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }

    private func poll() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: Self.pollInterval)
            follower.wake()
        }
    }

    private func received(_ payload: String) {
        let parts = payload.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0] != node, let notice = DeskNotice(line: parts[1]) else { return }
        if notice == .logAdvanced { follower.wake() }
        handlers.deliver(notice)
    }
}
