import HTTPTypes
import Foundation
import Hummingbird
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// Works out who is calling: an API token (`Authorization: Bearer sb_…`) or a session cookie.
/// Cookie-authenticated API changes must carry the session's CSRF token in `X-CSRF-Token`; HTML forms
/// (outside `/api/`) send it as a `csrf` field, which `WebController` checks.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext
    let desk: Desk
    let tokenUse = TokenUseRecorder()

    static let sessionCookie = "sb_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "), let token = await apiToken(String(authorization.dropFirst(7))) else {
                throw APIError(.unauthorized, code: "invalid_token", message: "the API token is unknown or revoked")
            }
            guard let organization = try await desk.directory.snapshot().organizations[token.organizationID] else {
                throw APIError(.unauthorized, code: "invalid_token", message: "the API token is unknown or revoked")
            }
            context.apiToken = token
            context.principal = .integration(Principal.Integration(
                tokenID: token.id.rawValue, organizationID: token.organizationID, organizationKind: organization.kind, scopes: Set(token.scopes)
            ))
        } else if let value = request.cookies[Self.sessionCookie]?.value, !value.isEmpty, value.count < 200,
                  let session = try await session(Secrets.hash(value)),
                  let principal = try await principal(for: session) {
            // API changes carry the token in a header; page forms carry it in a field, checked by the page.
            if Self.isChange(request.method), request.uri.path.hasPrefix("/api/") {
                guard let sent = request.headers[Self.csrfHeader], Secrets.constantTimeEqual(sent, session.csrfToken) else {
                    throw APIError.csrf
                }
            }
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
        let credential = try? await desk.credentials.credential(Secrets.hash(secret)) {
            try await desk.store.apiToken(hash: Secrets.hash(secret)).map(CredentialCache.Credential.token) ?? .unknown
        }
        guard case .token(let token)? = credential, !token.isRevoked else { return nil }
        let now = desk.clock.now()
        if tokenUse.shouldRecord(token.id, at: now) {
            try? await desk.store.touchAPIToken(token.id, at: now)
        }
        return token
    }

    /// A live session by its token hash.
    private func session(_ hash: String) async throws -> StoredSession? {
        let now = desk.clock.now()
        let credential = try await desk.credentials.credential(hash) {
            try await desk.store.session(tokenHash: hash, at: now).map(CredentialCache.Credential.session) ?? .unknown
        }
        guard case .session(let session) = credential, session.expiresAt > now else { return nil }
        return session
    }

    /// The principal a session stands for, or nil if its agent was deactivated or removed.
    private func principal(for session: StoredSession) async throws -> Principal? {
        switch session.subject {
        case .agent(let id):
            let directory = try await desk.directory.snapshot()
            guard let agent = directory.agents[id], agent.active, let organization = directory.organizations[agent.organizationID] else {
                return nil
            }
            return .agent(Principal.StaffMember(agent: agent, organizationKind: organization.kind))
        case .customer(let id):
            guard let customer = try await desk.store.customer(id) else { return nil }
            // A merged-away customer's session follows them to the surviving record.
            return .customer(customer.mergedInto ?? customer.id)
        }
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
