import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Ticket creation straight through the store, to separate storage cost from HTTP cost.
enum StoreLoad {
    static func creation(store: SQLStore, desk: SyntheticDesk, writers: Int, seconds: Double) async throws -> Latencies {
        let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        return try await withThrowingTaskGroup(of: Latencies.self) { tasks in
            for writer in 0..<writers {
                tasks.addTask {
                    var text = TicketText(random: SplitMix(seed: UInt64(writer) &* 131 &+ 5))
                    var random = SplitMix(seed: UInt64(writer) &+ 977)
                    var latencies = Latencies()
                    while ContinuousClock.now < end {
                        let content = text.next()
                        let customer = desk.customers[random.next(desk.customers.count)]
                        let ticket = try NewTicket(
                            subject: content.subject, customerID: customer, channel: .api, teamID: desk.teams[random.next(3)].id,
                            tags: content.tags, language: content.language,
                            firstMessage: try NewMessage(author: .customer(customer), visibility: .public, body: content.message)
                        )
                        let start = ContinuousClock.now
                        _ = try await store.createTicket(ticket, actor: .system, at: Date())
                        latencies.record(ContinuousClock.now - start)
                    }
                    return latencies
                }
            }
            var total = Latencies()
            for try await part in tasks { total.merge(part) }
            return total
        }
    }
}
