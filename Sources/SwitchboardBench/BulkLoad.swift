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
        var text = TicketText(random: SplitMix(seed: 42))
        var random = SplitMix(seed: 4242)
        var loaded = existing
        let statuses: [TicketStatus] = [.new, .new, .open, .open, .open, .pendingCustomer, .onHold, .solved, .solved, .solved, .closed, .closed]
        let now = Date()
        while loaded < target {
            let count = min(batchSize, target - loaded)
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
                let age = Double(target - loaded - index) / Double(max(target, 1)) * 365 * 86_400
                batch.append(TicketImport(ticket: ticket, status: status, openedAt: now.addingTimeInterval(-age)))
            }
            _ = try await store.importTickets(batch, actor: .system)
            loaded += count
            let elapsed = Latencies.milliseconds(ContinuousClock.now - start) / 1000
            let done = Double(loaded) / Double(target)
            let bar = String(repeating: "█", count: Int(done * 30)) + String(repeating: "·", count: 30 - Int(done * 30))
            FileHandle.standardError.write(Data(String(format: "\rload    [%@] %3.0f%%  %@ tickets  %6.0f/s ", bar, done * 100,
                                                        loaded.formatted() as NSString, Double(loaded - existing) / max(elapsed, 0.001)).utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        print(String(format: "loaded  %@ tickets in %.0f s", (target - existing).formatted() as NSString, Latencies.milliseconds(ContinuousClock.now - start) / 1000))
    }
}
