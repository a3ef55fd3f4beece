import Foundation

/// Something said on a ticket: a public reply the customer sees, or an internal note they never do.
public struct Message: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Message>

    public enum Visibility: String, Sendable, Codable, CaseIterable {
        /// Seen by the customer and the agents.
        case `public`
        /// Seen by agents only.
        case `internal`
    }

    public var id: ID
    public var ticketID: Ticket.ID
    public var author: MessageAuthor
    public var visibility: Visibility
    /// Plain text. Rendered escaped; never interpreted as HTML.
    public var body: String
    public var attachments: [Attachment]
    public var createdAt: Date
    /// The id its sender's client gave it (chat messages), if any.
    public var clientID: String?

    public init(
        id: ID, ticketID: Ticket.ID, author: MessageAuthor, visibility: Visibility, body: String,
        attachments: [Attachment], createdAt: Date
    ) {
        self.id = id
        self.ticketID = ticketID
        self.author = author
        self.visibility = visibility
        self.body = body
        self.attachments = attachments
        self.createdAt = createdAt
    }
}

/// Who wrote a message.
public enum MessageAuthor: Sendable, Hashable, Codable {
    case customer(Customer.ID)
    case agent(Agent.ID)
    case bot
    case system

    public var kind: String {
        switch self {
        case .customer: "customer"
        case .agent: "agent"
        case .bot: "bot"
        case .system: "system"
        }
    }

    public var id: Int64? {
        switch self {
        case .customer(let id): id.rawValue
        case .agent(let id): id.rawValue
        case .bot, .system: nil
        }
    }

    /// Rebuilds an author from its stored kind and id.
    public init?(kind: String, id: Int64?) {
        switch (kind, id) {
        case ("customer", let id?): self = .customer(Customer.ID(id))
        case ("agent", let id?): self = .agent(Agent.ID(id))
        case ("bot", nil): self = .bot
        case ("system", nil): self = .system
        default: return nil
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, id }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        let id = try container.decodeIfPresent(Int64.self, forKey: .id)
        guard let author = MessageAuthor(kind: kind, id: id) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown author")
        }
        self = author
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(id, forKey: .id)
    }
}

/// Metadata of a file attached to a message; the bytes live in attachment storage.
public struct Attachment: Sendable, Hashable, Codable {
    public var name: String
    public var contentType: String
    public var size: Int64
    /// Hex SHA-256 of the content, when known.
    public var sha256: String?

    /// The largest attachment the desk accepts.
    public static let maxSize: Int64 = 25 * 1024 * 1024

    public init(name: String, contentType: String, size: Int64, sha256: String? = nil) throws {
        self.name = try Validate.name(name, field: "attachments.name", maxLength: Limits.attachmentName)
        let type = contentType.trimmingWhitespace().lowercased()
        let parts = type.split(separator: "/")
        guard parts.count == 2, type.count <= 100,
              type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.;=/ ".contains($0)) })
        else {
            throw DomainError.invalidField("attachments.contentType", "not a media type such as image/png")
        }
        self.contentType = type
        guard (0...Self.maxSize).contains(size) else {
            throw DomainError.invalidField("attachments.size", "an attachment is at most 25 MiB")
        }
        self.size = size
        if let sha256 {
            guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else {
                throw DomainError.invalidField("attachments.sha256", "sha256 is 64 hex digits")
            }
        }
        self.sha256 = sha256?.lowercased()
    }
}

/// What is needed to add a message to a ticket.
public struct NewMessage: Sendable, Hashable {
    public var author: MessageAuthor
    public var visibility: Message.Visibility
    public var body: String
    public var attachments: [Attachment]
    /// The id the sender's client gave the message (a chat client resends a message whose
    /// acknowledgement it missed, under the same id, and it is stored once).
    public var clientID: String?

    public init(author: MessageAuthor, visibility: Message.Visibility, body: String, attachments: [Attachment] = [], clientID: String? = nil) throws {
        if case .customer = author, visibility == .internal {
            throw DomainError.forbidden("customers cannot write internal notes")
        }
        guard attachments.count <= Limits.attachmentsPerMessage else {
            throw DomainError.invalidField("attachments", "a message has at most \(Limits.attachmentsPerMessage) attachments")
        }
        self.author = author
        self.visibility = visibility
        self.body = try Validate.text(body, field: "body")
        self.attachments = attachments
        if let clientID {
            guard (1...64).contains(clientID.utf8.count), clientID.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
                throw DomainError.invalidField("id", "a message id is 1 to 64 printable ASCII characters")
            }
        }
        self.clientID = clientID
    }
}
