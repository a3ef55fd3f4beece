import Foundation
import Logging
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// Reads the event log as it grows and lets live subscribers catch up with it.
///
/// One reader per node follows the log (woken when this node wrote, or another node said it did)
/// and keeps the newest events in memory. Subscribers pull: each keeps its own position and, when
/// woken, takes what is new for it from memory — or, having fallen further behind than memory
/// reaches, from the store. So a write costs the same however many screens are open, a slow
/// screen only costs itself, and nobody misses an event: the log is the truth, memory a shortcut.
/// A read wakes the pages of the tickets it found, and those queues that are waiting: a queue
/// pausing between changes, or stuck writing to a client that does not read, costs a read nothing.
final class LogFollower: Sendable {
    private struct Subscriber {
        /// Only events of this ticket wake it (nil: every event may).
        let ticket: Int64?
        let wake: AsyncStream<Void>.Continuation
    }

    private struct State {
        /// Every event up to here has been read into `recent`.
        var cursor = EventLogPosition.start
        /// The newest events, oldest first.
        var recent: [LoggedEvent] = []
        /// `recent` holds every event after this position.
        var recentStart = EventLogPosition.start
        var subscribers: [Int: Subscriber] = [:]
        /// Who follows one ticket, by ticket, so a write wakes its own page without a look at
        /// every other open screen.
        var byTicket: [Int64: [Int]] = [:]
        /// Who may care about every ticket (queues) and waits now to be woken.
        var waitingForAny: Set<Int> = []
        var nextID = 0
        var finished = false
    }

    let store: any Store
    let logger: Logger
    /// How many of the newest events stay in memory.
    let keep: Int
    private let state = Mutex(State())
    private let wakeups = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    private let started = Gate()

    init(store: any Store, logger: Logger, keep: Int = 4_096) {
        self.store = store
        self.logger = logger
        self.keep = keep
    }

    /// Starts from the log's current head (history is read on demand, by subscribers that resume).
    func start() async throws {
        let head = try await store.eventLogHead()
        state.withLock {
            $0.cursor = head
            $0.recentStart = head
        }
        started.open()
    }

    /// Asks for the log to be read again soon (several asks before then make one read).
    func wake() {
        wakeups.continuation.yield()
    }

    /// Reads the log each time it is woken, until `finish()`. Returns how many reads found events,
    /// through `afterRead`, so a bus can tell other nodes.
    func run(afterRead: @escaping @Sendable (_ found: Int) async -> Void = { _ in }) async {
        for await _ in wakeups.stream {
            let found = await readNew()
            await afterRead(found)
        }
    }

    /// Reads every event past the cursor and wakes the subscribers they concern. Returns how many.
    @discardableResult
    func readNew() async -> Int {
        var total = 0
        while true {
            let cursor = state.withLock { $0.cursor }
            let events: [LoggedEvent]
            do {
                events = try await store.eventLog(after: cursor, limit: 1_000)
            } catch {
                logger.warning("could not read the event log", metadata: ["error": "\(error)"])
                return total
            }
            guard !events.isEmpty else { return total }
            total += events.count
            let tickets = Set(events.map(\.ticketNumber))
            let woken = state.withLock { state -> [AsyncStream<Void>.Continuation] in
                state.recent += events
                state.cursor = events[events.count - 1].position
                if state.recent.count > keep {
                    let dropped = state.recent.count - keep
                    state.recentStart = state.recent[dropped - 1].position
                    state.recent.removeFirst(dropped)
                }
                var woken = state.waitingForAny.compactMap { state.subscribers[$0]?.wake }
                state.waitingForAny.removeAll()
                for ticket in tickets {
                    for id in state.byTicket[ticket] ?? [] {
                        if let wake = state.subscribers[id]?.wake { woken.append(wake) }
                    }
                }
                return woken
            }
            for wake in woken { wake.yield() }
            if events.count < 1_000 { return total }
        }
    }

    /// Ends every subscription (graceful shutdown).
    func finish() {
        let subscribers = state.withLock { state -> [Subscriber] in
            state.finished = true
            defer {
                state.subscribers.removeAll()
                state.byTicket.removeAll()
                state.waitingForAny.removeAll()
            }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.wake.finish() }
        wakeups.continuation.finish()
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// The newest position read so far.
    var cursor: EventLogPosition { state.withLock { $0.cursor } }

    /// A subscription that starts after `position` (nil: after the newest event read so far).
    func subscribe(after position: EventLogPosition?, ticket: Int64?, filter: @escaping @Sendable (LoggedEvent) -> Bool) async throws -> EventSubscription {
        try await started.wait()
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let registered = state.withLock { state -> (id: Int, cursor: EventLogPosition)? in
            guard !state.finished else { return nil }
            state.nextID += 1
            state.subscribers[state.nextID] = Subscriber(ticket: ticket, wake: continuation)
            if let ticket { state.byTicket[ticket, default: []].append(state.nextID) }
            return (state.nextID, state.cursor)
        }
        guard let registered else {
            continuation.finish()
            return EventSubscription(follower: self, id: 0, ticket: ticket, position: position ?? .start, filter: filter, wakes: stream)
        }
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(registered.id) }
        let start = position ?? registered.cursor
        // Something to catch up on: wake at once.
        if start < registered.cursor { continuation.yield() }
        return EventSubscription(follower: self, id: registered.id, ticket: ticket, position: start, filter: filter, wakes: stream)
    }

    private func unsubscribe(_ id: Int) {
        state.withLock { state in
            guard let gone = state.subscribers.removeValue(forKey: id) else { return }
            if let ticket = gone.ticket {
                state.byTicket[ticket]?.removeAll { $0 == id }
                if state.byTicket[ticket]?.isEmpty == true { state.byTicket[ticket] = nil }
            } else {
                state.waitingForAny.remove(id)
            }
        }
    }

    /// A subscriber to every ticket is about to wait after `position`: it is woken by the next
    /// read, or at once when the log has already moved past it.
    fileprivate func waitForAny(_ id: Int, after position: EventLogPosition) {
        let wake = state.withLock { state -> AsyncStream<Void>.Continuation? in
            guard let subscriber = state.subscribers[id] else { return nil }
            if state.cursor > position { return subscriber.wake }
            state.waitingForAny.insert(id)
            return nil
        }
        wake?.yield()
    }

    /// Events after `position` up to the cursor, from memory when it reaches back that far; nil
    /// when the caller must read the store (it is further behind).
    fileprivate func recent(after position: EventLogPosition) -> (events: ArraySlice<LoggedEvent>, cursor: EventLogPosition)? {
        state.withLock { state in
            guard position >= state.recentStart else { return nil }
            // Binary search for the first event past `position`.
            var low = state.recent.startIndex, high = state.recent.endIndex
            while low < high {
                let middle = (low + high) / 2
                if state.recent[middle].position <= position { low = middle + 1 } else { high = middle }
            }
            return (state.recent[low...], state.cursor)
        }
    }
}

/// One live screen's view of the log: what it may see, from where it is, in order. Owned by the
/// task that serves the screen.
public final class EventSubscription {
    /// What the subscriber has seen, as far as the log goes (filtered-out events included).
    public private(set) var position: EventLogPosition
    private let follower: LogFollower
    private let id: Int
    /// Only this ticket's events wake it (nil: every event may).
    private let ticket: Int64?
    private let filter: @Sendable (LoggedEvent) -> Bool
    private var wakes: AsyncStream<Void>.AsyncIterator
    /// The most events one catch-up reads from the store before giving up on replaying them.
    static let catchUpLimit = 2_000
    /// The most tickets one change names. A page loads itself again whatever the change names;
    /// the names let it (and integrations) tell whether the change concerns what they show.
    static let ticketsNamed = 100

    fileprivate init(
        follower: LogFollower, id: Int, ticket: Int64?, position: EventLogPosition, filter: @escaping @Sendable (LoggedEvent) -> Bool, wakes: AsyncStream<Void>
    ) {
        self.follower = follower
        self.id = id
        self.ticket = ticket
        self.position = position
        self.filter = filter
        self.wakes = wakes.makeAsyncIterator()
    }

    /// What happened since the last call: the tickets this subscriber may see that changed
    /// (possibly none, if only others' events arrived), or `gap` when it was too far behind to
    /// replay them (the screen should reload). Nil when the subscription has ended.
    public func next() async -> LiveBatch? {
        if ticket == nil { follower.waitForAny(id, after: position) }
        guard await wakes.next() != nil else { return nil }
        var read: [ArraySlice<LoggedEvent>] = []
        var scanned = 0
        while true {
            if let (recent, cursor) = follower.recent(after: position) {
                read.append(recent)
                position = max(position, cursor)
                return LiveBatch(tickets: newestTickets(read), position: position, gap: false)
            }
            // Behind what memory holds: read the log itself, up to a limit.
            guard scanned < Self.catchUpLimit, let page = try? await follower.store.eventLog(after: position, limit: 500), !page.isEmpty else {
                break
            }
            scanned += page.count
            read.append(page[...])
            position = page[page.count - 1].position
        }
        // Too far behind: skip to now; the screen reloads instead of replaying.
        position = max(position, follower.cursor)
        return LiveBatch(tickets: [], position: position, gap: true)
    }

    /// The tickets of the newest events this subscriber may see, at most `ticketsNamed`, read
    /// from the newest back: a queue's change on a busy desk costs the same however many events
    /// came together in it.
    private func newestTickets(_ read: [ArraySlice<LoggedEvent>]) -> [Int64] {
        var tickets = Set<Int64>()
        scan: for events in read.reversed() {
            for event in events.reversed() {
                guard tickets.count < Self.ticketsNamed else { break scan }
                if filter(event) { tickets.insert(event.ticketNumber) }
            }
        }
        return tickets.sorted()
    }
}

/// What a live screen receives at once.
public struct LiveBatch: Sendable {
    /// The tickets that changed, as far as the subscriber may see: the newest at most
    /// `EventSubscription.ticketsNamed`, in number order (none: only others' events came).
    public var tickets: [Int64]
    /// How far the subscriber has read the log (past events it may not see, too).
    public var position: EventLogPosition
    /// The screen missed more than can be replayed: it should load itself again.
    public var gap: Bool
}
