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

    /// Between heartbeats.
    static let heartbeat: Duration = .seconds(25)
    /// A queue page refetches itself on every change; on a busy desk it hears of them at most this
    /// often (what happened meanwhile comes together), so a thousand open queues cost the desk a
    /// few writes each per second, not one per event.
    static let queueInterval: Duration = .milliseconds(250)

    func register(on router: Router<DeskRequestContext>) {
        router.get("live/tickets/{number}", use: ticket)
        router.get("live/queue", use: queue)
    }

    /// One ticket's changes, for its page. Its customer hears only of what their page shows.
    @Sendable func ticket(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw APIError.unauthenticated }
        guard let number = context.parameters.get("number", as: Int64.self), let ticket = try await store.ticket(number: number) else {
            throw APIError.notFound("ticket")
        }
        try AccessPolicy.requireVisible(ticket, to: principal)
        let visibility = try AccessPolicy.ticketVisibility(principal)
        return try await stream(request, ticket: number, interval: .zero) { event in
            event.ticketNumber == number && event.isVisible(to: visibility)
        }
    }

    /// Every change to a ticket the agent may see, for the queue.
    @Sendable func queue(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .agent? = context.principal, let principal = context.principal else {
            throw APIError(.unauthorized, code: "unauthorized", message: "sign in as an agent first")
        }
        let visibility = try AccessPolicy.ticketVisibility(principal)
        return try await stream(request, ticket: nil, interval: Self.queueInterval) { $0.isVisible(to: visibility) }
    }

    /// What one stream sends.
    enum Signal: Sendable {
        case batch(LiveBatch)
        case heartbeat
    }

    func stream(_ request: Request, ticket: Int64?, interval: Duration, filter: @escaping @Sendable (LoggedEvent) -> Bool) async throws -> Response {
        // Resume after the event the browser saw last; an id the log does not know means "reload".
        var resume: EventLogPosition?
        var reload = false
        if let raw = request.headers[HTTPField.Name("Last-Event-ID")!] {
            if let id = Int64(raw.trimmingCharacters(in: .whitespaces)), id >= 0 {
                resume = id == 0 ? .start : try await store.eventLogPosition(of: TicketEvent.ID(id))
            }
            reload = resume == nil
        }
        let bus = bus
        let start = resume
        let mustReload = reload
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            // A browser reconnects after this long when the stream drops.
            try await writer.write(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
            if mustReload { try await writer.write(ByteBuffer(string: "event: change\ndata: reload\n\n")) }
            let (signals, signal) = AsyncStream<Signal>.makeStream(bufferingPolicy: .bufferingNewest(16))
            // Shutting down ends the stream at once, so the server does not wait for open pages.
            try await withGracefulShutdownHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        let subscription = try await bus.subscribe(after: start, ticket: ticket, filter: filter)
                        while let batch = await subscription.next() {
                            signal.yield(.batch(batch))
                            if interval > .zero, !batch.events.isEmpty { try await Task.sleep(for: interval) }
                        }
                        signal.finish()
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: Self.heartbeat)
                            signal.yield(.heartbeat)
                        }
                    }
                    // The id the browser holds, and the position read since (past events it may not see).
                    var sent: Int64?
                    var read: Int64?
                    for await next in signals {
                        switch next {
                        case .heartbeat:
                            // Moving the browser's id past unseen events spares a long replay on reconnect.
                            if let read, read != sent {
                                sent = read
                                try await writer.write(ByteBuffer(string: "id: \(read)\n: still here\n\n"))
                            } else {
                                try await writer.write(ByteBuffer(string: ": still here\n\n"))
                            }
                        case .batch(let batch) where batch.gap:
                            read = batch.position.eventID
                            try await writer.write(ByteBuffer(string: "event: change\ndata: reload\n\n"))
                        case .batch(let batch):
                            read = batch.position.eventID
                            guard !batch.events.isEmpty else { continue }
                            sent = read
                            // One change for the batch, naming its tickets.
                            let tickets = Array(Set(batch.events.map(\.ticketNumber))).sorted().map(String.init).joined(separator: ",")
                            try await writer.write(ByteBuffer(string: "id: \(batch.position.eventID)\nevent: change\ndata: \(tickets)\n\n"))
                        }
                    }
                    group.cancelAll()
                }
            } onGracefulShutdown: {
                signal.finish()
            }
            try await writer.finish(nil)
        })
    }
}
