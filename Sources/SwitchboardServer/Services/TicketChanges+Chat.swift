import Foundation
import SwitchboardCore
import SwitchboardStorage

extension TicketChanges {
    /// An agent accepts a chat whose customer waits for a person: it becomes theirs and open, and
    /// the customer is told they joined. Accepting a chat one already accepted changes nothing;
    /// one another agent accepted is refused (the page says who has it).
    @discardableResult
    func acceptChat(_ number: Int64, by principal: Principal) async throws -> Ticket {
        guard case .agent(let staff) = principal else { throw DomainError.forbidden("only agents accept chats") }
        guard let ticket = try await store.ticket(number: number) else { throw DomainError.notFound("ticket") }
        try AccessPolicy.requireVisible(ticket, to: principal)
        let me = try await activeAgent(staff.agentID.rawValue, field: "assignee")
        // Decided in the write's transaction, on the events as they stand: of two agents pressing
        // at once, one accepts and the other is told.
        let (accepted, recorded) = try await store.act(onTicket: ticket.id, actor: principal.eventActor, at: clock.now()) { current, events in
            if let taker = ChatState(events: events, ticket: current).acceptedBy {
                if taker == staff.agentID { return [] }
                throw DomainError.conflict("another agent accepted this chat first", field: "action")
            }
            var commands: [TicketCommand] = []
            if current.assigneeID != staff.agentID { commands.append(.assign(staff.agentID)) }
            if current.status == .new { commands.append(.setStatus(.open)) }
            commands.append(.acceptChat(staff.agentID))
            for command in commands {
                try AccessPolicy.requireCanApply(command, to: current, by: principal, assignee: me, team: nil)
            }
            return commands.map { .command($0) }
        }
        if !recorded.isEmpty {
            bus.announce(.logAdvanced)
            dispatcher.ring()
        }
        return accepted
    }

    /// Whether an agent's public reply on this ticket is also their accepting the chat (a reply
    /// to a waiting customer is the agent joining, whether or not they pressed "Accept").
    func replyAccepts(_ number: Int64) async throws -> Bool {
        guard let ticket = try await store.ticket(number: number), ticket.channel == .chat, ticket.status.isActive else { return false }
        return ChatState(events: try await store.events(ticket: ticket.id), ticket: ticket).awaitsAgent
    }
}
