import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Changes to a ticket's handling that the API and the pages both make (status, priority, tags,
/// assignment, transfer, an intent correction): one place that checks the rules, writes, and
/// tells the bus.
struct TicketChanges: Sendable {
    let store: any Store
    let bus: any EventBus
    let clock: any WallClock
    let dispatcher: Dispatcher

    /// Applies commands (status, priority, tags, assignment, transfer…) after checking each against the rules.
    func apply(_ commands: [TicketCommand], to number: Int64, by principal: Principal, assignee: Agent?, team: Team?) async throws -> Ticket {
        let ticket = try await store.updateTicket(number: number, commands: commands, actor: principal.eventActor, at: clock.now()) { ticket in
            try AccessPolicy.requireVisible(ticket, to: principal)
            for command in commands {
                try AccessPolicy.requireCanApply(command, to: ticket, by: principal, assignee: assignee, team: team)
            }
        }
        bus.announce(.logAdvanced)
        // A case given back to the queue, moved to another team or finished makes work or room.
        if commands.contains(where: { command in
            switch command {
            case .assign, .transfer: true
            case .setStatus(let status): !status.isActive
            default: false
            }
        }) {
            dispatcher.ring()
        }
        return ticket
    }

    /// Records that a customer message was really about `intent` (staff only; the intent must be
    /// one the assistant knows).
    func correctIntent(message: Message.ID, to intent: String, on number: Int64, by principal: Principal, knownIntents: [String]) async throws -> Ticket {
        try AccessPolicy.requireStaff(principal)
        guard knownIntents.contains(intent) else {
            throw DomainError.invalidField("intent", "choose one of the assistant's intents")
        }
        let ticket = try await store.correctIntent(message: message, toIntent: intent, onTicket: number, actor: principal.eventActor, at: clock.now()) { ticket in
            try AccessPolicy.requireVisible(ticket, to: principal)
        }
        bus.announce(.logAdvanced)
        return ticket
    }

    /// The active agent with this id, for assigning; nil for nobody.
    func activeAgent(_ id: Int64?, field: String) async throws -> Agent? {
        guard let id else { return nil }
        guard let agent = try await store.agent(Agent.ID(id)), agent.active else {
            throw DomainError.invalidField(field, "there is no active agent \(id)")
        }
        return agent
    }
}
