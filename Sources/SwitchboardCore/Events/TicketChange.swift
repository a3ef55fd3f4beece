import Foundation

/// A change to a ticket, before it is stored as an event.
public enum TicketChange: Sendable, Hashable {
    case created(TicketCreated)
    /// A message was added; `bodySHA256` ties the event to the message text.
    case message(id: Message.ID, author: MessageAuthor, visibility: Message.Visibility, bodySHA256: String)
    case assigned(from: Agent.ID?, to: Agent.ID?)
    case transferred(fromTeam: Team.ID?, toTeam: Team.ID, reason: String, assignee: Agent.ID?)
    /// `reason` says why when a rule rather than a person changed it ("anger", "urgent-request").
    case priorityChanged(from: Priority, to: Priority, reason: String?)
    case statusChanged(from: TicketStatus, to: TicketStatus)
    case tagsChanged(added: [String], removed: [String])
    case fieldsChanged(set: [String: FieldValue], removed: [String])
    case problemUpdated(Problem)
    case categoryChanged(from: String?, to: String?)
    case customerMerged(from: Customer.ID, into: Customer.ID)
    case followUpOpened(number: Int64)
    case languageChanged(from: String?, to: String?)
    /// The customer asked for a person in this message; `reasons` are the assistant's
    /// (`explicit-request`, `anger-words`…), `phrase` the words that asked.
    case handoffRequested(messageID: Message.ID, reasons: [String], phrase: String?)
    /// An agent said what a customer message was really about (a later model learns from it).
    case intentCorrected(messageID: Message.ID, from: String?, to: String)
    /// A promised wait passed its warning share (`startedAt` names the wait: a ticket has several next replies).
    case slaWarning(SLAMoment)
    /// A promised wait ran out.
    case slaBreached(SLAMoment)
    /// A step the desk took because something went wrong, and whom it told.
    case escalated(step: SLAEscalation, cause: EscalationCause, agents: [Agent.ID])
    /// An agent promised the customer something by a time ("refund within 3 days").
    case commitmentMade(Commitment)
    /// The promise was kept, as the agent says, with what was done.
    case commitmentKept(id: String, note: String?)
    /// The promise's time passed without the agent marking it kept.
    case commitmentMissed(id: String)
    /// The customer answered the satisfaction survey (again, when they changed their answer).
    case surveyAnswered(SurveyAnswer)
    /// An event of a kind this Switchboard does not know (written by a newer one), kept as stored.
    case other(kind: EventKind, data: JSONValue)

    /// The reason a transfer records when a case waited too long in its team's queue and moved on
    /// (pages say it in the reader's language).
    public static let overflowReason = "overflow"
    /// The reason a transfer records when a chat passes from the assistant to a team's people.
    public static let handoffReason = "handoff"

    /// Which promised wait an SLA event is about.
    public struct SLAMoment: Sendable, Hashable {
        public var target: SLATarget
        public var startedAt: Date
        public var dueAt: Date
        public var policy: String

        public init(target: SLATarget, startedAt: Date, dueAt: Date, policy: String) {
            self.target = target
            self.startedAt = startedAt
            self.dueAt = dueAt
            self.policy = policy
        }
    }

    /// The facts recorded when a ticket is opened.
    public struct TicketCreated: Sendable, Hashable {
        public var subject: String
        public var channel: Channel
        public var priority: Priority
        public var status: TicketStatus
        public var customerID: Customer.ID
        public var teamID: Team.ID?
        public var assigneeID: Agent.ID?
        public var merchantID: Organization.ID?
        public var category: String?
        public var followUpOf: Int64?

        public init(ticket: Ticket) {
            subject = ticket.subject
            channel = ticket.channel
            priority = ticket.priority
            status = ticket.status
            customerID = ticket.customerID
            teamID = ticket.teamID
            assigneeID = ticket.assigneeID
            merchantID = ticket.merchantID
            category = ticket.category
            followUpOf = ticket.followUpOf
        }
    }

    public var kind: EventKind {
        switch self {
        case .created: .created
        case .message: .message
        case .assigned: .assigned
        case .transferred: .transferred
        case .priorityChanged: .priorityChanged
        case .statusChanged: .statusChanged
        case .tagsChanged: .tagsChanged
        case .fieldsChanged: .fieldsChanged
        case .problemUpdated: .problemUpdated
        case .categoryChanged: .categoryChanged
        case .customerMerged: .customerMerged
        case .followUpOpened: .followUpOpened
        case .languageChanged: .languageChanged
        case .handoffRequested: .handoffRequested
        case .intentCorrected: .intentCorrected
        case .slaWarning: .slaWarning
        case .slaBreached: .slaBreached
        case .escalated: .escalated
        case .commitmentMade: .commitmentMade
        case .commitmentKept: .commitmentKept
        case .commitmentMissed: .commitmentMissed
        case .surveyAnswered: .surveyAnswered
        case .other(let kind, _): kind
        }
    }

    /// Whether the customer's progress timeline shows this change: what happened to their case
    /// and who has it, never how the desk handles it inside (priority, tags, notes, categories).
    public var isCustomerVisible: Bool {
        switch self {
        case .created, .assigned, .transferred, .statusChanged, .problemUpdated, .followUpOpened, .handoffRequested,
             .commitmentMade, .commitmentKept, .commitmentMissed, .surveyAnswered:
            true
        case .message(_, _, let visibility, _):
            visibility == .public
        case .priorityChanged, .tagsChanged, .fieldsChanged, .categoryChanged, .customerMerged, .languageChanged, .intentCorrected,
             .slaWarning, .slaBreached, .escalated, .other:
            false
        }
    }

    /// The event payload.
    public var data: JSONValue {
        if case .other(_, let data) = self { return data }
        return .object(Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The payload's canonical JSON text, written without building a dictionary first
    /// (stores hash and keep this form for every event they write).
    public var canonicalData: String {
        if case .other(_, let data) = self { return data.canonical }
        return JSONValue.canonicalObject(fields)
    }

    /// The payload as key–value pairs.
    var fields: KeyValuePairs<String, JSONValue> {
        switch self {
        case .created(let created):
            [
                "subject": .string(created.subject), "channel": .string(created.channel.rawValue),
                "priority": .string(created.priority.rawValue), "status": .string(created.status.rawValue),
                "customerId": .id(created.customerID), "teamId": .id(created.teamID),
                "assigneeId": .id(created.assigneeID), "merchantId": .id(created.merchantID),
                "category": .optional(created.category),
                "followUpOf": created.followUpOf.map { .number(Double($0)) } ?? .null,
            ]
        case .message(let id, let author, let visibility, let digest):
            [
                "messageId": .id(id), "authorKind": .string(author.kind),
                "authorId": author.id.map { .number(Double($0)) } ?? .null,
                "visibility": .string(visibility.rawValue), "bodySha256": .string(digest),
            ]
        case .assigned(let from, let to):
            ["from": .id(from), "to": .id(to)]
        case .transferred(let fromTeam, let toTeam, let reason, let assignee):
            ["fromTeam": .id(fromTeam), "toTeam": .id(toTeam), "reason": .string(reason), "assigneeId": .id(assignee)]
        case .priorityChanged(let from, let to, nil):
            ["from": .string(from.rawValue), "to": .string(to.rawValue)]
        case .priorityChanged(let from, let to, let reason?):
            ["from": .string(from.rawValue), "to": .string(to.rawValue), "reason": .string(reason)]
        case .statusChanged(let from, let to):
            ["from": .string(from.rawValue), "to": .string(to.rawValue)]
        case .tagsChanged(let added, let removed):
            ["added": .array(added.map { .string($0) }), "removed": .array(removed.map { .string($0) })]
        case .fieldsChanged(let set, let removed):
            ["set": .object(set.mapValues(\.json)), "removed": .array(removed.sorted().map { .string($0) })]
        case .problemUpdated(let problem):
            [
                "whatHappened": .optional(problem.whatHappened), "when": .optional(problem.when),
                "expectation": .optional(problem.expectation),
            ]
        case .categoryChanged(let from, let to):
            ["from": .optional(from), "to": .optional(to)]
        case .customerMerged(let from, let into):
            ["from": .id(from), "into": .id(into)]
        case .followUpOpened(let number):
            ["number": .number(Double(number))]
        case .languageChanged(let from, let to):
            ["from": .optional(from), "to": .optional(to)]
        case .handoffRequested(let message, let reasons, let phrase):
            ["messageId": .id(message), "reasons": .array(reasons.map { .string($0) }), "phrase": .optional(phrase)]
        case .intentCorrected(let message, let from, let to):
            ["messageId": .id(message), "from": .optional(from), "to": .string(to)]
        case .slaWarning(let moment), .slaBreached(let moment):
            [
                "target": .string(moment.target.rawValue), "startedAt": EventTime.value(moment.startedAt),
                "dueAt": EventTime.value(moment.dueAt), "policy": .string(moment.policy),
            ]
        case .escalated(let step, let cause, let agents):
            ["step": .string(step.rawValue), "cause": .string(cause.rawValue), "agents": .array(agents.map { .id($0) })]
        case .commitmentMade(let commitment):
            ["id": .string(commitment.id), "text": .string(commitment.text), "dueAt": EventTime.value(commitment.dueAt)]
        case .commitmentKept(let id, let note):
            ["id": .string(id), "note": .optional(note)]
        case .commitmentMissed(let id):
            ["id": .string(id)]
        case .surveyAnswered(let answer):
            [
                "overall": .number(Double(answer.overall)), "speed": answer.speed.map { .number(Double($0)) } ?? .null,
                "resolution": answer.resolution.map { .number(Double($0)) } ?? .null,
                "attitude": answer.attitude.map { .number(Double($0)) } ?? .null, "solved": .bool(answer.solved),
                "comment": .optional(answer.comment),
            ]
        case .other:
            [:]
        }
    }
}
