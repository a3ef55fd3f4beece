import NIOCore
import NIOHTTP1
import NIOPosix

/// One keep-alive HTTP/1.1 connection that sends a request and waits for its response, the way a
/// browser tab or an integration does. Lean on purpose: the load generator shares the CPU with the desk.
struct LoadConnection {
    struct Reply {
        let status: Int
        let location: String?
        let body: ByteBuffer
    }


    /// Opens a connection and runs `body` with a function that performs one request.
    static func with<T: Sendable>(
        host: String, port: Int, from local: String? = nil, group: any EventLoopGroup,
        _ body: (_ send: (HTTPMethod, String, [(String, String)], ByteBuffer?) async throws -> Reply) async throws -> T
    ) async throws -> T {
        let channel = try await HTTPClientChannel.connect(host: host, port: port, from: local, group: group)
        return try await channel.executeThenClose { inbound, outbound in
            var responses = inbound.makeAsyncIterator()
            return try await body { method, uri, headers, requestBody in
                var head = HTTPRequestHead(version: .http1_1, method: method, uri: uri)
                head.headers.add(name: "Host", value: "\(host):\(port)")
                for (name, value) in headers { head.headers.add(name: name, value: value) }
                head.headers.add(name: "Content-Length", value: String(requestBody?.readableBytes ?? 0))
                try await outbound.write(.head(head))
                if let requestBody { try await outbound.write(.body(.byteBuffer(requestBody))) }
                try await outbound.write(.end(nil))
                var status = 0
                var location: String?
                var collected = ByteBuffer()
                while let part = try await responses.next() {
                    switch part {
                    case .head(let response):
                        status = Int(response.status.code)
                        location = response.headers.first(name: "Location")
                    case .body(var buffer):
                        collected.writeBuffer(&buffer)
                    case .end:
                        return Reply(status: status, location: location, body: collected)
                    }
                }
                throw LoadError.closed
            }
        }
    }

    enum LoadError: Error {
        case closed
    }
}
