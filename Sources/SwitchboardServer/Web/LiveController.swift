import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import SwitchboardCore
import SwitchboardStorage

/// Live updates for open pages, as server-sent events read from the stored event log.
///
/// Each `change` names the ticket that changed and carries the id of the newest event it stands
/// for; the page fetches itself again. A browser that reconnects sends that id back as
/// `Last-Event-ID` and gets whatever it missed, so a page that lost its connection misses
/// nothing; one that was away too long is told to reload. Between changes a heartbeat comment
/// keeps proxies from closing the connection and moves the browser's position past events it
/// could not see. Streams end at once when the desk shuts down.
struct LiveController: Sendable {
    let store: any Store
    let bus: any EventBus
    /// Places for streams, per session and per client address.
    let streams: Places
    /// A chat's typing and read marks, for its agents' pages.
    let signals: ChatSignals

    /// Between heartbeats.
    static let heartbeat: Duration = .seconds(25)
    /// A queue page refetches itself on every change; on a busy desk it hears of them at most this
    /// often (what happened meanwhile comes together), so a thousand open queues cost the desk a
    /// few writes each per second, not one per event.
    static let queueInterval: Duration = .milliseconds(250)

    func register(on router: Router<DeskRequestContext>) {
        router.get("live/tickets/{number}", use: ticket)
        router.get("live/queue", use: queue)
        router.get("live/portal", use: portal)
    }

    /// Every change a customer's own requests page shows, for that page.
    @Sendable func portal(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer? = context.principal, let principal = context.principal else {
            throw APIError(.unauthorized, code: "unauthorized", message: "sign in first")
        }
        let visibility = try AccessPolicy.ticketVisibility(principal)
        return try await stream(request, context: context, ticket: nil, interval: Self.queueInterval) { $0.isVisible(to: visibility) }
    }

    /// One ticket's changes, for its page. Its customer hears only of what their page shows.
    @Sendable func ticket(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw APIError.unauthenticated }
        guard let number = context.parameters.get("number", as: Int64.self), let ticket = try await store.ticket(number: number) else {
            throw APIError.notFound("ticket")
        }
        try AccessPolicy.requireVisible(ticket, to: principal)
        let visibility = try AccessPolicy.ticketVisibility(principal)
        // An agent's page of a chat also hears the customer typing and reading.
        var notes: (stream: AsyncStream<String>, listener: Int)?
        if case .agent = principal, ticket.channel == .chat {
            let (stream, note) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
            let listener = signals.listen(ticket: number, side: .agents) { signal in
                switch signal {
                case .typing: note.yield("event: typing\ndata: customer\n\n")
                case .read(let upTo): note.yield("event: read\ndata: \(upTo)\n\n")
                }
            }
            notes = (stream, listener)
        }
        let signals = self.signals
        let listener = notes?.listener
        return try await stream(request, context: context, ticket: number, interval: .zero, notes: notes?.stream, ended: {
            if let listener { signals.remove(listener) }
        }) { event in
            event.ticketNumber == number && event.isVisible(to: visibility)
        }
    }

    /// Every change to a ticket the agent may see, for the queue.
    @Sendable func queue(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent? = context.principal, let principal = context.principal else {
            throw APIError(.unauthorized, code: "unauthorized", message: "sign in as an agent first")
        }
        let visibility = try AccessPolicy.ticketVisibility(principal)
        return try await stream(request, context: context, ticket: nil, interval: Self.queueInterval) { $0.isVisible(to: visibility) }
    }

    func stream(
        _ request: Request, context: DeskRequestContext, ticket: Int64?, interval: Duration, notes: AsyncStream<String>? = nil,
        ended: @escaping @Sendable () -> Void = {}, filter: @escaping @Sendable (LoggedEvent) -> Bool
    ) async throws -> Response {
        // One session (or token) and one address hold a bounded number of streams: every stream
        // is a connection and a subscription, and a page that opens them in a loop must not take
        // the desk's connections from everyone else.
        let holder = context.session.map { "session \($0.tokenHash)" } ?? context.apiToken.map { "token \($0.id.rawValue)" } ?? "anonymous"
        guard let place = LiveStreamPlace(in: streams, session: holder, address: context.clientAddress) else {
            ended()
            throw APIError(
                .tooManyRequests, code: "too_many_streams",
                message: "too many live streams are open for this sign-in or address; close a page to open another"
            )
        }
        // Resume after the event the browser saw last; an id the log does not know means "reload".
        var resume: EventLogPosition?
        var reload = false
        if let raw = request.headers[HTTPField.Name("Last-Event-ID")!] {
            if let id = Int64(raw.trimmingCharacters(in: .whitespaces)), id >= 0 {
                do {
                    resume = id == 0 ? .start : try await store.eventLogPosition(of: TicketEvent.ID(id))
                } catch {
                    place.release()
                    ended()
                    throw error
                }
            }
            reload = resume == nil
        }
        var stream = LiveStream(bus: bus, start: resume, ticket: ticket, interval: interval, heartbeat: Self.heartbeat, filter: filter)
        stream.notes = notes
        let live = stream
        let mustReload = reload
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            defer {
                place.release()
                ended()
            }
            do {
                // A client that goes away closes its side: the stream and its subscription end
                // then, not at the next write.
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    try await live.run(reload: mustReload, writer: &writer)
                }
            } catch is CancellationError {
                return
            }
            try await writer.finish(nil)
        })
    }
}
