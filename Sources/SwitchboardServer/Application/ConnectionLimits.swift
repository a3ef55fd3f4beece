/// How long a client may take over a request and how many connections it may hold, so that a few
/// slow or greedy clients cannot keep everyone else (and the health check) off the desk.
public struct ConnectionLimits: Sendable, Equatable {
    /// A request's head must have arrived this long after its first byte, or after the connection opened.
    public var headerTimeout: Duration
    /// A connection waiting for its next request is closed after this long.
    public var idleTimeout: Duration
    /// A request's body must have arrived this long after its head.
    public var bodyTimeout: Duration
    /// Open connections at most (0: no cap). A connection over the cap is closed at once.
    public var maxConnections: Int
    /// Open connections from one client address at most (0: no cap).
    public var maxConnectionsPerAddress: Int

    public init(
        headerTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60), bodyTimeout: Duration = .seconds(60),
        maxConnections: Int = 10_000, maxConnectionsPerAddress: Int = 512
    ) {
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.bodyTimeout = bodyTimeout
        self.maxConnections = maxConnections
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
    }
}

/// How many live streams (open pages listening for changes) one session and one client address
/// may hold at once.
public struct LiveStreamLimits: Sendable, Equatable {
    /// Per signed-in session or API token (0: no cap).
    public var perSession: Int
    /// Per client address (0: no cap).
    public var perAddress: Int

    public init(perSession: Int = 16, perAddress: Int = 256) {
        self.perSession = perSession
        self.perAddress = perAddress
    }
}
