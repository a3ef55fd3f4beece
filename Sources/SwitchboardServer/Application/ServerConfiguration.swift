import Foundation
import SwitchboardCore

/// Everything the server needs to know, built by the CLI from flags and environment and
/// injected — nothing below reads globals.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The address people use to reach the desk (for links in emails). Defaults to http://host:port.
    public var publicURL: String?
    /// The largest request body accepted, in bytes.
    public var maxBodySize: Int
    /// How long an agent stays signed in.
    public var agentSessionLifetime: TimeInterval
    /// How long a customer stays signed in.
    public var customerSessionLifetime: TimeInterval
    /// How long a magic link works.
    public var magicLinkLifetime: TimeInterval
    /// Bcrypt work factor for new password hashes.
    public var bcryptCost: UInt8
    /// The secret shops sign customer identity tokens with. Generated and stored in the database when nil.
    public var identitySecret: String?
    /// Sign-in links mailed per customer address and per client address before requests are
    /// answered without mailing.
    public var magicLinkLimits: AttemptLimits
    /// How long a shop's signed identity (its "Help" link, or its server's sign-in call) is good
    /// for after the shop signed it. Short: a link copied out of a browser soon stops working.
    public var shopLinkLifetime: TimeInterval = 10 * 60
    /// An online agent who did nothing for this long becomes away (nil: never).
    public var autoAway: TimeInterval? = 15 * 60
    /// A case transferred back to the team that sent it within this long is flagged to supervisors.
    public var bounceWindow: TimeInterval = 30 * 60
    /// When the satisfaction survey goes out after a case is solved, how long its link works, and
    /// how long an answer may be changed.
    public var surveys = SurveySettings()
    /// Receipt checks (each re-verifies a ticket's whole record) per receipt's ticket and per client address.
    public var receiptCheckLimits = AttemptLimits(perAccount: 30, perAddress: 60, window: 600)
    /// When failed agent sign-ins start to slow further attempts, and how far (`SignInThrottle`).
    var signInPolicy = SignInThrottle.Policy()
    /// Reverse proxies whose `X-Forwarded-For` names the client (none: the peer is the client).
    public var trustedProxies = TrustedProxies()
    /// Timeouts and connection caps.
    public var connections: ConnectionLimits
    /// Live streams per session and per client address.
    public var liveStreams: LiveStreamLimits

    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicURL: String? = nil, maxBodySize: Int = 1 << 20,
        agentSessionLifetime: TimeInterval = 12 * 3600, customerSessionLifetime: TimeInterval = 30 * 86400,
        magicLinkLifetime: TimeInterval = 15 * 60, bcryptCost: UInt8 = 12, identitySecret: String? = nil,
        magicLinkLimits: AttemptLimits = AttemptLimits(perAccount: 3, perAddress: 30),
        connections: ConnectionLimits = ConnectionLimits(), liveStreams: LiveStreamLimits = LiveStreamLimits()
    ) {
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.maxBodySize = maxBodySize
        self.agentSessionLifetime = agentSessionLifetime
        self.customerSessionLifetime = customerSessionLifetime
        self.magicLinkLifetime = magicLinkLifetime
        self.bcryptCost = bcryptCost
        self.identitySecret = identitySecret
        self.magicLinkLimits = magicLinkLimits
        self.connections = connections
        self.liveStreams = liveStreams
    }

    /// The base URL for links.
    public var baseURL: String {
        (publicURL ?? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    /// Cookies are marked Secure when the desk is reached over TLS.
    public var secureCookies: Bool { baseURL.hasPrefix("https://") }
}

/// How many attempts are tolerated within a window before a pause.
public struct AttemptLimits: Sendable {
    /// Attempts per account (an agent's or customer's email) within `window` before it is paused.
    public var perAccount: Int
    /// Attempts per client address within `window` before that address is paused.
    public var perAddress: Int
    public var window: TimeInterval

    public init(perAccount: Int = 5, perAddress: Int = 30, window: TimeInterval = 15 * 60) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }
}
