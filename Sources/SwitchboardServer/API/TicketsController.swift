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
    let opening: TicketOpening
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
        let created = try await opening.open(body, by: principal)
        return try await respond(created, principal: principal, status: .created)
    }

    /// The team a change names; for a merchant's caller only its own (another's is not found).
    private func namedTeam(_ id: Int64, scope: Organization.ID?) async throws -> Team {
        try TicketOpening.named(team: try await store.team(Team.ID(id)), Team.ID(id), scope: scope)
    }

    /// The active agent a change names; for a merchant's caller only its own.
    private func namedAgent(_ id: Int64?, scope: Organization.ID?) async throws -> Agent? {
        guard let id else { return nil }
        return try TicketOpening.named(agent: try await store.agent(Agent.ID(id)), Agent.ID(id), scope: scope)
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
        let assignee = try await namedAgent(body.assigneeId, scope: try TicketOpening.merchantScope(try context.requirePrincipal()))
        return try await apply([.assign(assignee?.id)], request: request, context: context, assignee: assignee, team: nil)
    }

    @Sendable func transfer(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(TransferRequest.self, from: request, limit: maxBodySize)
        let scope = try TicketOpening.merchantScope(try context.requirePrincipal())
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
