import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// API tokens for integrations: created by admins, shown once, stored hashed, revocable.
struct TokensController: Sendable {
    let changes: DirectoryChanges
    let clock: any WallClock

    func register(on router: RouterGroup<DeskRequestContext>) {
        let tokens = router.group("v1/api-tokens")
        tokens.get(use: list)
        tokens.post(use: create)
        tokens.delete("{id}", use: revoke)
    }

    @Sendable func list(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal(), role: .admin)
        return try JSONBody.response(["tokens": try await changes.visibleTokens(staff).map { APITokenResponse($0) }])
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
        let (token, secret) = try await changes.issueToken(organization: organization, name: body.name, scopes: body.scopes, by: staff, at: clock.now())
        var headers = HTTPFields()
        headers[.location] = "/api/v1/api-tokens/\(token.id)"
        return try JSONBody.response(APITokenResponse(token, secret: secret), status: .created, headers: headers)
    }

    @Sendable func revoke(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let staff = try AccessPolicy.requireStaff(principal, role: .admin)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("API token") }
        return try JSONBody.response(APITokenResponse(try await changes.revokeToken(id, by: staff, at: clock.now())))
    }
}
