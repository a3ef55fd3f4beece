import Foundation
import Synchronization
import SwitchboardCore

/// What passes between a chat's two sides without being stored: someone is typing, someone has
/// read up to a message. And which conversation a visitor's windows are in, when another request
/// opened it (the window that POSTed the first message is not the one that streams it).
///
/// In memory, on this node: a typing dot or a read mark lost in a restart or on another node
/// costs nothing, and storing them would write to the hash-chained log on every key press. The
/// latest read mark of each side is kept (for a bounded number of conversations), so a page opened
/// later still shows what was read.
final class ChatSignals: Sendable {
    /// Who hears a signal: the customer's chat windows, or the agents' pages of the case.
    enum Side: Sendable, Hashable {
        case customer
        case agents
    }

    enum Signal: Sendable, Hashable {
        /// Who types: an agent's name and number; nil for the customer.
        case typing(name: String?, number: Int64?)
        /// Everything up to this message (id) was seen.
        case read(upTo: Int64)
    }

    private struct Listener {
        let ticket: Int64
        let side: Side
        let hear: @Sendable (Signal) -> Void
    }

    private struct State {
        var next = 0
        /// By customer, then by token: a post reaches its visitor's windows without looking at
        /// the other ten thousand.
        var visitors: [Customer.ID: [Int: @Sendable (Int64) -> Void]] = [:]
        var visitorOf: [Int: Customer.ID] = [:]
        /// By conversation, then by token.
        var listeners: [Int64: [Int: Listener]] = [:]
        var listenerOf: [Int: Int64] = [:]
        var lastRead: [Int64: [Side: Int64]] = [:]
    }

    /// Read marks kept, at most: past this the oldest knowledge is dropped, a page shows no mark.
    static let readMarksKept = 50_000

    private let state = Mutex(State())

    // MARK: Which conversation a visitor is in

    func add(visitor: Customer.ID, hear: @escaping @Sendable (Int64) -> Void) -> Int {
        state.withLock { state in
            state.next += 1
            state.visitors[visitor, default: [:]][state.next] = hear
            state.visitorOf[state.next] = visitor
            return state.next
        }
    }

    func remove(_ token: Int) {
        state.withLock { state in
            if let visitor = state.visitorOf.removeValue(forKey: token) {
                state.visitors[visitor]?.removeValue(forKey: token)
                if state.visitors[visitor]?.isEmpty == true { state.visitors.removeValue(forKey: visitor) }
            }
            if let ticket = state.listenerOf.removeValue(forKey: token) {
                state.listeners[ticket]?.removeValue(forKey: token)
                if state.listeners[ticket]?.isEmpty == true { state.listeners.removeValue(forKey: ticket) }
            }
        }
    }

    func post(conversation ticket: Int64, visitor: Customer.ID) {
        let hearers = state.withLock { Array(($0.visitors[visitor] ?? [:]).values) }
        for hear in hearers { hear(ticket) }
    }

    // MARK: Typing and read marks

    /// `hear` gets what the other side of `ticket` signals to `side`; remove it with `remove`.
    func listen(ticket: Int64, side: Side, hear: @escaping @Sendable (Signal) -> Void) -> Int {
        state.withLock { state in
            state.next += 1
            state.listeners[ticket, default: [:]][state.next] = Listener(ticket: ticket, side: side, hear: hear)
            state.listenerOf[state.next] = ticket
            return state.next
        }
    }

    /// Tells `side` of `ticket` what the other side did. A read mark never moves back.
    func post(_ signal: Signal, ticket: Int64, to side: Side) {
        let hearers: [@Sendable (Signal) -> Void] = state.withLock { state in
            if case .read(let upTo) = signal {
                if let known = state.lastRead[ticket]?[side], known >= upTo { return [] }
                if state.lastRead.count >= Self.readMarksKept, state.lastRead[ticket] == nil { state.lastRead.removeAll(keepingCapacity: true) }
                state.lastRead[ticket, default: [:]][side] = upTo
            }
            return (state.listeners[ticket] ?? [:]).values.filter { $0.side == side }.map(\.hear)
        }
        for hear in hearers { hear(signal) }
    }

    /// The read mark `side` of `ticket` was last told of: how far the other side read.
    func readMark(ticket: Int64, for side: Side) -> Int64? {
        state.withLock { $0.lastRead[ticket]?[side] }
    }
}
