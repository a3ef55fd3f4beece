import HummingbirdBcrypt
import NIOPosix

/// Bcrypt hashing, off the concurrency pool (a hash takes a quarter second at cost 12).
struct PasswordHasher: Sendable {
    let cost: UInt8

    /// A hash that no password matches, compared against when an account does not exist so that
    /// a wrong email takes as long as a wrong password.
    static let decoy = Bcrypt.hash("switchboard-decoy-password", cost: 4)

    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Checks a new password's shape: 10 to 200 characters.
    static func validate(_ password: String) throws {
        guard (10...200).contains(password.count) else {
            throw APIError.badRequest("a password has 10 to 200 characters", field: "password")
        }
    }
}
