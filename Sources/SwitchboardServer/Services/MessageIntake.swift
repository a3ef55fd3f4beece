import Foundation
import Logging
import Prometheus
import SwitchboardAssistant
import SwitchboardCore
import SwitchboardStorage

/// The one way words enter the desk, whatever the channel (API, portal, later the widget and
/// email): the caller has said who wrote them and where; intake lets the assistant read a
/// customer's message, has the store write the message, its analysis and what the intake rules
/// decide in one transaction (with any jobs it causes), and tells the bus — only then does the
/// caller answer. A message is never refused or delayed for want of a model: until the
/// assistant is ready its analysis is stored as pending and a job fills it in.
struct MessageIntake: Sendable {
    let store: any Store
    let assistant: AssistantService
    let bus: any EventBus
    let clock: any WallClock
    let metrics: DeskMetrics
    let routing: RoutingRules
    let dispatcher: Dispatcher

    /// How many earlier customer messages the assistant reads with a new one.
    static let history = 20

    /// Opens a ticket with its first message (already checked against the caller's rights).
    /// `route: false` keeps it out of every team's queue (a chat the assistant answers first).
    func open(_ new: NewTicket, by principal: Principal, route: Bool = true) async throws -> TicketWithMessage {
        let now = clock.now()
        let (analysis, jobs) = read(new.firstMessage, history: [], at: now)
        let routed = route ? try await routing.route(new, analysis: analysis?.analysis) : new
        let created = try await store.createTicket(routed, actor: principal.eventActor, at: now, analysis: analysis, jobs: jobs)
        metrics.ticketsCreated.increment()
        announce(jobs: jobs)
        if created.ticket.isWaitingForAgent { dispatcher.ring() }
        return created
    }

    /// Adds a message to a ticket the caller can see. A customer's reply to a closed ticket
    /// opens its follow-up; the outcome says which happened.
    func receive(_ message: NewMessage, on number: Int64, by principal: Principal) async throws -> MessageOutcome {
        try AccessPolicy.requireCanWrite(by: principal)
        let now = clock.now()
        let history = Self.isAnalysed(message) ? try await store.recentCustomerMessages(ticket: number, limit: Self.history) : []
        let (analysis, jobs) = read(message, history: history, at: now)
        let outcome = try await store.addMessage(
            message, toTicket: number, actor: principal.eventActor, at: now, analysis: analysis, jobs: jobs
        ) { ticket in
            try AccessPolicy.requireVisible(ticket, to: principal)
        }
        if case .followUp = outcome {
            metrics.ticketsCreated.increment()
            dispatcher.ring()
        }
        announce(jobs: jobs)
        return outcome
    }

    /// Only a customer's own words are read: agents' replies and notes are not the customer's need.
    static func isAnalysed(_ message: NewMessage?) -> Bool {
        guard let message, case .customer = message.author, message.visibility == .public else { return false }
        // A file sent alone carries its name as its words: nothing the customer wrote, so nothing
        // to read (its name would pass for a language, an intent, a problem).
        return !message.attachments.contains { $0.name == message.body }
    }

    /// The message's analysis (or pending, with the job that will make it), nil when not analysed.
    func read(_ message: NewMessage?, history: [String], at now: Date) -> (AnalysisState?, [NewJob]) {
        guard let message, Self.isAnalysed(message) else { return (nil, []) }
        guard let ready = assistant.ready else {
            return (.pending, [NewJob(kind: .analysePending, runAt: now)])
        }
        let analysis = ready.assistant.analyze(message.body, history: history, now: now, retrieve: false)
        metrics.messagesAnalysed.increment()
        return (.done(analysis.record(modelVersion: ready.version)), [])
    }

    private func announce(jobs: [NewJob]) {
        bus.announce(.logAdvanced)
        if !jobs.isEmpty { bus.announce(.jobsEnqueued) }
    }
}
