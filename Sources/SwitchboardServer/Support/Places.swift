import Synchronization

/// Places held under two caps at once, each counted per key: a connection is counted in all and
/// per client address, a live stream per session and per address. A place is taken in both or
/// in neither, so one greedy holder cannot take another's share; a cap of 0 is no cap.
final class Places: Sendable {
    private let caps: (first: Int, second: Int)
    private let held = Mutex<(first: [String: Int], second: [String: Int])>(([:], [:]))

    init(caps: (first: Int, second: Int)) {
        self.caps = caps
    }

    /// Takes a place for `keys`, or says no (and takes nothing) when either key holds its cap.
    func take(_ keys: (first: String, second: String)) -> Bool {
        held.withLock { held in
            let first = held.first[keys.first, default: 0], second = held.second[keys.second, default: 0]
            if caps.first > 0, first >= caps.first { return false }
            if caps.second > 0, second >= caps.second { return false }
            held.first[keys.first] = first + 1
            held.second[keys.second] = second + 1
            return true
        }
    }

    /// Gives back a place taken for `keys`.
    func giveBack(_ keys: (first: String, second: String)) {
        held.withLock { held in
            held.first[keys.first] = held.first[keys.first].flatMap { $0 > 1 ? $0 - 1 : nil }
            held.second[keys.second] = held.second[keys.second].flatMap { $0 > 1 ? $0 - 1 : nil }
        }
    }
}
