import NIOCore
import NIOHTTP1

/// Headers every response carries, whoever wrote it: the desk's pages and JSON, its errors, and
/// the answers Hummingbird writes itself (a request that is not HTTP). A response that sets one
/// already (an asset cached for a year) keeps its own.
final class SecurityHeadersHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    static let fields = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"), ("Cache-Control", "no-store")]

    /// Set once the connection became the chat's WebSocket: what passes then is not HTTP.
    private var upgraded = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !upgraded, case .head(var head) = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        for (name, value) in Self.fields where !head.headers.contains(name: name) { head.headers.add(name: name, value: value) }
        context.write(wrapOutboundOut(.head(head)), promise: promise)
        if head.status == .switchingProtocols {
            // From the socket's first frame on, this handler and the deadlines (which read and
            // write HTTP parts only) pass everything through.
            upgraded = true
            (try? context.pipeline.syncOperations.handler(type: ConnectionDeadlinesHandler.self))?.connectionUpgraded()
            (try? context.pipeline.syncOperations.handler(type: MalformedRequestHandler.self))?.connectionUpgraded()
        }
    }
}

@available(*, unavailable)
extension SecurityHeadersHandler: Sendable {}
