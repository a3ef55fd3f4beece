import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The agent's ticket view: the conversation with internal notes, what the assistant read in the
/// customer's messages (and the correction of its intent), the composer and the actions.
struct TicketPagesController: Sendable {
    let pages: Pages
    let loader: TicketPageLoader
    let intake: MessageIntake
    let changes: TicketChanges
    let store: any Store
    let assistant: AssistantService
    let commitments: Commitments
    let clock: any WallClock
    let signals: ChatSignals
    let directory: DirectoryCache
    let opening: TicketOpening

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get("tickets/new", use: newTicket)
        router.post("tickets/new", use: openTicket)
        router.get("tickets/{number}", use: show)
        router.post("tickets/{number}/messages", use: addMessage)
        router.post("tickets/{number}/change", use: change)
        router.post("tickets/{number}/intent", use: correctIntent)
        router.post("tickets/{number}/commitments", use: makeCommitment)
        router.post("tickets/{number}/commitments/{id}/kept", use: keepCommitment)
        router.post("tickets/{number}/signal", use: signal)
    }

    @Sendable func show(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try await loader.response(.agent, request: request, context: context)
    }

    @Sendable func addMessage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try formAndPrincipal(context)
        let number = try TicketPageLoader.number(context)
        let visibility: Message.Visibility = form["visibility"] == "internal" ? .internal : .public
        do {
            let message = try NewMessage(author: principal.messageAuthor, visibility: visibility, body: form["body"] ?? "")
            if visibility == .public, case .agent = principal, try await changes.replyAccepts(number) {
                try await changes.acceptChat(number, by: principal)
            }
            let outcome = try await intake.receive(message, on: number, by: principal)
            return Pages.redirect("/agent/tickets/\(outcome.result.ticket.number)")
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            return Pages.redirect("/agent/tickets/\(number)", problem: error)
        }
    }

    @Sendable func change(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try formAndPrincipal(context)
        let number = try TicketPageLoader.number(context)
        do {
            switch form["action"] {
            case "status":
                guard let status = form["status"].flatMap(TicketStatus.init(rawValue:)) else { throw DomainError.invalidField("status", "choose a status") }
                _ = try await changes.apply([.setStatus(status)], to: number, by: principal, assignee: nil, team: nil)
            case "priority":
                guard let priority = form["priority"].flatMap(Priority.init(rawValue:)) else { throw DomainError.invalidField("priority", "choose a priority") }
                _ = try await changes.apply([.setPriority(priority)], to: number, by: principal, assignee: nil, team: nil)
            case "assign":
                let assignee = try await agent(form["assignee"])
                _ = try await changes.apply([.assign(assignee?.id)], to: number, by: principal, assignee: assignee, team: nil)
            case "transfer":
                guard let raw = form["team"], let id = Int64(raw), let team = try await store.team(Team.ID(id)) else {
                    throw DomainError.invalidField("team", "choose a team")
                }
                let command = try TicketCommand.validatedTransfer(to: team.id, reason: form["reason"] ?? "")
                _ = try await changes.apply([command], to: number, by: principal, assignee: nil, team: team)
            case "accept":
                try await changes.acceptChat(number, by: principal)
            case "handback":
                _ = try await changes.apply([.handBackToAssistant], to: number, by: principal, assignee: nil, team: nil)
            case "tags":
                let tags = (form["tags"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                _ = try await changes.apply([.setTags(try Validate.tags(tags))], to: number, by: principal, assignee: nil, team: nil)
            default:
                throw DomainError.invalidField("action", "unknown action")
            }
        } catch let error as DomainError where error.code != .notFound {
            return Pages.redirect("/agent/tickets/\(number)", problem: error)
        }
        return Pages.redirect("/agent/tickets/\(number)")
    }

    /// "I promise the customer … by …": the due time is a choice of "in so long", or a day and
    /// time the page's script sends with the browser's offset from UTC.
    @Sendable func makeCommitment(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try formAndPrincipal(context)
        let number = try TicketPageLoader.number(context)
        do {
            _ = try await commitments.make(text: form["text"] ?? "", dueAt: try Self.dueAt(form, now: clock.now()), on: number, by: principal)
        } catch let error as DomainError where error.code != .notFound {
            return Pages.redirect("/agent/tickets/\(number)", problem: error)
        }
        return Pages.redirect("/agent/tickets/\(number)")
    }

    static func dueAt(_ form: FormBody, now: Date) throws -> Date {
        if let exact = form["dueAt"], !exact.isEmpty {
            // `yyyy-MM-ddTHH:mm` as typed, in the browser's zone (`offset`: minutes east of UTC).
            let offset = form["offset"].flatMap(Int.init) ?? 0
            let parser = DateFormatter()
            parser.locale = Locale(identifier: "en_US_POSIX")
            parser.timeZone = TimeZone(secondsFromGMT: offset * 60) ?? TimeZone(identifier: "UTC")
            parser.dateFormat = "yyyy-MM-dd'T'HH:mm"
            guard abs(offset) <= 14 * 60, let date = parser.date(from: exact) else { throw DomainError.invalidField("dueAt", "choose a day and a time") }
            return date
        }
        guard let hours = form["within"].flatMap(Double.init), hours > 0, hours <= 24 * 366 else {
            throw DomainError.invalidField("dueAt", "choose when it is due")
        }
        return now.addingTimeInterval(hours * 3_600)
    }

    @Sendable func keepCommitment(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try formAndPrincipal(context)
        let number = try TicketPageLoader.number(context)
        do {
            try await commitments.keep(context.parameters.get("id") ?? "", note: form["note"], on: number, by: principal)
        } catch let error as DomainError where error.code != .notFound {
            return Pages.redirect("/agent/tickets/\(number)", problem: error)
        }
        return Pages.redirect("/agent/tickets/\(number)")
    }

    /// "The assistant got this message wrong: it is about …".
    @Sendable func correctIntent(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try formAndPrincipal(context)
        let number = try TicketPageLoader.number(context)
        do {
            guard let raw = form["message"], let message = Int64(raw) else { throw DomainError.invalidField("messageId", "choose a message") }
            let labels = assistant.intents
            _ = try await changes.correctIntent(message: Message.ID(message), to: form["intent"] ?? "", on: number, by: principal, knownIntents: labels)
        } catch let error as DomainError where error.code != .notFound {
            return Pages.redirect("/agent/tickets/\(number)", problem: error)
        }
        return Pages.redirect("/agent/tickets/\(number)")
    }

    /// `POST …/signal` from the agent's page of a chat: `kind=typing`, or `kind=read&upTo=M` (the
    /// latest customer message on screen). Told to the customer's window, not stored.
    @Sendable func signal(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try formAndPrincipal(context)
        guard case .agent(let staff) = principal else { throw APIError.unauthenticated }
        let number = try TicketPageLoader.number(context)
        guard let ticket = try await store.ticket(number: number), ticket.channel == .chat else { throw HTTPError(.notFound) }
        do {
            try AccessPolicy.requireVisible(ticket, to: principal)
        } catch {
            throw HTTPError(.notFound)
        }
        switch form["kind"] {
        case "typing":
            let me = try await directory.snapshot().agents[staff.agentID]
            signals.post(.typing(name: me?.name, number: me?.number), ticket: number, to: .customer)
        case "read":
            guard let upTo = form["upTo"].flatMap({ Int64($0) }), upTo > 0 else { throw APIError.badRequest("upTo is a message id", field: "upTo") }
            signals.post(.read(upTo: upTo), ticket: number, to: .customer)
        default:
            throw APIError.badRequest("kind is typing or read", field: "kind")
        }
        return Response(status: .noContent)
    }

    @Sendable func newTicket(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try await newTicketPage(request, context: context, draft: NewTicketPage.Draft(), problem: nil)
    }

    /// Opens the ticket through the one opening path (the API's); a refused form comes back
    /// filled in, with the reason in the page's language.
    @Sendable func openTicket(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let (principal, form) = try formAndPrincipal(context)
        var draft = NewTicketPage.Draft()
        draft.email = String((form["email"] ?? "").prefix(254))
        draft.name = String((form["name"] ?? "").prefix(200))
        draft.subject = String((form["subject"] ?? "").prefix(500))
        draft.message = String((form["message"] ?? "").prefix(20_000))
        draft.internalNote = form["visibility"] == "internal"
        draft.channel = form["channel"] ?? "phone"
        draft.team = form["team"] ?? ""
        draft.priority = form["priority"] ?? "normal"
        do {
            guard let channel = Channel(rawValue: draft.channel), [.phone, .email, .web].contains(channel) else {
                throw DomainError.invalidField("channel", "choose how the customer reached us")
            }
            guard let priority = Priority(rawValue: draft.priority) else { throw DomainError.invalidField("priority", "choose a priority") }
            let team: Int64?
            if draft.team.isEmpty { team = nil } else {
                guard let id = Int64(draft.team) else { throw DomainError.invalidField("teamId", "choose a team") }
                team = id
            }
            let body = CreateTicketRequest(
                customer: .init(name: draft.name, email: draft.email.trimmingCharacters(in: .whitespaces), language: nil),
                subject: draft.subject, message: draft.message, messageVisibility: draft.internalNote ? .internal : .public,
                channel: channel, priority: priority, teamId: team,
                merchantId: try TicketOpening.merchantScope(principal)?.rawValue
            )
            let created = try await opening.open(body, by: principal)
            return Pages.redirect("/agent/tickets/\(created.ticket.number)")
        } catch let error as DomainError {
            return try await newTicketPage(request, context: context, draft: draft, problem: PageProblem.key(code: error.code.rawValue, field: error.field), status: .unprocessableContent)
        } catch let error as APIError {
            return try await newTicketPage(request, context: context, draft: draft, problem: PageProblem.key(code: "invalid_field", field: error.field), status: .unprocessableContent)
        }
    }

    private func newTicketPage(
        _ request: Request, context: DeskRequestContext, draft: NewTicketPage.Draft, problem: String?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard case .agent(let staff)? = context.principal, let session = context.session else { throw APIError.unauthenticated }
        let language = pages.language(request)
        let snapshot = try await directory.snapshot()
        let scope = try TicketOpening.merchantScope(.agent(staff))
        let teams = snapshot.teams.values.filter { scope == nil || $0.organizationID == scope }
        return pages.page(NewTicketPage(
            language: language.value, csrfToken: session.csrfToken, user: try await StaffFrame.user(staff, store: store, now: clock.now()),
            teams: Array(teams), draft: draft, problem: problem
        ), language: language, status: status)
    }

    private func formAndPrincipal(_ context: DeskRequestContext) throws -> (Principal, FormBody) {
        guard let principal = context.principal, let form = context.form else { throw APIError.unauthenticated }
        return (principal, form)
    }

    private func agent(_ raw: String?) async throws -> Agent? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let id = Int64(raw) else { throw DomainError.invalidField("assignee", "choose an agent") }
        return try await changes.activeAgent(id, field: "assignee")
    }
}

/// Builds a ticket's page for its agent or its customer.
struct TicketPageLoader: Sendable {
    let pages: Pages
    let store: any Store
    let directory: DirectoryCache
    let assistant: AssistantService
    let sla: SLAPolicies
    let clock: any WallClock
    let signals: ChatSignals
    let files: AttachmentFiles
    let conversations: ChatConversations
    let surveys: Surveys

    static func number(_ context: DeskRequestContext) throws -> Int64 {
        guard let number = context.parameters.get("number", as: Int64.self) else { throw HTTPError(.notFound) }
        return number
    }

    func response(_ audience: TicketView.Audience, request: Request, context: DeskRequestContext) async throws -> Response {
        let language = pages.language(request)
        return pages.page(try await model(audience, request: request, context: context, language: language.value).view, language: language)
    }

    /// The page's model, and the ticket it shows (the caller may see it, or this is not found).
    func model(
        _ audience: TicketView.Audience, request: Request, context: DeskRequestContext, language: UILanguage
    ) async throws -> (view: TicketView, ticket: Ticket) {
        guard let principal = context.principal, let session = context.session else { throw APIError.unauthenticated }
        let number = try Self.number(context)
        guard let ticket = try await store.ticket(number: number) else { throw HTTPError(.notFound) }
        do {
            try AccessPolicy.requireVisible(ticket, to: principal)
        } catch {
            throw HTTPError(.notFound)
        }
        let directory = try await directory.snapshot()
        let messages = try await store.messages(ticket: ticket.id, includeInternal: AccessPolicy.seesInternal(principal))
        let events = try await store.events(ticket: ticket.id)
        let customer = try await store.customer(ticket.customerID)
        let signer = try await files.signer()
        var others: [Ticket] = []
        var analyses: [Message.ID: StoredAnalysis] = [:]
        var clocks: (policy: String, clocks: [SLAClock])?
        let now = clock.now()
        var user = PageFrame.User(name: customer?.name ?? "", agentNumber: nil)
        // Agents are named on the timeline by name and number, for customers too.
        var pageDirectory = TicketView.Directory(agents: directory.agents, teams: directory.teams)
        var side: TicketView.CustomerSide?
        if case .agent(let staff) = principal {
            user = try await StaffFrame.user(staff, store: store, now: clock.now())
            others = try await store.listTickets(TicketQuery(
                visibility: try AccessPolicy.ticketVisibility(principal), customerID: ticket.customerID, limit: 11
            )).tickets
            analyses = try await store.analyses(ticket: ticket.id)
            if staff.organizationKind == .merchant { pageDirectory.choosable = staff.organizationID }
            if staff.role < .supervisor { pageDirectory.assignableTeam = ticket.teamID }
            clocks = try await sla.clocks(for: ticket, events: events, tier: customer?.tier, now: now).map { ($0.policy.name, $0.clocks) }
        } else {
            side = try await customerSide(ticket, events: events, messages: messages, tier: customer?.tier, agents: directory.agents, request: request, now: now)
        }
        let model = TicketView(
            audience: audience, language: language, csrfToken: session.csrfToken, user: user, ticket: ticket, customer: customer,
            messages: messages, events: events, directory: pageDirectory, otherTickets: others, analyses: analyses,
            intents: assistant.intents, problem: Pages.problem(request), sla: clocks, now: now,
            customerRead: audience == .agent ? signals.readMark(ticket: number, for: .agents) : nil,
            fileURL: signer.url(for:), customerSide: side
        )
        return (model, ticket)
    }

    /// What the customer's page adds: when the SLA promises the next reply and the solution, the
    /// place in the queue while waiting, the summary and the survey once solved.
    private func customerSide(
        _ ticket: Ticket, events: [TicketEvent], messages: [Message], tier: String?, agents: [Agent.ID: Agent], request: Request, now: Date
    ) async throws -> TicketView.CustomerSide {
        var side = TicketView.CustomerSide()
        if ticket.status.isActive {
            let open = try await sla.clocks(for: ticket, events: events, tier: tier, now: now)?.clocks.filter { $0.endedAt == nil } ?? []
            side.replyBy = open.filter { $0.target != .resolution }.compactMap(\.dueAt).min()
            side.resolveBy = open.filter { $0.target == .resolution }.compactMap(\.dueAt).min()
            // The place in the line is worth working out only while someone of the team is online.
            let online = agents.values.contains { agent in
                agent.active && agent.presence == .online && ticket.teamID.map { agent.teamIDs.contains($0) } == true
            }
            if ticket.isWaitingForAgent, online, case .queued(let place, let seconds) = try await conversations.wait(for: ticket, events: events) {
                side.place = place
                side.minutes = Int((seconds / 60).rounded(.up))
            }
        } else {
            side.summary = CaseSummary(ticket: ticket, messages: messages, events: events)
        }
        let standing = surveys.standing(of: ticket, events: events)
        if standing.open || standing.answer != nil {
            side.survey = (standing.open, standing.answer, standing.editableUntil)
        }
        side.done = request.uri.queryParameters["done"].map(String.init).flatMap { ["survey", "reopened"].contains($0) ? $0 : nil }
        return side
    }
}
