import NIOCore
import Synchronization

/// The open connections, in all and per client address, shared by every event loop. A connection
/// over either cap is refused; the others, and other addresses, are untouched.
final class ConnectionCounts: Sendable {
    private let maxConnections: Int
    private let maxPerAddress: Int
    private let state = Mutex<(total: Int, byAddress: [String: Int])>((0, [:]))

    init(maxConnections: Int, maxPerAddress: Int) {
        self.maxConnections = maxConnections
        self.maxPerAddress = maxPerAddress
    }

    /// Counts a new connection from `address`, or says no (and counts nothing).
    func open(from address: String) -> Bool {
        state.withLock { state in
            let fromAddress = state.byAddress[address, default: 0]
            if maxConnections > 0, state.total >= maxConnections { return false }
            if maxPerAddress > 0, fromAddress >= maxPerAddress { return false }
            state.total += 1
            state.byAddress[address] = fromAddress + 1
            return true
        }
    }

    /// A counted connection closed.
    func close(from address: String) {
        state.withLock { state in
            state.total -= 1
            let left = state.byAddress[address, default: 1] - 1
            state.byAddress[address] = left > 0 ? left : nil
        }
    }
}

/// First on every accepted connection: counts it, or closes it at once when over a cap — before it
/// is read, so a flood of connections costs the desk a descriptor for a moment and nothing more.
final class ConnectionCapHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let counts: ConnectionCounts

    init(counts: ConnectionCounts) {
        self.counts = counts
    }

    func channelActive(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard counts.open(from: address) else {
            context.close(promise: nil)
            return
        }
        context.channel.closeFuture.whenComplete { [counts] _ in counts.close(from: address) }
        context.fireChannelActive()
    }
}

@available(*, unavailable)
extension ConnectionCapHandler: Sendable {}
