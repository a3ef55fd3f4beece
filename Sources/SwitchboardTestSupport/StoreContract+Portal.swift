import Foundation
import SwitchboardCore
import SwitchboardStorage
import Testing

extension StoreContract {
    static let portal: [ContractCase] = [
        ContractCase(name: "a list page's events of some kinds come in one read: those tickets' only, by ticket then sequence") { store in
            let desk = try await DeskFixture.make(in: store)
            let now = Date()
            var tickets: [Ticket] = []
            for subject in ["First", "Second", "Third"] {
                let ticket = try await store.createTicket(try desk.newTicket(subject, body: "hello"), actor: .customer(desk.alice.id), at: now).ticket
                tickets.append(ticket)
                for id in ["c1", "c2"] {
                    _ = try await store.act(onTicket: ticket.id, actor: .agent(desk.agent.id), at: now) { _, _ in
                        [.record(.commitmentMade(Commitment(id: id, text: "\(subject) \(id)", dueAt: now.addingTimeInterval(3_600).roundedToMilliseconds)))]
                    }
                }
            }
            _ = try await store.act(onTicket: tickets[0].id, actor: .agent(desk.agent.id), at: now) { _, _ in [.record(.commitmentKept(id: "c1", note: nil))] }
            let read = try await store.events(tickets: [tickets[2].id, tickets[0].id], kinds: [.commitmentMade, .commitmentKept])
            #expect(read.map(\.ticketID) == [tickets[0].id, tickets[0].id, tickets[0].id, tickets[2].id, tickets[2].id])
            #expect(read.allSatisfy { $0.kind == .commitmentMade || $0.kind == .commitmentKept })
            #expect(zip(read, read.dropFirst()).allSatisfy { $0.ticketID != $1.ticketID || $0.sequence < $1.sequence })
            #expect(try await store.events(tickets: [], kinds: [.commitmentMade]).isEmpty)
            #expect(try await store.events(tickets: [tickets[1].id], kinds: [.surveyAnswered]).isEmpty)
        },
        ContractCase(name: "what a customer is emailed about is kept, all by default") { store in
            let desk = try await DeskFixture.make(in: store)
            #expect(try await store.customer(desk.alice.id)?.notices == .all)
            try await store.setNotices(.replies, for: desk.alice.id)
            #expect(try await store.customer(desk.alice.id)?.notices == .replies)
            #expect(try await store.customer(desk.bob.id)?.notices == .all)
            await #expect(throws: DomainError.self) { try await store.setNotices(.all, for: Customer.ID(999_999)) }
        },
    ]
}
