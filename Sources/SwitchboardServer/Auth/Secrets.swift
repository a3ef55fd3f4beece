import Crypto
import Foundation
import SwitchboardCore

/// Random tokens and their stored hashes. Only hashes of secrets reach the database.
public enum Secrets {
    /// A random URL-safe token with `bytes` bytes of entropy, optionally prefixed ("sb_…").
    public static func token(bytes: Int = 32, prefix: String = "") -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Hex SHA-256 of a token, as stored.
    public static func hash(_ token: String) -> String {
        EventChain.hex(Array(SHA256.hash(data: Array(token.utf8))))
    }

    /// Hex HMAC-SHA256 of `message` under `key`.
    static func hmac(_ message: String, key: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: Array(key.utf8)))
        return EventChain.hex(Array(code))
    }

    /// Compares two strings in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
