import NIOCore
import NIOHTTP1

/// Closes a connection whose client is too slow (`ConnectionDeadlines`): sits right after the
/// HTTP/1.1 decoder, so it sees request parts, response parts, and every completed read from the
/// socket (bytes that make no part yet are a head on its way).
final class ConnectionDeadlinesHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private var deadlines: ConnectionDeadlines<ContinuousClock.Instant>
    /// The timer, and when it fires.
    private var timer: (task: Scheduled<Void>, at: ContinuousClock.Instant)?

    init(limits: ConnectionLimits) {
        deadlines = ConnectionDeadlines(limits: limits, opened: .now)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.task.cancel()
        timer = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !upgraded else { return context.fireChannelRead(data) }
        switch unwrapInboundIn(data) {
        case .head: deadlines.headRead(at: .now)
        case .body: deadlines.bodyRead()
        case .end: deadlines.endRead(at: .now)
        }
        arm(context)
        context.fireChannelRead(data)
    }

    /// Set once the connection became the chat's WebSocket: what passes then is not HTTP, and the
    /// socket lives by its own pings.
    private var upgraded = false

    func connectionUpgraded() {
        upgraded = true
        timer?.task.cancel()
        timer = nil
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        guard !upgraded else { return context.fireChannelReadComplete() }
        deadlines.readCompleted(at: .now)
        arm(context)
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !upgraded, case .end = unwrapOutboundIn(data) {
            deadlines.responseEnded(at: .now)
            arm(context)
        }
        context.write(data, promise: promise)
    }

    /// Makes sure the timer fires by the deadline. One timer per connection: it is moved only when
    /// the deadline comes sooner, and a timer that fires early looks again.
    private func arm(_ context: ChannelHandlerContext) {
        guard !upgraded, context.channel.isActive, let deadline = deadlines.deadline else { return }
        if let timer, timer.at <= deadline { return }
        timer?.task.cancel()
        let task = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(deadline - .now)) { [self] in
            timer = nil
            if deadlines.expired(at: .now) {
                context.close(promise: nil)
            } else {
                arm(context)
            }
        }
        timer = (task, deadline)
    }
}

@available(*, unavailable)
extension ConnectionDeadlinesHandler: Sendable {}
