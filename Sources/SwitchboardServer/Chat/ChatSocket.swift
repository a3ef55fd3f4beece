import Foundation
import HTTPTypes
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import SwitchboardCore
import SwitchboardStorage

/// The chat widget's WebSocket at `/api/v1/chat/socket`: JSON text frames both ways
/// (`ChatSession`). The client's first frame is a hello with its chat token; the portal's session
/// cookie also counts, from the desk's own pages only (a page of another site cannot borrow it).
struct ChatSocket: Sendable {
    let session: ChatSession
    let store: any Store
    let clock: any WallClock
    let logger: Logger

    static let path = "/api/v1/chat/socket"

    /// Frames up to 64 KiB, text checked as UTF-8, a ping every 30 s to find dead connections.
    static let configuration = WebSocketServerConfiguration(
        maxFrameSize: ClientFrame.maxBytes, autoPing: .enabled(timePeriod: .seconds(30)), validateUTF8: true
    )
    /// A client has this long to say hello.
    static let helloDeadline: Duration = .seconds(10)
    /// Per connection: bursts of 20 frames, then 5 a second.
    static let budget = (burst: 20.0, perSecond: 5.0)

    func shouldUpgrade(_ head: HTTPRequest, channel: any NIOCore.Channel, logger: Logger) async throws -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        guard let path = head.path, path.split(separator: "?").first.map(String.init) == Self.path else { return .dontUpgrade }
        let cookie = Self.sameOriginSession(head)
        var stored: StoredSession?
        if let cookie { stored = try? await store.session(tokenHash: Secrets.hash(cookie), at: clock.now()) }
        let portal = stored
        let session = self.session
        return .upgrade([:]) { inbound, outbound, _ in
            try await Self.serve(session: session, portal: portal, inbound: inbound, outbound: outbound)
        }
    }

    /// The portal's session cookie, when the socket was opened by one of the desk's own pages.
    static func sameOriginSession(_ head: HTTPRequest) -> String? {
        guard let origin = head.headerFields[.origin], let host = head.authority,
              let originHost = URL(string: origin)?.host, let port = URL(string: origin)?.port.map({ ":\($0)" }) ?? Optional(""),
              originHost + port == host || originHost == host
        else { return nil }
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
        let (out, write) = AsyncStream<ServerFrame>.makeStream(bufferingPolicy: .bufferingNewest(1_000))
        let send: @Sendable (ServerFrame) async throws -> Void = { write.yield($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await frame in out { try await outbound.write(.text(frame.text)) }
            }
            group.addTask {
                defer { write.finish() }
                var messages = inbound.messages(maxSize: ClientFrame.maxBytes).makeAsyncIterator()
                // The hello, within its deadline (closing the socket ends the read).
                let deadline = Task {
                    try await Task.sleep(for: helloDeadline)
                    try await outbound.close(.policyViolation, reason: "no hello")
                }
                let first = try await messages.next()
                deadline.cancel()
                guard case .text(let text)? = first, let hello = try? ClientFrame.parse(text) else {
                    try await outbound.close(.policyViolation, reason: "the first frame is a hello")
                    return
                }
                let opened: ChatSession.Opened
                do {
                    opened = try await session.open(hello, session: portal, send: send)
                } catch let problem as FrameProblem {
                    try await outbound.close(.policyViolation, reason: problem.detail)
                    return
                }
                let (wakes, wake) = AsyncStream<ChatSession.Wake>.makeStream(bufferingPolicy: .bufferingNewest(64))
                let follower = Task { try await session.follow(opened, wakes: wakes, wake: wake, send: send) }
                defer {
                    follower.cancel()
                    wake.finish()
                }
                var budget = FrameBudget(burst: Self.budget.burst, perSecond: Self.budget.perSecond)
                while let message = try await messages.next() {
                    guard case .text(let text) = message else {
                        try await send(.error("invalid", "frames are JSON text"))
                        continue
                    }
                    guard budget.take() else {
                        let id: String? = if case .message(let id, _, _)? = try? ClientFrame.parse(text) { id } else { nil }
                        try await send(.error(FrameProblem.rateLimited.code, FrameProblem.rateLimited.detail, id: id))
                        continue
                    }
                    let frame: ClientFrame
                    do {
                        frame = try ClientFrame.parse(text)
                    } catch let problem as FrameProblem {
                        try await send(.error(problem.code, problem.detail))
                        continue
                    }
                    for reply in await session.handle(frame, opened: opened, switched: { wake.yield(.switched($0)) }) {
                        try await send(reply)
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}
