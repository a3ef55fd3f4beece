import Foundation
import Synchronization
import SwitchboardCore

/// Something that happened on the desk, after it was durably stored.
public struct DeskEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case ticketCreated = "ticket.created"
        case ticketChanged = "ticket.changed"
        case messageAdded = "message.added"
    }

    public var kind: Kind
    public var ticket: Ticket
    /// The message, for `messageAdded`.
    public var message: Message?

    public init(kind: Kind, ticket: Ticket, message: Message? = nil) {
        self.kind = kind
        self.ticket = ticket
        self.message = message
    }
}

/// In-process fan-out of desk events to subscribers (agent screens, customer screens, metrics).
/// Subscribers that fall behind lose the oldest events rather than slowing the desk.
public final class EventBus: Sendable {
    private let subscribers = Mutex<[UUID: AsyncStream<DeskEvent>.Continuation]>([:])

    public init() {}

    public func publish(_ event: DeskEvent) {
        let current = subscribers.withLock { Array($0.values) }
        for continuation in current { continuation.yield(event) }
    }

    /// A stream of events from now on; it ends when the caller stops iterating.
    public func subscribe(bufferingNewest limit: Int = 256) -> AsyncStream<DeskEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<DeskEvent>.makeStream(bufferingPolicy: .bufferingNewest(limit))
        continuation.onTermination = { [weak self] _ in
            _ = self?.subscribers.withLock { $0.removeValue(forKey: id) }
        }
        subscribers.withLock { $0[id] = continuation }
        return stream
    }

    public var subscriberCount: Int { subscribers.withLock { $0.count } }
}
