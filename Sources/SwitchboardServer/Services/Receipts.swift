import Crypto
import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Receipts customers keep of their cases, signed with the desk's Ed25519 key, and their check.
///
/// The keys live in one desk document: every key the desk ever signed with, newest last (the one
/// that signs). Rotating adds a key and keeps the old ones, so receipts signed before still
/// verify; the public halves are published at `/.well-known/switchboard-keys`.
public struct Receipts: Sendable {
    let store: any Store
    let clock: any WallClock
    let baseURL: String

    /// Receipts of the desk in `store` (the CLI's `verify` and `rotate-receipt-key` use this).
    public init(store: any Store, clock: any WallClock = SystemClock(), baseURL: String) {
        self.store = store
        self.clock = clock
        self.baseURL = baseURL
    }

    static let document = "receipt-keys"

    public struct Key: Sendable {
        public var id: String
        var privateKey: Curve25519.Signing.PrivateKey
        public var createdAt: Date
        public var publicBase64: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }
    }

    /// Every key, oldest first; one is made on first use.
    public func keys() async throws -> [Key] {
        if let stored = try await store.document(named: Self.document), !Self.keys(in: stored.body).isEmpty {
            return Self.keys(in: stored.body)
        }
        do {
            _ = try await save([Self.newKey(number: 1, at: clock.now())], expectedVersion: 0)
        } catch let error as DomainError where error.code == .conflict {
            // Another node made the first key: theirs signs.
        }
        return Self.keys(in: try await store.document(named: Self.document)?.body ?? .null)
    }

    /// Adds a new signing key; the old ones stay to verify the receipts they signed. The keys and
    /// the version written against are one read: a rotation elsewhere meanwhile is a conflict,
    /// never an overwrite.
    public func rotate() async throws -> Key {
        _ = try await keys()
        guard let stored = try await store.document(named: Self.document) else { throw StoreError(.unavailable, "no receipt keys") }
        let keys = Self.keys(in: stored.body)
        let key = Self.newKey(number: keys.count + 1, at: clock.now())
        _ = try await save(keys + [key], expectedVersion: stored.version)
        return key
    }

    /// A receipt for the ticket as its record stands now. A record that fails its own check gets
    /// none (`conflict`): a receipt would vouch for a chain that is already broken.
    public func issue(for ticket: Ticket) async throws -> Receipt {
        guard case .intact(let count, let head)? = try await store.verifyTicket(number: ticket.number), count > 0 else {
            throw DomainError(.conflict, "this request's record does not pass its own check", field: "receipt")
        }
        guard let key = try await keys().last else { throw StoreError(.unavailable, "no receipt key") }
        var receipt = Receipt(desk: baseURL, ticket: ticket.number, events: Int64(count), head: head, issuedAt: clock.now(), key: key.id)
        receipt.signature = try key.privateKey.signature(for: Array(receipt.signedText.utf8)).base64EncodedString()
        return receipt
    }

    /// Whether the receipt is the desk's, and whether the desk's current record still extends the
    /// chain it names.
    public func check(_ receipt: Receipt) async throws -> Receipt.Check {
        // Checking writes nothing: a desk without keys signed nothing.
        let keys = try await store.document(named: Self.document).map { Self.keys(in: $0.body) } ?? []
        guard let key = keys.first(where: { $0.id == receipt.key }), let signature = Data(base64Encoded: receipt.signature),
              key.privateKey.publicKey.isValidSignature(signature, for: Array(receipt.signedText.utf8))
        else { return .forged }
        switch try await store.verifyTicket(number: receipt.ticket) {
        case nil:
            return .missing
        case .broken(let broken)?:
            return .changed(reason: broken.reason)
        case .intact?:
            guard let ticket = try await store.ticket(number: receipt.ticket) else { return .missing }
            return receipt.check(intactEvents: try await store.events(ticket: ticket.id))
        }
    }

    private func save(_ keys: [Key], expectedVersion: Int64) async throws -> DeskDocument {
        let body: JSONValue = ["keys": .array(keys.map { key -> JSONValue in
            [
                "id": .string(key.id), "private": .string(key.privateKey.rawRepresentation.base64EncodedString()),
                "public": .string(key.publicBase64), "createdAt": EventTime.value(key.createdAt),
            ]
        })]
        return try await store.saveDocument(named: Self.document, body: body, expectedVersion: expectedVersion, by: nil, at: clock.now())
    }

    private static func newKey(number: Int, at now: Date) -> Key {
        Key(id: "k\(number)-\(Secrets.token(bytes: 4))", privateKey: Curve25519.Signing.PrivateKey(), createdAt: now)
    }

    private static func keys(in body: JSONValue) -> [Key] {
        guard case .array(let items)? = body["keys"] else { return [] }
        return items.compactMap { item in
            guard let id = item["id"]?.stringValue, let raw = item["private"]?.stringValue.flatMap({ Data(base64Encoded: $0) }),
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
            else { return nil }
            return Key(id: id, privateKey: key, createdAt: EventTime.date(item["createdAt"]) ?? Date(timeIntervalSince1970: 0))
        }
    }
}
