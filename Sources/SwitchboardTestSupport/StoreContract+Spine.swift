import Foundation
import SwitchboardCore
import SwitchboardStorage
import Testing

extension StoreContract {
    /// What the assistant read, stored with the message; the intake rules in the same write.
    public static func analysis(
        language: String = "fa", intent: String? = "refund", confidence: Double = 0.9, anger: Double = 0,
        personRequested: Bool = false, urgent: Bool = false, whatHappened: String? = nil
    ) -> MessageAnalysis {
        MessageAnalysis(
            language: language, languageConfidence: 0.97,
            intents: intent.map { [MessageAnalysis.IntentScore(label: $0, confidence: confidence), MessageAnalysis.IntentScore(label: "return", confidence: 0.04)] } ?? [],
            outOfScope: intent == nil, polarity: anger > 0 ? .negative : .neutral, sentiment: anger > 0 ? -0.6 : 0, anger: anger,
            personRequested: personRequested, handoffRecommended: personRequested, handoffReasons: personRequested ? ["explicit-request"] : [],
            handoffPhrase: personRequested ? "اپراتور" : nil, urgent: urgent,
            entities: [MessageAnalysis.Entity(kind: "order-number", text: "۸۴۵۲۱", value: "84521")],
            problem: MessageAnalysis.Problem(whatHappened: whatHappened, when: "2026-11-20", whenText: "دیروز", expectation: "refund", missing: whatHappened == nil ? ["what-happened"] : []),
            modelVersion: "contract"
        )
    }

    static let analysisJob = JobKind(rawValue: "analyse-pending")!

    /// Reads the log after `position` in pages until `count` events came. On PostgreSQL an event is
    /// readable once every older transaction on the server has ended — other tests' included — so
    /// the reader waits a little, as the desk's log follower does.
    public static func readLog(_ store: any Store, after position: EventLogPosition, expecting count: Int, page: Int = 1_000) async throws -> [LoggedEvent] {
        var read: [LoggedEvent] = []
        var position = position
        let deadline = ContinuousClock.now + .seconds(10)
        while read.count < count, ContinuousClock.now < deadline {
            let events = try await store.eventLog(after: position, limit: page)
            guard let last = events.last else {
                try await Task.sleep(for: .milliseconds(20))
                continue
            }
            read += events
            position = last.position
        }
        return read
    }

    static let intake: [ContractCase] = [
        ContractCase(name: "a customer's first message is stored with its analysis, and the intake rules act in the same write as the assistant") { store in
            let desk = try await DeskFixture.make(in: store)
            let read = analysis(anger: 0.6, personRequested: true, whatHappened: "کتری نشتی دارد")
            let created = try await store.createTicket(
                try desk.newTicket("کتری خراب است", body: "سفارش ۸۴۵۲۱ دیروز رسید و نشتی دارد. اپراتور لطفاً!"),
                actor: .customer(desk.alice.id), at: Date(), analysis: .done(read), jobs: []
            )
            let ticket = created.ticket
            #expect(ticket.language == "fa" && ticket.category == "refund" && ticket.priority == .high)
            #expect(ticket.problem == Problem(whatHappened: "کتری نشتی دارد", when: "2026-11-20", expectation: "refund"))
            #expect(try await store.ticket(number: ticket.number) == ticket, "the returned ticket is the stored one")
            let events = try await store.events(ticket: ticket.id)
            #expect(events.map(\.kind) == [.created, .message, .handoffRequested, .languageChanged, .categoryChanged, .priorityChanged, .problemUpdated])
            #expect(events.prefix(2).allSatisfy { $0.actor == .customer(desk.alice.id) } && events.dropFirst(2).allSatisfy { $0.actor == .bot })
            let message = try #require(created.message)
            #expect(try events[2].change() == .handoffRequested(messageID: message.id, reasons: ["explicit-request"], phrase: "اپراتور"))
            #expect(try events[5].change() == .priorityChanged(from: .normal, to: .high, reason: "anger,person-requested"))
            let stored = try await store.analyses(ticket: ticket.id)
            #expect(stored[message.id]?.state == .done(read), "the analysis reads back as written")
            #expect(try await store.verifyTicket(number: ticket.number)?.isIntact == true)
        },
        ContractCase(name: "a reply's analysis acts on the ticket as it stands; an agent's words and notes are not analysed") { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Kettle"), actor: .customer(desk.alice.id), at: Date()).ticket
            let reply = try await store.addMessage(
                try NewMessage(author: .customer(desk.alice.id), visibility: .public, body: "URGENT please"),
                toTicket: ticket.number, actor: .customer(desk.alice.id), at: Date(),
                analysis: .done(analysis(language: "en", intent: "shipping_delay", urgent: true)), jobs: []
            ) { _ in }.result
            #expect(reply.ticket.priority == .high && reply.ticket.category == "shipping-delay" && reply.ticket.language == "en")
            // An agent set the category meanwhile: the next message does not undo it.
            _ = try await store.updateTicket(number: ticket.number, commands: [.setCategory("exchange"), .setPriority(.low)], actor: .agent(desk.agent.id), at: Date()) { _ in }
            let later = try await store.addMessage(
                try NewMessage(author: .customer(desk.alice.id), visibility: .public, body: "any news?"),
                toTicket: ticket.number, actor: .customer(desk.alice.id), at: Date(), analysis: .done(analysis(language: "en", intent: "order_status")), jobs: []
            ) { _ in }.result
            #expect(later.ticket.category == "exchange" && later.ticket.priority == .low)
            #expect(try await store.analyses(ticket: ticket.id).count == 2, "the first message (no analysis given) has none")
            #expect(try await store.recentCustomerMessages(ticket: ticket.number, limit: 2) == ["URGENT please", "any news?"])
            #expect(try await store.verifyTicket(number: ticket.number)?.isIntact == true)
        },
        ContractCase(name: "a pending analysis is stored with its job, found with the earlier messages, and filled in once") { store in
            let desk = try await DeskFixture.make(in: store)
            let job = NewJob(kind: analysisJob, runAt: Date())
            let ticket = try await store.createTicket(
                try desk.newTicket("Where is it", body: "ordered last week"), actor: .customer(desk.alice.id), at: Date(), analysis: .pending, jobs: [job]
            ).ticket
            _ = try await store.addMessage(
                try NewMessage(author: .customer(desk.alice.id), visibility: .public, body: "I want a person"),
                toTicket: ticket.number, actor: .customer(desk.alice.id), at: Date(), analysis: .pending, jobs: [job]
            ) { _ in }
            let pending = try await store.pendingAnalyses(limit: 10)
            #expect(pending.map(\.message.body) == ["ordered last week", "I want a person"])
            #expect(pending.last?.earlier == ["ordered last week"] && pending.last?.ticketNumber == ticket.number)
            #expect(try await store.jobCounts()[.queued] == 2, "each pending message stored its job in the same write")
            let second = try #require(pending.last)
            let decided = try await store.completeAnalysis(analysis(language: "en", intent: "talk_to_human", personRequested: true), message: second.message.id, at: Date())
            #expect(decided?.priority == .high && decided?.language == "en")
            #expect(try await store.completeAnalysis(analysis(), message: second.message.id, at: Date()) == nil, "a second completion changes nothing")
            #expect(try await store.pendingAnalyses(limit: 10).map(\.message.body) == ["ordered last week"])
            let kinds = try await store.events(ticket: ticket.id).map(\.kind)
            #expect(kinds.filter { $0 == .handoffRequested }.count == 1)
            #expect(try await store.verifyTicket(number: ticket.number)?.isIntact == true)
        },
        ContractCase(name: "an agent's intent correction is an event; a category taken from the wrong intent follows the right one") { store in
            let desk = try await DeskFixture.make(in: store)
            let created = try await store.createTicket(
                try desk.newTicket("Code", body: "my code does not work"), actor: .customer(desk.alice.id), at: Date(),
                analysis: .done(analysis(language: "en", intent: "coupon")), jobs: []
            )
            let message = try #require(created.message)
            let corrected = try await store.correctIntent(
                message: message.id, toIntent: "account_login", onTicket: created.ticket.number, actor: .agent(desk.agent.id), at: Date()
            ) { _ in }
            #expect(corrected.category == "account-login")
            let events = try await store.events(ticket: created.ticket.id)
            #expect(try events.suffix(2).map { try $0.change() } == [
                .intentCorrected(messageID: message.id, from: "coupon", to: "account_login"), .categoryChanged(from: "coupon", to: "account-login"),
            ])
            #expect(try await store.analyses(ticket: created.ticket.id)[message.id]?.correctedIntent == "account_login")
            // The same correction again records nothing; a message with no analysis cannot be corrected.
            let again = try await store.correctIntent(message: message.id, toIntent: "account_login", onTicket: created.ticket.number, actor: .agent(desk.agent.id), at: Date()) { _ in }
            #expect(try await store.events(ticket: created.ticket.id).count == events.count && again == corrected)
            let note = try await store.addMessage(
                try NewMessage(author: .agent(desk.agent.id), visibility: .internal, body: "checked"), toTicket: created.ticket.number,
                actor: .agent(desk.agent.id), at: Date()
            ) { _ in }
            await expectDomainError(.invalidField, field: "messageId") {
                _ = try await store.correctIntent(message: try #require(note.message).id, toIntent: "refund", onTicket: created.ticket.number, actor: .agent(desk.agent.id), at: Date()) { _ in }
            }
            #expect(try await store.verifyTicket(number: created.ticket.number)?.isIntact == true)
        },
    ]

    static let eventLog: [ContractCase] = [
        ContractCase(name: "the event log gives every event once, in order, and resumes after any position") { store in
            let desk = try await DeskFixture.make(in: store)
            let start = try await store.eventLogHead()
            #expect(try await store.eventLog(after: start, limit: 10).isEmpty)
            // Writers at once: the log must still give each event exactly once.
            let numbers = try await withThrowingTaskGroup(of: Int64.self) { group in
                for index in 0..<12 {
                    group.addTask { try await store.createTicket(try desk.newTicket("Case \(index)"), actor: .system, at: Date()).ticket.number }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in numbers {
                    group.addTask {
                        _ = try await store.addMessage(try NewMessage(author: .agent(desk.agent.id), visibility: .public, body: "on it"), toTicket: number, actor: .agent(desk.agent.id), at: Date()) { _ in }
                    }
                }
                try await group.waitForAll()
            }
            let read = try await readLog(store, after: start, expecting: 12 * 4, page: 7)
            #expect(read.count == 12 * 4, "created, message; message, status changed — per ticket")
            #expect(Set(read.map(\.event.id)).count == read.count)
            #expect(zip(read, read.dropFirst()).allSatisfy { $0.position < $1.position })
            #expect(Set(read.map(\.ticketNumber)) == Set(numbers))
            #expect(read.allSatisfy { $0.customerID == desk.alice.id && $0.change != nil })
            #expect(try await store.eventLogHead() == read.last?.position)
            // Resuming after any event gives exactly what followed it.
            let middle = read[20]
            #expect(try await store.eventLogPosition(of: middle.event.id) == middle.position)
            #expect(try await store.eventLog(after: middle.position, limit: 1_000).map(\.event.id) == read.dropFirst(21).map(\.event.id))
            #expect(try await store.eventLogPosition(of: TicketEvent.ID(999_999_999)) == nil)
        },
        ContractCase(name: "the log says who may see an event: its ticket's customer sees only their progress, a merchant only its own") { store in
            let desk = try await DeskFixture.make(in: store)
            let head = try await store.eventLogHead()
            let bobs = try await store.createTicket(try desk.newTicket("Tea", from: desk.bob, merchant: desk.merchant), actor: .customer(desk.bob.id), at: Date()).ticket
            _ = try await store.addMessage(try NewMessage(author: .agent(desk.agent.id), visibility: .internal, body: "note"), toTicket: bobs.number, actor: .agent(desk.agent.id), at: Date()) { _ in }
            let events = try await readLog(store, after: head, expecting: 3)
            #expect(events.map(\.event.kind) == [.created, .message, .message])
            #expect(events.filter { $0.isVisible(to: .customer(desk.bob.id)) }.count == 2, "not the internal note")
            #expect(events.filter { $0.isVisible(to: .customer(desk.alice.id)) }.isEmpty)
            #expect(events.filter { $0.isVisible(to: .merchant(desk.merchant.id)) }.count == 3)
            #expect(events.allSatisfy { $0.isVisible(to: .all) })
        },
    ]

    static let jobs: [ContractCase] = [
        ContractCase(name: "a claim leases due jobs to one node; others get the rest, and a lapsed lease lets another node run it") { store in
            let now = Date().roundedToMilliseconds
            let kind = JobKind(rawValue: "contract-job")!
            try await store.enqueueJobs((0..<10).map { NewJob(kind: kind, payload: ["n": .number(Double($0))], runAt: now) } + [NewJob(kind: kind, runAt: now.addingTimeInterval(3_600))])
            let first = try await store.claimJobs(owner: "node-a", limit: 4, at: now, lease: 60)
            let second = try await store.claimJobs(owner: "node-b", limit: 100, at: now, lease: 60)
            #expect(first.count == 4 && second.count == 6, "the job due in an hour waits")
            #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))
            #expect((first + second).allSatisfy { $0.attempts == 1 && $0.kind == kind })
            #expect(try await store.claimJobs(owner: "node-c", limit: 100, at: now.addingTimeInterval(30), lease: 60).isEmpty, "leased jobs are not due")
            try await store.finishJobs(first.map { ($0.id, .done(next: [])) }, owner: "node-a", at: now)
            // Node b dies: after its lease, node c runs its jobs; b's late report changes nothing.
            let taken = try await store.claimJobs(owner: "node-c", limit: 100, at: now.addingTimeInterval(61), lease: 60)
            #expect(Set(taken.map(\.id)) == Set(second.map(\.id)) && taken.allSatisfy { $0.attempts == 2 })
            try await store.finishJobs(second.map { ($0.id, .done(next: [])) }, owner: "node-b", at: now.addingTimeInterval(62))
            #expect(try await store.jobCounts()[.queued] == 7)
            try await store.finishJobs(taken.map { ($0.id, .done(next: [])) }, owner: "node-c", at: now.addingTimeInterval(62))
            #expect(try await store.jobCounts()[.queued] == 1)
            #expect(try await store.nextJobDue() == now.addingTimeInterval(3_600))
        },
        ContractCase(name: "a failed job is tried again at its time, then parked with its error; an admin retries or drops it") { store in
            let now = Date().roundedToMilliseconds
            try await store.enqueueJobs([NewJob(kind: JobKind(rawValue: "flaky")!, payload: ["to": "someone"], runAt: now, maxAttempts: 2)])
            let job = try #require(try await store.claimJobs(owner: "n", limit: 1, at: now, lease: 60).first)
            try await store.finishJobs([(job.id, .failed(error: "timed out\nline two", retryAt: now.addingTimeInterval(5)))], owner: "n", at: now)
            #expect(try await store.nextJobDue() == now.addingTimeInterval(5))
            #expect(try await store.claimJobs(owner: "n", limit: 1, at: now.addingTimeInterval(4), lease: 60).isEmpty)
            let again = try #require(try await store.claimJobs(owner: "n", limit: 1, at: now.addingTimeInterval(5), lease: 60).first)
            #expect(again.attempts == 2 && again.lastError == "timed out line two")
            try await store.finishJobs([(again.id, .failed(error: "refused", retryAt: nil))], owner: "n", at: now.addingTimeInterval(6))
            let parked = try await store.jobs(state: .parked, limit: 10)
            #expect(parked.map(\.id) == [job.id] && parked.first?.lastError == "refused" && parked.first?.payload == ["to": "someone"])
            #expect(try await store.nextJobDue() == nil)
            #expect(try await store.claimJobs(owner: "n", limit: 5, at: now.addingTimeInterval(9_999), lease: 60).isEmpty)
            #expect(try await store.retryJob(job.id, at: now.addingTimeInterval(10)))
            #expect(try await store.jobs(state: .queued, limit: 10).first?.attempts == 0)
            let retried = try #require(try await store.claimJobs(owner: "n", limit: 1, at: now.addingTimeInterval(10), lease: 60).first)
            try await store.finishJobs([(retried.id, .failed(error: "still refused", retryAt: nil))], owner: "n", at: now.addingTimeInterval(11))
            #expect(try await store.dropJob(job.id))
            #expect(try await store.jobCounts().isEmpty)
            #expect(try await store.dropJob(job.id) == false)
            #expect(try await store.retryJob(job.id, at: now) == false)
        },
        ContractCase(name: "a key is held by one job at a time; a recurring job stores its next run when done") { store in
            let now = Date().roundedToMilliseconds
            let kind = JobKind(rawValue: "every-hour")!
            try await store.enqueueJobs([NewJob(kind: kind, runAt: now, key: "hourly")])
            try await store.enqueueJobs([NewJob(kind: kind, runAt: now, key: "hourly")])
            #expect(try await store.jobCounts()[.queued] == 1)
            let job = try #require(try await store.claimJobs(owner: "n", limit: 5, at: now, lease: 60).first)
            #expect(job.key == "hourly")
            try await store.finishJobs([(job.id, .done(next: [NewJob(kind: kind, runAt: now.addingTimeInterval(3_600), key: "hourly")]))], owner: "n", at: now)
            let next = try await store.jobs(state: .queued, limit: 5)
            #expect(next.count == 1 && next.first?.runAt == now.addingTimeInterval(3_600) && next.first?.id != job.id, "ids are not reused")
        },
        ContractCase(name: "a large batch is stored whole, a key repeated in it or already held left out") { store in
            let now = Date().roundedToMilliseconds
            let kind = JobKind(rawValue: "batch")!
            try await store.enqueueJobs([NewJob(kind: kind, runAt: now, key: "held")])
            let keys: [Int: String] = [7: "daily", 180: "daily", 201: "held"]
            try await store.enqueueJobs((0..<250).map { NewJob(kind: kind, payload: ["n": .number(Double($0))], runAt: now, key: keys[$0]) })
            let stored = try await store.jobs(state: .queued, limit: 500)
            #expect(stored.count == 1 + 248)
            #expect(Set(stored.compactMap { $0.payload["n"]?.numberValue }) == Set((0..<250).filter { $0 != 180 && $0 != 201 }.map(Double.init)))
            #expect(stored.filter { $0.key == "daily" }.map(\.payload) == [["n": 7]])
        },
        ContractCase(name: "many nodes claiming at once never get the same job") { store in
            let now = Date().roundedToMilliseconds
            let kind = JobKind(rawValue: "race")!
            try await store.enqueueJobs((0..<120).map { NewJob(kind: kind, payload: ["n": .number(Double($0))], runAt: now) })
            let claimed = try await withThrowingTaskGroup(of: [Job.ID].self) { group in
                for node in 0..<6 {
                    group.addTask {
                        var mine: [Job.ID] = []
                        while true {
                            let jobs = try await store.claimJobs(owner: "node-\(node)", limit: 7, at: now, lease: 60)
                            if jobs.isEmpty { return mine }
                            mine += jobs.map(\.id)
                            try await store.finishJobs(jobs.map { ($0.id, .done(next: [])) }, owner: "node-\(node)", at: now)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 120 && Set(claimed).count == 120)
            #expect(try await store.jobCounts().isEmpty)
        },
        ContractCase(name: "expired sign-in links and sessions are purged; live ones keep working") { store in
            let desk = try await DeskFixture.make(in: store)
            let now = Date().roundedToMilliseconds
            try await store.createMagicLink(tokenHash: "old", customer: desk.alice.id, at: now.addingTimeInterval(-3_600), expiresAt: now.addingTimeInterval(-60))
            try await store.createMagicLink(tokenHash: "fresh", customer: desk.alice.id, at: now, expiresAt: now.addingTimeInterval(600))
            #expect(try await store.deleteExpiredMagicLinks(before: now) == 1)
            #expect(try await store.deleteExpiredMagicLinks(before: now) == 0)
            #expect(try await store.redeemMagicLink(tokenHash: "fresh", at: now) == desk.alice.id)
        },
    ]
}
