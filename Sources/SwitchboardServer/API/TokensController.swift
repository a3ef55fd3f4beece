import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// API tokens for integrations: created by admins, shown once, stored hashed, revocable.
struct TokensController: Sendable {
    let desk: Desk

    func register(on router: Router<DeskRequestContext>) {
        let tokens = router.group("api/v1/api-tokens")
        tokens.get(use: list)
        tokens.post(use: create)
        tokens.delete("{id}", use: revoke)
    }

    @Sendable func list(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal(), role: .admin)
        return try JSONBody.response(["tokens": try await visibleTokens(staff).map { APITokenResponse($0) }])
    }

    struct CreateRequest: Decodable {
        var name: String
        var organizationId: Int64?
        var scopes: [APIScope]
    }

    @Sendable func create(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await JSONBody.decode(CreateRequest.self, from: request, limit: 16 * 1024)
        let staff = try AccessPolicy.requireStaff(principal)
        let organization = body.organizationId.map(Organization.ID.init) ?? staff.organizationID
        try AccessPolicy.requireAdmin(principal, of: organization)
        let (token, secret) = try await issue(organization: organization, name: body.name, scopes: body.scopes, by: staff)
        var headers = HTTPFields()
        headers[.location] = "/api/v1/api-tokens/\(token.id)"
        return try JSONBody.response(APITokenResponse(token, secret: secret), status: .created, headers: headers)
    }

    @Sendable func revoke(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let staff = try AccessPolicy.requireStaff(principal, role: .admin)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("API token") }
        return try JSONBody.response(APITokenResponse(try await revoke(id, by: staff)))
    }

    /// The tokens an admin may see: all on the platform, their own organization's at a merchant.
    func visibleTokens(_ staff: Principal.StaffMember) async throws -> [APIToken] {
        try await desk.store.apiTokens(organization: staff.organizationKind == .platform ? nil : staff.organizationID)
    }

    /// Makes a token; the secret is returned this once and stored only as a hash.
    func issue(organization: Organization.ID, name: String, scopes: [APIScope], by staff: Principal.StaffMember) async throws -> (APIToken, String) {
        let secret = Secrets.token(prefix: "sb_")
        let token = try await desk.store.createAPIToken(
            organization: organization, name: name, scopes: scopes, tokenHash: Secrets.hash(secret),
            prefix: String(secret.prefix(10)), createdBy: staff.agentID, at: desk.clock.now()
        )
        return (token, secret)
    }

    /// Revokes one of the tokens `staff` may see; it stops working at once.
    func revoke(_ id: Int64, by staff: Principal.StaffMember) async throws -> APIToken {
        guard let token = try await visibleTokens(staff).first(where: { $0.id.rawValue == id }) else { throw APIError.notFound("API token") }
        let revoked = try await desk.store.revokeAPIToken(token.id, at: desk.clock.now())
        // The cache is keyed by the secret's hash, which is not kept; forget every cached credential.
        desk.credentials.forgetAll()
        return revoked
    }
}
