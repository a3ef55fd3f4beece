import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 connection, able to become the chat's WebSocket, with the desk's limits
/// around it: the connection caps before anything else; right after the HTTP decoder (where bytes
/// that are not yet a head can still be seen, and every response passes, Hummingbird's own
/// included) the deadlines and the security headers. A connection that becomes a WebSocket sheds
/// those two, which speak HTTP: the socket then lives by its own pings and frame limits.
struct LimitedHTTP1Channel: ServerChildChannel {
    let base: HTTP1WebSocketUpgradeChannel
    let limits: ConnectionLimits
    let places: Places

    /// A server whose connections are limited by `limits`; `chat` decides which requests become
    /// chat WebSockets.
    static func server(limits: ConnectionLimits, chat: ChatSocket?) -> HTTPServerBuilder {
        let places = Places(caps: (limits.maxConnections, limits.maxConnectionsPerAddress))
        return HTTPServerBuilder { responder in
            let base = HTTP1WebSocketUpgradeChannel(
                responder: responder,
                configuration: .init(http1: .init(), ws: ChatSocket.configuration),
                shouldUpgrade: { head, channel, logger in
                    guard let chat else { return .dontUpgrade }
                    return try await chat.shouldUpgrade(head, channel: channel, logger: logger)
                }
            )
            return LimitedHTTP1Channel(base: base, limits: limits, places: places)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1WebSocketUpgradeChannel.Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionCapHandler(places: places))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            let deadlines = ConnectionDeadlinesHandler(limits: limits)
            let headers = SecurityHeadersHandler()
            try channel.pipeline.syncOperations.addHandlers([deadlines, headers], position: .after(decoder))
            // Both pass everything through once the connection becomes a WebSocket (SecurityHeadersHandler sees the 101).
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
