import Foundation
import SwitchboardAssistant
import Testing

@Suite("Handoff phrase lists")
struct HandoffListTests {
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
