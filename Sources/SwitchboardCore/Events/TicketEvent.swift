import Foundation

/// An append-only, hash-chained record of one thing that happened to a ticket.
public struct TicketEvent: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<TicketEvent>

    public var id: ID
    public var ticketID: Ticket.ID
    /// 1, 2, 3… within the ticket.
    public var sequence: Int64
    public var kind: EventKind
    public var actor: EventActor
    public var data: JSONValue
    public var createdAt: Date
    /// Hex SHA-256 of the previous event (64 zeros for the first).
    public var previousHash: String
    /// Hex SHA-256 of `previousHash` and this event's canonical content.
    public var hash: String

    public init(
        id: ID, ticketID: Ticket.ID, sequence: Int64, kind: EventKind, actor: EventActor, data: JSONValue,
        createdAt: Date, previousHash: String, hash: String
    ) {
        self.id = id
        self.ticketID = ticketID
        self.sequence = sequence
        self.kind = kind
        self.actor = actor
        self.data = data
        self.createdAt = createdAt
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The typed change this event recorded (see `TicketChange.init(kind:data:)`).
    public func change() throws -> TicketChange {
        try TicketChange(kind: kind, data: data)
    }

    /// Whether the customer's progress timeline shows this event. An event that cannot be read
    /// (a kind from a newer Switchboard, a damaged payload) is shown to staff only.
    public var isCustomerVisible: Bool {
        (try? change())?.isCustomerVisible ?? false
    }
}

/// Who caused an event.
public enum EventActor: Sendable, Hashable, Codable {
    case agent(Agent.ID)
    case customer(Customer.ID)
    case integration(Int64)
    case bot
    case system

    public var kind: String {
        switch self {
        case .agent: "agent"
        case .customer: "customer"
        case .integration: "integration"
        case .bot: "bot"
        case .system: "system"
        }
    }

    public var id: Int64? {
        switch self {
        case .agent(let id): id.rawValue
        case .customer(let id): id.rawValue
        case .integration(let id): id
        case .bot, .system: nil
        }
    }

    public init?(kind: String, id: Int64?) {
        switch (kind, id) {
        case ("agent", let id?): self = .agent(Agent.ID(id))
        case ("customer", let id?): self = .customer(Customer.ID(id))
        case ("integration", let id?): self = .integration(id)
        case ("bot", nil): self = .bot
        case ("system", nil): self = .system
        default: return nil
        }
    }

    /// The message author matching this actor, where there is one.
    public var messageAuthor: MessageAuthor {
        switch self {
        case .agent(let id): .agent(id)
        case .customer(let id): .customer(id)
        case .bot: .bot
        case .integration, .system: .system
        }
    }

    private enum CodingKeys: String, CodingKey { case kind, id }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let actor = EventActor(
            kind: try container.decode(String.self, forKey: .kind),
            id: try container.decodeIfPresent(Int64.self, forKey: .id)
        ) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown actor")
        }
        self = actor
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(id, forKey: .id)
    }
}

extension Date {
    /// Whole milliseconds since 1970 — the precision every store keeps.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// This date truncated to what the stores keep, so values compare equal after a round trip.
    public var roundedToMilliseconds: Date { Date(millisecondsSince1970: millisecondsSince1970) }
}
