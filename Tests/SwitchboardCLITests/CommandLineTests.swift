import Foundation
import ArgumentParser
import Logging
@testable import SwitchboardCLI
import SwitchboardAssistant
import SwitchboardCore
import SwitchboardServer
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

    @Test("limits come from a flag, else the environment, else the desk's defaults; a malformed value is refused, not ignored")
    func limits() throws {
        let none = try LimitOptions.parse([]).limits(environment: [:])
        #expect(none.connections == ConnectionLimits() && none.liveStreams == LiveStreamLimits())
        let environment = ["SWITCHBOARD_IDLE_TIMEOUT": "15", "SWITCHBOARD_MAX_CONNECTIONS_PER_ADDRESS": "0", "SWITCHBOARD_MAX_LIVE_STREAMS_PER_SESSION": "4"]
        let fromEnvironment = try LimitOptions.parse([]).limits(environment: environment)
        #expect(fromEnvironment.connections.idleTimeout == .seconds(15) && fromEnvironment.connections.maxConnectionsPerAddress == 0)
        #expect(fromEnvironment.liveStreams.perSession == 4 && fromEnvironment.connections.headerTimeout == ConnectionLimits().headerTimeout)
        let flagged = try LimitOptions.parse(["--idle-timeout", "2.5", "--max-live-streams-per-session", "8"]).limits(environment: environment)
        #expect(flagged.connections.idleTimeout == .milliseconds(2_500) && flagged.liveStreams.perSession == 8)
        #expect(throws: (any Error).self) { try LimitOptions.parse([]).limits(environment: ["SWITCHBOARD_BODY_TIMEOUT": "a minute"]) }
        #expect(throws: (any Error).self) { try LimitOptions.parse(["--header-timeout", "0"]).limits(environment: [:]) }
        #expect(throws: (any Error).self) { try LimitOptions.parse(["--max-connections", "-1"]).limits(environment: [:]) }
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

    @Test("verify exits 0 while the record holds, 1 once it was changed or after a rotation's forgery, 65 for a file that is no receipt")
    func verify() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await (try #require(try SwitchboardCommand.parseAsRoot(["migrate", "--data-dir", directory.path]) as? MigrateCommand)).run()
        let location = StoreLocation.sqlite(directory: directory.path)
        let receipt = try await StoreService.withStore(location, logger: .init(label: "test")) { store in
            let customer = try await store.createCustomer(try NewCustomer(name: "Ada"))
            let opened = try await store.createTicket(
                try NewTicket(subject: "Kettle", customerID: customer.id, channel: .web, firstMessage: try NewMessage(author: .customer(customer.id), visibility: .public, body: "It leaks")),
                actor: .customer(customer.id), at: Date()
            )
            return try await Receipts(store: store, baseURL: "http://desk.test").issue(for: opened.ticket)
        }
        let file = directory.appendingPathComponent("receipt.json")
        func verify(_ text: String) async throws -> Int32 {
            try Data(text.utf8).write(to: file)
            let command = try #require(try SwitchboardCommand.parseAsRoot(["verify", file.path, "--data-dir", directory.path]) as? VerifyCommand)
            do {
                try await command.run()
                return 0
            } catch let exit as ExitCode {
                return exit.rawValue
            }
        }
        #expect(try await verify(receipt.json) == 0)
        try await (try #require(try SwitchboardCommand.parseAsRoot(["rotate-receipt-key", "--data-dir", directory.path]) as? RotateReceiptKeyCommand)).run()
        #expect(try await verify(receipt.json) == 0, "a rotated key leaves old receipts verifiable")
        #expect(try await verify(receipt.json.replacingOccurrences(of: receipt.head, with: String(receipt.head.reversed()))) == 1)
        #expect(try await verify("{}") == 65)
        try await StoreService.withStore(location, logger: .init(label: "test")) { store in
            try await (store as! SQLStore).runScript("UPDATE messages SET body = 'It is fine'")
        }
        #expect(try await verify(receipt.json) == 1)
    }
}

@Suite("assistant eval on BANKING77")
struct AssistantEvaluationCommandTests {
    /// `../shared/data` beside the package, or `SWITCHBOARD_SHARED_DATA`.
    static var banking77: URL? {
        let environment = ProcessInfo.processInfo.environment["SWITCHBOARD_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        let beside = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data")
        let directory = (environment ?? beside).appendingPathComponent("banking77")
        return FileManager.default.fileExists(atPath: directory.appendingPathComponent("train.csv").path) ? directory : nil
    }

    /// The first `perIntent` rows of each intent, with the header.
    static func slice(_ file: URL, perIntent: Int) throws -> String {
        let lines = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline)
        var taken: [Substring: Int] = [:]
        var kept = [String(lines[0])]
        for line in lines.dropFirst() {
            guard let comma = line.lastIndex(of: ",") else { continue }
            let intent = line[line.index(after: comma)...]
            if taken[intent, default: 0] < perIntent {
                taken[intent, default: 0] += 1
                kept.append(String(line))
            }
        }
        return kept.joined(separator: "\n") + "\n"
    }

    @Test("the CLI trains and tests on a slice of BANKING77 and prints its figures")
    func banking77Slice() throws {
        guard let directory = Self.banking77 else {
            print("skipped: BANKING77 not found in ../shared/data/banking77 (set SWITCHBOARD_SHARED_DATA to run this test)")
            return
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-banking77-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let train = work.appendingPathComponent("train.csv"), test = work.appendingPathComponent("test.csv")
        try Self.slice(directory.appendingPathComponent("train.csv"), perIntent: 20).write(to: train, atomically: true, encoding: .utf8)
        try Self.slice(directory.appendingPathComponent("test.csv"), perIntent: 5).write(to: test, atomically: true, encoding: .utf8)

        let parsed = try SwitchboardCommand.parseAsRoot([
            "assistant", "eval", "--format", "banking77", "--train", train.path, "--test", test.path, "--epochs", "20",
        ])
        let command = try #require(parsed as? AssistantCommand.Evaluate)
        let result = try command.evaluate()
        #expect(result.report.examples == 77 * 5)
        #expect(result.model.labels.count == 77)
        // Twenty examples per intent is a sixth of the data; the full set reaches 91%.
        #expect(result.report.accuracy >= 0.6, "accuracy \(result.report.accuracy)")
        #expect(result.languageAccuracy ?? 0 >= 0.99)
    }
}
