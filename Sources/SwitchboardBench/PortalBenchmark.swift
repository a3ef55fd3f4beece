import Foundation
import Logging
import NIOCore
import NIOPosix
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage

/// What `switchboard bench portal` measures.
public struct PortalBenchmarkOptions: Sendable {
    public var location: StoreLocation
    /// Tickets in the database (bulk-loaded), spread over `customers`.
    public var totalTickets: Int
    public var customers: Int
    /// Requests per page measured (after a warm-up).
    public var requests: Int
    public var assistantCache: String?

    public init(location: StoreLocation, totalTickets: Int = 1_000_000, customers: Int = 2_000, requests: Int = 500, assistantCache: String? = nil) {
        self.location = location
        self.totalTickets = totalTickets
        self.customers = customers
        self.requests = requests
        self.assistantCache = assistantCache
    }
}

/// The customer's pages on a large desk: "my requests" (the newest 50 with owners, next steps and
/// open promises) and a request's page (timeline, promises, SLA sentence, queue place, summary
/// and survey), for the customer with the most requests — over HTTP, one client, as a person
/// browsing their requests would.
public enum PortalBenchmark {
    public static func run(_ options: PortalBenchmarkOptions, logger: Logger, print: @escaping @Sendable (String) -> Void) async throws {
        try await Benchmark.withDesk(location: options.location, assistantCache: options.assistantCache, logger: logger) { store, desk, port in
            print("Switchboard portal benchmark — \(options.location), \(System.coreCount) cores")
            let synthetic = try await SyntheticDesk.prepare(in: store, customers: options.customers)
            try await BulkLoad.fill(store: store, desk: synthetic, target: options.totalTickets, print: print)
            // The customer with the most requests (about total / customers each).
            var busiest: (customer: Customer.ID, count: Int)?
            for customer in synthetic.customers.prefix(50) {
                let count = try await store.countTickets(TicketQuery(visibility: .customer(customer)), upTo: 10_000)
                if count > busiest?.count ?? -1 { busiest = (customer, count) }
            }
            guard let (customer, count) = busiest else { throw StoreError(.unavailable, "no customers") }
            let tickets = try await store.listTickets(TicketQuery(visibility: .customer(customer), limit: 50)).tickets
            // Promises on their newest requests, as agents make them: the home page reads them.
            let now = Date()
            for (index, ticket) in tickets.prefix(10).enumerated() {
                _ = try await store.act(onTicket: ticket.id, actor: .system, at: now) { _, events in
                    let made = Commitment.all(in: events.compactMap { try? $0.change() }).count
                    return [.record(.commitmentMade(Commitment(id: "c\(made + 1)", text: "Call back about it", dueAt: now.addingTimeInterval(Double(index + 1) * 3_600))))]
                }
            }
            let total = try await store.ticketCounts(visibility: .all).values.reduce(0, +)
            print("portal  \(total.formatted()) tickets; the customer has \(count.formatted()) requests")
            let token = "bench-customer-\(UUID().uuidString)"
            try await store.createSession(StoredSession(
                tokenHash: Secrets.hash(token), subject: .customer(customer), csrfToken: "bench", createdAt: now, expiresAt: now.addingTimeInterval(3_600)
            ))
            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            var failures = 0
            do {
                let browser = HTTPLoad(port: port, group: group, headers: [("Cookie", "sb_session=\(token)")])
                var pages: [(String, [String])] = [("GET /portal", ["/portal"])]
                pages.append(("GET /portal/tickets/{n}", tickets.prefix(25).map { "/portal/tickets/\($0.number)" }))
                for (label, uris) in pages {
                    _ = try await browser.cycling(uris: uris, times: uris.count * 2)
                    let all = try await browser.cycling(uris: uris, times: options.requests)
                    failures += all.errors
                    print(String(format: "portal  %-24@ p50 %6.2f ms   p99 %6.2f ms   errors %d   (%d requests)",
                                 label as NSString, all.percentile(0.5), all.percentile(0.99), all.errors, options.requests))
                }
            } catch {
                try? await group.shutdownGracefully()
                throw error
            }
            try await group.shutdownGracefully()
            if failures > 0 { throw BenchmarkFailure(failures: failures) }
        }
    }
}
