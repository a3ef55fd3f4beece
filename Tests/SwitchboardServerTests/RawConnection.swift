import NIOCore
import NIOPosix

/// A plain TCP connection to the desk, for what an HTTP client would not do: send half a head,
/// trickle a body, send a broken chunk, or connect and say nothing.
struct RawConnection {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let channel: any Channel

    /// Connects to the desk on `port` (from `local`, a loopback address, when given) and runs `body`.
    static func with<T: Sendable>(
        port: Int, from local: String? = nil, _ body: (inout RawConnection) async throws -> T
    ) async throws -> T {
        var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        if let local { bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: local, port: 0)) }
        let channel = try await bootstrap.connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = RawConnection(inbound: inbound.makeAsyncIterator(), outbound: outbound, channel: channel.channel)
            return try await body(&connection)
        }
    }

    func send(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    /// Sends what a slow client sends, if the desk has not closed the connection yet: on a busy
    /// machine a short deadline can pass before the first byte leaves, which is the same outcome.
    func sendUnlessClosed(_ text: String) async {
        try? await outbound.write(ByteBuffer(string: text))
    }

    /// What the desk writes until it closes the connection, or nil when it is still open after
    /// `limit` (the connection is then closed here).
    mutating func readUntilClosed(within limit: Duration) async throws -> String? {
        let channel = channel
        let watchdog = Task {
            try await Task.sleep(for: limit)
            try? await channel.close()
            return true
        }
        var received = ""
        // A reset ends the read as a close does.
        while let buffer = try? await inbound.next() { received += String(buffer: buffer) }
        watchdog.cancel()
        return (try? await watchdog.value) == true ? nil : received
    }
}
