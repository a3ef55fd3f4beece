import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// Customers: create, read, add a contact identity, merge two records of one person.
struct CustomersController: Sendable {
    let store: any Store
    let clock: any WallClock
    let maxBodySize: Int

    func register(on router: RouterGroup<DeskRequestContext>) {
        let customers = router.group("v1/customers")
        customers.post(use: create)
        customers.get("{id}", use: show)
        customers.post("{id}/identities", use: addIdentity)
        customers.post("{id}/merge", use: merge)
    }

    struct CreateRequest: Decodable {
        var name: String
        var language: String?
        var tier: String?
        var identities: [ContactIdentity]?
    }

    @Sendable func create(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try AccessPolicy.requireCustomerWrite(try context.requirePrincipal())
        let body = try await JSONBody.decode(CreateRequest.self, from: request, limit: maxBodySize)
        let customer = try await store.createCustomer(NewCustomer(
            name: body.name, language: body.language, tier: body.tier, identities: body.identities ?? []
        ))
        var headers = HTTPFields()
        headers[.location] = "/api/v1/customers/\(customer.id)"
        return try JSONBody.response(CustomerResponse(customer), status: .created, headers: headers)
    }

    @Sendable func show(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let customer = try await visibleCustomer(context)
        return try JSONBody.response(CustomerResponse(customer))
    }

    struct IdentityRequest: Decodable {
        var kind: ContactIdentity.Kind
        var value: String
    }

    @Sendable func addIdentity(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let customer = try await visibleCustomer(context)
        try AccessPolicy.requireCustomerWrite(principal)
        let body = try await JSONBody.decode(IdentityRequest.self, from: request, limit: 16 * 1024)
        let updated = try await store.addIdentity(try ContactIdentity(kind: body.kind, value: body.value), to: customer.id)
        return try JSONBody.response(CustomerResponse(updated))
    }

    struct MergeRequest: Decodable {
        /// The duplicate record, merged into the customer in the path.
        var sourceId: Int64
    }

    @Sendable func merge(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let target = try await visibleCustomer(context)
        let staff = try AccessPolicy.requireStaff(principal, role: .supervisor)
        guard staff.organizationKind == .platform else { throw DomainError.forbidden("customer records are kept by the platform's staff") }
        let body = try await JSONBody.decode(MergeRequest.self, from: request, limit: 16 * 1024)
        let merged = try await store.mergeCustomer(Customer.ID(body.sourceId), into: target.id, actor: principal.eventActor, at: clock.now())
        return try JSONBody.response(CustomerResponse(merged))
    }

    /// The customer in the path, or 404 if the caller may not see them.
    private func visibleCustomer(_ context: DeskRequestContext) async throws -> Customer {
        let principal = try context.requirePrincipal()
        let scope = try AccessPolicy.customerReadScope(principal)
        guard let id = context.parameters.get("id", as: Int64.self), let customer = try await store.customer(Customer.ID(id)) else {
            throw APIError.notFound("customer")
        }
        if let merchant = scope, try await !store.customerHasTicket(customer.id, merchant: merchant) {
            throw APIError.notFound("customer")
        }
        return customer
    }
}
