import NIOCore
import NIOHTTP1
import NIOPosix

/// A plain HTTP/1.1 client connection to the desk under test, shared by the request load and the
/// live-stream readers (no TLS: benches only talk to loopback).
typealias HTTPClientChannel = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

extension HTTPClientChannel {
    /// Connects with Nagle off, so a small request leaves at once.
    static func connect(host: String, port: Int, group: any EventLoopGroup) async throws -> HTTPClientChannel {
        try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try HTTPClientChannel(wrappingChannelSynchronously: channel)
                }
            }
    }
}
