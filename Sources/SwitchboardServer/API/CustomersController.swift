import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// Customers: create, read, add a contact identity, merge two records of one person.
struct CustomersController: Sendable {
    let desk: Desk

    func register(on router: Router<DeskRequestContext>) {
        let customers = router.group("api/v1/customers")
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
        let body = try await JSONBody.decode(CreateRequest.self, from: request, limit: desk.configuration.maxBodySize)
        let customer = try await desk.store.createCustomer(NewCustomer(
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
        let updated = try await desk.store.addIdentity(try ContactIdentity(kind: body.kind, value: body.value), to: customer.id)
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
        let merged = try await desk.store.mergeCustomer(Customer.ID(body.sourceId), into: target.id, actor: principal.eventActor, at: desk.clock.now())
        return try JSONBody.response(CustomerResponse(merged))
    }

    /// The customer in the path, or 404 if the caller may not see them.
    private func visibleCustomer(_ context: DeskRequestContext) async throws -> Customer {
        let principal = try context.requirePrincipal()
        let scope = try AccessPolicy.customerReadScope(principal)
        guard let id = context.parameters.get("id", as: Int64.self), let customer = try await desk.store.customer(Customer.ID(id)) else {
            throw APIError.notFound("customer")
        }
        if let merchant = scope, try await !desk.store.customerHasTicket(customer.id, merchant: merchant) {
            throw APIError.notFound("customer")
        }
        return customer
    }
}
