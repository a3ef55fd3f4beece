import Foundation
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// One of the desk's settings documents (routing rules, SLA policies): read once, kept until
/// someone saves (on any node, by the `rulesChanged` notice), saved whole over the version it was
/// read at.
final class DeskSettings<Body: DeskDocumentBody>: Sendable {
    let store: any Store
    let bus: any EventBus
    private let cached = Mutex<(body: Body, version: Int64)?>(nil)

    init(store: any Store, bus: any EventBus) {
        self.store = store
        self.bus = bus
    }

    /// The settings now, with the version an edit must name (0 before the first save).
    func current() async throws -> (body: Body, version: Int64) {
        if let cached = cached.withLock({ $0 }) { return cached }
        var loaded = (body: Body.empty, version: Int64(0))
        if let document = try await store.document(named: Body.documentName) {
            guard let body = try? Body(document: document.body) else {
                throw StoreError(.corruptRow, "the stored \(Body.documentName) settings cannot be read")
            }
            loaded = (body, document.version)
        }
        cached.withLock { $0 = loaded }
        return loaded
    }

    func forget() {
        cached.withLock { $0 = nil }
    }

    /// Saves `body` (already checked) over `version`, and tells every node.
    func save(_ body: Body, over version: Int64, by agent: Agent.ID) async throws -> (body: Body, version: Int64) {
        let document = try await store.saveDocument(named: Body.documentName, body: try body.document(), expectedVersion: version, by: agent, at: Date())
        forget()
        bus.announce(.rulesChanged)
        return (body, document.version)
    }
}
