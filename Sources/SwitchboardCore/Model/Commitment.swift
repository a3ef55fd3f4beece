import Foundation

/// A promise an agent made to the customer, with the time it is due ("refund within 3 days"):
/// the customer sees it, the agent is reminded before it is due, and at the due time it is kept
/// (the agent says so) or missed (the desk says so, and escalates).
public struct Commitment: Sendable, Hashable {
    /// Short, unique within the ticket (the event that made it refers to it).
    public var id: String
    public var text: String
    public var dueAt: Date

    public init(id: String, text: String, dueAt: Date) {
        self.id = id
        self.text = text
        self.dueAt = dueAt
    }

    /// A new promise, checked: words of at most `Limits.commitment` characters, due after `now`
    /// and within a year.
    public static func new(id: String, text: String, dueAt: Date, now: Date) throws -> Commitment {
        let text = try Validate.text(text, field: "text", maxLength: Limits.commitment)
        guard dueAt > now else { throw DomainError.invalidField("dueAt", "a promise is due in the future") }
        guard dueAt.timeIntervalSince(now) <= 366 * 86_400 else { throw DomainError.invalidField("dueAt", "a promise is due within a year") }
        return Commitment(id: id, text: text, dueAt: dueAt)
    }

    /// Where a promise stands.
    public enum State: String, Sendable, Hashable {
        case open, kept, missed
    }

    /// A ticket's promises from its events, in the order they were made, each with its state
    /// (and the note it was kept with).
    public static func all(in changes: [TicketChange]) -> [(commitment: Commitment, state: State, note: String?)] {
        var list: [(commitment: Commitment, state: State, note: String?)] = []
        for change in changes {
            switch change {
            case .commitmentMade(let commitment):
                list.append((commitment, .open, nil))
            case .commitmentKept(let id, let note):
                if let index = list.firstIndex(where: { $0.commitment.id == id }) { list[index].state = .kept; list[index].note = note }
            case .commitmentMissed(let id):
                if let index = list.firstIndex(where: { $0.commitment.id == id && $0.state == .open }) { list[index].state = .missed }
            default:
                break
            }
        }
        return list
    }
}

/// Why the desk escalated a ticket.
public enum EscalationCause: String, Sendable, Hashable, Codable {
    case firstResponse = "first-response"
    case nextResponse = "next-response"
    case resolution
    case commitmentMissed = "commitment-missed"
    /// Transferred back to the team that sent it, soon after: nobody owns the case.
    case bouncedBack = "bounced-back"
    /// The customer's survey said the problem was not solved, or scored it low.
    case lowSatisfaction = "low-satisfaction"

    public init(_ target: SLATarget) {
        switch target {
        case .firstResponse: self = .firstResponse
        case .nextResponse: self = .nextResponse
        case .resolution: self = .resolution
        }
    }
}

/// Times inside event payloads: whole milliseconds since 1970, so the canonical text (and so the
/// hash) of an event is the same on every node and engine.
public enum EventTime {
    public static func value(_ date: Date) -> JSONValue {
        .number(Double((date.timeIntervalSince1970 * 1000).rounded()))
    }

    public static func date(_ value: JSONValue?) -> Date? {
        guard case .number(let milliseconds)? = value, milliseconds == milliseconds.rounded() else { return nil }
        return Date(timeIntervalSince1970: milliseconds / 1000)
    }
}
