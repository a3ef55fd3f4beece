import NIOCore
import NIOHTTP1
import NIOPosix

/// A plain HTTP/1.1 client connection to the desk under test, shared by the request load and the
/// live-stream readers (no TLS: benches only talk to loopback).
typealias HTTPClientChannel = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

extension HTTPClientChannel {
    /// Connects with Nagle off, so a small request leaves at once; from the loopback address
    /// `local` when given (to stand for another client).
    static func connect(host: String, port: Int, from local: String? = nil, group: any EventLoopGroup) async throws -> HTTPClientChannel {
        var bootstrap = ClientBootstrap(group: group).channelOption(.socketOption(.tcp_nodelay), value: 1)
        if let local { bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: local, port: 0)) }
        return try await bootstrap
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try HTTPClientChannel(wrappingChannelSynchronously: channel)
                }
            }
    }
}
