import Foundation
import SwitchboardCore

/// Everything Switchboard keeps, in domain types. One implementation (`SQLStore`) runs on SQLite
/// and on PostgreSQL; the contract suite in SwitchboardTestSupport holds both to the same behaviour.
///
/// Writes return only after they are durably committed. A change to a ticket and the events that
/// record it are written in one transaction.
public protocol Store: Sendable {
    // MARK: Schema

    /// Applies the migrations this binary knows that the database lacks. Refuses a database
    /// migrated by a newer binary.
    @discardableResult
    func migrate() async throws -> MigrationReport
    /// The database's schema version against this binary's (also proves the database answers).
    func schemaStatus() async throws -> SchemaStatus
    func close() async throws

    // MARK: Organizations, teams, agents

    func createOrganization(_ new: NewOrganization) async throws -> Organization
    func organization(_ id: Organization.ID) async throws -> Organization?
    func organizations() async throws -> [Organization]

    func createTeam(_ new: NewTeam) async throws -> Team
    func team(_ id: Team.ID) async throws -> Team?
    /// Teams of one organization, or of every organization when nil.
    func teams(organization: Organization.ID?) async throws -> [Team]
    func updateTeam(_ id: Team.ID, name: String?, hours: BusinessHours?) async throws -> Team

    func createAgent(_ new: NewAgent, passwordHash: String?) async throws -> Agent
    func agent(_ id: Agent.ID) async throws -> Agent?
    /// The agent with this email and their password hash, for signing in.
    func agentCredentials(email: String) async throws -> (agent: Agent, passwordHash: String?)?
    func agents(organization: Organization.ID?) async throws -> [Agent]
    func updateAgent(_ id: Agent.ID, _ update: AgentUpdate) async throws -> Agent
    func setPasswordHash(_ hash: String, for agent: Agent.ID) async throws

    // MARK: Customers

    func createCustomer(_ new: NewCustomer) async throws -> Customer
    /// A customer by id. A merged-away customer is returned with `mergedInto` set.
    func customer(_ id: Customer.ID) async throws -> Customer?
    func customer(identity: ContactIdentity) async throws -> Customer?
    /// The oldest customer a merchant serves (has a ticket with) whose unverified address is `email`.
    func customer(unverifiedEmail email: String, servedBy merchant: Organization.ID) async throws -> Customer?
    /// Several customers by id (unknown ids are left out), for lists.
    func customers(ids: [Customer.ID]) async throws -> [Customer]
    /// Sets what a customer is emailed about.
    func setNotices(_ notices: Customer.Notices, for customer: Customer.ID) async throws
    /// Adds a contact identity; a conflict if another customer already has it.
    func addIdentity(_ identity: ContactIdentity, to customer: Customer.ID) async throws -> Customer
    /// Moves `source`'s identities and tickets to `target` and marks `source` merged. Each moved
    /// ticket records a `customer_merged` event.
    func mergeCustomer(_ source: Customer.ID, into target: Customer.ID, actor: EventActor, at: Date) async throws -> Customer
    /// Whether the customer has a ticket involving the merchant (bounds what a merchant's agents see).
    func customerHasTicket(_ customer: Customer.ID, merchant: Organization.ID) async throws -> Bool

    // MARK: Custom fields

    func createFieldDefinition(_ definition: CustomFieldDefinition, at: Date) async throws
    func fieldDefinitions() async throws -> [CustomFieldDefinition]

    // MARK: Tickets

    /// Opens a ticket and its first message. With a done `analysis` of that message the intake
    /// rules act on the new ticket in the same transaction (as the assistant, `EventActor.bot`);
    /// a pending one is stored to be filled in later. `jobs` are stored in the same transaction.
    func createTicket(_ new: NewTicket, actor: EventActor, at: Date, analysis: AnalysisState?, jobs: [NewJob]) async throws -> TicketWithMessage
    /// Brings many tickets in, in one transaction, each with its own status and opening time
    /// (migration from another desk, benchmark loads). Keep batches to a few hundred: on SQLite a
    /// statement costs more the larger its write has grown; send several batches at once instead.
    func importTickets(_ batch: [TicketImport], actor: EventActor) async throws -> [Ticket]
    func ticket(number: Int64) async throws -> Ticket?
    func listTickets(_ query: TicketQuery) async throws -> TicketPage
    /// How many tickets match `query` (its limit and cursor aside from the cursor's filter), counting
    /// no further than `cap`: a badge needs "200 or more", not a full scan of a million tickets.
    func countTickets(_ query: TicketQuery, upTo cap: Int) async throws -> Int
    func searchTickets(_ query: TicketSearchQuery) async throws -> [TicketSearchHit]
    /// Counts of tickets by status, within a visibility.
    func ticketCounts(visibility: TicketVisibility) async throws -> [TicketStatus: Int]

    /// Adds a message, moving the status as `Ticket.effect(of:)` says; a customer's reply to a
    /// closed ticket opens its follow-up instead, in the same transaction. `analysis` and `jobs` as
    /// for `createTicket`. `check` runs on the current ticket inside the transaction and may throw.
    func addMessage(
        _ message: NewMessage, toTicket number: Int64, actor: EventActor, at: Date, analysis: AnalysisState?, jobs: [NewJob],
        check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> MessageOutcome
    /// Applies commands in order, recording one event per effective change.
    func updateTicket(
        number: Int64, commands: [TicketCommand], actor: EventActor, at: Date,
        check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> Ticket
    func messages(ticket: Ticket.ID, includeInternal: Bool) async throws -> [Message]
    /// A ticket's messages after the one with id `message`, oldest first.
    func messages(ticket: Ticket.ID, includeInternal: Bool, after message: Message.ID) async throws -> [Message]
    /// The message an author's client sent under `clientID`, with its ticket's number (a resent
    /// chat message is recognised by it).
    func message(clientID: String, author: MessageAuthor) async throws -> (message: Message, ticketNumber: Int64)?
    func events(ticket: Ticket.ID) async throws -> [TicketEvent]
    /// A ticket's events after `sequence`, oldest first (what a client that has the rest lacks).
    func events(ticket: Ticket.ID, after sequence: Int64) async throws -> [TicketEvent]
    /// Walks the ticket's hash chain, and checks every message against the digest its event recorded.
    func verifyTicket(number: Int64) async throws -> ChainVerification?
    /// The events of these kinds on these tickets, by ticket then sequence (a list page's
    /// promises or survey answers in one read).
    func events(tickets: [Ticket.ID], kinds: [EventKind]) async throws -> [TicketEvent]

    // MARK: What the assistant read

    /// The stored analyses of a ticket's messages, by message.
    func analyses(ticket: Ticket.ID) async throws -> [Message.ID: StoredAnalysis]
    /// The texts of a ticket's latest customer messages, oldest first (what the assistant reads a
    /// new message with: a repeated question, the problem told over several messages).
    func recentCustomerMessages(ticket number: Int64, limit: Int) async throws -> [String]
    /// Customer messages whose analysis is still pending, oldest first.
    func pendingAnalyses(limit: Int) async throws -> [PendingAnalysis]
    /// Fills in a pending analysis and lets the intake rules act on the ticket as it stands now.
    /// Returns nil (and changes nothing) when the message's analysis is no longer pending.
    func completeAnalysis(_ analysis: MessageAnalysis, message: Message.ID, at: Date) async throws -> Ticket?
    /// Records an agent's correction of what a customer message was about (an `intent_corrected`
    /// event). A category the assistant derived from the old intent follows the new one.
    func correctIntent(
        message: Message.ID, toIntent intent: String, onTicket number: Int64, actor: EventActor, at: Date,
        check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> Ticket

    // MARK: The event log

    /// Events after `position`, in log order, with the facts about their tickets that decide who
    /// may see them. An event is readable only once no earlier one can still appear.
    func eventLog(after position: EventLogPosition, limit: Int) async throws -> [LoggedEvent]
    /// The position of the newest readable event (`.start` on an empty desk).
    func eventLogHead() async throws -> EventLogPosition
    /// The position of one event, for a reader that resumes after it; nil when there is no such event.
    func eventLogPosition(of event: TicketEvent.ID) async throws -> EventLogPosition?

    // MARK: Jobs

    /// Stores jobs to run (a job whose key is taken is left out).
    func enqueueJobs(_ jobs: [NewJob]) async throws
    /// Leases up to `limit` due jobs to `owner` until `at + lease`, counting an attempt on each.
    /// Nodes that claim at once get different jobs.
    func claimJobs(owner: String, limit: Int, at: Date, lease: TimeInterval) async throws -> [Job]
    /// Reports how leased jobs ended. A job whose lease `owner` no longer holds is left alone.
    func finishJobs(_ outcomes: [(Job.ID, JobOutcome)], owner: String, at: Date) async throws
    /// When the next queued job is due (nil when none is queued).
    func nextJobDue() async throws -> Date?
    func jobs(state: Job.State, limit: Int) async throws -> [Job]
    func jobCounts() async throws -> [Job.State: Int]
    /// Queues a parked job again with fresh attempts; false when there is no such parked job.
    func retryJob(_ id: Job.ID, at: Date) async throws -> Bool
    /// Removes a parked job; false when there is no such parked job.
    func dropJob(_ id: Job.ID) async throws -> Bool

    // MARK: Sign-in and tokens

    func createSession(_ session: StoredSession) async throws
    /// A live (unexpired) session by the hash of its cookie token.
    func session(tokenHash: String, at: Date) async throws -> StoredSession?
    func deleteSession(tokenHash: String) async throws
    /// Ends every session of an agent but the one whose hash is `keeping`; returns how many ended.
    func deleteSessions(agent: Agent.ID, keeping: String?) async throws -> Int
    func deleteExpiredSessions(before: Date) async throws -> Int
    /// Removes sign-in links that expired before `before` (used or not).
    func deleteExpiredMagicLinks(before: Date) async throws -> Int

    func createAPIToken(
        organization: Organization.ID, name: String, scopes: [APIScope], tokenHash: String, prefix: String,
        createdBy: Agent.ID?, at: Date
    ) async throws -> APIToken
    /// A token by the hash of its secret (revoked ones included; the caller checks).
    func apiToken(hash: String) async throws -> APIToken?
    func apiTokens(organization: Organization.ID?) async throws -> [APIToken]
    func revokeAPIToken(_ id: APIToken.ID, at: Date) async throws -> APIToken
    func touchAPIToken(_ id: APIToken.ID, at: Date) async throws

    func createMagicLink(tokenHash: String, customer: Customer.ID, at: Date, expiresAt: Date) async throws
    /// Uses a one-time link: returns its customer once, then never again.
    func redeemMagicLink(tokenHash: String, at: Date) async throws -> Customer.ID?

    /// A desk-wide setting (e.g. the generated identity-token secret), created with `makeValue` if absent.
    func setting(_ key: String, orCreate makeValue: @escaping @Sendable () -> String) async throws -> String

    // MARK: The desk's documents (routing rules)

    /// The document stored under `name`, if any.
    /// Keeps an attachment's content under its SHA-256 (hex); the same content again changes nothing.
    func saveAttachmentContent(_ content: [UInt8], sha256: String, contentType: String, at: Date) async throws
    /// The content stored under `sha256`, with the type it was stored as.
    func attachmentContent(sha256: String) async throws -> (contentType: String, content: [UInt8])?
    func document(named name: String) async throws -> DeskDocument?
    /// Replaces (or first stores) the document under `name` when its version is still
    /// `expectedVersion` (0: none stored yet); otherwise a conflict, and nothing changes.
    func saveDocument(named name: String, body: JSONValue, expectedVersion: Int64, by agent: Agent.ID?, at: Date) async throws -> DeskDocument

    // MARK: Routing and clocks

    /// Moves cases that waited past their team's overflow time on, then gives waiting cases to
    /// free agents as Core's `Routing.dispatch` decides — in one transaction, one dispatch at a
    /// time across nodes, so nobody is given more than their room.
    func dispatch(at: Date, overflow: [RoutingSettings.Overflow]) async throws -> DispatchOutcome
    /// Locks the ticket, lets `decide` see it with its events, and records what it returns
    /// (events as they are, commands as the changes they make), in one transaction.
    func act(
        onTicket id: Ticket.ID, actor: EventActor, at: Date, decide: @escaping @Sendable (Ticket, [TicketEvent]) throws -> [TicketAction]
    ) async throws -> (ticket: Ticket, recorded: [TicketChange])
    /// Stores tickets' nearest SLA due and warning times, and schedules their timers.
    func setSLAMarks(_ marks: [SLAMarks]) async throws
    /// Every active agent in a team as routing sees them: presence, skills, room and open cases.
    func routingCandidates() async throws -> [Routing.Candidate]
    /// One team's queue in the order it is served, its agents as routing sees them, and how long
    /// its cases finished since `handledSince` took an agent (newest first; at most 50).
    func waitingLine(team: Team.ID, handledSince: Date) async throws -> WaitingLine
    /// Sets an agent's presence (coming online starts their idle time).
    func setPresence(_ presence: Agent.Presence, of agent: Agent.ID, at: Date) async throws -> Agent
    /// Notes that an agent did something now (inactivity makes an online agent away).
    func touchAgent(_ agent: Agent.ID, at: Date) async throws
    /// Makes online agents who did nothing since `inactiveSince` away; returns them.
    func markIdleAgentsAway(inactiveSince: Date) async throws -> [Agent.ID]

    // MARK: Notifications

    /// Stores notifications; one an agent already has for the same event and kind is left out.
    func addNotifications(_ notifications: [NewNotification]) async throws
    /// An agent's newest notifications first.
    func notifications(agent: Agent.ID, limit: Int) async throws -> [AgentNotification]
    func unreadNotificationCount(agent: Agent.ID) async throws -> Int
    /// Marks an agent's notifications read (all, or up to `id`); returns how many.
    func markNotificationsRead(agent: Agent.ID, upTo id: AgentNotification.ID?, at: Date) async throws -> Int
}

/// A team's queue as a waiting customer's place and wait are worked out from it.
public struct WaitingLine: Sendable, Hashable {
    /// Waiting cases in the order dispatch serves them.
    public var queued: [Routing.Waiting]
    /// The team's active agents, present or not.
    public var seats: [Routing.Candidate]
    /// Seconds from assignment to solve of the team's recent cases, newest first.
    public var handlingTimes: [TimeInterval]

    public init(queued: [Routing.Waiting], seats: [Routing.Candidate], handlingTimes: [TimeInterval]) {
        self.queued = queued
        self.seats = seats
        self.handlingTimes = handlingTimes
    }
}

/// What one dispatch did.
public struct DispatchOutcome: Sendable, Hashable {
    public struct Assigned: Sendable, Hashable {
        public var ticketNumber: Int64
        public var agentID: Agent.ID
    }

    public var assigned: [Assigned] = []
    /// Tickets moved to another team's queue after waiting too long.
    public var overflowed: [Int64] = []

    public init() {}

    public var changedAnything: Bool { !assigned.isEmpty || !overflowed.isEmpty }
}

/// A ticket's nearest SLA due and warning times, and the timer job that fires at the next of them.
public struct SLAMarks: Sendable, Hashable {
    public var ticketID: Ticket.ID
    public var dueAt: Date?
    public var warningAt: Date?
    public var timer: NewJob?

    public init(ticketID: Ticket.ID, dueAt: Date?, warningAt: Date?, timer: NewJob?) {
        self.ticketID = ticketID
        self.dueAt = dueAt
        self.warningAt = warningAt
        self.timer = timer
    }
}

/// A desk-wide document supervisors edit whole, with the version that guards concurrent edits.
public struct DeskDocument: Sendable, Hashable {
    public var name: String
    public var body: JSONValue
    public var version: Int64
    public var updatedAt: Date
    public var updatedBy: Agent.ID?

    public init(name: String, body: JSONValue, version: Int64, updatedAt: Date, updatedBy: Agent.ID?) {
        self.name = name
        self.body = body
        self.version = version
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// A ticket together with the message a call added (nil when none), and the customer's name as
/// read in the same transaction (responses show it; nil when not read).
public struct TicketWithMessage: Sendable, Hashable {
    public var ticket: Ticket
    public var message: Message?
    public var customerName: String?

    public init(ticket: Ticket, message: Message?, customerName: String? = nil) {
        self.ticket = ticket
        self.message = message
        self.customerName = customerName
    }
}

extension Store {
    /// Opens a ticket whose first message needs no analysis (an agent's, an import's).
    public func createTicket(_ new: NewTicket, actor: EventActor, at now: Date) async throws -> TicketWithMessage {
        try await createTicket(new, actor: actor, at: now, analysis: nil, jobs: [])
    }

    /// Adds a message that needs no analysis, returning where it landed.
    public func addMessage(
        _ message: NewMessage, toTicket number: Int64, actor: EventActor, at now: Date,
        check: @escaping @Sendable (Ticket) throws -> Void
    ) async throws -> TicketWithMessage {
        try await addMessage(message, toTicket: number, actor: actor, at: now, analysis: nil, jobs: [], check: check).result
    }
}

/// Where a new message went.
public enum MessageOutcome: Sendable, Hashable {
    /// Onto the ticket it was written to.
    case added(TicketWithMessage)
    /// The ticket was closed: the message opened this follow-up, linked to the closed ticket.
    case followUp(TicketWithMessage, closed: Int64)

    /// The ticket the message is on now, with the message.
    public var result: TicketWithMessage {
        switch self {
        case .added(let result), .followUp(let result, _): result
        }
    }
}

/// A customer message waiting for the assistant, with the earlier customer messages of its
/// ticket (oldest first) that the analysis reads with it.
public struct PendingAnalysis: Sendable, Hashable {
    public var message: Message
    public var ticketNumber: Int64
    public var earlier: [String]

    public init(message: Message, ticketNumber: Int64, earlier: [String]) {
        self.message = message
        self.ticketNumber = ticketNumber
        self.earlier = earlier
    }
}

/// A stored sign-in session. The cookie holds the token; the store keeps only its hash.
public struct StoredSession: Sendable, Hashable {
    public enum Subject: Sendable, Hashable {
        case agent(Agent.ID)
        case customer(Customer.ID)
    }

    public var tokenHash: String
    public var subject: Subject
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, subject: Subject, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.subject = subject
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
