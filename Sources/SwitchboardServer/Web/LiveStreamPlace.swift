import Synchronization

/// One live stream's place among those its session and its address may hold, given back when the
/// stream lets go of it — or, if the response was never written (the client left first), when
/// nothing holds it any more.
final class LiveStreamPlace: Sendable {
    private let places: Places
    private let keys: (first: String, second: String)
    private let held = Atomic(true)

    /// The place, or nil when the session or the address holds as many streams as it may.
    init?(in places: Places, session: String, address: String) {
        keys = (session, address)
        guard places.take(keys) else { return nil }
        self.places = places
    }

    func release() {
        if held.exchange(false, ordering: .relaxed) { places.giveBack(keys) }
    }

    deinit { release() }
}
