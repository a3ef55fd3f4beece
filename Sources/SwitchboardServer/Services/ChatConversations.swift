import Foundation
import SwitchboardAssistant
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The live chat, whatever carries it (the widget's WebSocket, or server-sent events and POSTs):
/// who the visitor is, their conversation (a ticket on the chat channel from its first message),
/// the assistant's turn after each of their messages, the handoff to a person and the wait.
///
/// A customer's message goes through `MessageIntake` like every other channel's; the assistant's
/// reply is then decided by Core's `AssistantTurn` on the conversation's events, and recorded
/// with its reply in one transaction (`Store.act`), so two turns never interleave and a restart
/// finds the conversation exactly where it was.
struct ChatConversations: Sendable {
    let store: any Store
    let intake: MessageIntake
    let assistant: AssistantService
    let signIn: SignIn
    let directory: DirectoryCache
    let sla: SLAPolicies
    let clock: any WallClock
    let bus: any EventBus

    /// How long a visitor's chat token lasts since it was issued (a visitor who comes back within
    /// it finds their conversation).
    static let visitorLifetime: TimeInterval = 90 * 86_400
    /// The handling times the wait is estimated from: the team's cases finished in this window.
    static let handlingWindow: TimeInterval = 7 * 86_400

    // MARK: Who is chatting

    /// A visitor the desk knows by a token (a session of a customer), by the portal's cookie
    /// session, or by the shop's signed identity; or a new anonymous visitor.
    struct Visitor: Sendable {
        let customer: Customer.ID
        /// A token issued now, for the client to keep (nil when it came with one).
        let issuedToken: String?
    }

    /// The visitor behind a chat connection. `token` is the client's chat token; `session` the
    /// portal's session cookie (same-origin pages only); `identity` the shop's signed claim, which
    /// turns an anonymous visitor into the shop's customer (their conversation follows them).
    func visitor(token: String?, session: StoredSession?, identity: (claim: ShopIdentityClaim, signature: String)?, language: String?) async throws -> Visitor {
        var current: Customer.ID?
        if let token { current = try await visitor(token: token) }
        if current == nil, let session, case .customer(let id) = session.subject { current = id }
        if let identity {
            let known = try await signIn.verifiedCustomer(identity.claim, signature: identity.signature, language: language)
            if let current, current != known, let visitor = try await store.customer(current), Self.isAnonymous(visitor) {
                // The anonymous visitor was this customer all along: one customer, one history.
                _ = try await store.mergeCustomer(current, into: known, actor: .customer(known), at: clock.now())
            }
            if current == known, token != nil { return Visitor(customer: known, issuedToken: nil) }
            return Visitor(customer: known, issuedToken: try await issueToken(for: known))
        }
        // A customer known by the portal's cookie gets a chat token too: the window's POSTs (its
        // files, the fallback's frames) carry the token, never the cookie.
        if let current { return Visitor(customer: current, issuedToken: token == nil ? try await issueToken(for: current) : nil) }
        let visitorID = try ContactIdentity(kind: .widget, value: "v-" + Secrets.token(bytes: 12))
        let customer = try await store.createCustomer(NewCustomer(name: "Visitor", language: language, identities: [visitorID]))
        return Visitor(customer: customer.id, issuedToken: try await issueToken(for: customer.id))
    }

    /// The customer a chat token stands for, nil when the desk did not give it or it expired.
    func visitor(token: String) async throws -> Customer.ID? {
        guard token.count <= SignIn.maxTokenLength, let stored = try await store.session(tokenHash: Secrets.hash(token), at: clock.now()),
              case .customer(let id) = stored.subject, let customer = try await store.customer(id) else { return nil }
        return customer.mergedInto ?? customer.id
    }

    /// A customer known only by a widget visitor id.
    static func isAnonymous(_ customer: Customer) -> Bool {
        !customer.identities.isEmpty && customer.identities.allSatisfy { $0.kind == .widget }
    }

    private func issueToken(for customer: Customer.ID) async throws -> String {
        let token = Secrets.token()
        let now = clock.now()
        try await store.createSession(StoredSession(
            tokenHash: Secrets.hash(token), subject: .customer(customer), csrfToken: Secrets.token(bytes: 24),
            createdAt: now, expiresAt: now.addingTimeInterval(Self.visitorLifetime)
        ))
        return token
    }

    // MARK: The conversation

    /// The visitor's conversation: their latest chat that is not done, or the latest one solved
    /// within a day (so they see how it ended); nil when they have not written yet.
    func conversation(of customer: Customer.ID) async throws -> Ticket? {
        let page = try await store.listTickets(TicketQuery(visibility: .customer(customer), customerID: customer, limit: 20))
        let chats = page.tickets.filter { $0.channel == .chat }
        if let open = chats.first(where: { $0.status.isActive }) { return open }
        return chats.first { $0.updatedAt > clock.now().addingTimeInterval(-86_400) && $0.status == .solved }
    }

    /// What a message from the visitor came to.
    struct Said: Sendable {
        let ticket: Ticket
        let message: Message
        /// The message had been stored before (a resend after a lost acknowledgement).
        let duplicate: Bool
    }

    /// Stores the visitor's message (once, whatever the resends) and lets the assistant take its
    /// turn. `chosenIntent` is the option the customer picked from "Did you mean…?".
    func say(
        _ text: String, clientID: String, chosenIntent: String? = nil, attachments: [Attachment] = [], from customer: Customer.ID, language: UILanguage
    ) async throws -> Said {
        let principal = Principal.customer(customer)
        let message = try NewMessage(author: .customer(customer), visibility: .public, body: text, attachments: attachments, clientID: clientID)
        if let earlier = try await store.message(clientID: clientID, author: .customer(customer)),
           let ticket = try await store.ticket(number: earlier.ticketNumber) {
            return Said(ticket: ticket, message: earlier.message, duplicate: true)
        }
        let result: TicketWithMessage
        do {
            if let open = try await conversation(of: customer), open.status.isActive {
                result = try await intake.receive(message, on: open.number, by: principal).result
            } else {
                let subject = String(text.split(whereSeparator: \.isNewline).first.map(String.init)?.prefix(120) ?? "Chat")
                let new = try NewTicket(
                    subject: subject.trimmingWhitespace().isEmpty ? "Chat" : subject, customerID: customer, channel: .chat,
                    language: language.contentLanguage, firstMessage: message
                )
                // The assistant answers first: the case joins a team's queue only when it hands off.
                result = try await intake.open(new, by: principal, route: false)
            }
        } catch let error as DomainError where error.code == .conflict {
            // The same message sent twice at once: the other send stored it.
            guard let earlier = try await store.message(clientID: clientID, author: .customer(customer)),
                  let ticket = try await store.ticket(number: earlier.ticketNumber) else { throw error }
            return Said(ticket: ticket, message: earlier.message, duplicate: true)
        }
        guard let stored = result.message else { throw DomainError.notFound("message") }
        if attachments.isEmpty {
            try await takeTurn(on: result.ticket, after: stored, chosenIntent: chosenIntent, language: language)
        } else if result.ticket.teamID == nil, result.ticket.assigneeID == nil {
            // A photo or a document is evidence for a person; its file name is nothing for the
            // assistant to answer. Nobody has the chat yet: it goes to one.
            try await handOff(result.ticket, cause: .needsPerson, language: language)
        }
        return Said(ticket: result.ticket, message: stored, duplicate: false)
    }

    /// The customer pressed "Talk to a person".
    func askForPerson(_ customer: Customer.ID, language: UILanguage) async throws -> Ticket {
        guard let ticket = try await conversation(of: customer), ticket.status.isActive else {
            // Nothing written yet: the request itself opens the conversation.
            let said = try await say(
                Catalog.strings(language)["chatPersonAsked"] ?? "I would like to talk to a person.", clientID: "person-" + Secrets.token(bytes: 8),
                from: customer, language: language
            )
            return said.ticket
        }
        return try await handOff(ticket, cause: .asked, language: language) ?? ticket
    }

    /// The customer's answer to "Did this solve it?".
    func feedback(solved: Bool, from customer: Customer.ID, language: UILanguage) async throws {
        guard let ticket = try await conversation(of: customer), ticket.status.isActive else {
            throw DomainError.invalidField("solved", "there is no answer waiting for feedback")
        }
        let rulebook = try await handoffPlan(for: ticket)
        let words = Catalog.strings(language)
        _ = try await store.act(onTicket: ticket.id, actor: .bot, at: clock.now()) { current, events in
            let state = ChatState(events: events, ticket: current)
            guard case .answer? = state.lastTurn else {
                throw DomainError.invalidField("solved", "there is no answer waiting for feedback")
            }
            var actions: [TicketAction] = [.record(.other(kind: ChatState.feedbackKind, data: .object(["solved": .bool(solved)])))]
            let turn = AssistantTurn.afterFeedback(solved: solved, state: state)
            actions += try Self.actions(for: turn, on: current, plan: rulebook, words: words, passage: nil)
            return actions
        }
        bus.announce(.logAdvanced)
        intake.dispatcher.ring()
    }

    /// The assistant's turn after the customer's message: decided on the conversation as it
    /// stands in the transaction that records it.
    private func takeTurn(on ticket: Ticket, after message: Message, chosenIntent: String?, language: UILanguage) async throws {
        guard ticket.status.isActive else { return }
        // A person has the chat (it is on a team or with an agent): the assistant keeps silent,
        // and reads nothing — on a busy desk most messages are these.
        guard ticket.teamID == nil, ticket.assigneeID == nil else { return }
        // Right after a start the assistant may still be training: the customer's message is
        // stored; its answer waits the second or two, and is never skipped.
        let ready = try await assistant.waitUntilReady()
        let history = try await store.recentCustomerMessages(ticket: ticket.number, limit: MessageIntake.history)
        var analysis = ready.assistant.analyze(message.body, history: Array(history.dropLast()), now: clock.now())
        if let chosenIntent, ready.assistant.model.labels.contains(chosenIntent) {
            // A button the customer pressed is certain.
            analysis.classification.top.removeAll { $0.label == chosenIntent }
            analysis.classification.top.insert(IntentModel.Prediction(label: chosenIntent, confidence: 1), at: 0)
            analysis.classification.outOfScope = false
        }
        let record = analysis.record(modelVersion: ready.version)
        // The assistant replies in the language the customer wrote in when it knows it, else the page's.
        let detected = analysis.language.language
        let replyLanguage = detected == .other || analysis.language.confidence < IntakeRules.languageConfidence ? language : (UILanguage(tag: detected.rawValue) ?? language)
        let article = analysis.classification.intent.flatMap { intent in
            ready.assistant.knowledge.articles.first { $0.intent == intent.label && $0.language == replyLanguage.assistantLanguage }
        }
        let passage = article.flatMap { written in analysis.articles.first { $0.article.id == written.id }?.passage ?? written.passages.first }
        let plan = try await handoffPlan(for: ticket, analysis: record)
        let words = Catalog.strings(replyLanguage)
        _ = try await store.act(onTicket: ticket.id, actor: .bot, at: clock.now()) { current, events in
            let state = ChatState(events: events, ticket: current)
            let turn = AssistantTurn.decide(record, article: article?.id, state: state)
            return try Self.actions(for: turn, on: current, plan: plan, words: words, passage: article.map { _ in passage ?? "" })
        }
        bus.announce(.logAdvanced)
        intake.dispatcher.ring()
    }

    /// The conversation goes to a person now (the button, or an agent's page).
    @discardableResult
    func handOff(_ ticket: Ticket, cause: HandoffCause, language: UILanguage) async throws -> Ticket? {
        let plan = try await handoffPlan(for: ticket)
        let words = Catalog.strings(language)
        let (after, recorded) = try await store.act(onTicket: ticket.id, actor: .bot, at: clock.now()) { current, events in
            guard current.status.isActive, !ChatState(events: events, ticket: current).personHasIt else { return [] }
            return try Self.actions(for: .handOff(cause), on: current, plan: plan, words: words, passage: nil)
        }
        if !recorded.isEmpty {
            bus.announce(.logAdvanced)
            intake.dispatcher.ring()
        }
        return after
    }

    /// Where a handoff would send the case: the routing rules' team and priority, worked out
    /// before the transaction (they read settings), applied in it.
    struct HandoffPlan: Sendable {
        let teamID: Team.ID?
        let priority: Priority
        let tags: [String]
    }

    private func handoffPlan(for ticket: Ticket, analysis: MessageAnalysis? = nil) async throws -> HandoffPlan {
        let new = try NewTicket(
            subject: ticket.subject, customerID: ticket.customerID, channel: ticket.channel, category: ticket.category, priority: ticket.priority,
            teamID: ticket.teamID, merchantID: ticket.merchantID, tags: ticket.tags, language: ticket.language
        )
        let routed = try await intake.routing.route(new, analysis: analysis)
        return HandoffPlan(teamID: routed.teamID, priority: routed.priority, tags: routed.tags)
    }

    /// What a turn records: the turn itself, the assistant's words, and for a handoff the move to
    /// the team's queue with its priority (raised, and flagged for the supervisor, when asked for
    /// one or angry).
    static func actions(
        for turn: AssistantTurn, on ticket: Ticket, plan: HandoffPlan, words: [String: String], passage: String?
    ) throws -> [TicketAction] {
        if case .silent = turn { return [] }
        // The assistant's words first, then the turn (its buttons belong under those words).
        var actions: [TicketAction] = []
        func say(_ text: String) throws {
            actions.append(.say(try NewMessage(author: .bot, visibility: .public, body: text)))
            actions.append(.record(.other(kind: AssistantTurn.eventKind, data: turn.record)))
        }
        switch turn {
        case .answer:
            guard let passage else { break }
            // The article's link comes with the turn (the window shows it under these words).
            try say(passage)
        case .ask(let part):
            try say(words["chatAsk.\(part)"] ?? words["chatAsk.what-happened"] ?? "")
        case .clarify(let options):
            try say(options.isEmpty ? words["chatNotSolved"] ?? "" : words["chatClarify"] ?? "")
        case .thank:
            try say(words["chatThanks"] ?? "")
            actions.append(.command(.setStatus(.solved)))
        case .handOff(let cause):
            try say(words["chatHandoff.\(cause.rawValue)"] ?? words["chatHandoff.asked"] ?? "")
            var priority = plan.priority
            if cause.raisesPriority { priority = max(priority, .high) }
            if priority > ticket.priority {
                actions.append(.command(.setPriority(priority, reason: cause == .anger ? PriorityReason.anger : PriorityReason.personRequested)))
            }
            var tags = plan.tags
            if cause.raisesPriority { tags.append(HandoffCause.supervisorTag) }
            if Set(tags) != Set(ticket.tags) { actions.append(.command(.setTags(Array(Set(tags + ticket.tags)).sorted()))) }
            if let team = plan.teamID, ticket.teamID == nil {
                actions.append(.command(.transfer(to: team, reason: TicketChange.handoffReason, assignee: nil)))
            }
        case .silent:
            break
        }
        return actions
    }

    // MARK: The wait

    /// Where a handed-off conversation stands: waiting (its place and an estimate), with a
    /// person, or left for when the team is back (and the time it promised).
    enum Wait: Sendable, Hashable {
        case withAssistant
        case queued(place: Int, seconds: TimeInterval)
        /// Nobody of the team is here now: the case waits for them, answered by `answerBy` (the
        /// SLA's first-response due time) when there is one. `inHours`: the team's hours are on
        /// (its people are away or busy, the desk is not closed).
        case closed(answerBy: Date?, timeZone: String?, inHours: Bool)
        case withAgent(Agent.ID)
        case done
    }

    func wait(for ticket: Ticket, events: [TicketEvent]? = nil) async throws -> Wait {
        guard ticket.status.isActive else { return .done }
        if let agent = ticket.assigneeID { return .withAgent(agent) }
        let now = clock.now()
        let history: [TicketEvent]
        if let events { history = events } else { history = try await store.events(ticket: ticket.id) }
        guard let team = ticket.teamID else {
            // Handed off with no team to take it (no rule matched and the desk has no default
            // team): the case waits for whoever picks up unrouted work, never for the assistant.
            guard ChatState(events: history, ticket: ticket).personHasIt else { return .withAssistant }
            return .closed(answerBy: try await answerBy(ticket, history: history, now: now), timeZone: nil, inHours: true)
        }
        let line = try await store.waitingLine(team: team, handledSince: now.addingTimeInterval(-Self.handlingWindow))
        let ahead = line.queued.firstIndex { $0.ticketID == ticket.id } ?? line.queued.count
        let present = line.seats.filter { $0.presence == .online }
        let teams = try await directory.snapshot().teams
        let timeZone = teams[team]?.hours.timeZone
        if let estimate = WaitEstimate.estimate(WaitEstimate.Input(
            ahead: ahead, seats: present.map { WaitEstimate.Seat(capacity: $0.capacity, openCases: $0.load) },
            recentHandlingTimes: line.handlingTimes
        )) {
            return .queued(place: estimate.place, seconds: estimate.seconds)
        }
        let inHours = if let known = teams[team] { try await sla.isOpen(known, at: now) } else { true }
        return .closed(answerBy: try await answerBy(ticket, history: history, now: now), timeZone: timeZone, inHours: inHours)
    }

    /// When the SLA promises the customer a reply: the first or next response's due time.
    private func answerBy(_ ticket: Ticket, history: [TicketEvent], now: Date) async throws -> Date? {
        let tier = try await store.customer(ticket.customerID)?.tier
        return try await sla.clocks(for: ticket, events: history, tier: tier, now: now)?.clocks
            .filter { $0.target == .firstResponse || $0.target == .nextResponse }.compactMap(\.dueAt).min()
    }
}

extension UILanguage {
    /// The language tag a ticket records for a customer writing in this page language.
    var contentLanguage: String {
        switch self {
        case .english: "en"
        case .chinese: "zh"
        case .persian: "fa"
        }
    }

    /// The assistant's language for this page language.
    var assistantLanguage: Language {
        switch self {
        case .english: .english
        case .chinese: .chinese
        case .persian: .persian
        }
    }
}
