import Foundation
import SwitchboardCore
import SwitchboardStorage
import Testing

extension StoreContract {
    /// What keeps people inside their own part of the desk: sessions that end when an agent's
    /// password changes, and contact data that is kept without being believed.
    static let fences: [ContractCase] = [
        ContractCase(name: "an agent's sessions end together, but for the one kept; other people's stay") { store in
            let desk = try await DeskFixture.make(in: store)
            let now = Date().roundedToMilliseconds
            for (hash, subject) in [("a1", StoredSession.Subject.agent(desk.agent.id)), ("a2", .agent(desk.agent.id)), ("a3", .agent(desk.agent.id)),
                                    ("s1", .agent(desk.supervisor.id)), ("c1", .customer(desk.alice.id))] {
                try await store.createSession(StoredSession(tokenHash: hash, subject: subject, csrfToken: "x", createdAt: now, expiresAt: now.addingTimeInterval(600)))
            }
            #expect(try await store.deleteSessions(agent: desk.agent.id, keeping: "a2") == 2)
            for (hash, alive) in [("a1", false), ("a2", true), ("a3", false), ("s1", true), ("c1", true)] {
                #expect((try await store.session(tokenHash: hash, at: now) != nil) == alive, "session \(hash)")
            }
            #expect(try await store.deleteSessions(agent: desk.agent.id, keeping: nil) == 1)
            #expect(try await store.session(tokenHash: "a2", at: now) == nil)
        },
        ContractCase(name: "an unverified address is kept with the customer but finds nobody") { store in
            _ = try await DeskFixture.make(in: store)
            let created = try await store.createCustomer(try NewCustomer(name: "Guess", unverifiedEmail: "Alice@Example.com"))
            #expect(created.unverifiedEmail == "alice@example.com" && created.identities.isEmpty)
            #expect(try await store.customer(created.id)?.unverifiedEmail == "alice@example.com")
            #expect(try await store.customers(ids: [created.id]).first?.unverifiedEmail == "alice@example.com")
            #expect(try await store.customer(identity: ContactIdentity(kind: .email, value: "alice@example.com"))?.id != created.id)
        },
        ContractCase(name: "a merchant finds its own record for an unverified address, and no one else's") { store in
            let desk = try await DeskFixture.make(in: store)
            let guess = try await store.createCustomer(try NewCustomer(name: "Guess", unverifiedEmail: "guess@example.com"))
            #expect(try await store.customer(unverifiedEmail: "guess@example.com", servedBy: desk.merchant.id) == nil, "no ticket with the merchant yet")
            _ = try await store.createTicket(try desk.newTicket("Order", from: guess, merchant: desk.merchant), actor: .agent(desk.merchantAgent.id), at: Date())
            #expect(try await store.customer(unverifiedEmail: "guess@example.com", servedBy: desk.merchant.id)?.id == guess.id)
            let other = try await store.createOrganization(try NewOrganization(name: "Another shop", kind: .merchant))
            #expect(try await store.customer(unverifiedEmail: "guess@example.com", servedBy: other.id) == nil)
        },
            ContractCase(name: "a desk document is replaced whole only from the version it was read at") { store in
            let desk = try await DeskFixture.make(in: store)
            #expect(try await store.document(named: "routing") == nil)
            let first = try await store.saveDocument(named: "routing", body: ["rules": []], expectedVersion: 0, by: desk.admin.id, at: Date())
            #expect(first.version == 1)
            await #expect(throws: DomainError.self) { try await store.saveDocument(named: "routing", body: ["rules": [1]], expectedVersion: 0, by: nil, at: Date()) }
            let second = try await store.saveDocument(named: "routing", body: ["rules": ["x"]], expectedVersion: 1, by: desk.supervisor.id, at: Date())
            #expect(second.version == 2)
            await #expect(throws: DomainError.self) { try await store.saveDocument(named: "routing", body: ["rules": []], expectedVersion: 1, by: nil, at: Date()) }
            let read = try #require(try await store.document(named: "routing"))
            #expect(read.body == ["rules": ["x"]] && read.version == 2 && read.updatedBy == desk.supervisor.id)
        },
    ]
}
