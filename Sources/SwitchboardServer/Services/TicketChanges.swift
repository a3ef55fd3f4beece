import Prometheus
import Foundation
import SwitchboardCore
import SwitchboardStorage

/// The changes to a ticket that the JSON API and the pages both make: one place that checks the
/// rules, writes, and announces the change to live screens.
struct TicketOperations: Sendable {
    let desk: Desk

    /// Adds a reply or note. A customer writing to a closed case starts a follow-up that links back to it.
    func addMessage(_ message: NewMessage, to number: Int64, by principal: Principal) async throws -> TicketWithMessage {
        try AccessPolicy.requireCanWrite(message, by: principal)
        let now = desk.clock.now()
        do {
            let result = try await desk.store.addMessage(message, toTicket: number, actor: principal.eventActor, at: now) { ticket in
                try AccessPolicy.requireVisible(ticket, to: principal)
            }
            desk.events.publish(DeskEvent(kind: .messageAdded, ticket: result.ticket, message: result.message))
            return result
        } catch let error as DomainError where error.code == .invalidTransition {
            guard case .customer = message.author, let closed = try await desk.store.ticket(number: number), closed.status == .closed,
                  (try? AccessPolicy.requireVisible(closed, to: principal)) != nil
            else { throw error }
            let followUp = try NewTicket(
                subject: closed.subject, customerID: closed.customerID, channel: closed.channel, category: closed.category,
                priority: closed.priority, teamID: closed.teamID, merchantID: closed.merchantID, language: closed.language,
                firstMessage: message, followUpOf: closed.number
            )
            let created = try await desk.store.createTicket(followUp, actor: principal.eventActor, at: now)
            desk.metrics.ticketsCreated.increment()
            desk.events.publish(DeskEvent(kind: .ticketCreated, ticket: created.ticket, message: created.message))
            return created
        }
    }

    /// Applies commands (status, priority, tags, assignment, transfer…) after checking each against the rules.
    func apply(_ commands: [TicketCommand], to number: Int64, by principal: Principal, assignee: Agent?, team: Team?) async throws -> Ticket {
        let ticket = try await desk.store.updateTicket(number: number, commands: commands, actor: principal.eventActor, at: desk.clock.now()) { ticket in
            try AccessPolicy.requireVisible(ticket, to: principal)
            for command in commands {
                try AccessPolicy.requireCanApply(command, to: ticket, by: principal, assignee: assignee, team: team)
            }
        }
        desk.events.publish(DeskEvent(kind: .ticketChanged, ticket: ticket))
        return ticket
    }

    /// The active agent with this id, for assigning; nil for nobody.
    func activeAgent(_ id: Int64?, field: String) async throws -> Agent? {
        guard let id else { return nil }
        guard let agent = try await desk.store.agent(Agent.ID(id)), agent.active else {
            throw DomainError.invalidField(field, "there is no active agent \(id)")
        }
        return agent
    }
}
