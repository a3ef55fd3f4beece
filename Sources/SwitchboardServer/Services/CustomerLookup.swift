import SwitchboardCore
import SwitchboardStorage

/// Finds a customer by a contact identity, or creates them once. Many requests can name one new
/// address together (a shop's first visit in two tabs, a burst of first tickets from one mailbox):
/// the first to store the customer wins, the others read the winner's record instead of failing.
struct CustomerLookup: Sendable {
    let store: any Store

    /// The customer holding `identity` (the one a merged record points to), or `new`, stored.
    func findOrCreate(_ identity: ContactIdentity, _ new: @autoclosure () throws -> NewCustomer) async throws -> Customer {
        if let existing = try await holder(of: identity) { return existing }
        do {
            return try await store.createCustomer(try new())
        } catch let error as DomainError where error.code == .conflict {
            // Another request stored a customer with one of these identities first.
            guard let winner = try await holder(of: identity) else { throw error }
            return winner
        }
    }

    /// The customer holding `identity`: the survivor when that record was merged.
    func holder(of identity: ContactIdentity) async throws -> Customer? {
        guard let found = try await store.customer(identity: identity) else { return nil }
        guard let survivor = found.mergedInto else { return found }
        return try await store.customer(survivor) ?? found
    }
}
