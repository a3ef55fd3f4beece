import Logging
import ServiceLifecycle
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// Carries what happened on the desk to whoever waits for it: ticket events from the stored log
/// to live screens (resumable by position), and notices to the parts that cache or wait for work.
/// `LocalEventBus` serves one node; `PostgresEventBus` several nodes on one PostgreSQL database.
/// Either runs as a `Service` after the store is ready and ends every live subscription on
/// graceful shutdown.
public protocol EventBus: Service {
    /// Tells the desk (every node) something happened here. Cheap, never waits.
    func announce(_ notice: DeskNotice)
    /// Calls `handler` with each notice from this node and the others. Register before `run()`.
    func onNotice(_ handler: @escaping @Sendable (DeskNotice) -> Void)
    /// A live view of the log after `position` (nil: from now), limited to `filter`'s events;
    /// `ticket` limits what wakes it to one ticket's events.
    func subscribe(after position: EventLogPosition?, ticket: Int64?, filter: @escaping @Sendable (LoggedEvent) -> Bool) async throws -> EventSubscription
    /// Open live subscriptions on this node.
    var subscriberCount: Int { get }
}

/// Notice handlers, shared by both buses.
final class NoticeHandlers: Sendable {
    private let handlers = Mutex<[@Sendable (DeskNotice) -> Void]>([])

    func add(_ handler: @escaping @Sendable (DeskNotice) -> Void) {
        handlers.withLock { $0.append(handler) }
    }

    func deliver(_ notice: DeskNotice) {
        for handler in handlers.withLock({ $0 }) { handler(notice) }
    }
}

extension LogFollower {
    /// Waits for the store, then finds where the log ends. False when shutdown came first (nothing
    /// to follow); either way a follower that will not run has ended its subscriptions.
    func start(once storeReady: Gate) async throws -> Bool {
        do {
            guard (try? await cancelWhenGracefulShutdown({ try await storeReady.wait() })) != nil else {
                finish()
                return false
            }
            try await start()
            return true
        } catch {
            finish()
            throw error
        }
    }
}

/// The bus of a desk on one node: notices go straight to their handlers, and the log follower
/// reads the log whenever this node has written to it.
public final class LocalEventBus: EventBus {
    let follower: LogFollower
    private let handlers = NoticeHandlers()
    private let storeReady: Gate

    init(store: any Store, storeReady: Gate, logger: Logger) {
        follower = LogFollower(store: store, logger: logger)
        self.storeReady = storeReady
    }

    public func announce(_ notice: DeskNotice) {
        if notice == .logAdvanced { follower.wake() }
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
        guard try await follower.start(once: storeReady) else { return }
        await withGracefulShutdownHandler {
            await follower.run()
        } onGracefulShutdown: {
            self.follower.finish()
        }
    }
}
