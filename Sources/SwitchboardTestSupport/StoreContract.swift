import Foundation
import SwitchboardCore
import SwitchboardStorage
import Testing

/// One behaviour every store backend must have.
public struct ContractCase: Sendable, CustomTestStringConvertible {
    public let name: String
    public let run: @Sendable (any Store) async throws -> Void

    public var testDescription: String { name }
}

/// The storage contract: the same cases run against SQLite always and PostgreSQL when available.
public enum StoreContract {
    public static let cases: [ContractCase] = schema + directory + customers + tickets + listing + search + access + intake + eventLog + jobs + fences + attachments + portal

    static func expectDomainError(_ code: DomainError.Code, field: String? = nil, _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            try await body()
            Issue.record("expected a \(code.rawValue) error, got success", sourceLocation: sourceLocation)
        } catch let error as DomainError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let field { #expect(error.field == field, "\(error)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("expected a \(code.rawValue) error, got \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Schema

    static let schema: [ContractCase] = [
        ContractCase(name: "migrations are recorded and idempotent") { store in
            let status = try await store.schemaStatus()
            #expect(status.isCurrent)
            #expect(status.databaseVersion >= 1)
            let again = try await store.migrate()
            #expect(again.applied.isEmpty)
            #expect(again.version == status.binaryVersion)
        },
    ]

    // MARK: Organizations, teams, agents

    static let directory: [ContractCase] = [
        ContractCase(name: "organizations: one platform, many merchants") { store in
            let desk = try await DeskFixture.make(in: store)
            let all = try await store.organizations()
            #expect(all.map(\.id) == [desk.platform.id, desk.merchant.id])
            #expect(try await store.organization(desk.merchant.id) == desk.merchant)
            #expect(try await store.organization(Organization.ID(999_999)) == nil)
            await expectDomainError(.conflict) {
                _ = try await store.createOrganization(NewOrganization(name: "Second platform", kind: .platform))
            }
        },
        ContractCase(name: "teams keep their hours and time zone") { store in
            let desk = try await DeskFixture.make(in: store)
            let loaded = try #require(try await store.team(desk.orders.id))
            #expect(loaded == desk.orders)
            #expect(loaded.hours.timeZone == "Asia/Shanghai")
            let renamed = try await store.updateTeam(desk.orders.id, name: "Orders & delivery", hours: try .always(timeZone: "Asia/Tehran"))
            #expect(try await store.team(desk.orders.id) == renamed)
            #expect(renamed.hours.timeZone == "Asia/Tehran")
            #expect(try await store.teams(organization: desk.merchant.id).map(\.id) == [desk.merchantTeam.id])
            await expectDomainError(.conflict) {
                _ = try await store.createTeam(NewTeam(organizationID: desk.platform.id, name: "Payments", hours: desk.payments.hours))
            }
            await expectDomainError(.notFound) {
                _ = try await store.createTeam(NewTeam(organizationID: Organization.ID(424_242), name: "Ghosts", hours: desk.payments.hours))
            }
        },
        ContractCase(name: "agents get unique public numbers and sign in by email") { store in
            let desk = try await DeskFixture.make(in: store)
            let numbers = [desk.agent, desk.supervisor, desk.admin, desk.merchantAgent].map(\.number)
            #expect(Set(numbers).count == 4)
            #expect(numbers == numbers.sorted())
            try await store.setPasswordHash("hash-of-secret", for: desk.agent.id)
            let credentials = try #require(try await store.agentCredentials(email: "  ADA@desk.test "))
            #expect(credentials.agent == desk.agent)
            #expect(credentials.passwordHash == "hash-of-secret")
            #expect(try await store.agentCredentials(email: "nobody@desk.test") == nil)
            await expectDomainError(.conflict, field: "email") {
                _ = try await store.createAgent(NewAgent(organizationID: desk.platform.id, name: "Ada Again", email: "ada@desk.test", role: .agent), passwordHash: nil)
            }
        },
        ContractCase(name: "agent updates change role, teams and presence") { store in
            let desk = try await DeskFixture.make(in: store)
            let updated = try await store.updateAgent(
                desk.agent.id, AgentUpdate(role: .supervisor, teamIDs: [desk.payments.id, desk.orders.id], presence: .online)
            )
            #expect(updated.role == .supervisor)
            #expect(updated.teamIDs == [desk.orders.id, desk.payments.id])
            #expect(try await store.agent(desk.agent.id) == updated)
            // A merchant's agent cannot join another organization's team.
            await expectDomainError(.invalidField, field: "teamIds") {
                _ = try await store.updateAgent(desk.merchantAgent.id, AgentUpdate(teamIDs: [desk.orders.id]))
            }
            #expect(try await store.agents(organization: desk.merchant.id).map(\.id) == [desk.merchantAgent.id])
        },
    ]

    // MARK: Customers

    static let customers: [ContractCase] = [
        ContractCase(name: "customers are found by any of their identities") { store in
            let desk = try await DeskFixture.make(in: store)
            let byEmail = try await store.customer(identity: try ContactIdentity(kind: .email, value: "Alice@Example.com"))
            #expect(byEmail?.id == desk.alice.id)
            let withPhone = try await store.addIdentity(try ContactIdentity(kind: .phone, value: "+86 138-0000-0000"), to: desk.alice.id)
            #expect(withPhone.identities.contains(try ContactIdentity(kind: .phone, value: "+8613800000000")))
            #expect(try await store.customer(identity: try ContactIdentity(kind: .phone, value: "+86 13800000000"))?.id == desk.alice.id)
            await expectDomainError(.conflict, field: "identities") {
                _ = try await store.addIdentity(try ContactIdentity(kind: .email, value: "alice@example.com"), to: desk.bob.id)
            }
            await expectDomainError(.notFound) {
                _ = try await store.addIdentity(try ContactIdentity(kind: .widget, value: "visitor-1"), to: Customer.ID(987_654))
            }
        },
        ContractCase(name: "merging customers moves identities and tickets, with events") { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Parcel missing", from: desk.bob), actor: .customer(desk.bob.id), at: Date()).ticket
            let merged = try await store.mergeCustomer(desk.bob.id, into: desk.alice.id, actor: .agent(desk.supervisor.id), at: Date())
            #expect(merged.identities.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.email, .external])
            #expect(try await store.customer(desk.bob.id)?.mergedInto == desk.alice.id)
            let moved = try #require(try await store.ticket(number: ticket.number))
            #expect(moved.customerID == desk.alice.id)
            let events = try await store.events(ticket: ticket.id)
            #expect(events.last?.kind == .customerMerged)
            #expect(try await store.verifyTicket(number: ticket.number)?.isIntact == true)
            // New tickets for the merged-away customer land on the survivor.
            let later = try await store.createTicket(try desk.newTicket("Another question", from: desk.bob), actor: .system, at: Date())
            #expect(later.ticket.customerID == desk.alice.id)
            await expectDomainError(.notFound) {
                _ = try await store.mergeCustomer(desk.bob.id, into: desk.alice.id, actor: .system, at: Date())
            }
        },
    ]

    // MARK: Tickets, messages, events

    static let tickets: [ContractCase] = [
        ContractCase(name: "a new ticket gets a unique number and created + message events") { store in
            let desk = try await DeskFixture.make(in: store)
            let first = try await store.createTicket(try desk.newTicket("我想申请退款，订单还没到", team: desk.orders), actor: .customer(desk.alice.id), at: Date())
            let second = try await store.createTicket(try desk.newTicket("Second"), actor: .customer(desk.alice.id), at: Date())
            #expect(second.ticket.number > first.ticket.number)
            #expect(first.ticket.status == .new)
            let loaded = try #require(try await store.ticket(number: first.ticket.number))
            #expect(loaded == first.ticket)
            let events = try await store.events(ticket: first.ticket.id)
            #expect(events.map(\.kind) == [.created, .message])
            #expect(events.map(\.sequence) == [1, 2])
            #expect(events[0].previousHash == EventChain.genesisHash)
            #expect(events[1].previousHash == events[0].hash)
            #expect(try await store.messages(ticket: first.ticket.id, includeInternal: false).first?.body == "我想申请退款，订单还没到")
            #expect(try await store.ticket(number: 9_999_999) == nil)
        },
        ContractCase(name: "imported tickets keep their status and opening time") { store in
            let desk = try await DeskFixture.make(in: store)
            let opened = Date(timeIntervalSince1970: 1_600_000_000)
            let imported = try await store.importTickets([
                TicketImport(ticket: try desk.newTicket("Old solved case"), status: .solved, openedAt: opened),
                TicketImport(ticket: try desk.newTicket("Old open case", team: desk.orders), status: .open, openedAt: opened.addingTimeInterval(60)),
            ], actor: .system)
            #expect(imported.map(\.status) == [.solved, .open])
            let loaded = try #require(try await store.ticket(number: imported[0].number))
            #expect(loaded.createdAt == opened && loaded.status == .solved)
            let events = try await store.events(ticket: loaded.id)
            #expect(events.first?.data["status"]?.stringValue == "solved")
            #expect(events.first?.createdAt == opened)
            #expect(try await store.verifyTicket(number: loaded.number)?.isIntact == true)
            // A customer reply reopens the imported solved ticket like any other.
            let reply = try await store.addMessage(
                try NewMessage(author: .customer(desk.alice.id), visibility: .public, body: "Still broken"),
                toTicket: loaded.number, actor: .customer(desk.alice.id), at: Date()
            ) { _ in }
            #expect(reply.ticket.status == .open)
        },
        ContractCase(name: "status follows the state machine and refusals change nothing") { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Broken kettle"), actor: .system, at: Date()).ticket
            let actor = EventActor.agent(desk.agent.id)
            for status in [TicketStatus.open, .pendingCustomer, .open, .solved, .closed] {
                let updated = try await store.updateTicket(number: ticket.number, commands: [.setStatus(status)], actor: actor, at: Date()) { _ in }
                #expect(updated.status == status)
            }
            let before = try await store.events(ticket: ticket.id).count
            do {
                _ = try await store.updateTicket(number: ticket.number, commands: [.setStatus(.open)], actor: actor, at: Date()) { _ in }
                Issue.record("a closed ticket reopened")
            } catch let error as DomainError {
                #expect(error.code == .invalidTransition)
                #expect(error.message.contains("closed") && error.message.contains("open"))
            }
            #expect(try await store.events(ticket: ticket.id).count == before)
            #expect(try await store.ticket(number: ticket.number)?.status == .closed)
        },
        ContractCase(name: "a failed command in a batch leaves the ticket untouched") { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Half a change"), actor: .system, at: Date()).ticket
            await expectDomainError(.invalidTransition) {
                _ = try await store.updateTicket(
                    number: ticket.number, commands: [.setPriority(.urgent), .setStatus(.closed)], actor: .system, at: Date()
                ) { _ in }
            }
            #expect(try await store.ticket(number: ticket.number)?.priority == .normal)
            #expect(try await store.events(ticket: ticket.id).count == 2)
        },
        ContractCase(name: "replies move the status: customer reopens solved, agent opens new, notes change nothing") { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Refund please"), actor: .system, at: Date()).ticket
            let note = try await store.addMessage(
                try NewMessage(author: .agent(desk.agent.id), visibility: .internal, body: "Checking with the warehouse"),
                toTicket: ticket.number, actor: .agent(desk.agent.id), at: Date()
            ) { _ in }
            #expect(note.ticket.status == .new)
            let reply = try await store.addMessage(
                try NewMessage(author: .agent(desk.agent.id), visibility: .public, body: "We are on it"),
                toTicket: ticket.number, actor: .agent(desk.agent.id), at: Date()
            ) { _ in }
            #expect(reply.ticket.status == .open)
            _ = try await store.updateTicket(number: ticket.number, commands: [.setStatus(.solved)], actor: .agent(desk.agent.id), at: Date()) { _ in }
            let back = try await store.addMessage(
                try NewMessage(author: .customer(desk.alice.id), visibility: .public, body: "It still has not arrived"),
                toTicket: ticket.number, actor: .customer(desk.alice.id), at: Date()
            ) { _ in }
            #expect(back.ticket.status == .open)
            let kinds = try await store.events(ticket: ticket.id).map(\.kind)
            #expect(kinds == [.created, .message, .message, .message, .statusChanged, .statusChanged, .message, .statusChanged])
            #expect(try await store.messages(ticket: ticket.id, includeInternal: false).map(\.body).contains("Checking with the warehouse") == false)
            #expect(try await store.messages(ticket: ticket.id, includeInternal: true).count == 4)
            // The check closure refuses inside the transaction, and nothing is written.
            await expectDomainError(.forbidden) {
                _ = try await store.addMessage(
                    try NewMessage(author: .customer(desk.bob.id), visibility: .public, body: "Not my ticket"),
                    toTicket: ticket.number, actor: .customer(desk.bob.id), at: Date()
                ) { _ in throw DomainError.forbidden("not yours") }
            }
            #expect(try await store.messages(ticket: ticket.id, includeInternal: true).count == 4)
        },
        ContractCase(name: "a customer's reply to a closed ticket opens a linked follow-up in the same write; an agent's is refused") { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Old case", team: desk.orders), actor: .system, at: Date()).ticket
            _ = try await store.updateTicket(number: ticket.number, commands: [.setStatus(.solved), .setStatus(.closed)], actor: .system, at: Date()) { _ in }
            await expectDomainError(.invalidTransition) {
                _ = try await store.addMessage(
                    try NewMessage(author: .agent(desk.agent.id), visibility: .public, body: "Anything else?"),
                    toTicket: ticket.number, actor: .agent(desk.agent.id), at: Date()
                ) { _ in }
            }
            let outcome = try await store.addMessage(
                try NewMessage(author: .customer(desk.alice.id), visibility: .public, body: "Again broken"),
                toTicket: ticket.number, actor: .customer(desk.alice.id), at: Date(), analysis: nil, jobs: []
            ) { _ in }
            guard case .followUp(let created, let closed) = outcome else {
                Issue.record("expected a follow-up, got \(outcome)")
                return
            }
            #expect(closed == ticket.number)
            #expect(created.ticket.followUpOf == ticket.number && created.ticket.number != ticket.number)
            #expect(created.ticket.subject == "Old case" && created.ticket.teamID == desk.orders.id, "the follow-up carries the case on")
            #expect(created.message?.body == "Again broken")
            #expect(try await store.ticket(number: ticket.number)?.status == .closed, "a closed ticket stays closed")
            let old = try await store.events(ticket: ticket.id)
            #expect(old.last?.kind == .followUpOpened)
            #expect(try old.last?.change() == .followUpOpened(number: created.ticket.number))
            #expect(try await store.verifyTicket(number: ticket.number)?.isIntact == true)
            #expect(try await store.verifyTicket(number: created.ticket.number)?.isIntact == true)
        },
        ContractCase(name: "assign, transfer, priority, tags, fields and problem each record one event") { store in
            let desk = try await DeskFixture.make(in: store)
            try await store.createFieldDefinition(try CustomFieldDefinition(key: "order_number", label: "Order number", type: .text), at: Date())
            try await store.createFieldDefinition(try CustomFieldDefinition(key: "delivery_day", label: "Delivery day", type: .date), at: Date())
            try await store.createFieldDefinition(try CustomFieldDefinition(key: "amount", label: "Amount", type: .number), at: Date())
            #expect(try await store.fieldDefinitions().map(\.key) == ["amount", "delivery_day", "order_number"])
            let ticket = try await store.createTicket(try desk.newTicket("Where is my order", team: desk.orders), actor: .system, at: Date()).ticket
            let commands: [TicketCommand] = [
                .assign(desk.agent.id),
                try .validatedTransfer(to: desk.payments.id, reason: "Customer was charged twice", assignee: desk.supervisor.id),
                .setPriority(.high),
                .setTags(["refund", "VIP", "refund"]),
                .setFields(["order_number": .text("SO-12345"), "delivery_day": .date("2025-02-28"), "amount": .number(19.9)]),
                .setProblem(Problem(whatHappened: "charged twice", when: "yesterday", expectation: "refund the extra charge")),
                .setPriority(.high),
            ]
            let updated = try await store.updateTicket(number: ticket.number, commands: commands, actor: .agent(desk.agent.id), at: Date()) { _ in }
            #expect(updated.teamID == desk.payments.id)
            #expect(updated.assigneeID == desk.supervisor.id)
            #expect(updated.tags == ["refund", "vip"])
            #expect(updated.fields["delivery_day"] == .date("2025-02-28"))
            #expect(try await store.ticket(number: ticket.number) == updated)
            let kinds = try await store.events(ticket: ticket.id).dropFirst(2).map(\.kind)
            #expect(kinds == [.assigned, .transferred, .priorityChanged, .tagsChanged, .fieldsChanged, .problemUpdated])
            let transfer = try await store.events(ticket: ticket.id).first { $0.kind == .transferred }
            #expect(transfer?.data["reason"]?.stringValue == "Customer was charged twice")
            let tagged = try await store.listTickets(TicketQuery(visibility: .all, tag: "vip"))
            #expect(tagged.tickets.map(\.id) == [ticket.id])
            let cleared = try await store.updateTicket(number: ticket.number, commands: [.setTags([]), .setFields(["amount": nil])], actor: .system, at: Date()) { _ in }
            #expect(cleared.fields["amount"] == nil)
            #expect(try await store.listTickets(TicketQuery(visibility: .all, tag: "vip")).tickets.isEmpty)
        },
        ContractCase(name: "the hash chain verifies, event by event") { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Chain"), actor: .system, at: Date()).ticket
            for priority in [Priority.high, .low, .urgent] {
                _ = try await store.updateTicket(number: ticket.number, commands: [.setPriority(priority)], actor: .system, at: Date()) { _ in }
            }
            guard case .intact(let count, let head)? = try await store.verifyTicket(number: ticket.number) else {
                Issue.record("chain should verify")
                return
            }
            #expect(count == 5)
            #expect(head == (try await store.events(ticket: ticket.id)).last?.hash)
            #expect(try await store.verifyTicket(number: 123_456_789) == nil)
        },
        ContractCase(name: "concurrent writers each get a durable, distinct ticket") { store in
            let desk = try await DeskFixture.make(in: store)
            let numbers = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for index in 0..<120 {
                    group.addTask {
                        // Every seventh write fails inside the batch; the others must not notice.
                        if index % 7 == 0 {
                            _ = try? await store.addMessage(
                                try NewMessage(author: .system, visibility: .internal, body: "x"), toTicket: -1, actor: .system, at: Date()
                            ) { _ in }
                            return nil
                        }
                        return try await store.createTicket(try desk.newTicket("Parallel \(index)"), actor: .system, at: Date()).ticket.number
                    }
                }
                var numbers: [Int64] = []
                for try await number in group { if let number { numbers.append(number) } }
                return numbers
            }
            #expect(numbers.count == 102)
            #expect(Set(numbers).count == numbers.count)
            for number in numbers {
                #expect(try await store.ticket(number: number) != nil)
            }
        },
    ]

    // MARK: Lists

    static let listing: [ContractCase] = [
        ContractCase(name: "keyset pages walk every ticket once, newest activity first") { store in
            let desk = try await DeskFixture.make(in: store)
            let base = Date(timeIntervalSince1970: 1_750_000_000)
            var created: [Ticket] = []
            for index in 0..<23 {
                // Several tickets share a timestamp so the id tie-breaker is exercised.
                created.append(try await store.createTicket(try desk.newTicket("Ticket \(index)"), actor: .system, at: base.addingTimeInterval(Double(index / 3))).ticket)
            }
            var seen: [Ticket.ID] = []
            var cursor: TicketCursor?
            var pages = 0
            repeat {
                let page = try await store.listTickets(TicketQuery(visibility: .all, limit: 5, cursor: cursor))
                seen += page.tickets.map(\.id)
                cursor = page.nextCursor
                pages += 1
                if let next = cursor { #expect(TicketCursor(encoded: next.encoded) == next) }
            } while cursor != nil && pages < 10
            #expect(pages == 5)
            let expected = created.sorted { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }.map(\.id)
            #expect(seen == expected)
        },
        ContractCase(name: "a common tag pages like a rare one") { store in
            let desk = try await DeskFixture.make(in: store)
            let start = Date(timeIntervalSince1970: 1_700_000_000)
            var imports: [TicketImport] = []
            for index in 0..<2_100 {
                let tags = index % 20 == 0 ? ["rare"] : (index < 2_050 ? ["common"] : [])
                imports.append(TicketImport(ticket: try desk.newTicket("Ticket \(index)", tags: tags), status: .open, openedAt: start.addingTimeInterval(Double(index))))
            }
            for chunk in stride(from: 0, to: imports.count, by: 300) {
                _ = try await store.importTickets(Array(imports[chunk..<min(chunk + 300, imports.count)]), actor: .system)
            }
            let firstPage = try await store.listTickets(TicketQuery(visibility: .all, tag: "common", limit: 50))
            #expect(firstPage.tickets.count == 50)
            #expect(firstPage.tickets.first?.subject == "Ticket 2049")
            #expect(firstPage.tickets.allSatisfy { $0.tags == ["common"] })
            let second = try await store.listTickets(TicketQuery(visibility: .all, tag: "common", limit: 50, cursor: firstPage.nextCursor))
            #expect(second.tickets.first?.subject == "Ticket 1996")
            let rare = try await store.listTickets(TicketQuery(visibility: .all, tag: "rare", limit: 200))
            #expect(rare.tickets.count == 105 && rare.nextCursor == nil)
        },
        ContractCase(name: "many reads at once each get their own snapshot") { store in
            // A tag filter takes two statements; reads arriving while one waits between them must
            // not share its transaction (SQLite reported "cannot start a transaction within a transaction").
            let desk = try await DeskFixture.make(in: store)
            let start = Date()
            for index in 0..<6 {
                _ = try await store.createTicket(try desk.newTicket("Read \(index)", tags: index < 4 ? ["vip"] : []), actor: .system, at: start.addingTimeInterval(Double(index)))
            }
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<96 {
                    group.addTask {
                        switch index % 3 {
                        case 0: try await store.listTickets(TicketQuery(visibility: .all, tag: "vip", limit: 50)).tickets.count
                        case 1: try await store.countTickets(TicketQuery(visibility: .all, tag: "vip"), upTo: 200)
                        default: try await store.listTickets(TicketQuery(visibility: .all, limit: 50)).tickets.count
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(results.count == 96)
            #expect(results.filter { $0 == 4 }.count == 64)
            #expect(results.filter { $0 == 6 }.count == 32)
        },
        ContractCase(name: "counts follow the same filters, and stop at the cap") { store in
            let desk = try await DeskFixture.make(in: store)
            let start = Date()
            for index in 0..<7 {
                _ = try await store.createTicket(
                    try desk.newTicket("Count \(index)", team: index < 5 ? desk.orders : desk.payments, priority: index == 0 ? .urgent : .normal, tags: index < 2 ? ["vip"] : []),
                    actor: .system, at: start.addingTimeInterval(Double(index))
                )
            }
            #expect(try await store.countTickets(TicketQuery(visibility: .all), upTo: 200) == 7)
            #expect(try await store.countTickets(TicketQuery(visibility: .all), upTo: 3) == 3)
            #expect(try await store.countTickets(TicketQuery(visibility: .all, teamID: desk.orders.id), upTo: 200) == 5)
            #expect(try await store.countTickets(TicketQuery(visibility: .all, priority: .urgent), upTo: 200) == 1)
            #expect(try await store.countTickets(TicketQuery(visibility: .all, tag: "vip"), upTo: 200) == 2)
            #expect(try await store.countTickets(TicketQuery(visibility: .merchant(desk.merchant.id)), upTo: 200) == 0)
        },
        ContractCase(name: "filters narrow the list and visibility bounds it") { store in
            let desk = try await DeskFixture.make(in: store)
            let start = Date()
            let a = try await store.createTicket(try desk.newTicket("A", team: desk.orders, priority: .urgent), actor: .system, at: start).ticket
            let b = try await store.createTicket(try desk.newTicket("B", from: desk.bob, team: desk.payments, merchant: desk.merchant, tags: ["tea"]), actor: .system, at: start).ticket
            let c = try await store.createTicket(try desk.newTicket("C", from: desk.bob), actor: .system, at: start.addingTimeInterval(5)).ticket
            _ = try await store.updateTicket(number: a.number, commands: [.assign(desk.agent.id), .setStatus(.open)], actor: .system, at: start.addingTimeInterval(10)) { _ in }
            func ids(_ query: TicketQuery) async throws -> Set<Ticket.ID> { Set(try await store.listTickets(query).tickets.map(\.id)) }
            #expect(try await ids(TicketQuery(visibility: .all, statuses: [.open])) == [a.id])
            #expect(try await ids(TicketQuery(visibility: .all, statuses: [.new])) == [b.id, c.id])
            #expect(try await ids(TicketQuery(visibility: .all, teamID: desk.payments.id)) == [b.id])
            #expect(try await ids(TicketQuery(visibility: .all, assignee: .agent(desk.agent.id))) == [a.id])
            #expect(try await ids(TicketQuery(visibility: .all, assignee: .unassigned)) == [b.id, c.id])
            #expect(try await ids(TicketQuery(visibility: .all, priority: .urgent)) == [a.id])
            #expect(try await ids(TicketQuery(visibility: .all, customerID: desk.bob.id)) == [b.id, c.id])
            #expect(try await ids(TicketQuery(visibility: .all, merchantID: desk.merchant.id)) == [b.id])
            #expect(try await ids(TicketQuery(visibility: .all, tag: "tea")) == [b.id])
            #expect(try await ids(TicketQuery(visibility: .all, updatedSince: start.addingTimeInterval(4))) == [a.id, c.id])
            #expect(try await ids(TicketQuery(visibility: .merchant(desk.merchant.id))) == [b.id])
            #expect(try await ids(TicketQuery(visibility: .customer(desk.alice.id))) == [a.id])
            #expect(try await ids(TicketQuery(visibility: .customer(desk.alice.id), customerID: desk.bob.id)).isEmpty)
            let counts = try await store.ticketCounts(visibility: .all)
            #expect(counts[.open] == 1 && counts[.new] == 2)
            #expect(try await store.ticketCounts(visibility: .merchant(desk.merchant.id)) == [.new: 1])
            // By team list and by channel (the agents' "chats waiting").
            var teams = TicketQuery(visibility: .all)
            teams.teamIDs = [desk.orders.id, desk.payments.id]
            #expect(try await ids(teams) == [a.id, b.id])
            teams.teamIDs = []
            #expect(try await ids(teams).isEmpty)
            var chat = try desk.newTicket("D", from: desk.bob, team: desk.orders)
            chat.channel = .chat
            let d = try await store.createTicket(chat, actor: .system, at: start).ticket
            var chats = TicketQuery(visibility: .all, statuses: [.new])
            chats.channel = .chat
            #expect(try await ids(chats) == [d.id])
            chats.createdSince = start.addingTimeInterval(1)
            #expect(try await ids(chats).isEmpty, "opened before that moment")
            chats.createdSince = start
            #expect(try await ids(chats) == [d.id])
            chats.teamIDs = [desk.payments.id]
            #expect(try await ids(chats).isEmpty)
        },
    ]

    // MARK: Search

    static let search: [ContractCase] = [
        ContractCase(name: "search finds Chinese, Persian and English, and ranks by relevance") { store in
            let desk = try await DeskFixture.make(in: store)
            let chinese = try await store.createTicket(try desk.newTicket("订单问题", body: "我想申请退款，订单还没到"), actor: .system, at: Date()).ticket
            let persian = try await store.createTicket(try desk.newTicket("سفارش", body: "لطفاً بازپرداخت‌ها را بررسی کنید، پول من برنگشت"), actor: .system, at: Date()).ticket
            let english = try await store.createTicket(try desk.newTicket("Refunds for broken cups", body: "Two cups arrived broken."), actor: .system, at: Date()).ticket
            let strong = try await store.createTicket(try desk.newTicket("Refund refund refund", body: "refund now, the refund is late"), actor: .system, at: Date()).ticket
            _ = try await store.createTicket(try desk.newTicket("Shipping question", body: "When does my parcel ship?"), actor: .system, at: Date())
            func numbers(_ text: String, _ visibility: TicketVisibility = .all, withNotes: Bool = true) async throws -> [Int64] {
                try await store.searchTickets(TicketSearchQuery(text: text, visibility: visibility, includeInternal: withNotes)).map(\.ticket.number)
            }
            #expect(try await numbers("退款") == [chinese.number])
            #expect(try await numbers("退款 订单") == [chinese.number])
            #expect(try await numbers("还") == [chinese.number])
            #expect(try await numbers("بازپرداخت") == [persian.number])
            #expect(try await numbers("بازپرداختها") == [persian.number])
            let refund = try await numbers("refund")
            #expect(Set(refund) == [english.number, strong.number])
            #expect(refund.first == strong.number)
            #expect(try await numbers("REFUNDS") .count == 2)
            #expect(try await numbers("nothing-like-this-anywhere").isEmpty)
            #expect(try await numbers("   ").isEmpty)
        },
        ContractCase(name: "search respects internal notes and visibility") { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Kettle", body: "The kettle leaks"), actor: .system, at: Date()).ticket
            _ = try await store.addMessage(
                try NewMessage(author: .agent(desk.agent.id), visibility: .internal, body: "supplier batch zebracode"),
                toTicket: ticket.number, actor: .agent(desk.agent.id), at: Date()
            ) { _ in }
            let merchantTicket = try await store.createTicket(try desk.newTicket("Tea", from: desk.bob, body: "Oolong arrived stale", merchant: desk.merchant), actor: .system, at: Date()).ticket
            func numbers(_ text: String, _ visibility: TicketVisibility, withNotes: Bool) async throws -> [Int64] {
                try await store.searchTickets(TicketSearchQuery(text: text, visibility: visibility, includeInternal: withNotes)).map(\.ticket.number)
            }
            #expect(try await numbers("zebracode", .all, withNotes: true) == [ticket.number])
            #expect(try await numbers("zebracode", .customer(desk.alice.id), withNotes: false).isEmpty)
            #expect(try await numbers("oolong", .merchant(desk.merchant.id), withNotes: true) == [merchantTicket.number])
            #expect(try await numbers("kettle", .merchant(desk.merchant.id), withNotes: true).isEmpty)
            #expect(try await numbers("oolong", .customer(desk.alice.id), withNotes: false).isEmpty)
        },
    ]

    // MARK: Sessions, tokens, links, settings

    static let access: [ContractCase] = [
        ContractCase(name: "sessions live until they expire or are deleted") { store in
            let desk = try await DeskFixture.make(in: store)
            let now = Date().roundedToMilliseconds
            let session = StoredSession(tokenHash: "h1", subject: .agent(desk.agent.id), csrfToken: "csrf", createdAt: now, expiresAt: now.addingTimeInterval(60))
            try await store.createSession(session)
            try await store.createSession(StoredSession(tokenHash: "h2", subject: .customer(desk.alice.id), csrfToken: "c2", createdAt: now, expiresAt: now.addingTimeInterval(1)))
            #expect(try await store.session(tokenHash: "h1", at: now) == session)
            #expect(try await store.session(tokenHash: "h2", at: now.addingTimeInterval(2)) == nil)
            #expect(try await store.deleteExpiredSessions(before: now.addingTimeInterval(2)) == 1)
            try await store.deleteSession(tokenHash: "h1")
            #expect(try await store.session(tokenHash: "h1", at: now) == nil)
        },
        ContractCase(name: "API tokens are found by hash and can be revoked") { store in
            let desk = try await DeskFixture.make(in: store)
            let token = try await store.createAPIToken(
                organization: desk.merchant.id, name: "Shop sync", scopes: [.ticketsWrite, .ticketsRead], tokenHash: "th", prefix: "sb_abcd",
                createdBy: desk.admin.id, at: Date()
            )
            #expect(token.scopes == [.ticketsRead, .ticketsWrite])
            #expect(try await store.apiToken(hash: "th") == token)
            #expect(try await store.apiTokens(organization: desk.platform.id).isEmpty)
            let revoked = try await store.revokeAPIToken(token.id, at: Date())
            #expect(revoked.isRevoked)
            #expect(try await store.apiToken(hash: "th")?.isRevoked == true)
            await expectDomainError(.invalidField, field: "scopes") {
                _ = try await store.createAPIToken(organization: desk.platform.id, name: "Nothing", scopes: [], tokenHash: "t2", prefix: "p", createdBy: nil, at: Date())
            }
        },
        ContractCase(name: "a magic link signs in once, and never after it expires") { store in
            let desk = try await DeskFixture.make(in: store)
            let now = Date().roundedToMilliseconds
            try await store.createMagicLink(tokenHash: "m1", customer: desk.alice.id, at: now, expiresAt: now.addingTimeInterval(900))
            try await store.createMagicLink(tokenHash: "m2", customer: desk.alice.id, at: now, expiresAt: now.addingTimeInterval(900))
            #expect(try await store.redeemMagicLink(tokenHash: "m1", at: now) == desk.alice.id)
            #expect(try await store.redeemMagicLink(tokenHash: "m1", at: now) == nil)
            #expect(try await store.redeemMagicLink(tokenHash: "m2", at: now.addingTimeInterval(901)) == nil)
            #expect(try await store.redeemMagicLink(tokenHash: "unknown", at: now) == nil)
        },
        ContractCase(name: "desk settings are created once") { store in
            let first = try await store.setting("identity_secret") { "first" }
            let second = try await store.setting("identity_secret") { "second" }
            #expect(first == "first" && second == "first")
        },
    ]
}
