import Foundation
import Logging
import PostgresNIO

/// Short messages between the nodes that share one database: PostgreSQL `LISTEN/NOTIFY` on a
/// channel of the desk's own (each schema its own, so desks and test runs sharing a server do
/// not hear each other). A message is at most a few hundred bytes and is lost if no node listens.
public protocol NodeSignals: Sendable {
    /// Sends `payload` to every listening node, this one included.
    func send(_ payload: String) async throws
    /// Calls `receive` with each payload until the task is cancelled. `connected` runs each time
    /// listening (re)starts: whatever was sent while it was not listening is lost.
    func listen(connected: @escaping @Sendable () async -> Void, receive: @escaping @Sendable (String) async -> Void) async throws
}

extension PostgresDatabase: NodeSignals {
    /// The channel name: `switchboard`, or `switchboard_<schema>` for a desk in its own schema.
    var signalChannel: String { schema.map { "switchboard_\($0)" } ?? "switchboard" }

    public func send(_ payload: String) async throws {
        try await write { connection in
            try await connection.query("SELECT pg_notify(?, ?)", [.text(self.signalChannel), .text(payload)])
        }
    }

    public func listen(connected: @escaping @Sendable () async -> Void, receive: @escaping @Sendable (String) async -> Void) async throws {
        try await client.withConnection { connection in
            try await connection.listen(on: signalChannel) { notifications in
                await connected()
                for try await notification in notifications {
                    await receive(notification.payload)
                }
            }
        }
    }
}
