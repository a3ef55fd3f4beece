import Foundation
import SwitchboardCore

extension SQLStore {
    public func createCustomer(_ new: NewCustomer) async throws -> Customer {
        let now = Date().roundedToMilliseconds
        return try await write { connection in
            try await Self.insertCustomer(new, at: now, connection)
        }
    }

    static func insertCustomer(_ new: NewCustomer, at now: Date, _ connection: isolated any SQLConnection) async throws -> Customer {
        let row = try await connection.first(
            "INSERT INTO customers (name, language, tier, unverified_email, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
            [.text(new.name), .optional(new.language), .optional(new.tier), .optional(new.unverifiedEmail), .date(now)]
        )
        let id: Customer.ID = try row!.id("id")
        for identity in new.identities {
            try await insertIdentity(identity, customer: id, at: now, connection)
        }
        return Customer(
            id: id, name: new.name, language: new.language, tier: new.tier, identities: new.identities, mergedInto: nil, createdAt: now,
            unverifiedEmail: new.unverifiedEmail
        )
    }

    static func insertIdentity(_ identity: ContactIdentity, customer: Customer.ID, at now: Date, _ connection: isolated any SQLConnection) async throws {
        do {
            try await connection.query(
                "INSERT INTO contact_identities (customer_id, kind, value, created_at) VALUES (?, ?, ?, ?)",
                [.id(customer), .text(identity.kind.rawValue), .text(identity.value), .date(now)]
            )
        } catch let error as SQLConstraintError where error.kind == .unique {
            throw DomainError.conflict("this \(identity.kind.rawValue) identity belongs to another customer", field: "identities")
        }
    }

    public func setNotices(_ notices: Customer.Notices, for customer: Customer.ID) async throws {
        try await write { connection in
            let row = try await connection.first("UPDATE customers SET notices = ? WHERE id = ? RETURNING id", [.text(notices.rawValue), .id(customer)])
            if row == nil { throw DomainError.notFound("customer") }
        }
    }

    public func customer(_ id: Customer.ID) async throws -> Customer? {
        try await read { connection in try await Self.loadCustomer(id, connection) }
    }

    public func customer(identity: ContactIdentity) async throws -> Customer? {
        try await read { connection in
            guard let row = try await connection.first(
                "SELECT customer_id FROM contact_identities WHERE kind = ? AND value = ?",
                [.text(identity.kind.rawValue), .text(identity.value)]
            ) else { return nil }
            return try await Self.loadCustomer(try row.id("customer_id"), connection)
        }
    }

    public func customer(unverifiedEmail email: String, servedBy merchant: Organization.ID) async throws -> Customer? {
        try await read { connection in
            guard let row = try await connection.first(
                """
                SELECT c.id FROM customers c
                WHERE c.unverified_email = ? AND c.merged_into_id IS NULL
                  AND EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id AND t.merchant_id = ?)
                ORDER BY c.id LIMIT 1
                """,
                [.text(email), .id(merchant)]
            ) else { return nil }
            return try await Self.loadCustomer(try row.id("id"), connection)
        }
    }

    public func customers(ids: [Customer.ID]) async throws -> [Customer] {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return [] }
        return try await read { connection in
            var customers: [Customer] = []
            let ids = unique.map(\.rawValue)
            var identities: [Customer.ID: [ContactIdentity]] = [:]
            let owners = Self.idList("customer_id", ids, connection.dialect)
            for row in try await connection.query("SELECT customer_id, kind, value FROM contact_identities WHERE \(owners.sql) ORDER BY id", [owners.bind]) {
                identities[try row.id("customer_id"), default: []].append(ContactIdentity(trusted: try row.enumValue("kind"), value: try row.string("value")))
            }
            let list = Self.idList("id", ids, connection.dialect)
            for row in try await connection.query("SELECT * FROM customers WHERE \(list.sql) ORDER BY id", [list.bind]) {
                customers.append(try Self.customer(row, identities: identities[try row.id("id")] ?? []))
            }
            return customers
        }
    }

    public func addIdentity(_ identity: ContactIdentity, to customer: Customer.ID) async throws -> Customer {
        let now = Date().roundedToMilliseconds
        return try await write { connection in
            guard let existing = try await Self.loadCustomer(customer, connection), existing.mergedInto == nil else {
                throw DomainError.notFound("customer")
            }
            if existing.identities.contains(identity) { return existing }
            guard existing.identities.count < Limits.identitiesPerCustomer else {
                throw DomainError.invalidField("identities", "a customer has at most \(Limits.identitiesPerCustomer) contact identities")
            }
            try await Self.insertIdentity(identity, customer: customer, at: now, connection)
            return try await Self.loadCustomer(customer, connection)!
        }
    }

    public func mergeCustomer(_ source: Customer.ID, into target: Customer.ID, actor: EventActor, at now: Date) async throws -> Customer {
        guard source != target else { throw DomainError.invalidField("sourceId", "a customer cannot be merged into itself") }
        let now = now.roundedToMilliseconds
        return try await write { connection in
            guard let from = try await Self.loadCustomer(source, connection), from.mergedInto == nil else {
                throw DomainError.notFound("customer")
            }
            let survivor = try await Self.loadCustomer(target, connection)
            guard survivor != nil, survivor?.mergedInto == nil else { throw DomainError.notFound("customer") }
            try await connection.query("UPDATE contact_identities SET customer_id = ? WHERE customer_id = ?", [.id(target), .id(source)])
            let tickets = try await connection.query("SELECT \(Self.ticketColumns) FROM tickets WHERE customer_id = ?", [.id(source)])
            for row in tickets {
                var ticket = try Self.ticket(row)
                ticket.customerID = target
                ticket.updatedAt = max(now, ticket.updatedAt)
                try await Self.record([.customerMerged(from: source, into: target)], on: ticket, actor: actor, at: now, connection)
                try await Self.saveTicket(ticket, connection)
            }
            try await connection.query("UPDATE customers SET merged_into_id = ? WHERE id = ?", [.id(target), .id(source)])
            try await connection.query("UPDATE customers SET merged_into_id = ? WHERE merged_into_id = ?", [.id(target), .id(source)])
            return try await Self.loadCustomer(target, connection)!
        }
    }

    public func customerHasTicket(_ customer: Customer.ID, merchant: Organization.ID) async throws -> Bool {
        try await read { connection in
            try await connection.first(
                "SELECT 1 AS found FROM tickets WHERE customer_id = ? AND merchant_id = ? LIMIT 1", [.id(customer), .id(merchant)]
            ) != nil
        }
    }

    static func loadCustomer(_ id: Customer.ID, _ connection: isolated any SQLConnection) async throws -> Customer? {
        guard let row = try await connection.first("SELECT * FROM customers WHERE id = ?", [.id(id)]) else { return nil }
        let identities = try await connection.query(
            "SELECT kind, value FROM contact_identities WHERE customer_id = ? ORDER BY id", [.id(id)]
        ).map { ContactIdentity(trusted: try $0.enumValue("kind"), value: try $0.string("value")) }
        return try customer(row, identities: identities)
    }

    static func customer(_ row: SQLRow, identities: [ContactIdentity]) throws -> Customer {
        Customer(
            id: try row.id("id"), name: try row.string("name"), language: try row.optionalString("language"), tier: try row.optionalString("tier"),
            identities: identities, mergedInto: try row.optionalID("merged_into_id"), createdAt: try row.date("created_at"),
            unverifiedEmail: try row.optionalString("unverified_email"),
            notices: Customer.Notices(rawValue: try row.optionalString("notices") ?? "all") ?? .all
        )
    }
}
