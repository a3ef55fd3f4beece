import Foundation

extension TicketChange {
    /// Reads a stored event back into the change it recorded: the one decoder that the timeline,
    /// the API's event list, the verifier and the live streams share, so no reader picks payload
    /// keys by string. A kind this Switchboard does not know becomes `.other`; a known kind whose
    /// payload does not read is an error naming the key.
    public init(kind: EventKind, data: JSONValue) throws {
        let payload = Payload(kind: kind, data: data)
        switch kind {
        case .created:
            self = .created(TicketCreated(
                subject: try payload.string("subject"), channel: try payload.value("channel"), priority: try payload.value("priority"),
                status: try payload.value("status"), customerID: try payload.id("customerId"), teamID: try payload.optionalID("teamId"),
                assigneeID: try payload.optionalID("assigneeId"), merchantID: try payload.optionalID("merchantId"),
                category: try payload.optionalString("category"), followUpOf: try payload.optionalInteger("followUpOf")
            ))
        case .message:
            guard let author = MessageAuthor(kind: try payload.string("authorKind"), id: try payload.optionalInteger("authorId")) else {
                throw payload.malformed("authorKind")
            }
            self = .message(
                id: try payload.id("messageId"), author: author, visibility: try payload.value("visibility"),
                bodySHA256: try payload.string("bodySha256")
            )
        case .assigned:
            self = .assigned(from: try payload.optionalID("from"), to: try payload.optionalID("to"))
        case .transferred:
            self = .transferred(
                fromTeam: try payload.optionalID("fromTeam"), toTeam: try payload.id("toTeam"), reason: try payload.string("reason"),
                assignee: try payload.optionalID("assigneeId")
            )
        case .priorityChanged:
            self = .priorityChanged(from: try payload.value("from"), to: try payload.value("to"), reason: try payload.optionalString("reason"))
        case .statusChanged:
            self = .statusChanged(from: try payload.value("from"), to: try payload.value("to"))
        case .tagsChanged:
            self = .tagsChanged(added: try payload.strings("added"), removed: try payload.strings("removed"))
        case .fieldsChanged:
            // Values come back as text or number; the field definitions say which type they have.
            guard case .object(let set)? = data["set"] else { throw payload.malformed("set") }
            var values: [String: FieldValue] = [:]
            for (key, value) in set {
                switch value {
                case .string(let text): values[key] = .text(text)
                case .number(let number): values[key] = .number(number)
                default: throw payload.malformed("set")
                }
            }
            self = .fieldsChanged(set: values, removed: try payload.strings("removed"))
        case .problemUpdated:
            self = .problemUpdated(Problem(
                whatHappened: try payload.optionalString("whatHappened"), when: try payload.optionalString("when"),
                expectation: try payload.optionalString("expectation")
            ))
        case .categoryChanged:
            self = .categoryChanged(from: try payload.optionalString("from"), to: try payload.optionalString("to"))
        case .customerMerged:
            self = .customerMerged(from: try payload.id("from"), into: try payload.id("into"))
        case .followUpOpened:
            self = .followUpOpened(number: try payload.integer("number"))
        case .languageChanged:
            self = .languageChanged(from: try payload.optionalString("from"), to: try payload.optionalString("to"))
        case .handoffRequested:
            self = .handoffRequested(
                messageID: try payload.id("messageId"), reasons: try payload.strings("reasons"), phrase: try payload.optionalString("phrase")
            )
        case .intentCorrected:
            self = .intentCorrected(messageID: try payload.id("messageId"), from: try payload.optionalString("from"), to: try payload.string("to"))
        case .slaWarning, .slaBreached:
            let target: SLATarget = try payload.value("target")
            let moment = SLAMoment(
                target: target, startedAt: try payload.date("startedAt"), dueAt: try payload.date("dueAt"),
                policy: try payload.string("policy")
            )
            self = kind == .slaWarning ? .slaWarning(moment) : .slaBreached(moment)
        case .escalated:
            guard case .array(let agents)? = data["agents"] else { throw payload.malformed("agents") }
            let step: SLAEscalation = try payload.value("step")
            let cause: EscalationCause = try payload.value("cause")
            self = .escalated(
                step: step, cause: cause,
                agents: try agents.map { value in
                    guard case .number(let number) = value, let id = Int64(exactly: number) else { throw payload.malformed("agents") }
                    return Agent.ID(id)
                }
            )
        case .commitmentMade:
            self = .commitmentMade(Commitment(id: try payload.string("id"), text: try payload.string("text"), dueAt: try payload.date("dueAt")))
        case .commitmentKept:
            self = .commitmentKept(id: try payload.string("id"), note: try payload.optionalString("note"))
        case .commitmentMissed:
            self = .commitmentMissed(id: try payload.string("id"))
        case .surveyAnswered:
            guard case .bool(let solved)? = data["solved"] else { throw payload.malformed("solved") }
            self = .surveyAnswered(SurveyAnswer(
                overall: Int(try payload.integer("overall")), speed: try payload.optionalInteger("speed").map(Int.init),
                resolution: try payload.optionalInteger("resolution").map(Int.init), attitude: try payload.optionalInteger("attitude").map(Int.init),
                solved: solved, comment: try payload.optionalString("comment")
            ))
        default:
            self = .other(kind: kind, data: data)
        }
    }
}

extension TicketChange.TicketCreated {
    public init(
        subject: String, channel: Channel, priority: Priority, status: TicketStatus, customerID: Customer.ID, teamID: Team.ID?,
        assigneeID: Agent.ID?, merchantID: Organization.ID?, category: String?, followUpOf: Int64?
    ) {
        self.subject = subject
        self.channel = channel
        self.priority = priority
        self.status = status
        self.customerID = customerID
        self.teamID = teamID
        self.assigneeID = assigneeID
        self.merchantID = merchantID
        self.category = category
        self.followUpOf = followUpOf
    }
}

/// Typed reads of one event payload, with errors that name the event kind and key (never a value).
private struct Payload {
    let kind: EventKind
    let data: JSONValue

    func malformed(_ key: String) -> DomainError {
        DomainError(.unprocessable, "a stored '\(kind.rawValue)' event has no readable '\(key)'", field: key)
    }

    func optionalString(_ key: String) throws -> String? {
        switch data[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw malformed(key)
        }
    }

    func string(_ key: String) throws -> String {
        guard let text = try optionalString(key) else { throw malformed(key) }
        return text
    }

    func optionalInteger(_ key: String) throws -> Int64? {
        switch data[key] {
        case nil, .null?: return nil
        case .number(let number)?:
            guard let integer = Int64(exactly: number) else { throw malformed(key) }
            return integer
        default: throw malformed(key)
        }
    }

    func integer(_ key: String) throws -> Int64 {
        guard let integer = try optionalInteger(key) else { throw malformed(key) }
        return integer
    }

    func optionalID<T>(_ key: String) throws -> Identifier<T>? {
        try optionalInteger(key).map(Identifier<T>.init)
    }

    func id<T>(_ key: String) throws -> Identifier<T> {
        Identifier(try integer(key))
    }

    func value<T: RawRepresentable>(_ key: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try string(key)) else { throw malformed(key) }
        return value
    }

    func date(_ key: String) throws -> Date {
        guard let date = EventTime.date(data[key]) else { throw malformed(key) }
        return date
    }

    func strings(_ key: String) throws -> [String] {
        guard case .array(let values)? = data[key] else { throw malformed(key) }
        return try values.map {
            guard case .string(let text) = $0 else { throw malformed(key) }
            return text
        }
    }
}
