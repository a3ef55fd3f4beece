import Foundation
import HTTPTypes
import SwitchboardAssistant
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// Tickets: open, read, list, search, reply, note, assign, transfer, change, history, verify.
struct TicketsController: Sendable {
    let store: any Store
    let intake: MessageIntake
    let changes: TicketChanges
    let directory: DirectoryCache
    let customerNames: CustomerNames
    let customers: CustomerLookup
    let assistant: AssistantService
    let maxBodySize: Int

    func register(on router: RouterGroup<DeskRequestContext>) {
        let tickets = router.group("v1/tickets")
        tickets.post(use: create)
        tickets.get(use: list)
        tickets.get("search", use: search)
        tickets.get("counts", use: counts)
        tickets.get("{number}", use: show)
        tickets.patch("{number}", use: update)
        tickets.get("{number}/messages", use: messages)
        tickets.post("{number}/messages", use: addMessage)
        tickets.post("{number}/assign", use: assign)
        tickets.post("{number}/transfer", use: transfer)
        tickets.post("{number}/status", use: setStatus)
        tickets.get("{number}/events", use: events)
        tickets.get("{number}/verify", use: verify)
        tickets.post("{number}/messages/{message}/intent", use: correctIntent)
    }

    // MARK: Opening

    @Sendable func create(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await JSONBody.decode(CreateTicketRequest.self, from: request, limit: maxBodySize)
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
                return try NewMessage(author: author, visibility: body.messageVisibility ?? .public, body: text)
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
        let created = try await intake.open(new, by: principal)
        return try await respond(created, principal: principal, status: .created)
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

    /// The team a change names; for a merchant's caller only its own (another's is not found).
    private func namedTeam(_ id: Int64, scope: Organization.ID?) async throws -> Team {
        try Self.named(team: try await store.team(Team.ID(id)), Team.ID(id), scope: scope)
    }

    /// The active agent a change names; for a merchant's caller only its own.
    private func namedAgent(_ id: Int64?, scope: Organization.ID?) async throws -> Agent? {
        guard let id else { return nil }
        return try Self.named(agent: try await store.agent(Agent.ID(id)), Agent.ID(id), scope: scope)
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

    // MARK: Reading

    @Sendable func show(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let ticket = try await visibleTicket(context, principal)
        return try await respond(TicketWithMessage(ticket: ticket, message: nil), principal: principal, status: .ok, messageless: true)
    }

    @Sendable func list(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let query = try TicketListParameters.query(from: request.uri.queryParameters, principal: principal)
        let page = try await store.listTickets(query)
        return JSONBody.response(TicketListResponse(
            tickets: try await responses(for: page.tickets, principal: principal), nextCursor: page.nextCursor?.encoded
        ))
    }

    @Sendable func search(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let parameters = request.uri.queryParameters
        guard let text = parameters["q"].map(String.init), !text.trimmingWhitespace().isEmpty else {
            throw APIError.badRequest("q is required", field: "q")
        }
        guard text.count <= Limits.query, !Validate.containsControlCharacters(text, allowingLineBreaks: false) else {
            throw APIError.badRequest("q must be one line of at most \(Limits.query) characters", field: "q")
        }
        let limit = try TicketListParameters.limit(parameters, default: 20, maximum: 100)
        let hits = try await store.searchTickets(TicketSearchQuery(
            text: text, visibility: try AccessPolicy.ticketVisibility(principal),
            includeInternal: AccessPolicy.seesInternal(principal), limit: limit
        ))
        let tickets = try await responses(for: hits.map(\.ticket), principal: principal)
        return JSONBody.response(SearchResponse(query: text, results: zip(tickets, hits).map { ($0, $1.score) }))
    }

    @Sendable func counts(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let counts = try await store.ticketCounts(visibility: try AccessPolicy.ticketVisibility(principal))
        return try JSONBody.response(Dictionary(uniqueKeysWithValues: TicketStatus.allCases.map { ($0.rawValue, counts[$0] ?? 0) }))
    }

    @Sendable func messages(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let ticket = try await visibleTicket(context, principal)
        let staff = AccessPolicy.seesInternal(principal)
        let messages = try await store.messages(ticket: ticket.id, includeInternal: staff)
        // What the assistant read in each customer message is for staff.
        let analyses = staff ? try await store.analyses(ticket: ticket.id) : [:]
        let directory = try await self.directory.snapshot()
        let customerName = try await customerNames.name(for: ticket.customerID)
        return JSONBody.response(JSONList(key: "messages", items: messages.map {
            MessageResponse($0, directory: directory, customerName: customerName, analysis: analyses[$0.id])
        }))
    }

    @Sendable func events(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let ticket = try await visibleTicket(context, principal)
        let audience = Audience(principal)
        let events = try await store.events(ticket: ticket.id).filter { audience == .staff || $0.isCustomerVisible }
        let directory = try await self.directory.snapshot()
        let items = events.enumerated().map { index, event in
            EventResponse(event, directory: directory, audience: audience, sequence: audience == .staff ? nil : Int64(index + 1))
        }
        return JSONBody.response(JSONList(key: "events", items: items))
    }

    @Sendable func verify(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let ticket = try await visibleTicket(context, principal)
        guard case .agent = principal else { throw DomainError.forbidden("verifying the audit trail is for staff") }
        guard let result = try await store.verifyTicket(number: ticket.number) else { throw APIError.notFound("ticket") }
        return try JSONBody.response(ChainVerificationResponse(number: ticket.number, result: result))
    }

    // MARK: Changing

    @Sendable func addMessage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let number = try await visibleTicket(context, principal).number
        let body = try await JSONBody.decode(AddMessageRequest.self, from: request, limit: maxBodySize)
        let message = try NewMessage(
            author: principal.messageAuthor, visibility: body.visibility ?? .public, body: body.body,
            attachments: try (body.attachments ?? []).map { try $0.validated() }
        )
        let outcome = try await intake.receive(message, on: number, by: principal)
        var response = try await respond(outcome.result, principal: principal, status: .created)
        if case .followUp(_, let closed) = outcome {
            // The reply went to a new ticket: say so, and where.
            response.headers[HTTPField.Name("Switchboard-Follow-Up-Of")!] = String(closed)
        }
        return response
    }

    struct CorrectIntentRequest: Decodable {
        var intent: String
    }

    /// An agent says what a customer message was really about.
    @Sendable func correctIntent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let number = try await visibleTicket(context, principal).number
        guard let message = context.parameters.get("message", as: Int64.self) else { throw APIError.notFound("message") }
        let body = try await JSONBody.decode(CorrectIntentRequest.self, from: request, limit: 16 * 1024)
        let labels = assistant.intents
        let ticket = try await changes.correctIntent(message: Message.ID(message), to: body.intent, on: number, by: principal, knownIntents: labels)
        return try await respond(TicketWithMessage(ticket: ticket, message: nil), principal: principal, status: .ok, messageless: true)
    }

    @Sendable func assign(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(AssignRequest.self, from: request, limit: maxBodySize)
        let assignee = try await namedAgent(body.assigneeId, scope: try Self.merchantScope(try context.requirePrincipal()))
        return try await apply([.assign(assignee?.id)], request: request, context: context, assignee: assignee, team: nil)
    }

    @Sendable func transfer(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(TransferRequest.self, from: request, limit: maxBodySize)
        let scope = try Self.merchantScope(try context.requirePrincipal())
        let team = try await namedTeam(body.teamId, scope: scope)
        let assignee = try await namedAgent(body.assigneeId, scope: scope)
        if let assignee, !assignee.teamIDs.contains(team.id) {
            throw APIError.badRequest("the assignee is not a member of that team", field: "assigneeId")
        }
        let command = try TicketCommand.validatedTransfer(to: team.id, reason: body.reason, assignee: assignee?.id)
        return try await apply([command], request: request, context: context, assignee: assignee, team: team)
    }

    @Sendable func setStatus(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(StatusRequest.self, from: request, limit: maxBodySize)
        return try await apply([.setStatus(body.status)], request: request, context: context, assignee: nil, team: nil)
    }

    @Sendable func update(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(UpdateTicketRequest.self, from: request, limit: maxBodySize)
        var commands: [TicketCommand] = []
        if let priority = body.priority { commands.append(.setPriority(priority)) }
        if let tags = body.tags { commands.append(.setTags(try Validate.tags(tags))) }
        if let fields = body.fields {
            let definitions = try await store.fieldDefinitions()
            var updates: [String: FieldValue?] = [:]
            let validated = try CustomFields.validate(fields, definitions: definitions)
            for key in fields.keys { updates[key] = .some(validated[key]) }
            commands.append(.setFields(updates))
        }
        if body.hasCategory { commands.append(.setCategory(body.category)) }
        if let problem = body.problem { commands.append(.setProblem(try problem.validated())) }
        guard !commands.isEmpty else { throw APIError.badRequest("send at least one of priority, tags, fields, category, problem") }
        return try await apply(commands, request: request, context: context, assignee: nil, team: nil)
    }

    private func apply(
        _ commands: [TicketCommand], request: Request, context: DeskRequestContext, assignee: Agent?, team: Team?
    ) async throws -> Response {
        let principal = try context.requirePrincipal()
        let ticket = try await changes.apply(commands, to: try Self.number(context), by: principal, assignee: assignee, team: team)
        return try await respond(TicketWithMessage(ticket: ticket, message: nil), principal: principal, status: .ok, messageless: true)
    }

    // MARK: Helpers

    static func number(_ context: DeskRequestContext) throws -> Int64 {
        guard let number = context.parameters.get("number", as: Int64.self) else { throw APIError.notFound("ticket") }
        return number
    }

    private func visibleTicket(_ context: DeskRequestContext, _ principal: Principal) async throws -> Ticket {
        guard let ticket = try await store.ticket(number: try Self.number(context)) else { throw APIError.notFound("ticket") }
        try AccessPolicy.requireVisible(ticket, to: principal)
        return ticket
    }


    private func respond(_ result: TicketWithMessage, principal: Principal, status: HTTPResponse.Status, messageless: Bool = false) async throws -> Response {
        let directory = try await self.directory.snapshot()
        let customerName: String
        if let known = result.customerName {
            customerName = known
            customerNames.remember(result.ticket.customerID, name: known)
        } else {
            customerName = try await customerNames.name(for: result.ticket.customerID)
        }
        let ticket = TicketResponse(result.ticket, customerName: customerName, directory: directory, audience: Audience(principal))
        var headers = HTTPFields()
        if status == .created { headers[.location] = "/api/v1/tickets/\(result.ticket.number)" }
        if messageless { return JSONBody.response(ticket, status: status, headers: headers) }
        let message = result.message.map { MessageResponse($0, directory: directory, customerName: customerName) }
        return JSONBody.response(TicketMessageResponse(ticket: ticket, message: message), status: status, headers: headers)
    }

    private func responses(for tickets: [Ticket], principal: Principal) async throws -> [TicketResponse] {
        let directory = try await self.directory.snapshot()
        let names = try await customerNames.names(for: tickets.map(\.customerID))
        let audience = Audience(principal)
        return tickets.map { TicketResponse($0, customerName: names[$0.customerID] ?? "", directory: directory, audience: audience) }
    }
}

/// The result of walking a ticket's audit trail.
struct ChainVerificationResponse: Encodable {
    let number: Int64
    let valid: Bool
    let events: Int?
    let head: String?
    let firstInvalidEvent: ChainBreak?

    init(number: Int64, result: ChainVerification) {
        self.number = number
        switch result {
        case .intact(let count, let head):
            valid = true
            events = count
            self.head = head
            firstInvalidEvent = nil
        case .broken(let broken):
            valid = false
            events = nil
            head = nil
            firstInvalidEvent = broken
        }
    }
}
