import Foundation

/// Background work the desk must not lose: stored in the same transaction as the change that
/// causes it, run by whichever node leases it first, retried with back-off, and parked with its
/// error when it keeps failing, for an admin to retry or drop.
public struct Job: Sendable, Hashable, Identifiable {
    public typealias ID = Identifier<Job>

    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Waiting for its time (or leased by a node that is running it).
        case queued
        /// Gave up after its attempts, or could not be read: waits for an admin.
        case parked
    }

    public var id: ID
    public var kind: JobKind
    public var payload: JSONValue
    /// A name that at most one job holds at a time (a recurring job's, say).
    public var key: String?
    public var state: State
    public var runAt: Date
    /// Times a node has started it (a node that died mid-run counts too).
    public var attempts: Int
    public var maxAttempts: Int
    public var lastError: String?
    public var createdAt: Date

    public init(
        id: ID, kind: JobKind, payload: JSONValue, key: String?, state: State, runAt: Date, attempts: Int, maxAttempts: Int,
        lastError: String?, createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.key = key
        self.state = state
        self.runAt = runAt
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.lastError = lastError
        self.createdAt = createdAt
    }
}

/// What a job does, by name (`purge-expired`, `analyse-message`). Open like `EventKind`: a job of
/// a kind this node does not know is parked, not lost.
public struct JobKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// 1–60 characters of `a–z`, digits, `-` and `.`, starting with a letter.
    public init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard (1...60).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
              bytes.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let kind = JobKind(rawValue: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a job kind")
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Stands for a stored kind that is not a kind name at all (no handler runs it).
    public static let unreadable = JobKind(rawValue: "unreadable")!
}

/// A job to store.
public struct NewJob: Sendable, Hashable {
    public var kind: JobKind
    public var payload: JSONValue
    public var runAt: Date
    /// At most one job with this key is stored; enqueuing another with the same key does nothing.
    public var key: String?
    public var maxAttempts: Int
    /// With a key: a stored job under the same key takes this one's time and payload (a timer
    /// moved because its ticket changed) rather than this one being left out.
    public var reschedules: Bool

    public init(
        kind: JobKind, payload: JSONValue = [:], runAt: Date, key: String? = nil, maxAttempts: Int = JobRetry.defaultAttempts, reschedules: Bool = false
    ) {
        self.kind = kind
        self.reschedules = reschedules
        self.payload = payload
        self.runAt = runAt
        self.key = key
        self.maxAttempts = max(1, maxAttempts)
    }
}

/// How long a failed job waits before its next attempt.
public enum JobRetry {
    public static let defaultAttempts = 8
    /// 5 s after the first failure, doubling up to an hour.
    public static func delay(afterAttempt attempt: Int) -> TimeInterval {
        min(5 * pow(2, Double(max(0, attempt - 1))), 3_600)
    }
}

/// How a job run ended, as the runner reports it to the store.
public enum JobOutcome: Sendable, Hashable {
    /// Done: the job is removed, and `next` (a recurring job's next run, say) stored in its place.
    case done(next: [NewJob])
    /// Failed; tried again at `retryAt`, or parked when nil (no attempts left, or it cannot succeed).
    case failed(error: String, retryAt: Date?)
}
