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
        let state = ChatState(events: try await store.events(ticket: ticket.id), ticket: ticket)
        if let taker = state.acceptedBy {
            if taker == staff.agentID { return ticket }
            throw DomainError.conflict("another agent accepted this chat first", field: "action")
        }
        var commands: [TicketCommand] = []
        if ticket.assigneeID != staff.agentID { commands.append(.assign(staff.agentID)) }
        if ticket.status == .new { commands.append(.setStatus(.open)) }
        commands.append(.acceptChat(staff.agentID))
        let me = try await activeAgent(staff.agentID.rawValue, field: "assignee")
        return try await apply(commands, to: number, by: principal, assignee: me, team: nil)
    }

    /// Whether an agent's public reply on this ticket is also their accepting the chat (a reply
    /// to a waiting customer is the agent joining, whether or not they pressed "Accept").
    func replyAccepts(_ number: Int64) async throws -> Bool {
        guard let ticket = try await store.ticket(number: number), ticket.channel == .chat, ticket.status.isActive else { return false }
        return ChatState(events: try await store.events(ticket: ticket.id), ticket: ticket).awaitsAgent
    }
}
