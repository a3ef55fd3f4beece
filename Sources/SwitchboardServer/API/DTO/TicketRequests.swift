import SwitchboardCore

/// `POST /api/v1/tickets`.
struct CreateTicketRequest: Decodable, Sendable {
    /// An existing customer (staff and integrations). Customers open tickets for themselves.
    var customerId: Int64?
    /// Or a customer found (by email) or created on the fly.
    var customer: InlineCustomer?
    var subject: String
    /// The customer's first words (or the agent's note of them).
    var message: String?
    var messageVisibility: Message.Visibility?
    var channel: Channel?
    var category: String?
    var priority: Priority?
    var teamId: Int64?
    var assigneeId: Int64?
    var merchantId: Int64?
    var tags: [String]?
    var fields: [String: JSONValue]?
    var problem: ProblemRequest?
    var language: String?

    struct InlineCustomer: Decodable, Sendable {
        var name: String
        var email: String
        var language: String?
    }
}

struct ProblemRequest: Decodable, Sendable {
    var whatHappened: String?
    var when: String?
    var expectation: String?

    func validated() throws -> Problem {
        try Problem.validated(whatHappened: whatHappened, when: when, expectation: expectation)
    }
}

/// `POST /api/v1/tickets/{number}/messages`: a public reply or an internal note.
struct AddMessageRequest: Decodable, Sendable {
    var body: String
    var visibility: Message.Visibility?
    var attachments: [AttachmentRequest]?
}

struct AttachmentRequest: Decodable, Sendable {
    var name: String
    var contentType: String
    var size: Int64
    var sha256: String?

    func validated() throws -> Attachment {
        try Attachment(name: name, contentType: contentType, size: size, sha256: sha256)
    }
}

/// `POST /api/v1/tickets/{number}/assign`: `{"assigneeId": 7}` assigns, `{"assigneeId": null}`
/// unassigns. Unassigning is said, never inferred: an empty body or a misspelt key is refused.
struct AssignRequest: Decodable, Sendable {
    var assigneeId: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable { case assigneeId }

    init(from decoder: any Decoder) throws {
        try JSONBody.refuseUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.assigneeId) else {
            throw DecodingError.keyNotFound(CodingKeys.assigneeId, .init(codingPath: [], debugDescription: "null unassigns"))
        }
        assigneeId = try container.decodeIfPresent(Int64.self, forKey: .assigneeId)
    }
}

/// `POST /api/v1/tickets/{number}/transfer`.
struct TransferRequest: Decodable, Sendable {
    var teamId: Int64
    var reason: String
    var assigneeId: Int64?

    enum CodingKeys: String, CodingKey, CaseIterable { case teamId, reason, assigneeId }

    init(from decoder: any Decoder) throws {
        try JSONBody.refuseUnknownKeys(decoder, CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        teamId = try container.decode(Int64.self, forKey: .teamId)
        reason = try container.decode(String.self, forKey: .reason)
        assigneeId = try container.decodeIfPresent(Int64.self, forKey: .assigneeId)
    }
}

/// `POST /api/v1/tickets/{number}/status`.
struct StatusRequest: Decodable, Sendable {
    var status: TicketStatus

    enum CodingKeys: String, CodingKey, CaseIterable { case status }

    init(from decoder: any Decoder) throws {
        try JSONBody.refuseUnknownKeys(decoder, CodingKeys.self)
        status = try decoder.container(keyedBy: CodingKeys.self).decode(TicketStatus.self, forKey: .status)
    }
}

/// `PATCH /api/v1/tickets/{number}`: only the keys present change.
struct UpdateTicketRequest: Decodable, Sendable {
    var priority: Priority?
    var tags: [String]?
    /// Field values to set; null removes a field.
    var fields: [String: JSONValue]?
    var category: String?
    var problem: ProblemRequest?
    /// Whether `category` was sent (null clears it).
    var hasCategory = false

    enum CodingKeys: String, CodingKey { case priority, tags, fields, category, problem }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        priority = try container.decodeIfPresent(Priority.self, forKey: .priority)
        tags = try container.decodeIfPresent([String].self, forKey: .tags)
        fields = try container.decodeIfPresent([String: JSONValue].self, forKey: .fields)
        hasCategory = container.contains(.category)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        problem = try container.decodeIfPresent(ProblemRequest.self, forKey: .problem)
    }
}
