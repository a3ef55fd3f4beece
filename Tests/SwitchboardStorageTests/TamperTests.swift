import Foundation
@testable import SwitchboardStorage
import SwitchboardCore
import SwitchboardTestSupport
import Testing

/// Someone with direct database access changes history; the verifier must name the first event that no longer matches.
@Suite("Tamper evidence")
struct TamperTests {
    static let backends: [String] = ["sqlite"] + (TestStores.postgresURL == nil ? [] : ["postgres"])

    func withStore(_ backend: String, _ body: @escaping @Sendable (SQLStore) async throws -> Void) async throws {
        if backend == "sqlite" { try await TestStores.withSQLite(body) } else { try await TestStores.withPostgres(body) }
    }

    /// Drops the append-only guard, as an attacker with database access could.
    static func dropGuard(_ store: SQLStore) async throws {
        try await store.database.write { connection in
            switch connection.dialect {
            case .sqlite:
                try await connection.executeScript("DROP TRIGGER ticket_events_no_update; DROP TRIGGER ticket_events_no_delete")
            case .postgres:
                try await connection.executeScript("DROP TRIGGER ticket_events_no_change ON ticket_events")
            }
        }
    }

    @Test("events cannot be changed while the guard stands", arguments: backends)
    func appendOnly(_ backend: String) async throws {
        try await withStore(backend) { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Guarded"), actor: .system, at: Date()).ticket
            await #expect(throws: (any Error).self) {
                try await store.database.write { connection in
                    try await connection.query("UPDATE ticket_events SET data = '{}' WHERE ticket_id = ?", [.id(ticket.id)])
                }
            }
            await #expect(throws: (any Error).self) {
                try await store.database.write { connection in
                    try await connection.query("DELETE FROM ticket_events WHERE ticket_id = ?", [.id(ticket.id)])
                }
            }
            #expect(try await store.verifyTicket(number: ticket.number)?.isIntact == true)
        }
    }

    @Test("an edited event is named by its sequence", arguments: backends)
    func editedEvent(_ backend: String) async throws {
        try await withStore(backend) { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Priority case"), actor: .system, at: Date()).ticket
            for priority in [Priority.high, .low, .urgent] {
                _ = try await store.updateTicket(number: ticket.number, commands: [.setPriority(priority)], actor: .system, at: Date()) { _ in }
            }
            try await Self.dropGuard(store)
            try await store.database.write { connection in
                try await connection.query(
                    "UPDATE ticket_events SET data = ? WHERE ticket_id = ? AND sequence = 4",
                    [.text(#"{"from":"high","to":"normal"}"#), .id(ticket.id)]
                )
            }
            guard case .broken(let broken)? = try await store.verifyTicket(number: ticket.number) else {
                Issue.record("tampering went unnoticed")
                return
            }
            #expect(broken.sequence == 4)
            #expect(broken.reason.contains("does not match its hash"))
        }
    }

    @Test("a deleted event breaks the chain where it was", arguments: backends)
    func deletedEvent(_ backend: String) async throws {
        try await withStore(backend) { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Vanishing"), actor: .system, at: Date()).ticket
            _ = try await store.updateTicket(number: ticket.number, commands: [.setPriority(.high), .setTags(["a"])], actor: .system, at: Date()) { _ in }
            try await Self.dropGuard(store)
            try await store.database.write { connection in
                try await connection.query("DELETE FROM ticket_events WHERE ticket_id = ? AND sequence = 3", [.id(ticket.id)])
            }
            guard case .broken(let broken)? = try await store.verifyTicket(number: ticket.number) else {
                Issue.record("a missing event went unnoticed")
                return
            }
            #expect(broken.sequence == 3)
        }
    }

    @Test("a rewritten message no longer matches its event", arguments: backends)
    func rewrittenMessage(_ backend: String) async throws {
        try await withStore(backend) { store in
            let desk = try await DeskFixture.make(in: store)
            let created = try await store.createTicket(try desk.newTicket("Promise", body: "You promised a refund by Friday"), actor: .system, at: Date())
            try await store.database.write { connection in
                try await connection.query("UPDATE messages SET body = 'No promise was made' WHERE id = ?", [.id(created.message!.id)])
            }
            guard case .broken(let broken)? = try await store.verifyTicket(number: created.ticket.number) else {
                Issue.record("a rewritten message went unnoticed")
                return
            }
            #expect(broken.sequence == 2)
            #expect(broken.reason.contains("no longer matches"))
        }
    }
}

@Suite("Schema versions")
struct SchemaVersionTests {
    @Test("a database migrated by a newer Switchboard is refused with a clear message")
    func newerSchemaRefused() async throws {
        try await TestStores.withSQLite { store in
            try await store.database.write { connection in
                try await connection.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', 0)", [])
            }
            do {
                try await store.migrate()
                Issue.record("a newer schema was accepted")
            } catch let error as StoreError {
                #expect(error.code == .schemaNewer)
                #expect(error.message.contains("999"))
                #expect(error.message.contains("newer Switchboard"))
            }
            #expect(try await store.schemaStatus().isCurrent == false)
        }
    }
}
