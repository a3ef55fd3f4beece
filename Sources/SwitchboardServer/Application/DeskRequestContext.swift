import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardStorage

/// Per-request state: who is asking, and how they proved it.
public struct DeskRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, if any.
    public var principal: Principal?
    /// The cookie session the caller used, if any (CSRF checks need it).
    public var session: StoredSession?
    /// The API token the caller used, if any.
    public var apiToken: APIToken?
    /// A page form, read and checked against its CSRF token (`PageFormMiddleware`).
    var form: FormBody?
    /// The client's IP address, for sign-in rate limits: the peer's, or the forwarded one behind
    /// a trusted proxy (`ClientAddressMiddleware`).
    public internal(set) var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The caller, or 401.
    public func requirePrincipal() throws -> Principal {
        guard let principal else { throw APIError.unauthenticated }
        return principal
    }
}
