import Foundation
import Hummingbird
import Prometheus

/// The desk's Prometheus metrics, kept in a registry the server owns (no global bootstrap).
public final class DeskMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let ticketsCreated: Counter

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
    }

    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.duration, labels: [("route", route)],
            buckets: [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)]
        ).record(duration)
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
