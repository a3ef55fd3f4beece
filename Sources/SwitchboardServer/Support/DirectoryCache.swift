import Foundation
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// Organizations, teams and agents, small enough to keep in memory: rendering a ticket list needs
/// their names for every row. Refreshed after a short time (other nodes may change them) and at
/// once when this node changes them.
public final class DirectoryCache: Sendable {
    /// One consistent view of the directory.
    public struct Snapshot: Sendable {
        public let organizations: [Organization.ID: Organization]
        public let teams: [Team.ID: Team]
        public let agents: [Agent.ID: Agent]
        let loadedAt: ContinuousClock.Instant

        public var platform: Organization? { organizations.values.first { $0.kind == .platform } }
    }

    private let store: any Store
    private let cached = Mutex<Snapshot?>(nil)
    static let lifetime: Duration = .seconds(5)

    init(store: any Store) {
        self.store = store
    }

    public func snapshot() async throws -> Snapshot {
        if let current = cached.withLock({ $0 }), ContinuousClock.now - current.loadedAt < Self.lifetime {
            return current
        }
        let organizations = try await store.organizations()
        let teams = try await store.teams(organization: nil)
        let agents = try await store.agents(organization: nil)
        let snapshot = Snapshot(
            organizations: Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0) }),
            teams: Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0) }),
            agents: Dictionary(uniqueKeysWithValues: agents.map { ($0.id, $0) }),
            loadedAt: .now
        )
        cached.withLock { $0 = snapshot }
        return snapshot
    }

    /// Forgets the snapshot after this node changed the directory.
    public func invalidate() {
        cached.withLock { $0 = nil }
    }
}
