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
    private let state = Mutex<(counters: [String: Failures], prunedAt: Date)>(([:], .distantPast))

    init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Seconds this attempt must still wait, or nil if it may go ahead now.
    func retryAfter(account: String, source: Source, address: String, now: Date) -> TimeInterval? {
        state.withLock { state in wait(state.counters, account: account, source: source, address: address, now: now) }
    }

    /// Lets an attempt go ahead — or says how long it must wait — and counts it as a failure at
    /// once, in the same step: a thousand guesses sent together must not all pass the check while
    /// the first is still being hashed. A right password takes the count back (`succeeded`).
    func begin(account: String, source: Source, address: String, now: Date) -> TimeInterval? {
        state.withLock { state in
            if let wait = wait(state.counters, account: account, source: source, address: address, now: now) { return wait }
            count(&state, account: account, source: source, address: address, now: now)
            return nil
        }
    }

    /// Counts one failure, whether or not the attempt was allowed (a history replayed in tests).
    func recordFailure(account: String, source: Source, address: String, now: Date) {
        state.withLock { count(&$0, account: account, source: source, address: address, now: now) }
    }

    private func count(_ state: inout (counters: [String: Failures], prunedAt: Date), account: String, source: Source, address: String, now: Date) {
        for (key, _, _) in keys(account: account, source: source, address: address) {
            var entry = state.counters[key] ?? Failures()
            if now.timeIntervalSince(entry.last) >= policy.window { entry.count = 0 }
            entry.count += 1
            entry.last = now
            state.counters[key] = entry
        }
        // Bound memory under a spray of made-up accounts: now and then, forget what the window
        // has passed (not on every failure: with many live counters that would be all the work).
        if state.counters.count > 100_000, now.timeIntervalSince(state.prunedAt) > 60 {
            state.counters = state.counters.filter { now.timeIntervalSince($0.value.last) < policy.window }
            state.prunedAt = now
        }
    }

    /// The password was right: the account's counter for this source is cleared, and the failure
    /// `begin` counted is taken back from the address and the account (one success among many
    /// guesses must not reset a sprayer's delay, nor count against colleagues).
    func succeeded(account: String, source: Source, address: String) {
        state.withLock { state in
            state.counters.removeValue(forKey: Self.sourceKey(account, source))
            for (key, _, _) in keys(account: account, source: source, address: address).dropFirst() {
                if var entry = state.counters[key], entry.count > 0 {
                    entry.count -= 1
                    state.counters[key] = entry
                }
            }
        }
    }

    private func wait(_ counters: [String: Failures], account: String, source: Source, address: String, now: Date) -> TimeInterval? {
        keys(account: account, source: source, address: address).compactMap { key, free, cap in
            Self.wait(counters[key], free: free, cap: cap, window: policy.window, now: now)
        }.max()
    }

    private func keys(account: String, source: Source, address: String) -> [(String, Int, TimeInterval)] {
        var keys = [(Self.sourceKey(account, source), policy.sourceFree, policy.sourceCap)]
        if case .address = source {
            keys.append(("address " + Self.network(address), policy.addressFree, policy.addressCap))
            keys.append(("account " + account, policy.accountFree, policy.accountCap))
        }
        return keys
    }

    /// The unit an address limit counts: an IPv4 address, or an IPv6 /64 (one home or office
    /// network, which hands its machines as many addresses as they like).
    static func network(_ address: String) -> String {
        guard let bytes = IPRange.bytes(address), bytes.count == 16 else { return address }
        return bytes.prefix(8).map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
    }

    private static func sourceKey(_ account: String, _ source: Source) -> String {
        switch source {
        case .knownDevice(let device): "device \(device) \(account)"
        case .address(let address): "pair \(network(address)) \(account)"
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
