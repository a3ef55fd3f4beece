import Foundation
import Synchronization

/// Counts attempts per account and per client address in a sliding window and pauses either after
/// too many: the sign-in links mailed to customers, so nobody can flood a customer's inbox. A
/// paused link request still gets the usual answer, and the links already sent keep working: the
/// customer's way into support is never closed. (Agents' passwords have `SignInThrottle`.)
final class AttemptLimiter: Sendable {
    private struct Window {
        var failures: [Date] = []
    }

    private let limits: AttemptLimits
    private let state = Mutex<(accounts: [String: Window], addresses: [String: Window])>(([:], [:]))

    init(limits: AttemptLimits) {
        self.limits = limits
    }

    /// Seconds until the account or address may try again, or nil if it may try now.
    func retryAfter(account: String, address: String, now: Date) -> TimeInterval? {
        state.withLock { state in
            let accountWait = Self.wait(state.accounts[account], limit: limits.perAccount, window: limits.window, now: now)
            let addressWait = Self.wait(state.addresses[address], limit: limits.perAddress, window: limits.window, now: now)
            return [accountWait, addressWait].compactMap { $0 }.max()
        }
    }

    /// Counts one attempt (a failed sign-in, a link sent) against the account and the address.
    func record(account: String, address: String, now: Date) {
        state.withLock { state in
            Self.add(now, to: &state.accounts, key: account, window: limits.window)
            Self.add(now, to: &state.addresses, key: address, window: limits.window)
            // Bound memory under a spray of random accounts: forget idle windows.
            if state.accounts.count > 100_000 { state.accounts = state.accounts.filter { $0.value.failures.last.map { now.timeIntervalSince($0) < limits.window } ?? false } }
            if state.addresses.count > 100_000 { state.addresses = state.addresses.filter { $0.value.failures.last.map { now.timeIntervalSince($0) < limits.window } ?? false } }
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    func clear(account: String) {
        _ = state.withLock { $0.accounts.removeValue(forKey: account) }
    }

    private static func add(_ now: Date, to windows: inout [String: Window], key: String, window: TimeInterval) {
        var entry = windows[key] ?? Window()
        entry.failures = entry.failures.filter { now.timeIntervalSince($0) < window }
        entry.failures.append(now)
        windows[key] = entry
    }

    private static func wait(_ entry: Window?, limit: Int, window: TimeInterval, now: Date) -> TimeInterval? {
        guard let failures = entry?.failures.filter({ now.timeIntervalSince($0) < window }), failures.count >= limit else { return nil }
        return max(1, window - now.timeIntervalSince(failures[failures.count - limit]))
    }
}
