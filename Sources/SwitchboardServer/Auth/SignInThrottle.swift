import Foundation
import Synchronization

/// How long an agent's sign-in attempt must wait after failures, by where the failures came from.
///
/// A lock keyed by the account alone lets anyone lock an agent out by typing wrong passwords for
/// them; a lock keyed by the address alone lets one noisy machine lock out a whole office behind
/// one NAT address. So failures count in three places, each with a delay that doubles from one
/// second after some free attempts, up to a cap:
/// - the account on this device or address (the guesser's own door: a long cap);
/// - this address, for every account (someone trying many accounts: a short cap, so colleagues
///   behind the same address are slowed for a minute at most, never locked out);
/// - the account from everywhere (many addresses guessing one password: a middle cap, starting
///   later than one address can reach within the window).
/// A device the agent signed in from before (`SignInDevices`) counts only against itself: failures
/// elsewhere never delay the agent's own laptop, and a stolen device cookie is still only one door.
final class SignInThrottle: Sendable {
    struct Policy: Sendable {
        /// Failures within `window` before delays start, and the longest delay, per counter.
        var sourceFree = 5, sourceCap: TimeInterval = 15 * 60
        var addressFree = 20, addressCap: TimeInterval = 60
        var accountFree = 50, accountCap: TimeInterval = 5 * 60
        /// A counter starts again after this long without a failure: longer than every cap, so
        /// a guesser who waits out each delay is still counted.
        var window: TimeInterval = 60 * 60
    }

    /// Where an attempt comes from: a device the account signed in from before, or an address.
    enum Source: Hashable, Sendable {
        case knownDevice(String)
        case address(String)
    }

    private struct Failures {
        var count = 0
        var last = Date.distantPast
    }

    private let policy: Policy
    private let state = Mutex<[String: Failures]>([:])

    init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Seconds this attempt must still wait, or nil if it may go ahead now.
    func retryAfter(account: String, source: Source, address: String, now: Date) -> TimeInterval? {
        state.withLock { counters in
            let waits = keys(account: account, source: source, address: address).map { key, free, cap in
                Self.wait(counters[key], free: free, cap: cap, window: policy.window, now: now)
            }
            return waits.compactMap { $0 }.max()
        }
    }

    /// Counts a wrong password (or an unknown account) against every counter the attempt touches.
    func recordFailure(account: String, source: Source, address: String, now: Date) {
        state.withLock { counters in
            for (key, _, _) in keys(account: account, source: source, address: address) {
                var entry = counters[key] ?? Failures()
                if now.timeIntervalSince(entry.last) >= policy.window { entry.count = 0 }
                entry.count += 1
                entry.last = now
                counters[key] = entry
            }
            // Bound memory under a spray of made-up accounts: forget what the window has passed.
            if counters.count > 100_000 {
                counters = counters.filter { now.timeIntervalSince($0.value.last) < policy.window }
            }
        }
    }

    /// A right password clears the account's counters for this source (not the address's: one
    /// success among many guesses must not reset a sprayer's delay).
    func recordSuccess(account: String, source: Source) {
        _ = state.withLock { $0.removeValue(forKey: Self.sourceKey(account, source)) }
    }

    private func keys(account: String, source: Source, address: String) -> [(String, Int, TimeInterval)] {
        var keys = [(Self.sourceKey(account, source), policy.sourceFree, policy.sourceCap)]
        if case .address = source {
            keys.append(("address " + address, policy.addressFree, policy.addressCap))
            keys.append(("account " + account, policy.accountFree, policy.accountCap))
        }
        return keys
    }

    private static func sourceKey(_ account: String, _ source: Source) -> String {
        switch source {
        case .knownDevice(let device): "device \(device) \(account)"
        case .address(let address): "pair \(address) \(account)"
        }
    }

    /// One second after the free attempts, doubling with each further failure, up to `cap`,
    /// counted from the last failure.
    private static func wait(_ entry: Failures?, free: Int, cap: TimeInterval, window: TimeInterval, now: Date) -> TimeInterval? {
        guard let entry, now.timeIntervalSince(entry.last) < window, entry.count >= free else { return nil }
        let delay = min(cap, pow(2, Double(min(entry.count - free, 30))))
        let remaining = delay - now.timeIntervalSince(entry.last)
        return remaining > 0 ? max(1, remaining.rounded(.up)) : nil
    }
}
