import Foundation

/// The hash chain over a ticket's events: each event's hash covers the previous hash and its own
/// canonical content, so changing, removing or reordering any stored event is detectable.
public enum EventChain {
    /// The previous-hash of a ticket's first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// A SHA-256 implementation, supplied by the caller (Core does no cryptography of its own).
    public typealias Digest = @Sendable ([UInt8]) -> [UInt8]

    /// The canonical, versioned text of one event.
    public static func canonicalContent(
        ticketID: Ticket.ID, sequence: Int64, kind: EventKind, actor: EventActor, data: JSONValue, createdAt: Date
    ) -> String {
        canonicalContent(ticketID: ticketID, sequence: sequence, kind: kind, actor: actor, canonicalData: data.canonical, createdAt: createdAt)
    }

    /// The same, for data already in canonical form (writers serialise it once for the hash and the row).
    public static func canonicalContent(
        ticketID: Ticket.ID, sequence: Int64, kind: EventKind, actor: EventActor, canonicalData: String, createdAt: Date
    ) -> String {
        [
            "switchboard-event-v1",
            String(ticketID.rawValue),
            String(sequence),
            kind.rawValue,
            actor.kind + ":" + (actor.id.map(String.init) ?? "-"),
            String(createdAt.millisecondsSince1970),
            canonicalData,
        ].joined(separator: "\n")
    }

    /// The hash of an event given its predecessor's hash.
    public static func hash(previous: String, content: String, digest: Digest) -> String {
        hex(digest(Array((previous + "\n" + content).utf8)))
    }

    /// Hex encoding, lowercase.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Walks `events` (ordered by sequence) and names the first one that does not match.
    public static func verify(_ events: [TicketEvent], digest: Digest) -> ChainVerification {
        var previous = genesisHash
        for (offset, event) in events.enumerated() {
            let expectedSequence = Int64(offset + 1)
            guard event.sequence == expectedSequence else {
                return .broken(ChainBreak(
                    sequence: expectedSequence, eventID: event.id,
                    reason: "expected event \(expectedSequence) but found event \(event.sequence): an event is missing or out of order"
                ))
            }
            guard event.previousHash == previous else {
                return .broken(ChainBreak(
                    sequence: event.sequence, eventID: event.id,
                    reason: "event \(event.sequence) does not point at the hash of the event before it"
                ))
            }
            let content = canonicalContent(
                ticketID: event.ticketID, sequence: event.sequence, kind: event.kind, actor: event.actor,
                data: event.data, createdAt: event.createdAt
            )
            guard hash(previous: previous, content: content, digest: digest) == event.hash else {
                return .broken(ChainBreak(
                    sequence: event.sequence, eventID: event.id,
                    reason: "the content of event \(event.sequence) does not match its hash"
                ))
            }
            previous = event.hash
        }
        return .intact(count: events.count, head: previous)
    }
}

/// The result of walking a ticket's chain.
public enum ChainVerification: Sendable, Hashable {
    case intact(count: Int, head: String)
    case broken(ChainBreak)

    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }
}

/// The first event that does not match, and why.
public struct ChainBreak: Sendable, Hashable, Codable {
    public var sequence: Int64
    public var eventID: TicketEvent.ID
    public var reason: String

    public init(sequence: Int64, eventID: TicketEvent.ID, reason: String) {
        self.sequence = sequence
        self.eventID = eventID
        self.reason = reason
    }
}
