import Foundation
import Synchronization
import SwitchboardAssistant
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// One open chat client, whatever carries it: the frames it sends, answered once what they ask
/// is stored; and its conversation as frames — the history it has not seen, then each change as
/// it is stored, and the wait while it waits for a person.
///
/// Frames that stand for stored events carry the ticket's number and the event's `seq` (its
/// place in the ticket's hash chain, which only grows, on every engine). A client that
/// reconnects says the last `seq` it saw and gets exactly what came after: nothing lost, nothing
/// twice. Messages carry the client's id, so a client tells its own resent message when it sees it.
struct ChatSession: Sendable {
    let conversations: ChatConversations
    let store: any Store
    let bus: any EventBus
    let directory: DirectoryCache
    let signals: ChatSignals
    /// The files customers send, and the signed addresses frames show them at.
    let files: AttachmentFiles
    /// A solved chat offers its survey.
    let surveys: Surveys

    /// How often the wait is worked out again while the customer waits for a person.
    static let waitInterval: Duration = .seconds(5)
    /// Ticks between a fallback client's looks for a conversation started on another node (a minute).
    static let discoveryTicks = 12

    /// Who is connected and in which language, once the hello is read.
    struct Opened: Sendable {
        let visitor: ChatConversations.Visitor
        let language: UILanguage
        /// The conversation and the last event of it the client has seen.
        let ticket: Int64?
        let after: Int64?
    }

    /// Reads the hello: the visitor (a new one gets a token), the language. An identity the shop
    /// signed wrongly is said in an error frame and the visitor stays who they were.
    func open(_ frame: ClientFrame, session: StoredSession?, send: (ServerFrame) async throws -> Void) async throws -> Opened {
        guard case .hello(let token, let ticket, let after, let lang, let identity) = frame else {
            throw FrameProblem.invalid("the first frame is a hello")
        }
        let language = lang.flatMap(UILanguage.init(tag:)) ?? .english
        var claim: (ShopIdentityClaim, String)?
        if let identity {
            claim = (try? ShopIdentityClaim(
                externalId: identity["externalId"] ?? "", email: identity["email"], name: identity["name"], issuedAt: identity["issuedAt"]
            )).map { ($0, identity["signature"] ?? "") }
        }
        let visitor: ChatConversations.Visitor
        do {
            visitor = try await conversations.visitor(token: token, session: session, identity: claim, language: language.contentLanguage)
        } catch where claim != nil {
            try await send(.error("identity", Catalog.strings(language)["chatError.identity"] ?? ""))
            visitor = try await conversations.visitor(token: token, session: session, identity: nil, language: language.contentLanguage)
        }
        let customer = try await store.customer(visitor.customer)
        var fields: [String: JSONValue] = [
            "customer": .object(["name": .string(customer?.name ?? ""), "anonymous": .bool(customer.map(ChatConversations.isAnonymous) ?? true)]),
        ]
        if let issued = visitor.issuedToken { fields["token"] = .string(issued) }
        try await send(.make("welcome", fields))
        return Opened(visitor: visitor, language: language, ticket: ticket, after: after)
    }

    // MARK: Frames in

    /// Answers one frame from the client: an acknowledgement once what it asked is stored, or an
    /// error that says why not (in the client's language) and loses nothing already stored.
    /// The visitor's open windows hear of the conversation they are now in.
    func handle(_ frame: ClientFrame, opened: Opened) async -> [ServerFrame] {
        let customer = opened.visitor.customer
        let words = Catalog.strings(opened.language)
        do {
            switch frame {
            case .hello:
                return [.error("invalid", words["chatError.invalid"] ?? "", id: nil)]
            case .message(let id, let text, let intent):
                guard !text.trimmingWhitespace().isEmpty else { return [.error("empty", words["chatError.empty"] ?? "", id: id)] }
                let said = try await conversations.say(text, clientID: id, chosenIntent: intent, from: customer, language: opened.language)
                signals.post(conversation: said.ticket.number, visitor: customer)
                return [.ack(id: id, message: said.message.id, ticket: said.ticket.number, duplicate: said.duplicate)]
            case .person:
                let ticket = try await conversations.askForPerson(customer, language: opened.language)
                signals.post(conversation: ticket.number, visitor: customer)
                return [.make("ack", ["person": .bool(true), "ticket": ServerFrame.number(ticket.number)])]
            case .feedback(let solved):
                try await conversations.feedback(solved: solved, from: customer, language: opened.language)
                return [.make("ack", ["feedback": .bool(solved)])]
            case .typing, .read:
                // Said to the agents' pages of the conversation, not stored.
                guard let ticket = try await conversations.conversation(of: customer) else { return [] }
                if case .read(let upTo) = frame {
                    signals.post(.read(upTo: upTo), ticket: ticket.number, to: .agents)
                } else {
                    signals.post(.typing(name: nil, number: nil), ticket: ticket.number, to: .agents)
                }
                return []
            }
        } catch let error as DomainError {
            let id: String? = if case .message(let id, _, _) = frame { id } else { nil }
            return [.error(error.code.rawValue, words["chatError.invalid"] ?? error.message, id: id)]
        } catch {
            // The store could not take it now: the client keeps the message and sends it again.
            let id: String? = if case .message(let id, _, _) = frame { id } else { nil }
            return [.error("unavailable", words["chatError.unavailable"] ?? "", id: id)]
        }
    }

    /// A file the customer sends (its bytes, its name, the message's id): stored and made a
    /// message of the conversation, acknowledged like a text. A resend of one already stored is
    /// acknowledged without storing anything; past the customer's budget nothing is stored.
    func sendFile(_ content: [UInt8], name: String, clientID: String, from customer: Customer.ID, language: UILanguage) async throws -> ServerFrame {
        if let earlier = try await store.message(clientID: clientID, author: .customer(customer)) {
            return .ack(id: clientID, message: earlier.message.id, ticket: earlier.ticketNumber, duplicate: true)
        }
        let file = try await files.receive(content, name: name, from: customer)
        let said = try await conversations.say(file.name, clientID: clientID, attachments: [file], from: customer, language: language)
        signals.post(conversation: said.ticket.number, visitor: customer)
        return .ack(id: clientID, message: said.message.id, ticket: said.ticket.number, duplicate: said.duplicate)
    }

    // MARK: Frames out

    /// What wakes the follower.
    enum Wake: Sendable {
        case changed
        case switched(Int64)
        case tick
        /// An agent of the conversation types or has read.
        case heard(ChatSignals.Signal)
    }

    /// Sends the conversation's history the client has not seen, then its changes as they are
    /// stored and the wait, until cancelled. `wakes` carries conversation switches from `handle`.
    ///
    /// A visitor with no conversation yet hears of the one they start from `ChatSignals` (on this
    /// node). With `discovers` (the events-and-POSTs fallback, whose POSTs may reach another node)
    /// the store is also asked every `discoveryTicks` ticks; a socket's own frames always come
    /// back to it, so it never asks — ten thousand idle widgets cost the store nothing.
    func follow(
        _ opened: Opened, discovers: Bool, wakes: AsyncStream<Wake>, wake: AsyncStream<Wake>.Continuation,
        send: @escaping @Sendable (ServerFrame) async throws -> Void
    ) async throws {
        let customer = opened.visitor.customer
        var view = ConversationView(language: opened.language, conversations: conversations, store: store, directory: directory)
        view.signer = try await files.signer()
        view.surveys = try await surveys.linker()
        // Listening for a conversation this visitor starts comes before looking for the current
        // one: a message stored in between is heard, not missed (a switch to the conversation
        // already found is ignored below).
        let visitorToken = signals.add(visitor: customer) { wake.yield(.switched($0)) }
        defer { signals.remove(visitorToken) }
        var current = try await conversations.conversation(of: customer)
        if let current, current.number == opened.ticket, let after = opened.after { view.sent = after }
        var watcher: Task<Void, Never>?
        var listener: Int?
        defer {
            watcher?.cancel()
            if let listener { signals.remove(listener) }
        }
        func watch(_ ticket: Ticket) {
            watcher?.cancel()
            if let listener { signals.remove(listener) }
            listener = signals.listen(ticket: ticket.number, side: .customer) { wake.yield(.heard($0)) }
            // Subscribed before the history is read: whatever is stored after the read wakes it.
            let bus = self.bus
            let number = ticket.number
            watcher = Task {
                guard let subscription = try? await bus.subscribe(after: nil, ticket: number, filter: { $0.customerID == customer }) else { return }
                while let batch = await subscription.next() {
                    if batch.gap || batch.tickets.contains(number) { wake.yield(.changed) }
                }
            }
        }
        if let current { watch(current) }
        let ticker = Task {
            // Windows opened together tick apart: a burst of them asking at the same instant
            // would stall everyone's messages behind it.
            try? await Task.sleep(for: Self.waitInterval * Double.random(in: 0..<1))
            while !Task.isCancelled {
                wake.yield(.tick)
                try? await Task.sleep(for: Self.waitInterval)
            }
        }
        defer { ticker.cancel() }
        var ticks = 0
        // The history first, and how far the agents read it.
        if let current {
            try await view.catchUp(current, send: send)
            if let mark = signals.readMark(ticket: current.number, for: .customer) { try await send(view.frame(for: .read(upTo: mark), ticket: current.number)) }
        }
        for await next in wakes {
            switch next {
            case .switched(let number):
                guard number != current?.number, let ticket = try await store.ticket(number: number) else { continue }
                current = ticket
                view.startConversation()
                watch(ticket)
                try await view.catchUp(ticket, send: send)
            case .changed:
                guard let ticket = current else { continue }
                current = try await store.ticket(number: ticket.number) ?? ticket
                try await view.catchUp(current!, send: send)
            case .heard(let signal):
                guard let ticket = current else { continue }
                try await send(view.frame(for: signal, ticket: ticket.number))
            case .tick:
                ticks += 1
                if current == nil, discovers, ticks % Self.discoveryTicks == 0, let found = try await conversations.conversation(of: customer) {
                    current = found
                    view.startConversation()
                    watch(found)
                    try await view.catchUp(found, send: send)
                }
                // Only a customer waiting for a person sees time move (their place, the estimate,
                // people coming online); everything else changes with the conversation's events.
                guard let ticket = current, view.waitsForPerson else { continue }
                current = try await store.ticket(number: ticket.number) ?? ticket
                try await view.sendWait(current!, send: send)
            }
        }
    }
}

/// The client's view of its conversation, kept by the follower: what it has been sent.
struct ConversationView: Sendable {
    let language: UILanguage
    let conversations: ChatConversations
    let store: any Store
    let directory: DirectoryCache
    /// The last event (`seq`) of the current conversation the client has.
    var sent: Int64 = 0
    var messages: [Message.ID: Message] = [:]
    var lastWait: JSONValue?
    /// Signs the addresses of the messages' attachments.
    var signer: AttachmentSigner?
    /// Signs the survey link a solved chat offers.
    var surveys: Surveys.Linker?

    init(language: UILanguage, conversations: ChatConversations, store: any Store, directory: DirectoryCache) {
        self.language = language
        self.conversations = conversations
        self.store = store
        self.directory = directory
    }

    mutating func startConversation() {
        sent = 0
        messages = [:]
        lastWait = nil
    }

    /// Sends the events after `sent`, then the wait if it changed.
    mutating func catchUp(_ ticket: Ticket, send: (ServerFrame) async throws -> Void) async throws {
        let first = lastWait == nil
        // Only what the client lacks: a long conversation costs each new message no more than itself.
        let events = try await store.events(ticket: ticket.id, after: sent)
        if !events.isEmpty {
            if events.contains(where: { $0.kind == .message }) {
                let known = messages.keys.max() ?? Message.ID(0)
                for message in try await store.messages(ticket: ticket.id, includeInternal: false, after: known) { messages[message.id] = message }
            }
            let snapshot = try await directory.snapshot()
            for event in events {
                if let frame = frame(for: event, ticket: ticket, agents: snapshot.agents) { try await send(frame) }
                sent = event.sequence
            }
        }
        // A message changes nobody's wait; an assignment, a transfer, a status does.
        if first || events.contains(where: { $0.kind != .message }) {
            try await sendWait(ticket, send: send)
        }
    }

    /// The last wait sent was for a person (in line, or with nobody present).
    var waitsForPerson: Bool {
        guard case .object(let fields)? = lastWait, case .string(let state)? = fields["state"] else { return false }
        return state == "queued" || state == "closed"
    }

    /// The wait, when it changed since it was last sent.
    mutating func sendWait(_ ticket: Ticket, send: (ServerFrame) async throws -> Void) async throws {
        let wait = try await conversations.wait(for: ticket)
        var fields: [String: JSONValue] = ["ticket": ServerFrame.number(ticket.number)]
        switch wait {
        case .withAssistant: fields["state"] = .string("assistant")
        case .queued(let place, let seconds):
            fields["state"] = .string("queued")
            fields["place"] = .number(Double(place))
            // Whole minutes, never "0 min": under a minute reads as 1.
            fields["minutes"] = .number(Double(max(1, Int((seconds / 60).rounded(.up)))))
            fields["seconds"] = .number(seconds.rounded())
        case .closed(let answerBy, _, let inHours):
            fields["state"] = .string("closed")
            // Within the team's hours the desk is open and its people are busy or away.
            fields["open"] = .bool(inHours)
            if let answerBy { fields["answerBy"] = ServerFrame.date(answerBy) }
        case .withAgent(let id):
            fields["state"] = .string("agent")
            if let agent = try await directory.snapshot().agents[id] {
                fields["agent"] = .object(["name": .string(agent.name), "number": ServerFrame.number(agent.number)])
            }
        case .done:
            fields["state"] = .string("done")
        }
        let value = JSONValue.object(fields)
        guard value != lastWait else { return }
        lastWait = value
        try await send(.make("wait", fields))
    }

    /// The frame an agent's typing or read mark becomes.
    func frame(for signal: ChatSignals.Signal, ticket: Int64) -> ServerFrame {
        switch signal {
        case .typing(let name, let number):
            .make("typing", ["ticket": ServerFrame.number(ticket), "name": .string(name ?? ""), "number": number.map(ServerFrame.number) ?? .null])
        case .read(let upTo): .make("read", ["ticket": ServerFrame.number(ticket), "upTo": ServerFrame.number(upTo)])
        }
    }

    /// The frame an event becomes in the customer's chat, if it shows there.
    func frame(for event: TicketEvent, ticket: Ticket, agents: [Agent.ID: Agent]) -> ServerFrame? {
        var fields: [String: JSONValue] = [
            "seq": ServerFrame.number(event.sequence), "ticket": ServerFrame.number(ticket.number), "at": ServerFrame.date(event.createdAt),
        ]
        let words = Catalog.strings(language)
        switch try? event.change() {
        case .message(let id, let author, .public, _)?:
            guard let message = messages[id] else { return nil }
            fields["id"] = ServerFrame.number(id.rawValue)
            fields["body"] = .string(message.body)
            if let clientID = message.clientID { fields["clientId"] = .string(clientID) }
            if !message.attachments.isEmpty, let signer {
                fields["attachments"] = .array(message.attachments.compactMap { attachment in
                    signer.url(for: attachment).map { url in
                        .object([
                            "name": .string(attachment.name), "type": .string(attachment.contentType), "size": .number(Double(attachment.size)),
                            "url": .string(url), "image": .bool(AttachmentType.isImage(attachment.contentType)),
                        ])
                    }
                })
            }
            fields["author"] = .string(author.kind)
            if case .agent(let agentID) = author, let agent = agents[agentID] {
                fields["name"] = .string(agent.name)
                fields["number"] = ServerFrame.number(agent.number)
            }
            return .make("message", fields)
        case .assigned(_, let to?)?:
            // Given to an agent, who has yet to accept: the customer learns who will answer.
            guard let agent = agents[to] else { return nil }
            fields["name"] = .string(agent.name)
            fields["number"] = ServerFrame.number(agent.number)
            return .make("assigned", fields)
        case .other(let kind, let data)? where kind == ChatState.acceptedKind:
            guard let agent = ChatState.acceptedAgent(data).flatMap({ agents[$0] }) else { return nil }
            fields["name"] = .string(agent.name)
            fields["number"] = ServerFrame.number(agent.number)
            return .make("joined", fields)
        case .transferred(_, _, let reason, _)? where reason == TicketChange.handoffReason:
            return .make("handoff", fields)
        case .statusChanged(_, let to)?:
            fields["status"] = .string(to.rawValue)
            if to == .solved, let surveys { fields["survey"] = .string(surveys.link(for: ticket.number)) }
            return .make("status", fields)
        case .other(let kind, let data)? where kind == AssistantTurn.eventKind:
            guard let turn = AssistantTurn(record: data) else { return nil }
            switch turn {
            case .answer(_, let articleID):
                fields["turn"] = .string("answer")
                if let article = conversations.assistant.ready?.assistant.knowledge.articles.first(where: { $0.id == articleID }) {
                    fields["article"] = .object(["id": .string(article.id), "title": .string(article.title), "url": .string("/help/articles/\(article.id)")])
                }
            case .clarify(let options):
                fields["turn"] = .string("clarify")
                fields["options"] = .array(options.map { .object(["intent": .string($0), "title": .string(words["intent.\($0)"] ?? $0)]) })
            case .handOff(let cause):
                fields["turn"] = .string("handoff")
                fields["cause"] = .string(cause.rawValue)
            case .ask(let part):
                fields["turn"] = .string("ask")
                fields["part"] = .string(part)
            case .thank: fields["turn"] = .string("thank")
            case .silent: return nil
            }
            return .make("prompt", fields)
        case .other(let kind, _)? where kind == ChatState.handbackKind:
            return .make("assistant", fields)
        default:
            return nil
        }
    }
}
