import NIOCore
import NIOHTTP1

/// Answers a connection whose first bytes are not an HTTP request with `400 Bad Request` and
/// closes it. A connection that may become the chat's WebSocket reads its first head through NIO's
/// upgrade handler, which drops the connection silently on a parse error; a client deserves to be
/// told. Once a head was read, Hummingbird answers broken requests itself (in JSON). Sits right
/// after the HTTP decoder, with the deadlines; passes everything through once the connection is a
/// WebSocket.
final class MalformedRequestHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private var upgraded = false
    /// A response has begun: a 400 now would be written into the middle of it.
    private var responding = false

    func connectionUpgraded() {
        upgraded = true
    }

    /// A head was read: Hummingbird's HTTP handling, not the upgrade handler, meets what follows.
    private var sawHead = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !upgraded, !sawHead, case .head = unwrapInboundIn(data) { sawHead = true }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !upgraded {
            switch unwrapOutboundIn(data) {
            case .head: responding = true
            case .end: responding = false
            case .body: break
            }
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !upgraded, !sawHead, error is HTTPParserError else { return context.fireErrorCaught(error) }
        guard !responding else { return context.close(promise: nil) }
        var headers = HTTPHeaders()
        headers.add(name: "Connection", value: "close")
        headers.add(name: "Content-Length", value: "0")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .badRequest, headers: headers))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}

@available(*, unavailable)
extension MalformedRequestHandler: Sendable {}
