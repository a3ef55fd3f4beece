import Foundation
import NIOCore
import NIOHTTP1
import SwitchboardCore

/// The timed HTTP phases: many clients, each sending its next request as soon as the last answered.
struct HTTPLoad: Sendable {
    let port: Int
    let group: any EventLoopGroup
    let headers: [(String, String)]

    enum ReadKind: Sendable {
        case list
        case search
    }

    struct Creation {
        var latencies: Latencies
        var numbers: [Int64]
    }

    /// Opens tickets for `seconds` (after a warm-up of a fifth of that, not counted).
    func creation(desk: SyntheticDesk, clients: Int, seconds: Double) async throws -> Creation {
        // Request bodies are made before the clock starts, so the load generator spends its share
        // of the two cores on sending, not on composing text.
        let bodies: [[ByteBuffer]] = (0..<clients).map { client in
            var text = TicketText(random: SplitMix(seed: UInt64(client) &* 7919 &+ 1))
            var random = SplitMix(seed: UInt64(client) &+ 31)
            return (0..<1_000).map { _ in
                let ticket = text.next()
                let body: JSONValue = [
                    "customerId": .number(Double(desk.customers[random.next(desk.customers.count)].rawValue)),
                    "subject": .string(ticket.subject), "message": .string(ticket.message), "language": .string(ticket.language),
                    "teamId": .number(Double(desk.teams[random.next(3)].id.rawValue)), "tags": .array(ticket.tags.map { .string($0) }),
                ]
                return ByteBuffer(string: body.canonical)
            }
        }
        let warmup = ContinuousClock.now + .milliseconds(Int(seconds * 200))
        let end = warmup + .milliseconds(Int(seconds * 1000))
        return try await withThrowingTaskGroup(of: Creation.self) { tasks in
            for client in 0..<clients {
                tasks.addTask {
                    let pool = bodies[client]
                    var next = 0
                    var result = Creation(latencies: Latencies(), numbers: [])
                    try await LoadConnection.with(host: "127.0.0.1", port: port, group: group) { send in
                        while ContinuousClock.now < end {
                            let body = pool[next % pool.count]
                            next += 1
                            let start = ContinuousClock.now
                            let reply = try await send(.POST, "/api/v1/tickets", headers, body)
                            guard start >= warmup else { continue }
                            if reply.status == 201, let location = reply.location, let number = Int64(location.split(separator: "/").last ?? "") {
                                result.latencies.record(ContinuousClock.now - start)
                                result.numbers.append(number)
                            } else {
                                result.latencies.errors += 1
                            }
                        }
                    }
                    return result
                }
            }
            var total = Creation(latencies: Latencies(), numbers: [])
            for try await part in tasks {
                total.latencies.merge(part.latencies)
                total.numbers += part.numbers
            }
            return total
        }
    }

    /// Lists (a mix of the queue views agents use, with paging) or searches (in three languages).
    func reads(kind: ReadKind, desk: SyntheticDesk, clients: Int, seconds: Double) async throws -> Latencies {
        let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        return try await withThrowingTaskGroup(of: Latencies.self) { tasks in
            for client in 0..<clients {
                tasks.addTask {
                    var random = SplitMix(seed: UInt64(client) &* 104_729 &+ 7)
                    var latencies = Latencies()
                    try await LoadConnection.with(host: "127.0.0.1", port: port, group: group) { send in
                        var cursor: String?
                        while ContinuousClock.now < end {
                            let uri: String
                            switch kind {
                            case .list:
                                if let next = cursor, random.next(3) > 0 {
                                    uri = "/api/v1/tickets?limit=50&cursor=\(next)"
                                } else {
                                    uri = Self.listViews(desk: desk)[random.next(Self.listViews(desk: desk).count)]
                                }
                            case .search:
                                uri = Self.searchURI(Self.searchWords[random.next(Self.searchWords.count)])
                            }
                            let start = ContinuousClock.now
                            let reply = try await send(.GET, uri, headers, nil)
                            guard reply.status == 200 else {
                                latencies.errors += 1
                                continue
                            }
                            latencies.record(ContinuousClock.now - start)
                            if kind == .list {
                                cursor = Self.nextCursor(reply.body)
                            }
                        }
                    }
                    return latencies
                }
            }
            var total = Latencies()
            for try await part in tasks { total.merge(part) }
            return total
        }
    }

    /// The queue views of a workspace: everything, by status, by team, unassigned, by agent, by tag, by customer.
    static func listViews(desk: SyntheticDesk) -> [String] {
        [
            "/api/v1/tickets?limit=50",
            "/api/v1/tickets?limit=50&status=open",
            "/api/v1/tickets?limit=50&status=new,open,pending-customer",
            "/api/v1/tickets?limit=50&teamId=\(desk.teams[0].id)",
            "/api/v1/tickets?limit=50&teamId=\(desk.teams[1].id)&status=open",
            "/api/v1/tickets?limit=50&assignee=none&status=new",
            "/api/v1/tickets?limit=50&assignee=\(desk.agents[3].id)",
            "/api/v1/tickets?limit=50&priority=urgent",
            "/api/v1/tickets?limit=50&tag=refund",
            "/api/v1/tickets?limit=50&customerId=\(desk.customers[desk.customers.count / 2])",
        ]
    }

    static let searchWords = [
        "refund", "kettle", "charged twice", "invoice company", "tracking", "coupon invalid",
        "退款", "包装破了", "发票", "物流", "茶壶",
        "بازپرداخت", "فرش", "کد تخفیف", "آدرس جدید", "523417",
    ]

    static func searchURI(_ words: String) -> String {
        "/api/v1/tickets/search?limit=20&q=" + words.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    /// One client sending the same request `times` times.
    /// `times` GETs on one kept-alive connection, going round `uris`.
    func cycling(uris: [String], times: Int) async throws -> Latencies {
        try await LoadConnection.with(host: "127.0.0.1", port: port, group: group) { send in
            var latencies = Latencies()
            for round in 0..<times {
                let start = ContinuousClock.now
                let reply = try await send(.GET, uris[round % uris.count], headers, nil)
                if reply.status == 200 { latencies.record(ContinuousClock.now - start) } else { latencies.errors += 1 }
            }
            return latencies
        }
    }

    func repeated(uri: String, times: Int) async throws -> Latencies {
        try await LoadConnection.with(host: "127.0.0.1", port: port, group: group) { send in
            var latencies = Latencies()
            for _ in 0..<times {
                let start = ContinuousClock.now
                let reply = try await send(.GET, uri, headers, nil)
                if reply.status == 200 { latencies.record(ContinuousClock.now - start) } else { latencies.errors += 1 }
            }
            return latencies
        }
    }

    static func nextCursor(_ body: ByteBuffer) -> String? {
        let text = String(buffer: body)
        guard let range = text.range(of: "\"nextCursor\":\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }
}
