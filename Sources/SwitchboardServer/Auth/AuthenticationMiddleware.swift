import HTTPTypes
import Foundation
import Hummingbird
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// Works out who is calling: an API token (`Authorization: Bearer sb_…`) or a session cookie.
/// What a caller must also prove depends on the route group: cookie-authenticated API changes carry
/// the session's CSRF token in `X-CSRF-Token` (`APICSRFMiddleware`); page forms carry it in a
/// `csrf` field (`PageFormMiddleware`).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext
    let store: any Store
    let directory: DirectoryCache
    let credentials: CredentialCache
    let clock: any WallClock
    let tokenUse = TokenUseRecorder()

    static let sessionCookie = "sb_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "), let token = await apiToken(String(authorization.dropFirst(7))) else {
                throw APIError(.unauthorized, code: "invalid_token", message: "the API token is unknown or revoked")
            }
            guard let organization = try await directory.snapshot().organizations[token.organizationID] else {
                throw APIError(.unauthorized, code: "invalid_token", message: "the API token is unknown or revoked")
            }
            context.apiToken = token
            context.principal = .integration(Principal.Integration(
                tokenID: token.id.rawValue, organizationID: token.organizationID, organizationKind: organization.kind, scopes: Set(token.scopes)
            ))
        } else if let value = request.cookies[Self.sessionCookie]?.value, !value.isEmpty, value.count < 200,
                  let session = try await session(Secrets.hash(value)),
                  let principal = try await principal(for: session) {
            context.session = session
            context.principal = principal
        }
        return try await next(request, context)
    }

    static func isChange(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    private func apiToken(_ secret: String) async -> APIToken? {
        guard secret.hasPrefix("sb_"), secret.count < 200 else { return nil }
        let credential = try? await credentials.credential(Secrets.hash(secret)) {
            try await store.apiToken(hash: Secrets.hash(secret)).map(CredentialCache.Credential.token) ?? .unknown
        }
        guard case .token(let token)? = credential, !token.isRevoked else { return nil }
        let now = clock.now()
        if tokenUse.shouldRecord(token.id, at: now) {
            try? await store.touchAPIToken(token.id, at: now)
        }
        return token
    }

    /// A live session by its token hash.
    private func session(_ hash: String) async throws -> StoredSession? {
        let now = clock.now()
        let credential = try await credentials.credential(hash) {
            try await store.session(tokenHash: hash, at: now).map(CredentialCache.Credential.session) ?? .unknown
        }
        guard case .session(let session) = credential, session.expiresAt > now else { return nil }
        return session
    }

    /// The principal a session stands for, or nil if its agent was deactivated or removed.
    private func principal(for session: StoredSession) async throws -> Principal? {
        switch session.subject {
        case .agent(let id):
            let directory = try await self.directory.snapshot()
            guard let agent = directory.agents[id], agent.active, let organization = directory.organizations[agent.organizationID] else {
                return nil
            }
            return .agent(Principal.StaffMember(agent: agent, organizationKind: organization.kind))
        case .customer(let id):
            guard let customer = try await store.customer(id) else { return nil }
            // A merged-away customer's session follows them to the surviving record.
            return .customer(customer.mergedInto ?? customer.id)
        }
    }
}

/// Cookie-authenticated changes to the API must carry the session's CSRF token in `X-CSRF-Token`
/// (a browser form on another site cannot set a header). Token-authenticated calls need none.
struct APICSRFMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let session = context.session, context.apiToken == nil, AuthenticationMiddleware.isChange(request.method) {
            guard let sent = request.headers[AuthenticationMiddleware.csrfHeader], Secrets.constantTimeEqual(sent, session.csrfToken) else {
                throw APIError.csrf
            }
        }
        return try await next(request, context)
    }
}

/// Records an API token's last use at most once a minute, so reads do not each cost a write.
final class TokenUseRecorder: Sendable {
    private let lastRecorded = Mutex<[APIToken.ID: Date]>([:])

    func shouldRecord(_ id: APIToken.ID, at now: Date) -> Bool {
        lastRecorded.withLock { recorded in
            if let last = recorded[id], now.timeIntervalSince(last) < 60 { return false }
            recorded[id] = now
            return true
        }
    }
}
