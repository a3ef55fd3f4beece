import Foundation
@testable import SwitchboardCore
import Testing

/// The assistant's turn in a chat: answer, ask, clarify or hand off, and never loop.
@Suite("Assistant turns")
struct AssistantTurnTests {
    typealias A = IntakeRulesTests

    static func event(_ sequence: Int64, _ kind: EventKind, _ data: JSONValue) -> TicketEvent {
        TicketEvent(
            id: TicketEvent.ID(sequence), ticketID: Ticket.ID(1), sequence: sequence, kind: kind, actor: .bot, data: data,
            createdAt: Date(timeIntervalSince1970: Double(sequence)), previousHash: String(repeating: "0", count: 64), hash: String(repeating: "0", count: 64)
        )
    }

    static func turn(_ turn: AssistantTurn, _ sequence: Int64) -> TicketEvent { event(sequence, AssistantTurn.eventKind, turn.record) }

    @Test("a confident intent with an article is answered; asking for a person or anger hands off at once")
    func firstTurns() {
        let ticket = A.ticket()
        #expect(AssistantTurn.decide(A.analysis(intent: "refund", confidence: 0.9), article: "refund-en", state: ChatState()) == .answer(intent: "refund", article: "refund-en"))
        #expect(AssistantTurn.decide(A.analysis(personRequested: true), article: "refund-en", state: ChatState()) == .handOff(.asked))
        #expect(AssistantTurn.decide(A.analysis(anger: 0.7), article: "refund-en", state: ChatState()) == .handOff(.anger))
        #expect(HandoffCause.anger.raisesPriority && !HandoffCause.asked.raisesPriority)
        _ = ticket
    }

    @Test("without an article the missing part of the problem is asked for, once each, then a person takes it")
    func missingParts() {
        let problem = MessageAnalysis.Problem(missing: ["when", "expectation"])
        let analysis = A.analysis(intent: "refund", confidence: 0.9, problem: problem)
        #expect(AssistantTurn.decide(analysis, article: nil, state: ChatState()) == .ask(part: "when"))
        let ticket = A.ticket()
        let afterOne = ChatState(events: [Self.turn(.ask(part: "when"), 1)], ticket: ticket)
        #expect(AssistantTurn.decide(analysis, article: nil, state: afterOne) == .ask(part: "expectation"))
        let afterBoth = ChatState(events: [Self.turn(.ask(part: "when"), 1), Self.turn(.ask(part: "expectation"), 2)], ticket: ticket)
        #expect(AssistantTurn.decide(analysis, article: nil, state: afterBoth) == .handOff(.needsPerson))
    }

    @Test("a second unsure turn and a second 'no' hand off by themselves")
    func neverLoops() {
        let ticket = A.ticket()
        var unsure = A.analysis(intent: nil)
        unsure.intents = [.init(label: "refund", confidence: 0.3), .init(label: "order_status", confidence: 0.2)]
        #expect(AssistantTurn.decide(unsure, article: nil, state: ChatState()) == .clarify(options: ["refund", "order_status"]))
        let once = ChatState(events: [Self.turn(.clarify(options: ["refund", "order_status"]), 1)], ticket: ticket)
        #expect(AssistantTurn.decide(unsure, article: nil, state: once) == .handOff(.unsure))

        let answered = ChatState(events: [Self.turn(.answer(intent: "refund", article: "refund-en"), 1)], ticket: ticket)
        #expect(AssistantTurn.afterFeedback(solved: false, state: answered) == .clarify(options: []))
        let saidNo = ChatState(events: [
            Self.turn(.answer(intent: "refund", article: "refund-en"), 1),
            Self.event(2, ChatState.feedbackKind, .object(["solved": .bool(false)])),
        ], ticket: ticket)
        #expect(AssistantTurn.afterFeedback(solved: false, state: saidNo) == .handOff(.notSolved))
        #expect(AssistantTurn.afterFeedback(solved: true, state: saidNo) == .thank)
    }

    @Test("once a person has the chat the assistant is silent, until it is handed back")
    func silentAfterHandoff() {
        var ticket = A.ticket()
        let handedOff = ChatState(events: [Self.turn(.handOff(.asked), 1)], ticket: ticket)
        #expect(AssistantTurn.decide(A.analysis(), article: "refund-en", state: handedOff) == .silent)
        ticket.assigneeID = Agent.ID(3)
        #expect(ChatState(events: [], ticket: ticket).personHasIt)
        ticket.assigneeID = nil
        let back = ChatState(events: [Self.turn(.handOff(.asked), 1), Self.event(2, ChatState.handbackKind, .object([:]))], ticket: ticket)
        #expect(!back.personHasIt)
        #expect(AssistantTurn.decide(A.analysis(), article: "refund-en", state: back) == .answer(intent: "refund", article: "refund-en"))
    }

    @Test("a first message that asks for a person gets the handoff turn (the customer is told), though intake already noted the request")
    func askedInTheFirstMessage() {
        let noted = ChatState(events: [Self.event(1, .handoffRequested, .object(["messageId": .number(1), "reasons": .array([.string("explicit-request")])]))], ticket: A.ticket())
        #expect(!noted.personHasIt)
        #expect(AssistantTurn.decide(A.analysis(personRequested: true), article: nil, state: noted) == .handOff(.asked))
    }

    @Test("a chat handed off waits for an agent until one accepts it; a handback forgets who had it")
    func acceptance() throws {
        var ticket = A.ticket()
        ticket.teamID = Team.ID(2)
        let waiting = ChatState(events: [Self.turn(.handOff(.asked), 1)], ticket: ticket)
        #expect(waiting.awaitsAgent && waiting.acceptedBy == nil)
        let accepted = ChatState(events: [Self.turn(.handOff(.asked), 1), Self.event(2, ChatState.acceptedKind, ChatState.acceptance(by: Agent.ID(3)))], ticket: ticket)
        #expect(!accepted.awaitsAgent && accepted.acceptedBy == Agent.ID(3))
        // Given to another agent, or moved to another team: accepted anew.
        let reassigned = ChatState(events: [
            Self.turn(.handOff(.asked), 1), Self.event(2, ChatState.acceptedKind, ChatState.acceptance(by: Agent.ID(3))),
            Self.event(3, .assigned, .object(["from": .number(3), "to": .number(4)])),
        ], ticket: ticket)
        #expect(reassigned.awaitsAgent, "\(reassigned)")
        ticket.teamID = nil
        let back = ChatState(events: [Self.turn(.handOff(.asked), 1), Self.event(2, ChatState.acceptedKind, ChatState.acceptance(by: Agent.ID(3))), Self.event(3, ChatState.handbackKind, .object([:]))], ticket: ticket)
        #expect(back.acceptedBy == nil && !back.awaitsAgent && !back.personHasIt)
        // Only a chat is accepted, and only while it is being worked on.
        var chat = A.ticket()
        chat.channel = .chat
        var mail = chat
        mail.channel = .email
        #expect(throws: DomainError.self) { try mail.applying(.acceptChat(Agent.ID(3)), at: Date()) }
        var solved = chat
        solved.status = .solved
        #expect(throws: DomainError.self) { try solved.applying(.acceptChat(Agent.ID(3)), at: Date()) }
        let (_, change) = try #require(try chat.applying(.acceptChat(Agent.ID(3)), at: Date()))
        #expect(change.kind == ChatState.acceptedKind)
    }

    @Test("a handback takes the chat out of its team's queue and out of its agent's hands")
    func handBack() throws {
        var ticket = A.ticket()
        ticket.teamID = Team.ID(2)
        ticket.assigneeID = Agent.ID(3)
        let (next, change) = try #require(try ticket.applying(.handBackToAssistant, at: Date(timeIntervalSince1970: 10)))
        #expect(next.teamID == nil && next.assigneeID == nil && !next.isWaitingForAgent)
        #expect(change.kind == ChatState.handbackKind)
        #expect(try next.applying(.handBackToAssistant, at: Date()) == nil, "nothing to hand back")
    }

    @Test("every turn reads back from its record")
    func records() {
        for turn: AssistantTurn in [.answer(intent: "refund", article: "a"), .ask(part: "when"), .clarify(options: ["x", "y"]), .handOff(.notSolved), .thank, .silent] {
            #expect(AssistantTurn(record: turn.record) == turn)
        }
        #expect(AssistantTurn(record: .object(["turn": .string("dance")])) == nil)
    }
}
