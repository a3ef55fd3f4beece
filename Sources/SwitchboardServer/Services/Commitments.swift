import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Promises agents make to customers: recorded on the ticket (the customer sees them), reminded
/// and checked at their due time by jobs the log watcher schedules, kept when the agent says so.
struct Commitments: Sendable {
    let store: any Store
    let bus: any EventBus
    let clock: any WallClock

    /// Records a promise due at `dueAt` (in the future, within a year); staff who see the ticket only.
    func make(text: String, dueAt: Date, on number: Int64, by principal: Principal) async throws -> Commitment {
        _ = try AccessPolicy.requireStaff(principal)
        try AccessPolicy.requireCanWrite(by: principal)
        let now = clock.now()
        guard let ticket = try await store.ticket(number: number) else { throw DomainError.notFound("ticket") }
        let (_, recorded) = try await store.act(onTicket: ticket.id, actor: principal.eventActor, at: now) { ticket, events in
            try AccessPolicy.requireVisible(ticket, to: principal)
            guard ticket.status != .closed else { throw DomainError(.conflict, "the ticket is closed", field: "status") }
            let made = Commitment.all(in: events.compactMap { try? $0.change() }).count
            return [.record(.commitmentMade(try Commitment.new(id: "c\(made + 1)", text: text, dueAt: dueAt.roundedToSecond, now: now)))]
        }
        bus.announce(.logAdvanced)
        guard case .commitmentMade(let commitment)? = recorded.first else { throw DomainError(.conflict, "the promise was not recorded", field: nil) }
        return commitment
    }

    /// Marks an open promise kept, with what was done.
    func keep(_ id: String, note: String?, on number: Int64, by principal: Principal) async throws {
        _ = try AccessPolicy.requireStaff(principal)
        try AccessPolicy.requireCanWrite(by: principal)
        let note = try note.flatMap { $0.trimmingWhitespace().isEmpty ? nil : try Validate.text($0, field: "note", maxLength: Limits.commitment) }
        guard let ticket = try await store.ticket(number: number) else { throw DomainError.notFound("ticket") }
        _ = try await store.act(onTicket: ticket.id, actor: principal.eventActor, at: clock.now()) { ticket, events in
            try AccessPolicy.requireVisible(ticket, to: principal)
            guard let promise = Commitment.all(in: events.compactMap { try? $0.change() }).first(where: { $0.commitment.id == id }) else {
                throw DomainError.notFound("promise")
            }
            guard promise.state == .open else { throw DomainError(.conflict, "this promise is already \(promise.state.rawValue)", field: "id") }
            return [.record(.commitmentKept(id: id, note: note))]
        }
        bus.announce(.logAdvanced)
    }

    /// A ticket's promises with where each stands.
    func list(on number: Int64, by principal: Principal) async throws -> [(commitment: Commitment, state: Commitment.State, note: String?)] {
        guard let ticket = try await store.ticket(number: number) else { throw DomainError.notFound("ticket") }
        try AccessPolicy.requireVisible(ticket, to: principal)
        return Commitment.all(in: try await store.events(ticket: ticket.id).compactMap { try? $0.change() })
    }
}

extension Date {
    /// Promises are made to the second; the page's and the API's times are the same then.
    var roundedToSecond: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded()) }
}
