import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// Remembers the browsers an agent has signed in from, with a cookie the desk signs: the agent's
/// id and a random device id under an HMAC of a desk secret. It proves nothing by itself (the
/// password is still asked); it only tells the sign-in throttle that failures elsewhere are not
/// this device's, so an attacker cannot lock an agent out of their own laptop.
struct SignInDevices: Sendable {
    static let cookieName = "sb_device"
    /// A year: the device is known for as long as the agent keeps using it.
    static let lifetime = 365 * 86_400

    let store: any Store
    let secureCookies: Bool

    /// The device id in `cookie`, when the desk signed it for `agent`.
    func knownDevice(_ cookie: String?, agent: Agent.ID) async throws -> String? {
        guard let cookie, cookie.count < 200 else { return nil }
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == String(agent.rawValue), !parts[1].isEmpty else { return nil }
        let expected = Secrets.hmac("\(parts[0]).\(parts[1])", key: try await secret())
        return Secrets.constantTimeEqual(expected, parts[2]) ? parts[1] : nil
    }

    /// The cookie that marks this browser as one `agent` signs in from (the same device id again
    /// when it was known).
    func cookie(for agent: Agent.ID, device: String?) async throws -> Cookie {
        let id = device ?? Secrets.token(bytes: 16)
        let value = "\(agent.rawValue).\(id).\(Secrets.hmac("\(agent.rawValue).\(id)", key: try await secret()))"
        return Cookie(name: Self.cookieName, value: value, maxAge: Self.lifetime, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
    }

    private func secret() async throws -> String {
        try await store.setting("device_secret") { Secrets.token(bytes: 32) }
    }
}
