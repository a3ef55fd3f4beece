import ArgumentParser
import Foundation
import SwitchboardServer

/// Timeouts and caps that keep slow or greedy clients from crowding out the rest: each a flag,
/// else its environment variable, else the desk's default.
struct LimitOptions: ParsableArguments {
    @Option(help: "Seconds a client has to send a request's head (env SWITCHBOARD_HEADER_TIMEOUT; default 10).")
    var headerTimeout: Double?
    @Option(help: "Seconds an idle keep-alive connection stays open (env SWITCHBOARD_IDLE_TIMEOUT; default 60).")
    var idleTimeout: Double?
    @Option(help: "Seconds a client has to send a request's body after its head (env SWITCHBOARD_BODY_TIMEOUT; default 60).")
    var bodyTimeout: Double?
    @Option(help: "Open connections at most, 0 for no cap (env SWITCHBOARD_MAX_CONNECTIONS; default 10000).")
    var maxConnections: Int?
    @Option(help: "Open connections per client address, 0 for no cap (env SWITCHBOARD_MAX_CONNECTIONS_PER_ADDRESS; default 512).")
    var maxConnectionsPerAddress: Int?
    @Option(help: "Live streams per session or API token, 0 for no cap (env SWITCHBOARD_MAX_LIVE_STREAMS_PER_SESSION; default 16).")
    var maxLiveStreamsPerSession: Int?
    @Option(help: "Live streams per client address, 0 for no cap (env SWITCHBOARD_MAX_LIVE_STREAMS_PER_ADDRESS; default 256).")
    var maxLiveStreamsPerAddress: Int?

    /// The limits these flags, the environment and the defaults make.
    func limits(environment: [String: String]) throws -> (connections: ConnectionLimits, liveStreams: LiveStreamLimits) {
        var connections = ConnectionLimits()
        var live = LiveStreamLimits()
        if let seconds = try headerTimeout ?? environment.number("SWITCHBOARD_HEADER_TIMEOUT") { connections.headerTimeout = try Self.duration(seconds) }
        if let seconds = try idleTimeout ?? environment.number("SWITCHBOARD_IDLE_TIMEOUT") { connections.idleTimeout = try Self.duration(seconds) }
        if let seconds = try bodyTimeout ?? environment.number("SWITCHBOARD_BODY_TIMEOUT") { connections.bodyTimeout = try Self.duration(seconds) }
        if let cap = try maxConnections ?? environment.count("SWITCHBOARD_MAX_CONNECTIONS") { connections.maxConnections = cap }
        if let cap = try maxConnectionsPerAddress ?? environment.count("SWITCHBOARD_MAX_CONNECTIONS_PER_ADDRESS") { connections.maxConnectionsPerAddress = cap }
        if let cap = try maxLiveStreamsPerSession ?? environment.count("SWITCHBOARD_MAX_LIVE_STREAMS_PER_SESSION") { live.perSession = cap }
        if let cap = try maxLiveStreamsPerAddress ?? environment.count("SWITCHBOARD_MAX_LIVE_STREAMS_PER_ADDRESS") { live.perAddress = cap }
        for cap in [connections.maxConnections, connections.maxConnectionsPerAddress, live.perSession, live.perAddress] where cap < 0 {
            throw ValidationError("a cap is a count of zero (no cap) or more, not \(cap)")
        }
        return (connections, live)
    }

    private static func duration(_ seconds: Double) throws -> Duration {
        guard seconds > 0, seconds.isFinite else { throw ValidationError("a timeout is a number of seconds above zero, not \(seconds)") }
        return .milliseconds(Int64(seconds * 1000))
    }
}

extension [String: String] {
    /// A variable's number, nil when unset or empty; a value that is not a number is refused, not ignored.
    fileprivate func number(_ name: String) throws -> Double? {
        guard let raw = self[name], !raw.isEmpty else { return nil }
        guard let value = Double(raw) else { throw ValidationError("\(name) must be a number of seconds, not \(raw)") }
        return value
    }

    fileprivate func count(_ name: String) throws -> Int? {
        guard let raw = self[name], !raw.isEmpty else { return nil }
        guard let value = Int(raw) else { throw ValidationError("\(name) must be a whole number, not \(raw)") }
        return value
    }
}
