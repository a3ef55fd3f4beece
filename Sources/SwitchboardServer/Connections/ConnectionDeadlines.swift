/// When one HTTP/1.1 connection must be closed because its client is too slow: a new connection
/// and every request must send the head within the header timeout of its first byte, a body must
/// arrive within the body timeout of its head, and a connection waiting for its next request is
/// closed after the idle timeout. A request being answered — a live stream for hours — has no
/// deadline. It takes the times things happened and says the deadline; `ConnectionDeadlinesHandler`
/// does the I/O.
struct ConnectionDeadlines<Instant: InstantProtocol> where Instant.Duration == Duration {
    enum Reading: Equatable {
        case nothing, head, body
    }

    let limits: ConnectionLimits
    private(set) var reading = Reading.head
    /// Requests read whose response has not ended.
    private(set) var unanswered = 0
    /// When the connection is closed unless something happens first; nil while answering.
    private(set) var deadline: Instant?
    /// Whether the last read from the socket gave a request part; bytes that give none are the
    /// start of a head (or a part of one).
    private var partRead = false

    /// A connection opened at `now`: a client that connects owes a request.
    init(limits: ConnectionLimits, opened now: Instant) {
        self.limits = limits
        deadline = now.advanced(by: limits.headerTimeout)
    }

    /// A read from the socket completed.
    mutating func readCompleted(at now: Instant) {
        defer { partRead = false }
        guard !partRead, reading == .nothing else { return }
        reading = .head
        deadline = now.advanced(by: limits.headerTimeout)
    }

    /// A request's head arrived.
    mutating func headRead(at now: Instant) {
        partRead = true
        reading = .body
        unanswered += 1
        deadline = now.advanced(by: limits.bodyTimeout)
    }

    /// A part of a body arrived (the body's deadline stands: a trickle does not earn more time).
    mutating func bodyRead() {
        partRead = true
    }

    /// A request's end arrived: it is being answered.
    mutating func endRead(at now: Instant) {
        partRead = true
        reading = .nothing
        settle(at: now)
    }

    /// A response ended.
    mutating func responseEnded(at now: Instant) {
        unanswered = max(0, unanswered - 1)
        if reading == .nothing { settle(at: now) }
    }

    /// Whether the deadline has passed.
    func expired(at now: Instant) -> Bool {
        deadline.map { now >= $0 } ?? false
    }

    private mutating func settle(at now: Instant) {
        deadline = unanswered == 0 ? now.advanced(by: limits.idleTimeout) : nil
    }
}
