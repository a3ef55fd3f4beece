import Foundation
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// A secret the desk makes once and keeps as a desk document, so every node signs with the same
/// one (attachment addresses, survey links): read once, then held in memory.
final class StoredSecret: Sendable {
    let document: String
    let store: any Store
    let clock: any WallClock
    private let cached = Mutex<String?>(nil)

    init(document: String, store: any Store, clock: any WallClock) {
        self.document = document
        self.store = store
        self.clock = clock
    }

    func value() async throws -> String {
        if let known = cached.withLock({ $0 }) { return known }
        if let stored = try await store.document(named: document)?.body["key"]?.stringValue {
            cached.withLock { $0 = stored }
            return stored
        }
        do {
            _ = try await store.saveDocument(named: document, body: .object(["key": .string(Secrets.token(bytes: 32))]), expectedVersion: 0, by: nil, at: clock.now())
        } catch let error as DomainError where error.code == .conflict {
            // Another node made it first: theirs is the key.
        }
        guard let stored = try await store.document(named: document)?.body["key"]?.stringValue else {
            throw StoreError(.unavailable, "the \(document) could not be read")
        }
        cached.withLock { $0 = stored }
        return stored
    }
}
