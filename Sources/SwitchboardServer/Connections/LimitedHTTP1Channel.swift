import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1.1 connection with the desk's limits around it: the connection caps before
/// anything else; right after the HTTP decoder (where bytes that are not yet a head can still be
/// seen, and every response passes, Hummingbird's own included) the deadlines and the security headers.
struct LimitedHTTP1Channel: ServerChildChannel {
    let base: HTTP1Channel
    let limits: ConnectionLimits
    let places: Places

    /// A server whose connections are limited by `limits`.
    static func server(limits: ConnectionLimits) -> HTTPServerBuilder {
        let places = Places(caps: (limits.maxConnections, limits.maxConnectionsPerAddress))
        return HTTPServerBuilder { responder in
            LimitedHTTP1Channel(base: HTTP1Channel(responder: responder), limits: limits, places: places)
        }
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionCapHandler(places: places))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandlers([ConnectionDeadlinesHandler(limits: limits), SecurityHeadersHandler()], position: .after(decoder))
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
