import Synchronization

/// The open live streams per session (or API token) and per client address. A stream holds a
/// place from its start until it ends, however it ends.
final class LiveStreamCounts: Sendable {
    private let limits: LiveStreamLimits
    private let state = Mutex<(bySession: [String: Int], byAddress: [String: Int])>(([:], [:]))

    init(limits: LiveStreamLimits) {
        self.limits = limits
    }

    /// A place for a new stream, or nil when the session or the address holds as many as it may.
    func open(session: String, address: String) -> Place? {
        let taken = state.withLock { state in
            let fromSession = state.bySession[session, default: 0], fromAddress = state.byAddress[address, default: 0]
            if limits.perSession > 0, fromSession >= limits.perSession { return false }
            if limits.perAddress > 0, fromAddress >= limits.perAddress { return false }
            state.bySession[session] = fromSession + 1
            state.byAddress[address] = fromAddress + 1
            return true
        }
        return taken ? Place(counts: self, session: session, address: address) : nil
    }

    fileprivate func close(session: String, address: String) {
        state.withLock { state in
            state.bySession[session] = state.bySession[session].flatMap { $0 > 1 ? $0 - 1 : nil }
            state.byAddress[address] = state.byAddress[address].flatMap { $0 > 1 ? $0 - 1 : nil }
        }
    }

    /// One stream's place, given back when the stream lets go of it — or, if the response was never
    /// written (the client left first), when nothing holds it any more.
    final class Place: Sendable {
        private let counts: LiveStreamCounts
        private let session: String
        private let address: String
        private let held = Atomic(true)

        fileprivate init(counts: LiveStreamCounts, session: String, address: String) {
            self.counts = counts
            self.session = session
            self.address = address
        }

        func release() {
            if held.exchange(false, ordering: .relaxed) { counts.close(session: session, address: address) }
        }

        deinit { release() }
    }
}
