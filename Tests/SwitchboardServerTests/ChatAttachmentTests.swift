import Foundation
import HTTPTypes
import HummingbirdTesting
import HummingbirdWSClient
import NIOCore
import NIOWebSocket
import Synchronization
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

@Suite("Files in the chat")
struct ChatAttachmentTests {
    /// A small but real PNG header and some body.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 300)

    static func upload(
        _ client: any TestClientProtocol, token: String?, id: String = "f-1", name: String = "broken cup.png", bytes: [UInt8] = png
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[HTTPField.Name("X-Chat-Token")!] = token }
        headers[HTTPField.Name("X-Message-Id")!] = id
        headers[HTTPField.Name("X-File-Name")!] = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        headers[.contentType] = "application/octet-stream"
        return try await client.execute(uri: "/api/v1/chat/attachments", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    @Test("a photo sent in the chat is stored once by its hash, shown to the customer and the agent at a signed address; other kinds and sizes are refused")
    func photo() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let seen = Mutex<(url: String, number: Int64)?>(nil)
                try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(ChatSocketTests.hello())
                    let token = try #require(try await probe.next("welcome")?["token"]?.stringValue)
                    // Refused before anything is stored: a page pretending to be a photo, an empty file, no token.
                    let html = try await Self.upload(client, token: token, id: "f-0", name: "cup.png", bytes: Array("<html><script>alert(1)</script>".utf8))
                    #expect(html.status == .unsupportedMediaType)
                    #expect(try await Self.upload(client, token: token, id: "f-0", bytes: []).status == .badRequest)
                    #expect(try await Self.upload(client, token: nil).status == .unauthorized)
                    #expect(try await Self.upload(client, token: "not-a-token").status == .unauthorized)
                    let tooLarge = [UInt8](repeating: 0xFF, count: AttachmentType.chatLimit + 1)
                    #expect(try await Self.upload(client, token: token, id: "f-0", bytes: tooLarge).status == .contentTooLarge)

                    let sent = try await Self.upload(client, token: token)
                    #expect(sent.status == .ok)
                    let ack = try #require(try JSONValue.parse(String(buffer: sent.body)).arrayValue?.first)
                    #expect(ack["type"]?.stringValue == "ack" && ack["id"]?.stringValue == "f-1" && ack["duplicate"] == .bool(false))
                    // The same upload again (a retry after a lost answer): stored once.
                    let again = try await Self.upload(client, token: token)
                    #expect(try JSONValue.parse(String(buffer: again.body)).arrayValue?.first?["duplicate"] == .bool(true))
                    let message = try #require(try await probe.next("message") { $0["clientId"]?.stringValue == "f-1" })
                    let file = try #require(message["attachments"]?.arrayValue?.first)
                    #expect(file["name"]?.stringValue == "broken cup.png" && file["type"]?.stringValue == "image/png" && file["image"] == .bool(true))
                    let url = try #require(file["url"]?.stringValue)
                    seen.withLock { $0 = (url, Int64(try! #require(ack["ticket"]?.numberValue))) }
                    try await probe.outbound.close(.normalClosure, reason: nil)
                }
                let (url, number) = try #require(seen.withLock { $0 })
                let fetched = try await client.execute(uri: url, method: .get)
                #expect(fetched.status == .ok && Array(buffer: fetched.body) == Self.png)
                #expect(fetched.headers[.contentType] == "image/png" && fetched.headers[.contentDisposition]?.hasPrefix("inline") == true)
                #expect(fetched.headers[.contentSecurityPolicy]?.contains("sandbox") == true && fetched.headers[.xContentTypeOptions] == "nosniff")
                // The hash alone, or a signature for another file, opens nothing.
                let hash = try #require(url.split(separator: "?").first.map { String($0.dropFirst("/attachments/".count)) })
                #expect(try await client.execute(uri: "/attachments/\(hash)", method: .get).status == .notFound)
                #expect(try await client.execute(uri: "/attachments/\(hash)?s=00000000000000000000000000000000", method: .get).status == .notFound)
                // Stored once, by its hash; the message names it.
                let ticket = try #require(try await desk.store.ticket(number: number))
                let messages = try await desk.store.messages(ticket: ticket.id, includeInternal: false).filter { !$0.attachments.isEmpty }
                #expect(messages.count == 1 && messages[0].attachments[0].sha256 == hash && messages[0].attachments[0].size == Int64(Self.png.count))
                // Its name is not the customer's words: the assistant did not read it.
                #expect(try await desk.store.analyses(ticket: ticket.id)[messages[0].id] == nil)
                // A photo as the first word goes to a person: the assistant has nothing to read in it.
                let events = try await desk.store.events(ticket: ticket.id)
                #expect(ChatState(events: events, ticket: ticket).personHasIt)
                // The agent's page shows the picture, at the same kind of address.
                let page = String(buffer: try await TicketPageTests.get(client, desk, .supervisor, "/agent/tickets/\(number)").body)
                #expect(page.contains("<img src=\"/attachments/\(hash)?s="))
            }
        }
    }

    @Test("a visitor sending file after file is told to wait: twenty in ten minutes")
    func budget() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                try await ChatSocketProbe.with(port: port) { probe in
                    try await probe.send(ChatSocketTests.hello())
                    let token = try #require(try await probe.next("welcome")?["token"]?.stringValue)
                    for index in 0..<Int(UploadBudget.files) {
                        // Each a different file (its own hash), as a loop would send.
                        let bytes = Self.png + [UInt8(index)]
                        #expect(try await Self.upload(client, token: token, id: "b-\(index)", bytes: bytes).status == .ok, "file \(index)")
                    }
                    let refused = try await Self.upload(client, token: token, id: "b-over", bytes: Self.png + [0xEE])
                    #expect(refused.status == .tooManyRequests)
                    // A resend of one already stored is still acknowledged (nothing new is stored).
                    #expect(try await Self.upload(client, token: token, id: "b-3", bytes: Self.png + [3]).status == .ok)
                    try await probe.outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }
}
