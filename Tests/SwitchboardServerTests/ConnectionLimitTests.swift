import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchboardBench
import SwitchboardCore
@testable import SwitchboardServer
import Testing

@Suite("Connection timeouts and caps")
struct ConnectionLimitTests {
    /// Timeouts short enough for a test; each test waits far longer than them, never measures them.
    static func short(_ configuration: inout ServerConfiguration) {
        configuration.connections.headerTimeout = .milliseconds(300)
        configuration.connections.idleTimeout = .milliseconds(300)
        configuration.connections.bodyTimeout = .milliseconds(300)
    }

    @Test("a client that sends its head too slowly is disconnected without an answer")
    func slowHead() async throws {
        try await TestDesk.with(configure: Self.short) { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let received = try await RawConnection.with(port: port) { connection in
                    await connection.sendUnlessClosed("GET /health HTTP/1.1\r\nHost: desk\r\n")
                    return try await connection.readUntilClosed(within: .seconds(10))
                }
                #expect(received == "", "closed by the desk, nothing answered")
            }
        }
    }

    @Test("a body that does not arrive in time is cut off")
    func slowBody() async throws {
        try await TestDesk.with(configure: Self.short) { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let received = try await RawConnection.with(port: port) { connection in
                    await connection.sendUnlessClosed("POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: desk\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":")
                    return try await connection.readUntilClosed(within: .seconds(10))
                }
                #expect(received != nil, "closed by the desk")
            }
        }
    }

    @Test("an idle kept-alive connection is closed after its answer; an open live stream is not")
    func idle() async throws {
        // The head may take a moment to be read while the whole suite runs; idleness is what is tested.
        try await TestDesk.with(configure: { Self.short(&$0); $0.connections.headerTimeout = .seconds(2) }) { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                let received = try await RawConnection.with(port: port) { connection in
                    try await connection.send("GET /health HTTP/1.1\r\nHost: desk\r\n\r\n")
                    return try await connection.readUntilClosed(within: .seconds(10))
                }
                #expect(received?.hasPrefix("HTTP/1.1 200") == true, "answered, then closed by the desk")
                let number = desk.aliceTicket.number
                try await EventStreamClient.with(port: port, path: "/live/tickets/\(number)", headers: LiveStreamTests.cookie(desk, .agent), group: LiveStreamTests.group) { status, stream in
                    #expect(status == 200)
                    // Well past every timeout.
                    try await Task.sleep(for: .milliseconds(2_500))
                    // On a connection of its own: the test client's was closed as idle long ago.
                    let credential = try #require(desk.credentials[.agent])
                    let body = #"{"body":"still with you"}"#
                    let reply = try await RawConnection.with(port: port) { connection in
                        try await connection.send(
                            "POST /api/v1/tickets/\(number)/messages HTTP/1.1\r\nHost: desk\r\nCookie: sb_session=\(credential.cookie ?? "")\r\n"
                                + "X-CSRF-Token: \(credential.csrf ?? "")\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
                        )
                        return try await connection.readUntilClosed(within: .seconds(10))
                    }
                    #expect(reply?.hasPrefix("HTTP/1.1 201") == true)
                    #expect(try await stream.next("change", within: .seconds(5))?.data == String(number))
                }
            }
        }
    }

    @Test("connections over the cap from one address are closed at once; other addresses, and the address once it closes some, are served")
    func perAddress() async throws {
        try await TestDesk.with(configure: { $0.connections.maxConnectionsPerAddress = 2 }) { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                try await RawConnection.with(port: port, from: "127.0.0.2") { _ in
                    try await RawConnection.with(port: port, from: "127.0.0.2") { _ in
                        let refused = try await RawConnection.with(port: port, from: "127.0.0.2") { try await $0.readUntilClosed(within: .seconds(10)) }
                        #expect(refused == "", "closed before a word")
                        let other = try await Self.health(port: port, from: "127.0.0.3")
                        #expect(other?.hasPrefix("HTTP/1.1 200") == true)
                    }
                }
                // The two closed: the address is served again once the desk has counted them out.
                var again: String?
                for _ in 0..<50 where again?.hasPrefix("HTTP/1.1 200") != true {
                    again = try await Self.health(port: port, from: "127.0.0.2")
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(again?.hasPrefix("HTTP/1.1 200") == true)
            }
        }
    }

    @Test("connections over the desk's cap are closed at once, whatever their address")
    func total() async throws {
        try await TestDesk.with(configure: { $0.connections.maxConnections = 3 }) { desk in
            try await desk.live { client in
                let port = try #require(client.port)
                // The test client's own connection is the first.
                #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
                try await RawConnection.with(port: port, from: "127.0.0.2") { _ in
                    try await RawConnection.with(port: port, from: "127.0.0.3") { _ in
                        let refused = try await RawConnection.with(port: port, from: "127.0.0.4") { try await $0.readUntilClosed(within: .seconds(10)) }
                        #expect(refused == "")
                    }
                }
            }
        }
    }

    /// `GET /health` on a connection of its own, from `address`: the answer, then the close it asks for.
    static func health(port: Int, from address: String) async throws -> String? {
        try await RawConnection.with(port: port, from: address) { connection in
            try await connection.send("GET /health HTTP/1.1\r\nHost: desk\r\nConnection: close\r\n\r\n")
            return try await connection.readUntilClosed(within: .seconds(10))
        }
    }
}
