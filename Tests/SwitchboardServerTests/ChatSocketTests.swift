import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Synchronization
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

/// One open chat socket as a widget holds it: frames out, frames in (every one kept, in order).
struct ChatSocketProbe {
    var inbound: WebSocketInboundMessageStream.AsyncIterator
    let outbound: WebSocketOutboundWriter
    var seen: [JSONValue] = []

    func send(_ frame: String) async throws {
        try await outbound.write(.text(frame))
    }

    /// Frames read past while waiting for another, not yet asked for.
    var unread: [JSONValue] = []

    /// The next frame of `type` that `matches` — one read past earlier first (the desk may send a
    /// conversation's event before the acknowledgement of the same message), then from the socket,
    /// keeping the others; nil when the socket closes first.
    mutating func next(_ type: String, where matches: (JSONValue) -> Bool = { _ in true }) async throws -> JSONValue? {
        if let index = unread.firstIndex(where: { $0["type"]?.stringValue == type && matches($0) }) {
            return unread.remove(at: index)
        }
        while let message = try await inbound.next() {
            guard case .text(let text) = message, let value = try? JSONValue.parse(text) else { continue }
            seen.append(value)
            if value["type"]?.stringValue == type, matches(value) { return value }
            unread.append(value)
        }
        return nil
    }

    /// Connects to the desk's chat socket on `port` and runs `body`; the socket is closed after
    /// `limit` whatever happens, so a frame that never comes fails the test instead of hanging it.
    /// Returns how the desk closed it (nil when the test's side did).
    @discardableResult
    static func with(
        port: Int, origin: String? = nil, cookie: String? = nil, limit: Duration = .seconds(20),
        _ body: @escaping @Sendable (inout ChatSocketProbe) async throws -> Void
    ) async throws -> WebSocketCloseFrame? {
        var headers = HTTPFields()
        if let origin { headers[.origin] = origin }
        if let cookie { headers[.cookie] = "sb_session=\(cookie)" }
        return try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)\(ChatSocket.path)",
            configuration: .init(maxFrameSize: 1 << 20, additionalHeaders: headers),
            logger: Logger(label: "chat-socket-test")
        ) { inbound, outbound, _ in
            let watchdog = Task {
                try await Task.sleep(for: limit)
                try await outbound.close(.goingAway, reason: "the test's time ran out")
            }
            defer { watchdog.cancel() }
            var probe = ChatSocketProbe(inbound: inbound.messages(maxSize: 1 << 20).makeAsyncIterator(), outbound: outbound)
            try await body(&probe)
        }
    }
}

@Suite("Chat over the WebSocket")
struct ChatSocketTests {
    static func hello(token: String? = nil, ticket: Int64? = nil, after: Int64? = nil, lang: String = "en") -> String {
        var fields: [String: JSONValue] = ["type": "hello", "lang": .string(lang)]
        if let token { fields["token"] = .string(token) }
        if let ticket { fields["ticket"] = .number(Double(ticket)) }
        if let after { fields["after"] = .number(Double(after)) }
        return JSONValue.object(fields).canonical
    }

    static func message(_ id: String, _ text: String) -> String {
        JSONValue.object(["type": "message", "id": .string(id), "text": .string(text)]).canonical
    }

    @Test("a widget connects, says hello, sends a message: acknowledged once stored, the assistant answers; a person is one frame away")
    func conversation() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let outcome = Mutex<(token: String?, ticket: Int64?)>((nil, nil))
                try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(Self.hello())
                    let welcome = try #require(try await probe.next("welcome"))
                    let token = try #require(welcome["token"]?.stringValue, "a new visitor gets a token")
                    try await probe.send(Self.message("m-1", "My kettle leaks water from the bottom since Monday, I want a replacement"))
                    let ack = try #require(try await probe.next("ack"))
                    #expect(ack["id"]?.stringValue == "m-1" && ack["duplicate"] == .bool(false))
                    let number = try #require(ack["ticket"]?.numberValue.map { Int64($0) })
                    // Acknowledged means stored: the message is in the store with the client's id.
                    let ticket = try #require(try await desk.store.ticket(number: number))
                    #expect(ticket.channel == .chat)
                    let stored = try await desk.store.messages(ticket: ticket.id, includeInternal: true)
                    #expect(stored.contains { $0.clientID == "m-1" && $0.body.hasPrefix("My kettle leaks") })
                    // The customer's own message comes back as an event frame with its client id, then the assistant's turn.
                    let own = try #require(try await probe.next("message") { $0["clientId"]?.stringValue == "m-1" })
                    #expect(own["seq"]?.numberValue != nil && own["author"]?.stringValue == "customer")
                    #expect(try await probe.next("prompt") != nil, "the assistant takes its turn")
                    // "Talk to a person": one frame.
                    try await probe.send(#"{"type":"person"}"#)
                    let handedOver = try #require(try await probe.next("ack") { $0["person"] == .bool(true) })
                    #expect(handedOver["ticket"]?.numberValue == Double(number))
                    #expect(try await probe.next("prompt") { $0["turn"]?.stringValue == "handoff" } != nil)
                    // Nobody is present in the test desk: the customer is told when they will hear back.
                    let wait = try #require(try await probe.next("wait") { $0["state"]?.stringValue != "assistant" })
                    #expect(wait["state"]?.stringValue == "closed", "\(wait)")
                    outcome.withLock { $0 = (token, number) }
                    try await probe.outbound.close(.normalClosure, reason: nil)
                }
                let (token, number) = outcome.withLock { $0 }
                let known = try #require(number)
                let ticket = try #require(try await desk.store.ticket(number: known))
                let events = try await desk.store.events(ticket: ticket.id)
                #expect(ChatState(events: events, ticket: ticket).personHasIt, "the assistant keeps silent from now on")
                #expect(token != nil)
            }
        }
    }

    @Test("after a reconnect the client resends what was not acknowledged and gets exactly what it missed: nothing lost, nothing twice")
    func reconnect() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let first = Mutex<(token: String, ticket: Int64, seq: Int64)?>(nil)
                try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(Self.hello())
                    let token = try #require(try await probe.next("welcome")?["token"]?.stringValue)
                    try await probe.send(Self.message("r-1", "Where is my parcel? It was due on Friday"))
                    let ack = try #require(try await probe.next("ack"))
                    let number = Int64(try #require(ack["ticket"]?.numberValue))
                    let own = try #require(try await probe.next("message") { $0["clientId"]?.stringValue == "r-1" })
                    first.withLock { $0 = (token, number, Int64(own["seq"]?.numberValue ?? 0)) }
                    // The connection drops before the next message's acknowledgement arrives.
                    try await probe.send(Self.message("r-2", "The order number is 4471"))
                    try await probe.outbound.close(.goingAway, reason: nil)
                }
                let (token, number, seen) = try #require(first.withLock { $0 })
                try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(Self.hello(token: token, ticket: number, after: seen))
                    let welcome = try #require(try await probe.next("welcome"))
                    #expect(welcome["token"] == nil, "a known visitor keeps their token")
                    // The client does not know whether r-2 was stored: it sends it again.
                    try await probe.send(Self.message("r-2", "The order number is 4471"))
                    let ack = try #require(try await probe.next("ack") { $0["id"]?.stringValue == "r-2" })
                    #expect(ack["ticket"]?.numberValue == Double(number))
                    // Stored before the drop, it was replayed ahead of the acknowledgement; if not, it comes now.
                    if !probe.seen.contains(where: { $0["type"]?.stringValue == "message" && $0["clientId"]?.stringValue == "r-2" }) {
                        _ = try await probe.next("message") { $0["clientId"]?.stringValue == "r-2" }
                    }
                    let frames = probe.seen.filter { $0["type"]?.stringValue == "message" }
                    // Only what came after `seen` is replayed: r-1 is not sent again, r-2 once.
                    #expect(!frames.contains { $0["clientId"]?.stringValue == "r-1" })
                    #expect(frames.filter { $0["clientId"]?.stringValue == "r-2" }.count == 1)
                    #expect(frames.allSatisfy { ($0["seq"]?.numberValue ?? 0) > Double(seen) })
                    try await probe.outbound.close(.normalClosure, reason: nil)
                }
                let ticket = try #require(try await desk.store.ticket(number: number))
                let stored = try await desk.store.messages(ticket: ticket.id, includeInternal: true)
                #expect(stored.filter { $0.clientID == "r-2" }.count == 1, "stored once however often it was sent")
                #expect(stored.filter { $0.clientID == "r-1" }.count == 1)
            }
        }
    }

    @Test("a visitor cannot read another visitor's conversation by naming its number")
    func guessedTicket() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let theirs = Mutex<Int64?>(nil)
                try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(Self.hello())
                    _ = try await probe.next("welcome")
                    try await probe.send(Self.message("a-1", "My card number ends in 4242 and the refund never came"))
                    let ack = try #require(try await probe.next("ack"))
                    theirs.withLock { $0 = ack["ticket"]?.numberValue.map { Int64($0) } }
                    try await probe.outbound.close(.normalClosure, reason: nil)
                }
                let number = try #require(theirs.withLock { $0 })
                try await ChatSocketProbe.with(port: port) { probe in
                    // Another visitor names that conversation (and Alice's ticket) in its hello.
                    try await probe.send(Self.hello(ticket: number, after: 0))
                    _ = try await probe.next("welcome")
                    try await probe.send(Self.hello(ticket: desk.aliceTicket.number, after: 0))
                    _ = try await probe.next("error")
                    try await probe.send(Self.message("b-1", "Hello, is my order shipped?"))
                    let ack = try #require(try await probe.next("ack"))
                    let own = try #require(ack["ticket"]?.numberValue)
                    #expect(own != Double(number) && own != Double(desk.aliceTicket.number))
                    _ = try await probe.next("message") { $0["clientId"]?.stringValue == "b-1" }
                    for frame in probe.seen {
                        #expect(frame["ticket"]?.numberValue != Double(number) && frame["ticket"]?.numberValue != Double(desk.aliceTicket.number), "\(frame)")
                        #expect((frame["body"]?.stringValue ?? "").contains("4242") == false)
                    }
                    try await probe.outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    @Test("bad frames: malformed JSON and unknown types get an error frame and the socket stays open; over 64 KiB closes with 1009, invalid UTF-8 with 1007, no hello with a reason")
    func badFrames() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(Self.hello())
                    _ = try await probe.next("welcome")
                    try await probe.send("{not json")
                    #expect(try await probe.next("error")?["code"]?.stringValue == "invalid")
                    try await probe.send(#"{"type":"teleport"}"#)
                    #expect(try await probe.next("error")?["message"]?.stringValue?.contains("teleport") == true)
                    try await probe.send(#"{"type":"message","text":"no id"}"#)
                    #expect(try await probe.next("error")?["code"]?.stringValue == "invalid")
                    // Still open and answering.
                    try await probe.send(Self.message("ok-1", "Still here?"))
                    #expect(try await probe.next("ack")?["id"]?.stringValue == "ok-1")
                    try await probe.outbound.close(.normalClosure, reason: nil)
                }
                let tooLarge = try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(Self.hello())
                    _ = try await probe.next("welcome")
                    try await probe.send(Self.message("big", String(repeating: "a", count: ClientFrame.maxBytes + 1)))
                    #expect(try await probe.next("ack") == nil, "the socket closes instead")
                }
                #expect(tooLarge?.closeCode == .messageTooLarge)
                let badText = try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(Self.hello())
                    _ = try await probe.next("welcome")
                    try await probe.outbound.write(.custom(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: [0x7B, 0xC3, 0x28, 0x7D]))))
                    #expect(try await probe.next("ack") == nil, "the socket closes instead")
                }
                #expect(badText?.closeCode == .dataInconsistentWithMessage)
                let noHello = try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(Self.message("early", "hi"))
                    #expect(try await probe.next("welcome") == nil)
                }
                #expect(noHello?.closeCode == .policyViolation && noHello?.reason == "the first frame is a hello")
            }
        }
    }

    @Test("a flood is refused frame by frame (each refused message named, to be sent again), then closed; nothing refused was stored")
    func flood() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let refused = Mutex<(token: String?, ids: [String])>((nil, []))
                let closed = try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(Self.hello())
                    let token = try await probe.next("welcome")?["token"]?.stringValue
                    // Far more than a person types: the budget is a burst of 20, then 5 a second.
                    for index in 0..<200 {
                        do { try await probe.send(Self.message("f-\(index)", "flood \(index)")) } catch { break }
                    }
                    while try await probe.next("error", where: { $0["code"]?.stringValue == "rate_limited" }) != nil {}
                    let ids = probe.seen.filter { $0["code"]?.stringValue == "rate_limited" }.compactMap { $0["id"]?.stringValue }
                    refused.withLock { $0 = (token, ids) }
                }
                #expect(closed?.closeCode == .policyViolation && closed?.reason == "too many frames")
                let (token, ids) = refused.withLock { $0 }
                #expect(ids.count >= FrameBudget().patience, "\(ids.count) refused, each with an error frame, before the close")
                let visitorToken = try #require(token)
                let customer = try #require(try await desk.desk.chat.conversations.visitor(token: visitorToken))
                for id in ids.prefix(10) {
                    #expect(try await desk.store.message(clientID: id, author: .customer(customer)) == nil, "\(id) was refused, not stored")
                }
                #expect(try await desk.store.message(clientID: "f-0", author: .customer(customer)) != nil, "the first of the burst was taken")
            }
        }
    }
}
