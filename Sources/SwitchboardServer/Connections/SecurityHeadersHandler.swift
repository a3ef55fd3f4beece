import NIOCore
import NIOHTTP1

/// Headers every response carries, whoever wrote it: the desk's pages and JSON, its errors, and
/// the answers Hummingbird writes itself (a request that is not HTTP). A response that sets one
/// already (an asset cached for a year) keeps its own.
final class SecurityHeadersHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    static let fields = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"), ("Cache-Control", "no-store")]

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        for (name, value) in Self.fields where !head.headers.contains(name: name) { head.headers.add(name: name, value: value) }
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}

@available(*, unavailable)
extension SecurityHeadersHandler: Sendable {}
