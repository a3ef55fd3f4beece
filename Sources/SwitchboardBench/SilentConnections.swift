import NIOCore
import NIOPosix
import Synchronization

/// Connections the bench opens and then leaves alone, as a careless or hostile client does: each
/// sends `request` (if any) and sits. Not reading, it is a page that stopped reading its live
/// stream; reading, it notices the answer and when the desk closes it.
final class SilentConnections: Sendable {
    struct Tally {
        /// Connections the desk answered, and when.
        var answeredAt: [ObjectIdentifier: ContinuousClock.Instant] = [:]
        /// How long after its answer each answered connection was closed by the desk.
        var closedAfterAnswer: [Duration] = []
        /// Connections closed without an answer (refused over a cap).
        var closedUnanswered = 0
        var failed = 0
    }

    private let tally = Mutex(Tally())
    private let channels = Mutex<[any Channel]>([])

    /// Opens `count` connections to `port` from the loopback address `local`, a hundred at a time
    /// (the desk's accept queue holds 256).
    static func open(
        _ count: Int, port: Int, from local: String, request: String?, reading: Bool, group: any EventLoopGroup
    ) async throws -> SilentConnections {
        let connections = SilentConnections()
        let address = try SocketAddress(ipAddress: local, port: 0)
        for start in stride(from: 0, to: count, by: 100) {
            let batch = (start..<min(count, start + 100)).map { _ in
                ClientBootstrap(group: group)
                    .channelOption(.autoRead, value: reading)
                    .bind(to: address)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(Client(request: request, connections: connections))
                        }
                    }
                    .connect(host: "127.0.0.1", port: port)
            }
            for connecting in batch {
                do {
                    let channel = try await connecting.get()
                    connections.channels.withLock { $0.append(channel) }
                } catch {
                    connections.tally.withLock { $0.failed += 1 }
                }
            }
        }
        return connections
    }

    var figures: Tally { tally.withLock { $0 } }

    func closeAll() {
        for channel in channels.withLock({ $0 }) { channel.close(promise: nil) }
    }

    private final class Client: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let request: String?
        let connections: SilentConnections

        init(request: String?, connections: SilentConnections) {
            self.request = request
            self.connections = connections
        }

        func channelActive(context: ChannelHandlerContext) {
            if let request { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: request)), promise: nil) }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let id = ObjectIdentifier(context.channel)
            connections.tally.withLock { tally in
                if tally.answeredAt[id] == nil { tally.answeredAt[id] = .now }
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            let id = ObjectIdentifier(context.channel)
            let now = ContinuousClock.now
            connections.tally.withLock { tally in
                if let answered = tally.answeredAt[id] { tally.closedAfterAnswer.append(now - answered) } else { tally.closedUnanswered += 1 }
            }
            context.fireChannelInactive()
        }
    }
}
