import Foundation
import SwitchboardServer

extension SpineBenchmark {
    /// With its idle pages open, creation must keep at least this share of its rate without them.
    static let idleStreamShare = 0.8

    /// Queue pages that opened their live stream and never read it: ticket creation at full speed
    /// with them open, against the rate without them. Returns the failures.
    static func idleStreams(
        _ options: SpineBenchmarkOptions, synthetic: SyntheticDesk, node: Node, http: HTTPLoad, cookie: [(String, String)],
        baseline: Double, print: @escaping @Sendable (String) -> Void
    ) async throws -> Int {
        let before = node.desk.bus.subscriberCount
        let request = "GET /live/queue HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n" + cookie.map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n"
        let pages = try await SilentConnections.open(options.idleStreams, port: node.port, from: "127.0.0.1", request: request, reading: false, group: http.group)
        defer { pages.closeAll() }
        try await waitForSubscribers(before + options.idleStreams, on: node)
        let open = node.desk.bus.subscriberCount - before
        let creation = try await http.creation(desk: synthetic, clients: options.clients, seconds: options.seconds)
        let rate = Double(creation.latencies.count) / options.seconds
        let kept = rate >= baseline * idleStreamShare
        print(String(format: "idle    %d queue pages that never read: creation %.0f tickets/s, %.0f%% of %.0f without (at least %.0f%%), p99 %.2f ms, errors %d",
                     open, rate, rate / baseline * 100, baseline, idleStreamShare * 100, creation.latencies.percentile(0.99), creation.latencies.errors))
        // Closed pages stop costing at once: their subscriptions end as their connections close.
        pages.closeAll()
        let closing = ContinuousClock.now
        while node.desk.bus.subscriberCount > before, ContinuousClock.now < closing + .seconds(20) {
            try await Task.sleep(for: .milliseconds(10))
        }
        print(String(format: "        closed: their subscriptions gone %.0f ms later (%d left)",
                     Latencies.milliseconds(ContinuousClock.now - closing), node.desk.bus.subscriberCount - before))
        return creation.latencies.errors + (kept ? 0 : 1) + (open < options.idleStreams ? 1 : 0)
    }
}
