import NIOCore

/// First on every accepted connection: takes its place (in all and for its address), or closes it
/// at once when over a cap — before it is read, so a flood of connections costs the desk a
/// descriptor for a moment and nothing more, and those already open, and other addresses, are served.
final class ConnectionCapHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let places: Places

    init(places: Places) {
        self.places = places
    }

    func channelActive(context: ChannelHandlerContext) {
        let keys = (first: "all", second: context.channel.remoteAddress?.ipAddress ?? "unknown")
        guard places.take(keys) else {
            context.close(promise: nil)
            return
        }
        context.channel.closeFuture.whenComplete { [places] _ in places.giveBack(keys) }
        context.fireChannelActive()
    }
}

@available(*, unavailable)
extension ConnectionCapHandler: Sendable {}
