import Foundation
import Hummingbird
import Prometheus
import Synchronization

/// The desk's Prometheus metrics, kept in a registry the server owns (no global bootstrap).
public final class DeskMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let ticketsCreated: Counter
    let messagesAnalysed: Counter

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "switchboard", subsystem: "http", metricName: "requests", unitName: "total", helpText: "HTTP requests by method, route and status")
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "switchboard", subsystem: "http", metricName: "request_duration", unitName: "seconds", helpText: "HTTP request latency by route")
    }

    public init() {
        ticketsCreated = registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "switchboard", metricName: "tickets_created", unitName: "total", helpText: "Tickets opened on this node"),
            labels: []
        )
        messagesAnalysed = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "switchboard", metricName: "messages_analysed", unitName: "total", helpText: "Customer messages the assistant read on arrival"
            ),
            labels: []
        )
    }

    private struct RouteKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    /// The counter and histogram of each route seen so far, so a request costs one dictionary lookup.
    private let handles = Mutex<[RouteKey: (Counter, DurationHistogram)]>([:])

    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let key = RouteKey(method: method, route: route, status: status)
        let (counter, histogram) = handles.withLock { handles in
            if let existing = handles[key] { return existing }
            let created = makeHandles(key)
            handles[key] = created
            return created
        }
        counter.increment()
        histogram.record(duration)
    }

    private func makeHandles(_ key: RouteKey) -> (Counter, DurationHistogram) {
        let counter = registry.makeCounter(
            descriptor: Self.requests, labels: [("method", key.method), ("route", key.route), ("status", String(key.status))]
        )
        let histogram = registry.makeDurationHistogram(
            descriptor: Self.duration, labels: [("route", key.route)],
            buckets: [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]
        )
        return (counter, histogram)
    }

    /// The Prometheus text exposition.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// Counts every request by method, matched route and status, and times it.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext
    let metrics: DeskMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        // The route template, not the raw path, keeps label cardinality bounded.
        metrics.recordRequest(
            method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code, duration: ContinuousClock.now - start
        )
        return response
    }
}
