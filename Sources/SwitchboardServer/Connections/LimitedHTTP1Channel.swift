import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 connection, able to become the chat's WebSocket, with the desk's limits
/// around it: the connection caps before anything else; right after the HTTP decoder (where bytes
/// that are not yet a head can still be seen, and every response passes, Hummingbird's own
/// included) the deadlines, the security headers and the answer to bytes that are not HTTP. Once
/// a connection is a WebSocket those pass its bytes through: the socket lives by its own pings and
/// frame limits (`ChatSocket`).
struct LimitedHTTP1Channel: ServerChildChannel {
    let base: HTTP1WebSocketUpgradeChannel
    let limits: ConnectionLimits
    let places: Places

    /// A server whose connections are limited by `limits`; `chat` takes the requests that ask to
    /// become its socket.
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
            // The 400 is written after the headers handler, so it passes through it.
            try channel.pipeline.syncOperations.addHandlers(
                [ConnectionDeadlinesHandler(limits: limits), SecurityHeadersHandler(), MalformedRequestHandler()], position: .after(decoder)
            )
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
