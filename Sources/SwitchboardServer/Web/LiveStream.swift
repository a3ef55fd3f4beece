import Hummingbird
import NIOCore
import ServiceLifecycle
import SwitchboardCore

/// What one open page's stream writes: a `change` naming the tickets that changed with the newest
/// event's id, `reload` when the page missed more than the log replays, and a heartbeat comment.
///
/// The log is read only once the connection has taken what was written before. A page that stops
/// reading leaves its subscription unread, so it holds no events and costs nothing but a flag; when
/// it reads again it gets one change for everything since the id it holds, or `reload`.
struct LiveStream: Sendable {
    let bus: any EventBus
    /// Resume after this position (nil: from now).
    let start: EventLogPosition?
    /// Only this ticket's events wake the stream (nil: every event may).
    let ticket: Int64?
    /// A pause after each read of the log, so a busy desk's changes come together.
    let interval: Duration
    let heartbeat: Duration
    let filter: @Sendable (LoggedEvent) -> Bool
    /// Events that are not stored, written as they come (a chat's typing and read marks):
    /// each a whole server-sent event.
    var notes: AsyncStream<String>?

    /// What the writer is handed.
    private enum Signal: Sendable {
        case batch(LiveBatch)
        case heartbeat
        case note(String)
    }

    /// Writes until the desk shuts down (then returns) or the task is cancelled.
    func run(reload: Bool, writer: inout any ResponseBodyWriter) async throws {
        // A browser reconnects after this long when the stream drops.
        try await writer.write(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
        if reload { try await writer.write(ByteBuffer(string: "event: change\ndata: reload\n\n")) }
        let (signals, signal) = AsyncStream<Signal>.makeStream()
        // Each source hands over one signal and waits until it is written, so at most two wait here.
        let (batchesTaken, batchTaken) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (beatsTaken, beatTaken) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (notesTaken, noteTaken) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let (bus, start, ticket, interval, heartbeat, filter, notes) = (bus, start, ticket, interval, heartbeat, filter, notes)
        // Shutting down ends the stream at once, so the server does not wait for open pages.
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let subscription = try await bus.subscribe(after: start, ticket: ticket, filter: filter)
                    var taken = batchesTaken.makeAsyncIterator()
                    while let batch = await subscription.next() {
                        signal.yield(.batch(batch))
                        guard await taken.next() != nil else { break }
                        if interval > .zero { try await Task.sleep(for: interval) }
                    }
                    signal.finish()
                }
                if let notes {
                    // One note at a time, like the batches: a page that stops reading holds one.
                    group.addTask {
                        var taken = notesTaken.makeAsyncIterator()
                        for await note in notes {
                            signal.yield(.note(note))
                            guard await taken.next() != nil else { break }
                        }
                    }
                }
                group.addTask {
                    var taken = beatsTaken.makeAsyncIterator()
                    repeat {
                        try await Task.sleep(for: heartbeat)
                        signal.yield(.heartbeat)
                    } while await taken.next() != nil
                }
                // The id the browser holds, and the position read since (past events it may not see).
                var sent: Int64?
                var read: Int64?
                for await next in signals {
                    switch next {
                    case .note(let text):
                        try await writer.write(ByteBuffer(string: text))
                        noteTaken.yield()
                    case .heartbeat:
                        // Moving the browser's id past unseen events spares a long replay on reconnect.
                        if let read, read != sent {
                            sent = read
                            try await writer.write(ByteBuffer(string: "id: \(read)\n: still here\n\n"))
                        } else {
                            try await writer.write(ByteBuffer(string: ": still here\n\n"))
                        }
                        beatTaken.yield()
                    case .batch(let batch) where batch.gap:
                        read = batch.position.eventID
                        try await writer.write(ByteBuffer(string: "event: change\ndata: reload\n\n"))
                        batchTaken.yield()
                    case .batch(let batch):
                        read = batch.position.eventID
                        if !batch.tickets.isEmpty {
                            sent = read
                            // One change for the batch, naming its tickets.
                            let tickets = batch.tickets.map(String.init).joined(separator: ",")
                            try await writer.write(ByteBuffer(string: "id: \(batch.position.eventID)\nevent: change\ndata: \(tickets)\n\n"))
                        }
                        batchTaken.yield()
                    }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            signal.finish()
        }
    }
}
