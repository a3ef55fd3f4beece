import HummingbirdBcrypt
import NIOPosix
import Synchronization
import SwitchboardCore

/// Bcrypt hashing, off the concurrency pool (a hash takes a quarter second at cost 12).
struct PasswordHasher: Sendable {
    let cost: UInt8
    private let decoyHash = DecoyHash()

    init(cost: UInt8) {
        self.cost = cost
    }

    /// A hash that no password matches, at this hasher's cost, compared against when an account
    /// does not exist so that a wrong email takes as long as a wrong password. Made once, on first
    /// use (a quarter second at cost 12 is not worth paying at every start).
    func decoy() async throws -> String {
        if let made = decoyHash.value.withLock({ $0 }) { return made }
        let made = try await hash(Secrets.token())
        return decoyHash.value.withLock { value in
            if value == nil { value = made }
            return value!
        }
    }

    private final class DecoyHash: Sendable {
        let value = Mutex<String?>(nil)
    }

    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Checks a new password's shape: 10 to 200 characters.
    static func validate(_ password: String) throws {
        guard Limits.password.contains(password.count) else {
            throw APIError.badRequest("a password has \(Limits.password.lowerBound) to \(Limits.password.upperBound) characters", field: "password")
        }
    }
}
