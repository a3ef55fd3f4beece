import Foundation
@testable import SwitchboardCore
import Testing

@Suite("Survey answers")
struct SurveyAnswerTests {
    @Test("scores are 1 to 5, overall and 'solved' required, a comment kept as plain text within its limit")
    func checked() throws {
        let answer = try SurveyAnswer.checked(overall: 4, speed: nil, resolution: 5, attitude: 3, solved: true, comment: "  <b>ok</b>  ")
        #expect(answer.comment == "  <b>ok</b>  " && !answer.isLow)
        #expect(try SurveyAnswer.checked(overall: 5, speed: nil, resolution: nil, attitude: nil, solved: true, comment: "   ").comment == nil)
        for (overall, speed, solved, field) in [(nil, 3, true, "overall"), (0, nil, true, "overall"), (6, nil, true, "overall"), (3, 9, true, "speed"), (3, nil, nil, "solved")] as [(Int?, Int?, Bool?, String)] {
            let error = #expect(throws: DomainError.self) {
                try SurveyAnswer.checked(overall: overall, speed: speed, resolution: nil, attitude: nil, solved: solved, comment: nil)
            }
            #expect(error?.field == field)
        }
        #expect(throws: DomainError.self) {
            try SurveyAnswer.checked(overall: 3, speed: nil, resolution: nil, attitude: nil, solved: true, comment: String(repeating: "字", count: Limits.surveyComment + 1))
        }
    }

    @Test("low means overall 2 or less, or not solved whatever the score")
    func low() {
        #expect(SurveyAnswer(overall: 2, speed: nil, resolution: nil, attitude: nil, solved: true, comment: nil).isLow)
        #expect(SurveyAnswer(overall: 5, speed: 5, resolution: 5, attitude: 5, solved: false, comment: nil).isLow)
        #expect(!SurveyAnswer(overall: 3, speed: 1, resolution: 1, attitude: 1, solved: true, comment: nil).isLow)
    }

    @Test("an answer round-trips through its event, and the latest one counts from the first one's time")
    func events() throws {
        let first = SurveyAnswer(overall: 2, speed: 1, resolution: nil, attitude: 4, solved: false, comment: "late")
        let second = SurveyAnswer(overall: 4, speed: nil, resolution: nil, attitude: nil, solved: true, comment: nil)
        let change = TicketChange.surveyAnswered(first)
        #expect(try TicketChange(kind: change.kind, data: change.data) == change && change.isCustomerVisible)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let events = [first, second].enumerated().map { index, answer in
            let change = TicketChange.surveyAnswered(answer)
            return TicketEvent(
                id: TicketEvent.ID(Int64(index + 1)), ticketID: Ticket.ID(1), sequence: Int64(index + 1), kind: change.kind, actor: .customer(Customer.ID(1)),
                data: change.data, createdAt: start.addingTimeInterval(Double(index) * 600), previousHash: "", hash: ""
            )
        }
        let latest = try #require(SurveyAnswer.latest(in: events))
        #expect(latest.answer == second && latest.firstAt == start && latest.count == 2)
        #expect(SurveyAnswer.latest(in: []) == nil)
    }
}

@Suite("Receipts")
struct ReceiptTests {
    static let head = String(repeating: "ab", count: 32)

    @Test("a receipt reads back from its JSON; anything else is refused as not a receipt")
    func reading() throws {
        let receipt = Receipt(desk: "https://help.example", ticket: 42, events: 7, head: Self.head, issuedAt: Date(timeIntervalSince1970: 1_800_000_000), key: "k1-x", signature: "c2ln")
        #expect(try Receipt.read(Array(receipt.json.utf8)) == receipt)
        #expect(receipt.signedText.contains("ticket 42") && receipt.signedText.contains("head \(Self.head)") && !receipt.signedText.contains("c2ln"))
        for text in ["", "{}", "[1]", "{not json", receipt.json.replacingOccurrences(of: Self.head, with: "ZZ"),
                     receipt.json.replacingOccurrences(of: "switchboard-receipt/1", with: "switchboard-receipt/9"),
                     receipt.json.replacingOccurrences(of: #""ticket" : 42"#, with: #""ticket" : -1"#), String(repeating: " ", count: 20_000)] {
            #expect(throws: DomainError.self) { try Receipt.read(Array(text.utf8)) }
        }
    }

    @Test("a record extends the receipt's chain when its event at that length carries the receipt's head")
    func extending() {
        let receipt = Receipt(desk: "d", ticket: 1, events: 2, head: Self.head, issuedAt: Date(), key: "k")
        func event(_ sequence: Int64, _ hash: String) -> TicketEvent {
            TicketEvent(id: TicketEvent.ID(sequence), ticketID: Ticket.ID(1), sequence: sequence, kind: .statusChanged, actor: .system, data: [:], createdAt: Date(), previousHash: "", hash: hash)
        }
        #expect(receipt.check(intactEvents: [event(1, "x"), event(2, Self.head), event(3, "y")]) == .holds(events: 3))
        #expect(receipt.check(intactEvents: [event(1, "x"), event(2, "rewritten"), event(3, "y")]).code == "changed")
        #expect(receipt.check(intactEvents: [event(1, "x")]).code == "changed", "a record cut short")
    }
}

@Suite("Case summary")
struct CaseSummaryTests {
    @Test("the summary holds the problem as stated, the status steps, the last public reply, the promises and every owner")
    func summary() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let ticket = Ticket(
            id: Ticket.ID(1), number: 1001, subject: "Broken cup", customerID: Customer.ID(1), channel: .web, category: nil, priority: .normal,
            status: .solved, teamID: nil, assigneeID: Agent.ID(8), merchantID: nil, tags: [], fields: [:],
            problem: Problem(whatHappened: "Two cups arrived broken", when: "Friday", expectation: "refund"), language: "en", followUpOf: nil,
            createdAt: start, updatedAt: start
        )
        let changes: [TicketChange] = [
            .assigned(from: nil, to: Agent.ID(7)), .commitmentMade(Commitment(id: "c1", text: "Refund", dueAt: start.addingTimeInterval(86_400))),
            .assigned(from: Agent.ID(7), to: Agent.ID(8)), .commitmentKept(id: "c1", note: "done"), .statusChanged(from: .open, to: .solved),
        ]
        let events = changes.enumerated().map { index, change in
            TicketEvent(
                id: TicketEvent.ID(Int64(index)), ticketID: ticket.id, sequence: Int64(index + 1), kind: change.kind, actor: .system, data: change.data,
                createdAt: start.addingTimeInterval(Double(index) * 60), previousHash: "", hash: ""
            )
        }
        let messages = [
            Message(id: Message.ID(1), ticketID: ticket.id, author: .customer(Customer.ID(1)), visibility: .public, body: "Hello", attachments: [], createdAt: start),
            Message(id: Message.ID(2), ticketID: ticket.id, author: .agent(Agent.ID(8)), visibility: .public, body: "Refunded", attachments: [], createdAt: start),
            Message(id: Message.ID(3), ticketID: ticket.id, author: .agent(Agent.ID(8)), visibility: .internal, body: "note", attachments: [], createdAt: start),
        ]
        let summary = CaseSummary(ticket: ticket, messages: messages, events: events)
        #expect(summary.statedProblem == "Two cups arrived broken" && summary.firstMessage == "Hello")
        #expect(summary.finalReply?.body == "Refunded", "a note is never what was done")
        #expect(summary.handledBy == [Agent.ID(7), Agent.ID(8)])
        #expect(summary.promises.map(\.state) == [.kept] && summary.steps.count == 1)
        #expect(summary.solvedAt == start.addingTimeInterval(240))
    }
}
