import Foundation
import SwitchboardCore
import Testing

@Suite("Ticket status machine")
struct TicketStatusTests {
    @Test("the documented path is allowed")
    func happyPath() throws {
        var status = TicketStatus.new
        for next in [TicketStatus.open, .pendingCustomer, .onHold, .solved, .closed] {
            status = try status.transition(to: next)
        }
        #expect(status == .closed)
    }

    @Test("every transition outside the table is refused, naming both states", arguments: TicketStatus.allCases)
    func refusals(_ from: TicketStatus) {
        for to in TicketStatus.allCases where !from.allowedTransitions.contains(to) {
            do {
                _ = try from.transition(to: to)
                Issue.record("\(from) → \(to) was allowed")
            } catch let error as DomainError {
                #expect(error.code == .invalidTransition)
                #expect(error.message.contains("'\(from.rawValue)'") && error.message.contains("'\(to.rawValue)'"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test("closed is final and solved can only reopen or close")
    func terminal() {
        #expect(TicketStatus.closed.allowedTransitions.isEmpty)
        #expect(TicketStatus.solved.allowedTransitions == [.open, .closed])
    }

    @Test("a customer reply reopens waiting and solved tickets only")
    func customerReply() {
        #expect(TicketStatus.pendingCustomer.afterCustomerReply == .open)
        #expect(TicketStatus.solved.afterCustomerReply == .open)
        #expect(TicketStatus.onHold.afterCustomerReply == .onHold)
        #expect(TicketStatus.new.afterCustomerReply == .new)
        #expect(TicketStatus.new.afterAgentReply == .open)
        #expect(TicketStatus.pendingCustomer.afterAgentReply == .pendingCustomer)
    }
}

@Suite("Ticket commands")
struct TicketCommandTests {
    static func ticket(status: TicketStatus = .open) -> Ticket {
        Ticket(
            id: Ticket.ID(1), number: 1001, subject: "Kettle", customerID: Customer.ID(1), channel: .web, category: nil,
            priority: .normal, status: status, teamID: Team.ID(1), assigneeID: nil, merchantID: nil, tags: ["a"],
            fields: [:], problem: Problem(), language: "en", followUpOf: nil,
            createdAt: Date(timeIntervalSince1970: 100), updatedAt: Date(timeIntervalSince1970: 100)
        )
    }

    @Test("a command that changes nothing records nothing")
    func noOps() throws {
        let ticket = Self.ticket()
        #expect(try ticket.applying(.setPriority(.normal), at: Date()) == nil)
        #expect(try ticket.applying(.setTags(["A"]), at: Date()) == nil)
        #expect(try ticket.applying(.assign(nil), at: Date()) == nil)
        #expect(try ticket.applying(.setStatus(.open), at: Date()) == nil)
        #expect(try ticket.applying(.setFields(["gone": nil]), at: Date()) == nil)
    }

    @Test("tags report what was added and removed")
    func tags() throws {
        let result = try #require(try Self.ticket().applying(.setTags(["b", "c"]), at: Date(timeIntervalSince1970: 200)))
        #expect(result.change == .tagsChanged(added: ["b", "c"], removed: ["a"]))
        #expect(result.ticket.updatedAt == Date(timeIntervalSince1970: 200))
    }

    @Test("a closed ticket takes no assignment, transfer or priority change")
    func closedIsFinal() {
        let closed = Self.ticket(status: .closed)
        for command in [TicketCommand.assign(Agent.ID(2)), .setPriority(.high), .transfer(to: Team.ID(2), reason: "x", assignee: nil)] {
            #expect(throws: DomainError.self) { try closed.applying(command, at: Date()) }
        }
    }

    @Test("a transfer needs a reason")
    func transferReason() {
        #expect(throws: DomainError.self) { try TicketCommand.validatedTransfer(to: Team.ID(2), reason: "   ") }
    }

    @Test("messages move the status; a customer reply to a closed ticket opens a follow-up, an agent's is refused")
    func messageStatus() throws {
        let customer = try NewMessage(author: .customer(Customer.ID(1)), visibility: .public, body: "hello")
        let note = try NewMessage(author: .agent(Agent.ID(1)), visibility: .internal, body: "psst")
        let reply = try NewMessage(author: .agent(Agent.ID(1)), visibility: .public, body: "on it")
        #expect(try Self.ticket(status: .solved).effect(of: customer) == .status(.open))
        #expect(try Self.ticket(status: .pendingCustomer).effect(of: customer) == .status(.open))
        #expect(try Self.ticket(status: .solved).effect(of: note) == .status(.solved))
        #expect(try Self.ticket(status: .new).effect(of: reply) == .status(.open))
        #expect(try Self.ticket(status: .closed).effect(of: customer) == .followUp)
        #expect(try Self.ticket(status: .closed).effect(of: note) == .status(.closed), "a note may still be added to a closed case")
        #expect(throws: DomainError.self) { try Self.ticket(status: .closed).effect(of: reply) }
        let followUp = try NewTicket.followUp(of: Self.ticket(status: .closed), message: customer)
        #expect(followUp.followUpOf == Self.ticket(status: .closed).number)
        #expect(followUp.firstMessage == customer)
        #expect(throws: DomainError.self) {
            try NewMessage(author: .customer(Customer.ID(1)), visibility: .internal, body: "sneaky")
        }
    }
}
