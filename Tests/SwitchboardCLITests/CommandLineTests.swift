import Foundation
import ArgumentParser
@testable import SwitchboardCLI
import SwitchboardStorage
import Testing

@Suite("Command line")
struct CommandLineTests {
    @Test("the store defaults to SQLite in ./switchboard-data, and the environment can name PostgreSQL")
    func storeLocation() throws {
        let none = try StoreOptions.parse([])
        #expect(none.location(environment: [:]) == .sqlite(directory: "./switchboard-data"))
        let url = "postgres://desk@db/switchboard"
        #expect(none.location(environment: ["SWITCHBOARD_DATABASE_URL": url]) == .postgres(url: url))
        // An explicit data directory wins over the environment.
        let explicit = try StoreOptions.parse(["--data-dir", "/tmp/desk"])
        #expect(explicit.location(environment: ["SWITCHBOARD_DATABASE_URL": url]) == .sqlite(directory: "/tmp/desk"))
    }

    @Test("contradictory or malformed store options are refused before anything runs")
    func storeValidation() {
        #expect(throws: (any Error).self) { try StoreOptions.parse(["--data-dir", "a", "--database", "postgres://x/y"]) }
        #expect(throws: (any Error).self) { try StoreOptions.parse(["--database", "mysql://x/y"]) }
    }

    @Test("assistant eval refuses unknown formats and impossible n-gram ranges")
    func evaluationValidation() {
        #expect(throws: (any Error).self) {
            try SwitchboardCommand.parseAsRoot(["assistant", "eval", "--format", "csv", "--train", "a", "--test", "b"])
        }
        #expect(throws: (any Error).self) {
            try SwitchboardCommand.parseAsRoot(["assistant", "eval", "--format", "tsv", "--train", "a", "--test", "b", "--char-max", "12"])
        }
        #expect(throws: Never.self) {
            try SwitchboardCommand.parseAsRoot(["assistant", "eval", "--format", "tsv", "--train", "a", "--test", "b"])
        }
    }

    @Test("migrate creates the SQLite database on first run and is a no-op the second time")
    func migrateTwice() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let command = try #require(try SwitchboardCommand.parseAsRoot(["migrate", "--data-dir", directory.path]) as? MigrateCommand)
        try await command.run()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains(StoreLocation.sqliteFileName), "migrate should create the database file, found \(files)")
        try await command.run()
    }
}
