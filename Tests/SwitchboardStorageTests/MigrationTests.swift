import Crypto
import Foundation
@testable import SwitchboardStorage
import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// A released migration never changes: a desk that ran it must be able to run every later one.
/// Each one's SQL is pinned here by its SHA-256; a new migration adds a line, and a failure here
/// means a released step was edited — add a new step instead.
@Suite("Released migrations")
struct MigrationChecksumTests {
    static let pinned: [Int: (sqlite: String, postgres: String)] = [
        1: ("a3d1c8cc6f52212206fa209f30f24e2d3d3e08a90f4274f82734338e0f1c6f5c", "fb7f242e19c4e0bdac4eda6a7b2a4ae405a7c3a22a4c0a9eab98599ef85acebe"),
        2: ("2464fdd02db4201472a52c67e7aeebd8ebaeb1bba6f9d58f03da3c4da711ec46", "dab432dc5e99e57a8f4bec14a80c98b46845bace02148d1833447f099b6f0aba"),
        3: ("5e85b130b6921ad36dbbfe268e3acca55ea3bb11ef460cb0dab5059e360da9c3", "5e85b130b6921ad36dbbfe268e3acca55ea3bb11ef460cb0dab5059e360da9c3"),
        4: ("86112ae028804dddd31da3a723ef558b5c6855e4626e41927a0d1941ce745eff", "86112ae028804dddd31da3a723ef558b5c6855e4626e41927a0d1941ce745eff"),
        5: ("870d32d1e9f5d7a6f69d56678c8ef61dcdf30acfc1d368be08e86cfbeea7b301", "1c51008b18a8aef012112c4a5c58e769be7514ffc7fbb79378f365df9442416d"),
        6: ("f493caea3e98d74425962082cced7bc6da6e413c3c8dc8c990e3edf9bc245c14", "f493caea3e98d74425962082cced7bc6da6e413c3c8dc8c990e3edf9bc245c14"),
        7: ("e73dd48a6abb32c6c90fbe8fc757ce94ff1dc6ec421b78022f1cdc668aae90ee", "b7cad85b8db56a8f0046f5d424e450ace6a2d224cf7b633c98fcd777b67fc1ca"),
        8: ("e24fb1da7e830dcccb0d212a05c9dabcc27ab8893924d84983db9676e751bd06", "e24fb1da7e830dcccb0d212a05c9dabcc27ab8893924d84983db9676e751bd06"),
    ]

    static func checksum(_ sql: String) -> String {
        SHA256.hash(data: Array(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    @Test("every migration's SQL is the SQL that was released")
    func pinned() {
        for migration in Migrations.all {
            let sqlite = Self.checksum(migration.sql(.sqlite)), postgres = Self.checksum(migration.sql(.postgres))
            guard let pinned = Self.pinned[migration.version] else {
                Issue.record("migration \(migration.version) is not pinned: add \(migration.version): (\"\(sqlite)\", \"\(postgres)\")")
                continue
            }
            #expect(pinned.sqlite == sqlite, "migration \(migration.version) changed on SQLite: \(sqlite)")
            #expect(pinned.postgres == postgres, "migration \(migration.version) changed on PostgreSQL: \(postgres)")
        }
    }

    @Test("migrations are numbered 1, 2, 3… with no gap, each in its own file")
    func numbered() {
        #expect(Migrations.all.map(\.version) == Array(1...Migrations.all.count))
        #expect(Set(Migrations.all.map(\.name)).count == Migrations.all.count)
    }
}

/// A database written by an earlier release upgrades with every ticket, message, event and hash
/// chain intact, and then works like a new one (see Fixtures/README.md for how each was made).
@Suite("Upgrades from earlier releases")
struct UpgradeTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// What the demo desk of release 0.1.0 holds.
    static let expected = (tickets: 200, messages: 421, events: 1_059)

    @Test("SQLite: the 0.1.0 demo desk upgrades to the current schema intact")
    func sqlite() async throws {
        try await TestStores.withSQLiteCopy(of: Self.fixtures.appendingPathComponent("schema-1/demo.sqlite").path) { store in
            try await Self.upgradeAndCheck(store)
        }
    }

    @Test("PostgreSQL: the 0.1.0 demo desk upgrades to the current schema intact",
          .enabled(if: TestStores.postgresURL != nil, "set SWITCHBOARD_TEST_POSTGRES_URL to run"))
    func postgres() async throws {
        let script = try String(contentsOf: Self.fixtures.appendingPathComponent("schema-1/demo-postgres.sql"), encoding: .utf8)
        try await TestStores.withPostgresNodes(1, script: script, migrate: false) { stores in
            try await Self.upgradeAndCheck(stores[0])
        }
    }

    @Test("migration 1, now in its own file, still writes exactly the schema release 0.1.0 wrote")
    func firstMigrationAsReleased() async throws {
        let released = try await TestStores.withSQLiteCopy(of: Self.fixtures.appendingPathComponent("schema-1/demo.sqlite").path) { store in
            try await Self.schema(store)
        }
        let rebuilt = try await TestStores.withEmptySQLite { store in
            try await store.runScript(Migrations.all[0].sql(.sqlite))
            return try await Self.schema(store)
        }
        #expect(released.count > 20)
        #expect(rebuilt == released)
    }

    /// Every table, index and trigger as SQLite keeps their text (the migrator's own table aside).
    static func schema(_ store: SQLStore) async throws -> [String] {
        try await store.read { connection in
            try await connection.query(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'schema_migrations' ORDER BY type, name", []
            ).map { row in ["type", "name", "tbl_name", "sql"].map { (try? row.optionalString($0)) ?? nil ?? "" }.joined(separator: " | ") }
        }
    }

    static func upgradeAndCheck(_ store: SQLStore) async throws {
        #expect(try await store.schemaStatus().databaseVersion == 1)
        let before = try await snapshot(store)
        #expect(before.tickets.count == expected.tickets && before.messages == expected.messages && before.events == expected.events)
        #expect(before.tickets.count == before.numbers.count)

        let report = try await store.migrate()
        #expect(report.applied == Array(2...Migrations.latestVersion))
        #expect(try await store.schemaStatus().isCurrent)
        let after = try await snapshot(store)
        #expect(after.tickets == before.tickets, "every ticket as it was")
        #expect(after.messages == before.messages && after.events == before.events && after.eventDigest == before.eventDigest)
        for number in after.numbers {
            let verified = try await store.verifyTicket(number: number)
            #expect(verified?.isIntact == true, "ticket \(number): \(String(describing: verified))")
        }
        // The old events read through the one decoder, and the log gives them in order.
        let log = try await store.eventLog(after: .start, limit: 10_000)
        #expect(log.count == expected.events && log.allSatisfy { $0.change != nil })
        #expect(zip(log, log.dropFirst()).allSatisfy { $0.position < $1.position })

        // The upgraded desk takes new kinds of events, analyses and jobs.
        let open = try await store.read { connection in
            try await connection.first("SELECT number FROM tickets WHERE status IN ('open', 'new') ORDER BY number LIMIT 1", [])?.int("number")
        }
        let openNumber = try #require(open)
        let ticket = try #require(try await store.ticket(number: openNumber))
        let customer = try #require(try await store.customer(ticket.customerID))
        let analysis = StoreContract.analysis(language: "en", intent: "refund", personRequested: true)
        let added = try await store.addMessage(
            try NewMessage(author: .customer(customer.id), visibility: .public, body: "I want a person"), toTicket: ticket.number,
            actor: .customer(customer.id), at: Date(), analysis: .done(analysis), jobs: [NewJob(kind: JobKind(rawValue: "after-upgrade")!, runAt: Date())]
        ) { _ in }.result
        #expect(try await store.events(ticket: added.ticket.id).last?.actor == .bot)
        #expect(try await store.verifyTicket(number: ticket.number)?.isIntact == true)
        #expect(try await store.jobCounts()[.queued] == 1)
        // Events stay append-only after the table was rebuilt (SQLite) or altered (PostgreSQL).
        await #expect(throws: (any Error).self) {
            try await store.runScript("UPDATE ticket_events SET data = '{}' WHERE ticket_id = \(ticket.id.rawValue)")
        }
        await #expect(throws: (any Error).self) {
            try await store.runScript("DELETE FROM ticket_events WHERE ticket_id = \(ticket.id.rawValue)")
        }
    }

    struct Snapshot: Equatable {
        /// Each ticket's row as release 0.1.0 wrote it (the columns it had), by number.
        var tickets: [String]
        var numbers: [Int64]
        var messages: Int
        var events: Int
        /// Every event's id, sequence, kind and hash, in order.
        var eventDigest: String
    }

    /// Read with the columns of the first schema: the store's own ticket reads name later ones.
    static func snapshot(_ store: SQLStore) async throws -> Snapshot {
        let columns = [
            "id", "number", "subject", "customer_id", "channel", "category", "priority", "status", "team_id", "assignee_id", "merchant_id",
            "tags", "fields", "problem_what", "problem_when", "problem_expectation", "language", "follow_up_of", "created_at", "updated_at",
        ]
        let rows = try await store.read { connection in
            try await connection.query("SELECT \(columns.joined(separator: ", ")) FROM tickets ORDER BY number", []).map { row in
                (try row.id("id") as Ticket.ID, try row.int("number"), columns.map { "\(row[$0])" }.joined(separator: " | "))
            }
        }
        let tickets = rows.map(\.2), numbers = rows.map(\.1), ids = rows.map(\.0)
        var messages = 0, events = 0
        var digest = SHA256()
        for id in ids {
            messages += try await store.messages(ticket: id, includeInternal: true).count
            for event in try await store.events(ticket: id) {
                events += 1
                digest.update(data: Array("\(event.id) \(event.sequence) \(event.kind.rawValue) \(event.hash)\n".utf8))
            }
        }
        return Snapshot(tickets: tickets, numbers: numbers, messages: messages, events: events, eventDigest: digest.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
