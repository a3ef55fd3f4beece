import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Fills the store to a target number of tickets through `Store.importTickets`, with a progress bar.
enum BulkLoad {
    static let batchSize = 2_000

    static func fill(store: SQLStore, desk: SyntheticDesk, target: Int, print: @escaping @Sendable (String) -> Void) async throws {
        let existing = try await store.ticketCounts(visibility: .all).values.reduce(0, +)
        guard existing < target else { return }
        let start = ContinuousClock.now
        let batches = stride(from: existing, to: target, by: batchSize).map { ($0, min(batchSize, target - $0)) }
        var loaded = existing
        // Batches are made on the other core while the writer stores the previous ones.
        try await withThrowingTaskGroup(of: Int.self) { group in
            var next = batches.makeIterator()
            for _ in 0..<3 {
                guard let (offset, count) = next.next() else { break }
                group.addTask { try await load(offset: offset, count: count, target: target, desk: desk, store: store) }
            }
            while let done = try await group.next() {
                loaded += done
                progress(loaded: loaded, existing: existing, target: target, since: start)
                if let (offset, count) = next.next() {
                    group.addTask { try await load(offset: offset, count: count, target: target, desk: desk, store: store) }
                }
            }
        }
        FileHandle.standardError.write(Data("\n".utf8))
        print(String(format: "loaded  %@ tickets in %.0f s", (target - existing).formatted() as NSString, Latencies.milliseconds(ContinuousClock.now - start) / 1000))
    }

    /// Makes and imports one batch; its randomness depends only on its offset, so runs are repeatable.
    static func load(offset: Int, count: Int, target: Int, desk: SyntheticDesk, store: SQLStore) async throws -> Int {
        var text = TicketText(random: SplitMix(seed: UInt64(offset) &+ 42))
        var random = SplitMix(seed: UInt64(offset) &* 31 &+ 4242)
        let statuses: [TicketStatus] = [.new, .new, .open, .open, .open, .pendingCustomer, .onHold, .solved, .solved, .solved, .closed, .closed]
        let now = Date()
        var batch: [TicketImport] = []
        batch.reserveCapacity(count)
        for index in 0..<count {
            let content = text.next()
            let team = desk.teams[random.next(desk.teams.count)]
            let members = desk.agents.filter { $0.teamIDs.contains(team.id) }
            let status = statuses[random.next(statuses.count)]
            let customer = desk.customers[random.next(desk.customers.count)]
            let merchant = desk.organizations.first { $0.id == team.organizationID && $0.kind == .merchant }
            let ticket = try NewTicket(
                subject: content.subject, customerID: customer, channel: [.web, .email, .chat, .api][random.next(4)],
                priority: [.low, .normal, .normal, .normal, .high, .urgent][random.next(6)], teamID: team.id,
                assigneeID: status == .new || members.isEmpty ? nil : members[random.next(members.count)].id,
                merchantID: merchant?.id, tags: content.tags, language: content.language,
                firstMessage: try NewMessage(author: .customer(customer), visibility: .public, body: content.message)
            )
            // Spread the history over the last year, oldest first.
            let age = Double(target - offset - index) / Double(max(target, 1)) * 365 * 86_400
            batch.append(TicketImport(ticket: ticket, status: status, openedAt: now.addingTimeInterval(-age)))
        }
        // Many small writes, not one big one: SQLite's savepoint journal makes each statement of a
        // write cost time in proportion to the write's size so far. Sent together, they still share commits.
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for start in stride(from: 0, to: batch.count, by: 100) {
                let slice = Array(batch[start..<min(start + 100, batch.count)])
                group.addTask { try await store.importTickets(slice, actor: .system).count }
            }
            return try await group.reduce(0, +)
        }
    }

    static func progress(loaded: Int, existing: Int, target: Int, since start: ContinuousClock.Instant) {
        let elapsed = Latencies.milliseconds(ContinuousClock.now - start) / 1000
        let done = Double(loaded) / Double(target)
        let bar = String(repeating: "█", count: Int(done * 30)) + String(repeating: "·", count: 30 - Int(done * 30))
        FileHandle.standardError.write(Data(String(format: "\rload    [%@] %3.0f%%  %@ tickets  %6.0f/s ", bar, done * 100,
                                                    loaded.formatted() as NSString, Double(loaded - existing) / max(elapsed, 0.001)).utf8))
    }
}
