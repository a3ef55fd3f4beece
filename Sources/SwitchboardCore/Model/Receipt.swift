import Foundation

/// What a customer keeps of their case: its number, how many events its record held and the hash
/// of the last one (the head of the ticket's event chain), the time, signed with the desk's key.
/// Later anyone can ask the desk whether its record still extends that chain — a record changed
/// afterwards no longer does, and the customer can see it, not only staff.
public struct Receipt: Sendable, Hashable, Codable {
    public static let currentFormat = "switchboard-receipt/1"

    public var format: String
    /// The desk's address (where its keys are published).
    public var desk: String
    public var ticket: Int64
    /// The sequence number of the chain's head event: how many events the record held.
    public var events: Int64
    /// The head event's hash (64 hex digits).
    public var head: String
    /// When the receipt was issued, ISO 8601 in UTC.
    public var issuedAt: String
    /// Which of the desk's keys signed it.
    public var key: String
    /// The Ed25519 signature of `signedText`, base64.
    public var signature: String

    public init(desk: String, ticket: Int64, events: Int64, head: String, issuedAt: Date, key: String, signature: String = "") {
        format = Self.currentFormat
        self.desk = desk
        self.ticket = ticket
        self.events = events
        self.head = head
        self.issuedAt = Self.time(issuedAt)
        self.key = key
        self.signature = signature
    }

    /// The exact text the signature covers: every field but the signature, one per line.
    public var signedText: String {
        [format, desk, "ticket \(ticket)", "events \(events)", "head \(head)", "issued \(issuedAt)", "key \(key)"].joined(separator: "\n")
    }

    /// A receipt as a file holds it: JSON with every field, checked for shape (the signature and
    /// the record are checked by the desk). Anything else is an `invalid_field` on `receipt`.
    public static func read(_ bytes: [UInt8]) throws -> Receipt {
        guard bytes.count <= 16_384, let receipt = try? JSONDecoder().decode(Receipt.self, from: Data(bytes)) else {
            throw DomainError.invalidField("receipt", "this is not a Switchboard receipt")
        }
        guard receipt.format == currentFormat else { throw DomainError.invalidField("receipt", "this receipt's format is not one this desk reads") }
        let hex = receipt.head.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        guard receipt.ticket > 0, receipt.events > 0, receipt.head.utf8.count == 64, hex, receipt.key.utf8.count <= 64,
              receipt.desk.utf8.count <= 300, receipt.signature.utf8.count <= 200
        else {
            throw DomainError.invalidField("receipt", "this receipt is damaged")
        }
        return receipt
    }

    /// The receipt as the desk hands it out: pretty JSON, keys in a fixed order.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// What checking a receipt against the desk's record found.
    public enum Check: Sendable, Hashable {
        /// The record still holds the receipt's chain, now `events` long.
        case holds(events: Int)
        /// The signature is not the desk's (the receipt was altered or forged).
        case forged
        /// The record no longer extends the chain the receipt names: it was changed afterwards.
        case changed(reason: String)
        /// The desk has no such ticket any more.
        case missing

        public var code: String {
            switch self {
            case .holds: "holds"
            case .forged: "forged"
            case .changed: "changed"
            case .missing: "missing"
            }
        }
    }

    /// Whether a ticket's current events (ordered, already checked as one intact chain) still
    /// extend the chain this receipt names: the event at its length carries its head hash.
    public func check(intactEvents events: [TicketEvent]) -> Check {
        guard let event = events.first(where: { $0.sequence == self.events }) else {
            return .changed(reason: "the record no longer holds event \(self.events)")
        }
        guard event.hash == head else { return .changed(reason: "event \(self.events) is not the one this receipt was issued for") }
        return .holds(events: events.count)
    }
}
