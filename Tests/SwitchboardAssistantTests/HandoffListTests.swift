import Foundation
import SwitchboardAssistant
import Testing

@Suite("Handoff phrase lists")
struct HandoffListTests {
    /// Read by path beside this file, so the lists need no resource bundle.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/handoff")

    @Test("requests for a person are told from look-alikes in each language", arguments: [
        ("en", Language.english), ("zh", .chinese), ("fa", .persian),
    ])
    func list(_ language: String, _ named: Language) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("\(language).tsv"), encoding: .utf8)
        let cases = try HandoffEvaluation.parse(text)
        #expect(cases.filter(\.isRequest).count >= 80, "\(language): fewer than 80 requests")
        #expect(cases.filter { !$0.isRequest }.count >= 80, "\(language): fewer than 80 look-alikes")
        let report = HandoffEvaluation.run(cases, language: named)
        #expect(report.language == named && report.count == cases.count)
        let figures = "\(language): recall \(report.recall), precision \(report.precision) (tp \(report.truePositives), fp \(report.falsePositives), fn \(report.falseNegatives), tn \(report.trueNegatives))"
        // The figures, and any case read wrongly, stay visible in the log while within the targets.
        print([figures, "missed: \(report.missed)", "taken for requests: \(report.wronglyTaken)"].joined(separator: "\n"))
        #expect(report.recall >= 0.98, "\(figures)\nmissed:\n\(report.missed.joined(separator: "\n"))")
        #expect(report.precision >= 0.95, "\(figures)\ntaken for requests:\n\(report.wronglyTaken.joined(separator: "\n"))")
    }

    @Test("a list is read with its comments, blank lines and Windows line ends")
    func parse() throws {
        let cases = try HandoffEvaluation.parse("# English\n\nrequest\thuman please\r\nnot\tthe agent said so\n  # indented comment\nREQUEST\t转人工\n")
        #expect(cases == [
            HandoffEvaluation.Case(text: "human please", isRequest: true, line: 3),
            HandoffEvaluation.Case(text: "the agent said so", isRequest: false, line: 4),
            HandoffEvaluation.Case(text: "转人工", isRequest: true, line: 6),
        ])
    }

    @Test("a bad line is named by its number and the text is not repeated", arguments: [
        ("request\thuman\nhuman please\n", 2),
        ("# list\nmaybe\tagent\n", 2),
        ("not\tfine\n\nrequest\t \n", 3),
    ])
    func badLine(_ text: String, _ line: Int) {
        #expect(throws: HandoffEvaluation.ParseError.self) { try HandoffEvaluation.parse(text) }
        do {
            _ = try HandoffEvaluation.parse(text)
        } catch let error as HandoffEvaluation.ParseError {
            #expect(error.line == line)
            #expect(error.description.hasPrefix("line \(line):"))
            #expect(!error.description.contains("agent") && !error.description.contains("human"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("the figures count each outcome")
    func figures() {
        let cases = [
            HandoffEvaluation.Case(text: "human please", isRequest: true, line: 1),
            HandoffEvaluation.Case(text: "where is my order", isRequest: true, line: 2),
            HandoffEvaluation.Case(text: "人工费多少钱", isRequest: false, line: 3),
            HandoffEvaluation.Case(text: "اپراتور", isRequest: false, line: 4),
        ]
        let report = HandoffEvaluation.run(cases)
        #expect((report.truePositives, report.falseNegatives, report.trueNegatives, report.falsePositives) == (1, 1, 1, 1))
        #expect(report.recall == 0.5 && report.precision == 0.5)
        #expect(report.missed == ["where is my order"] && report.wronglyTaken == ["اپراتور"])
        #expect(HandoffEvaluation.run([]).recall == 1)
    }
}
