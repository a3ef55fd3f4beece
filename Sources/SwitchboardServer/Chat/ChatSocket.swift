import Foundation
import HTTPTypes
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import SwitchboardCore
import SwitchboardStorage

/// The chat widget's WebSocket at `/api/v1/chat/socket`: JSON text frames both ways, the same
/// frames as the fallback (`ChatSession`). The client's first frame is a hello with its chat
/// token; the portal's session cookie also counts, from the desk's own pages only (a page of
/// another site cannot borrow it).
struct ChatSocket: Sendable {
    let session: ChatSession
    let store: any Store
    let clock: any WallClock

    static let path = "/api/v1/chat/socket"

    /// Frames up to 64 KiB (a larger one closes the socket with 1009), text checked as UTF-8
    /// (invalid text closes it with 1007), a ping every 30 s to find connections that died.
    static let configuration = WebSocketServerConfiguration(
        maxFrameSize: ClientFrame.maxBytes, autoPing: .enabled(timePeriod: .seconds(30)), validateUTF8: true
    )
    /// A client has this long to say hello.
    static let helloDeadline: Duration = .seconds(10)

    func shouldUpgrade(_ head: HTTPRequest, channel: any NIOCore.Channel, logger: Logger) async throws -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard let path = head.path, path.split(separator: "?").first.map(String.init) == Self.path else { return .dontUpgrade }
        var portal: StoredSession?
        if let cookie = Self.sameOriginSession(head) {
            portal = try? await store.session(tokenHash: Secrets.hash(cookie), at: clock.now())
        }
        let session = self.session
        return .upgrade([:]) { [portal] inbound, outbound, _ in
            try await Self.serve(session: session, portal: portal, inbound: inbound, outbound: outbound)
        }
    }

    /// The portal's session cookie, when the socket was opened by one of the desk's own pages.
    static func sameOriginSession(_ head: HTTPRequest) -> String? {
        guard let origin = head.headerFields[.origin].flatMap(URL.init(string:)), let originHost = origin.host,
              let host = head.authority
        else { return nil }
        let originAuthority = origin.port.map { "\(originHost):\($0)" } ?? originHost
        guard originAuthority == host else { return nil }
        for field in head.headerFields[values: .cookie] {
            for part in field.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == AuthenticationMiddleware.sessionCookie, pair[1].count < 200 { return String(pair[1]) }
            }
        }
        return nil
    }

    /// One connection: the hello, then frames in (answered in order) and the conversation out,
    /// all written by one writer.
    static func serve(
        session: ChatSession, portal: StoredSession?, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter
    ) async throws {
        let outbox = ServerFrame.Outbox { Task { try? await outbound.close(.policyViolation, reason: "too slow") } }
        let send: @Sendable (ServerFrame) async throws -> Void = { outbox.send($0) }
        // One writer: frames go out in the order they were made, and a close comes after them.
        let writer = Task {
            for await frame in outbox.frames { try await outbound.write(.text(frame.text)) }
        }
        let close = try await read(session: session, portal: portal, inbound: inbound, send: send, outbound: outbound)
        outbox.finish()
        try? await writer.value
        if let close { try await outbound.close(.policyViolation, reason: close) }
    }

    /// Reads the hello, then frames until the client goes; says why the desk closes the socket, if it does.
    private static func read(
        session: ChatSession, portal: StoredSession?, inbound: WebSocketInboundStream, send: @escaping @Sendable (ServerFrame) async throws -> Void,
        outbound: WebSocketOutboundWriter
    ) async throws -> String? {
        var messages = inbound.messages(maxSize: ClientFrame.maxBytes).makeAsyncIterator()
        // The hello, within its deadline (closing the socket ends the read).
        let deadline = Task {
            try await Task.sleep(for: helloDeadline)
            try await outbound.close(.policyViolation, reason: "no hello")
        }
        let first = try await messages.next()
        deadline.cancel()
        guard case .text(let text)? = first, let hello = try? ClientFrame.parse(text), case .hello = hello else {
            return "the first frame is a hello"
        }
        let opened: ChatSession.Opened
        do {
            opened = try await session.open(hello, session: portal, send: send)
        } catch let problem as FrameProblem {
            return problem.detail
        }
        let (wakes, wake) = AsyncStream<ChatSession.Wake>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let follower = Task {
            do {
                try await session.follow(opened, discovers: false, wakes: wakes, wake: wake, send: send)
            } catch is CancellationError {
            } catch {
                // The conversation can no longer be followed (the store failed): the client
                // reconnects and resumes, rather than hearing nothing on an open socket.
                try? await outbound.close(.unexpectedServerError, reason: "reconnect")
            }
        }
        defer {
            follower.cancel()
            wake.finish()
        }
        var budget = FrameBudget()
        while let message = try await messages.next() {
            switch budget.take(at: .now) {
            case .take: break
            case .refuse:
                try await send(.error(FrameProblem.rateLimited.code, FrameProblem.rateLimited.detail, id: Self.messageID(message)))
                continue
            case .close:
                return "too many frames"
            }
            guard case .text(let text) = message else {
                try await send(.error("invalid", "frames are JSON text"))
                continue
            }
            let frame: ClientFrame
            do {
                frame = try ClientFrame.parse(text)
            } catch {
                try await send(.error(error.code, error.detail))
                continue
            }
            for reply in await session.handle(frame, opened: opened) {
                try await send(reply)
            }
        }
        return nil
    }

    /// The id of a message frame that was refused, so the client knows which one to send again.
    static func messageID(_ message: WebSocketMessage) -> String? {
        guard case .text(let text) = message, case .message(let id, _, _)? = try? ClientFrame.parse(text) else { return nil }
        return id
    }
}

/// How many frames a connection may send: bursts of `burst`, then `perSecond`. A client that
/// keeps sending after being refused `patience` times in a row is closed.
struct FrameBudget: Sendable {
    var burst = 20.0
    var perSecond = 5.0
    var patience = 40

    private var tokens: Double?
    private var last: ContinuousClock.Instant?
    private var refusedInARow = 0

    enum Answer { case take, refuse, close }

    mutating func take(at now: ContinuousClock.Instant) -> Answer {
        var available = tokens ?? burst
        if let last {
            let elapsed = now - last
            available = min(burst, available + (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * perSecond)
        }
        last = now
        guard available >= 1 else {
            tokens = available
            refusedInARow += 1
            return refusedInARow > patience ? .close : .refuse
        }
        tokens = available - 1
        refusedInARow = 0
        return .take
    }
}
