import Logging
import Synchronization

/// An email to send.
public struct OutgoingMail: Sendable, Hashable {
    public var to: String
    public var subject: String
    public var body: String

    public init(to: String, subject: String, body: String) {
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Sends email. The desk runs without a mail server by writing mail to its log; tests keep it in memory.
public protocol Mailer: Sendable {
    func send(_ mail: OutgoingMail) async throws
}

/// Writes each email to the log — the desk's out-of-the-box outbox until SMTP is configured.
public struct LogMailer: Mailer {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func send(_ mail: OutgoingMail) async throws {
        logger.notice("outgoing mail (no SMTP configured)", metadata: ["subject": "\(mail.subject)", "body": "\(mail.body)"])
    }
}

/// Keeps sent mail in memory, for tests and the demo.
public final class MemoryMailer: Mailer {
    private let sent = Mutex<[OutgoingMail]>([])

    public init() {}

    public func send(_ mail: OutgoingMail) async throws {
        sent.withLock { $0.append(mail) }
    }

    public var outbox: [OutgoingMail] { sent.withLock { $0 } }
}
