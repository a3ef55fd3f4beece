import Synchronization

/// Wakes one sleeper early: `ring()` ends the current (or next) `sleep(upTo:)` at once. Rings
/// while nobody sleeps are kept as one, so a wake-up is never lost between two sleeps.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var sleeper: CheckedContinuation<Void, Never>?
        var closed = false
    }

    private let state = Mutex(State())

    func ring() {
        let sleeper = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let sleeper = state.sleeper else {
                state.rung = true
                return nil
            }
            state.sleeper = nil
            return sleeper
        }
        sleeper?.resume()
    }

    /// Wakes the sleeper and every later one at once (shutting down).
    func close() {
        state.withLock { $0.closed = true }
        ring()
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Sleeps until rung, closed, cancelled, or `limit` has passed.
    func sleep(upTo limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: limit) }
            group.addTask { await self.waitForRing() }
            await group.next()
            group.cancelAll()
            // The waiter may still be registered after a timeout: take it back.
            let leftover = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.sleeper = nil }
                return state.sleeper
            }
            leftover?.resume()
        }
    }

    private func waitForRing() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.rung || state.closed || Task.isCancelled {
                        state.rung = false
                        return true
                    }
                    state.sleeper = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.sleeper = nil }
                return state.sleeper
            }
            sleeper?.resume()
        }
    }
}
