import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Opening a ticket on someone's behalf — the API's `POST /api/v1/tickets` and the agents' "New
/// ticket" page — or for oneself (a customer through the API): who it is for, what it names, and
/// whether the caller may, checked once here; then intake (the assistant, routing, SLA).
struct TicketOpening: Sendable {
    let store: any Store
    let intake: MessageIntake
    let directory: DirectoryCache
    let customerNames: CustomerNames
    let customers: CustomerLookup

    /// `attachments`: files already kept (`AttachmentFiles.keep`) that the first message carries.
    func open(_ body: CreateTicketRequest, by principal: Principal, attachments: [Attachment] = []) async throws -> TicketWithMessage {
        let merchant = try Self.merchantScope(principal)
        // Everything about the request is checked before a customer record may be made for it.
        if let merchant, body.merchantId != merchant.rawValue {
            throw DomainError.forbidden("a merchant opens tickets that involve its own merchant")
        }
        let directory = try await requireReferences(team: body.teamId, assignee: body.assigneeId, merchant: body.merchantId, scope: merchant)
        let customerID = try await customer(for: body, principal: principal, merchant: merchant)
        let definitions = body.fields == nil ? [] : try await store.fieldDefinitions()
        let firstMessage = try body.message.map { text in
            let author: MessageAuthor = switch principal {
            case .integration, .customer: .customer(customerID)
            case .agent(let staff): .agent(staff.agentID)
            }
            do {
                return try NewMessage(author: author, visibility: body.messageVisibility ?? .public, body: text, attachments: attachments)
            } catch let error as DomainError where error.field == "body" {
                // The first message is `message` in this request.
                throw DomainError.invalidField("message", error.message.replacingOccurrences(of: "body", with: "message"))
            }
        }
        let defaultChannel: Channel = if case .integration = principal { .api } else { .web }
        let new = try NewTicket(
            subject: body.subject, customerID: customerID, channel: body.channel ?? defaultChannel, category: body.category,
            priority: body.priority ?? .normal, teamID: body.teamId.map(Team.ID.init), assigneeID: body.assigneeId.map(Agent.ID.init),
            merchantID: body.merchantId.map(Organization.ID.init), tags: body.tags ?? [],
            fields: try CustomFields.validate(body.fields ?? [:], definitions: definitions),
            problem: try body.problem?.validated() ?? Problem(), language: body.language, firstMessage: firstMessage
        )
        try AccessPolicy.requireCanCreate(
            new, by: principal, assignee: new.assigneeID.flatMap { directory.agents[$0] }, team: new.teamID.flatMap { directory.teams[$0] }
        )
        if case .customer = principal, body.priority != nil || body.channel == .api {
            throw DomainError.forbidden("customers do not set priority or channel")
        }
        return try await intake.open(new, by: principal)
    }

    /// The customer a new ticket is for: the caller if a customer, else the named or inline one.
    /// (The store checks that the customer exists, in the same transaction as the ticket.)
    ///
    /// A merchant meets customers only through tickets that involve it: it may name a customer it
    /// already serves, and an address typed inline is never looked up in, or attached to, the rest
    /// of the desk's records — unless one of its own customers holds it, the merchant gets a new
    /// record of its own that keeps the address as unverified contact data.
    private func customer(for body: CreateTicketRequest, principal: Principal, merchant: Organization.ID?) async throws -> Customer.ID {
        if case .customer(let id) = principal {
            guard body.customerId == nil || body.customerId == id.rawValue, body.customer == nil else {
                throw DomainError.forbidden("customers open tickets for themselves only")
            }
            return id
        }
        if let id = body.customerId.map(Customer.ID.init) {
            if let merchant, try await !store.customerHasTicket(id, merchant: merchant) { throw APIError.notFound("customer") }
            return id
        }
        guard let inline = body.customer else {
            throw APIError.badRequest("customerId or customer is required", field: "customerId")
        }
        let identity = try ContactIdentity(kind: .email, value: inline.email)
        let customer: Customer
        if let merchant {
            if let existing = try await customers.holder(of: identity), try await store.customerHasTicket(existing.id, merchant: merchant) {
                return existing.id
            }
            // The record the merchant made for this address before, if any.
            if let own = try await store.customer(unverifiedEmail: identity.value, servedBy: merchant) { return own.id }
            customer = try await store.createCustomer(NewCustomer(name: inline.name, language: inline.language, unverifiedEmail: identity.value))
        } else {
            customer = try await customers.findOrCreate(identity, NewCustomer(name: inline.name, language: inline.language, identities: [identity]))
        }
        customerNames.remember(customer.id, name: customer.name)
        return customer.id
    }

    /// The team, assignee and merchant a new ticket names must exist (the assignee active, the
    /// merchant a merchant), within what the caller may see (`named`). Checked against the
    /// directory so the write itself stays short.
    private func requireReferences(team: Int64?, assignee: Int64?, merchant: Int64?, scope: Organization.ID?) async throws -> DirectoryCache.Snapshot {
        let directory = try await self.directory.snapshot()
        if let team = team.map(Team.ID.init) { _ = try Self.named(team: directory.teams[team], team, scope: scope) }
        if let agent = assignee.map(Agent.ID.init) { _ = try Self.named(agent: directory.agents[agent], agent, scope: scope) }
        if let merchant = merchant.map(Organization.ID.init), directory.organizations[merchant]?.kind != .merchant {
            throw APIError.badRequest("there is no merchant \(merchant)", field: "merchantId")
        }
        return directory
    }

    /// The merchant a caller works for, when it is a merchant's agent or token (nil: the platform's).
    static func merchantScope(_ principal: Principal) throws -> Organization.ID? {
        if case .merchant(let id) = try AccessPolicy.ticketVisibility(principal) { return id }
        return nil
    }

    /// A team as a caller named it, `found` or not. A merchant's caller sees only its own
    /// organization's: another's is "not found", as one that does not exist, so the answers do not
    /// map other organizations; others learn plainly that there is no such team.
    static func named(team found: Team?, _ id: Team.ID, scope: Organization.ID?) throws -> Team {
        if let scope, found?.organizationID != scope { throw APIError.notFound("team") }
        guard let found else { throw APIError.badRequest("there is no team \(id)", field: "teamId") }
        return found
    }

    /// An agent as a caller named them, under the same rule; only an active one can take work.
    static func named(agent found: Agent?, _ id: Agent.ID, scope: Organization.ID?) throws -> Agent {
        if let scope, found?.organizationID != scope || found?.active != true { throw APIError.notFound("agent") }
        guard let found, found.active else { throw APIError.badRequest("there is no active agent \(id)", field: "assigneeId") }
        return found
    }
}
