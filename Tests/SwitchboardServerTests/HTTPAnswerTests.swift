import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import Testing

@Suite("Answers every client gets: 405, broken HTTP, security headers")
struct HTTPAnswerTests {
    @Test("a known path asked with a method it does not take answers 405 with Allow: JSON for the API, a page in the page's language elsewhere")
    func methodNotAllowed() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let health = try await client.execute(uri: "/health", method: .post)
                #expect(health.status == .methodNotAllowed && health.headers[.allow] == "GET" && health.errorCode == "method_not_allowed")
                let ticket = try await client.call(desk, .agent, .delete, "/api/v1/tickets/\(desk.aliceTicket.number)")
                #expect(ticket.status == .methodNotAllowed && ticket.headers[.allow] == "GET, PATCH")
                // A literal segment wins over a parameter, as in the router: /tickets/search is not /tickets/{number}.
                let search = try await client.call(desk, .agent, .patch, "/api/v1/tickets/search", json: "{}")
                #expect(search.status == .methodNotAllowed && search.headers[.allow] == "GET")
                let page = try await client.execute(uri: "/sign-in", method: .put, headers: [.acceptLanguage: "fa"])
                #expect(page.status == .methodNotAllowed && page.headers[.allow] == "GET, POST")
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                let html = String(buffer: page.body)
                #expect(html.contains("این صفحه این کار را نمی‌پذیرد") && html.contains(#"lang="fa""#))
                // A path the desk does not have is still 404, and a handler's own 404 stays one.
                #expect(try await client.execute(uri: "/api/v1/nothing", method: .post).status == .notFound)
                #expect(try await client.call(desk, .agent, .patch, "/api/v1/tickets/999999", json: #"{"priority":"high"}"#).status == .notFound)
            }
        }
    }

    @Test("a body with a chunk size that is not hex is the client's error: 400, never 500")
    func malformedChunk() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let answer = try await RawConnection.with(port: port) { connection in
                    try await connection.send(
                        "POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: desk\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
                    )
                    return try await connection.readUntilClosed(within: .seconds(10))
                }
                #expect(answer?.hasPrefix("HTTP/1.1 400") == true, "\(answer ?? "still open")")
                #expect(answer?.contains(#""code":"bad_request""#) == true)
            }
        }
    }

    @Test("every answer carries X-Content-Type-Options, Referrer-Policy and Cache-Control: errors, pages, JSON, and Hummingbird's own answer to a request that is not HTTP")
    func securityHeaders() async throws {
        try await TestDesk.with { desk in
            try await desk.live { client in
                let answers = [
                    try await client.execute(uri: "/health", method: .get),
                    try await client.execute(uri: "/sign-in", method: .get),
                    try await client.execute(uri: "/api/v1/tickets", method: .get),
                    try await client.execute(uri: "/api/v1/nothing", method: .get),
                    try await client.execute(uri: "/nothing", method: .get),
                    try await client.execute(uri: "/health", method: .delete),
                    try await client.call(desk, .alice, .post, "/api/v1/tickets/\(desk.aliceTicket.number)/messages", json: #"{"body":"#),
                ]
                for answer in answers {
                    #expect(answer.headers[.xContentTypeOptions] == "nosniff" && answer.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(answer.status)")
                    #expect(answer.headers[.cacheControl] == "no-store", "\(answer.status)")
                }
                let port = try #require(client.port)
                let notHTTP = try await RawConnection.with(port: port) { connection in
                    try await connection.send("NOT HTTP AT ALL\r\n\r\n")
                    return try await connection.readUntilClosed(within: .seconds(10))
                }
                let head = notHTTP?.lowercased() ?? ""
                #expect(head.hasPrefix("http/1.1 400"))
                #expect(head.contains("x-content-type-options: nosniff") && head.contains("referrer-policy: same-origin") && head.contains("cache-control: no-store"))
            }
        }
    }
}
