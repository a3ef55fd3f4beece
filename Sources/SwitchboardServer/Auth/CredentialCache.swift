import Foundation
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// Remembers recently seen API tokens and sessions for a few seconds, so a busy integration or
/// agent screen does not cost a database read per request. Revoking a token or signing out
/// forgets it at once on this node; other nodes notice within `lifetime`.
final class CredentialCache: Sendable {
    enum Credential: Sendable {
        case token(APIToken)
        case session(StoredSession)
        /// Known not to exist (so a flood of bad tokens does not reach the database either).
        case unknown
    }

    private struct Entry {
        let credential: Credential
        let fetchedAt: ContinuousClock.Instant
    }

    static let lifetime: Duration = .seconds(5)
    private static let capacity = 50_000
    private let entries = Mutex<[String: Entry]>([:])

    func credential(_ hash: String, load: () async throws -> Credential) async throws -> Credential {
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[hash] }), now - entry.fetchedAt < Self.lifetime {
            return entry.credential
        }
        let credential = try await load()
        entries.withLock { entries in
            if entries.count >= Self.capacity {
                entries = entries.filter { now - $0.value.fetchedAt < Self.lifetime }
                if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[hash] = Entry(credential: credential, fetchedAt: now)
        }
        return credential
    }

    func forget(_ hash: String) {
        _ = entries.withLock { $0.removeValue(forKey: hash) }
    }

    func forgetAll() {
        entries.withLock { $0.removeAll() }
    }
}

/// Customer names for responses. A name never changes once given (there is no rename), and a merge
/// keeps the survivor's, so entries stay true; the cache is only bounded in size.
final class CustomerNames: Sendable {
    private static let capacity = 200_000
    private let names = Mutex<[Customer.ID: String]>([:])
    private let store: any Store

    init(store: any Store) {
        self.store = store
    }

    func names(for ids: [Customer.ID]) async throws -> [Customer.ID: String] {
        var found: [Customer.ID: String] = [:]
        var missing: [Customer.ID] = []
        names.withLock { names in
            for id in ids {
                if let name = names[id] { found[id] = name } else { missing.append(id) }
            }
        }
        guard !missing.isEmpty else { return found }
        let loaded = try await store.customers(ids: missing)
        names.withLock { names in
            if names.count + loaded.count > Self.capacity { names.removeAll(keepingCapacity: true) }
            for customer in loaded {
                names[customer.id] = customer.name
                found[customer.id] = customer.name
            }
        }
        return found
    }

    func name(for id: Customer.ID) async throws -> String {
        try await names(for: [id])[id] ?? ""
    }

    func remember(_ id: Customer.ID, name: String) {
        names.withLock { $0[id] = name }
    }
}
