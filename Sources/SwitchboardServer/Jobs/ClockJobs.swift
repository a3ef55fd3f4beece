import Foundation
import SwitchboardCore
import SwitchboardStorage

extension JobKind {
    /// Follows the event log: keeps tickets' SLA marks and timers, schedules promises' reminders,
    /// flags cases bounced back, and tells agents what concerns them.
    public static let watchLog = JobKind(rawValue: "watch-log")!
    /// Fires one ticket's SLA clocks: the warning, then the breach and its escalation steps.
    public static let slaTimer = JobKind(rawValue: "sla-timer")!
    /// Reminds the agent of a promise due soon.
    public static let commitmentReminder = JobKind(rawValue: "commitment-reminder")!
    /// Marks a promise missed when its time passed unkept.
    public static let commitmentDue = JobKind(rawValue: "commitment-due")!
}

/// The parts the clock jobs share.
struct DeskClocks: Sendable {
    let store: any Store
    let sla: SLAPolicies
    let clock: any WallClock
    let bus: any EventBus
    let dispatcher: Dispatcher
    /// A case sent back to the team that sent it within this long is flagged to supervisors.
    let bounceWindow: TimeInterval
    /// How long after a case is solved its survey goes out.
    var surveyDelay: TimeInterval = SurveySettings().delay

    /// A ticket's SLA marks now: the nearest due and warning times of its open clocks, and a
    /// timer at the next moment not yet recorded (now, when one passed unrecorded).
    func marks(for ticket: Ticket, events: [TicketEvent], rulebook: SLAPolicies.Rulebook, tier: String?, now: Date) -> SLAMarks {
        guard ticket.status.isActive, let covered = rulebook.clocks(for: ticket, events: events, tier: tier, now: now) else {
            return SLAMarks(ticketID: ticket.id, dueAt: nil, warningAt: nil, timer: nil)
        }
        let open = covered.clocks.filter { $0.endedAt == nil && $0.dueAt != nil }
        let recorded = Self.recorded(events)
        var next: Date?
        for clock in open {
            guard let due = clock.dueAt else { continue }
            if !recorded.contains(.init(clock, breach: true)) { next = min(next ?? due, due) }
            if let warning = clock.warningAt, !recorded.contains(.init(clock, breach: false)), !recorded.contains(.init(clock, breach: true)) {
                next = min(next ?? warning, warning)
            }
        }
        let timer = next.map {
            NewJob(kind: .slaTimer, payload: ["ticket": .number(Double(ticket.number))], runAt: max($0, now), key: "sla:\(ticket.id)", reschedules: true)
        }
        return SLAMarks(ticketID: ticket.id, dueAt: open.compactMap(\.dueAt).min(), warningAt: open.compactMap(\.warningAt).min(), timer: timer)
    }

    struct Recorded: Hashable {
        var target: SLATarget
        var startedAt: Date
        var breach: Bool

        init(_ clock: SLAClock, breach: Bool) {
            target = clock.target
            startedAt = clock.startedAt
            self.breach = breach
        }

        init(_ moment: TicketChange.SLAMoment, breach: Bool) {
            target = moment.target
            startedAt = moment.startedAt
            self.breach = breach
        }
    }

    /// The warnings and breaches a ticket's events already hold.
    static func recorded(_ events: [TicketEvent]) -> Set<Recorded> {
        var recorded: Set<Recorded> = []
        for event in events where event.kind == .slaWarning || event.kind == .slaBreached {
            switch try? event.change() {
            case .slaWarning(let moment)?: recorded.insert(Recorded(moment, breach: false))
            case .slaBreached(let moment)?: recorded.insert(Recorded(moment, breach: true))
            default: break
            }
        }
        return recorded
    }

    /// The ticket with what routing and clocks need to know of its customer.
    func load(number: Int64) async throws -> (ticket: Ticket, events: [TicketEvent], tier: String?)? {
        guard let ticket = try await store.ticket(number: number) else { return nil }
        let events = try await store.events(ticket: ticket.id)
        return (ticket, events, try await store.customer(ticket.customerID)?.tier)
    }
}

/// Reads the event log from where it stopped (its payload holds the position) and keeps what
/// follows from events: SLA marks and timers, promise reminders, bounce flags, notifications. One
/// node at a time runs it (it is one job); reading a stretch again after a crash changes nothing.
struct LogWatchJob: JobHandler {
    let clocks: DeskClocks
    static let key = "watch-log"
    static let batch = 500
    /// How soon it looks again when it has read everything.
    static let pause: TimeInterval = 1

    static func first(at now: Date) -> NewJob {
        NewJob(kind: .watchLog, payload: ["transaction": 0, "event": 0], runAt: now, key: key)
    }

    func run(_ job: Job) async throws -> [NewJob] {
        guard case .number(let transaction)? = job.payload["transaction"], case .number(let eventID)? = job.payload["event"] else {
            throw JobFailure.permanent("the log position does not read")
        }
        let store = clocks.store
        let after = EventLogPosition(transaction: Int64(transaction), eventID: Int64(eventID))
        let events = try await store.eventLog(after: after, limit: Self.batch)
        let now = clocks.clock.now()
        guard let last = events.last else {
            return [NewJob(kind: .watchLog, payload: job.payload, runAt: now.addingTimeInterval(Self.pause), key: Self.key)]
        }
        let rulebook = try await clocks.sla.rulebook()
        var notifications: [NewNotification] = []
        var jobs: [NewJob] = []
        var touched: [Int64] = []
        var bounced: [Int64] = []
        var freed = false
        for logged in events {
            if touched.last != logged.ticketNumber, !touched.contains(logged.ticketNumber) { touched.append(logged.ticketNumber) }
            guard let change = logged.change else { continue }
            let event = logged.event
            jobs += CustomerNotices.job(for: logged, change: change, surveyDelay: clocks.surveyDelay, now: now)
            func tell(_ agents: [Agent.ID], _ kind: NotificationKind, _ detail: JSONValue = [:]) {
                for agent in agents where event.actor != .agent(agent) {
                    notifications.append(NewNotification(agentID: agent, kind: kind, ticketNumber: logged.ticketNumber, eventID: event.id, detail: detail, createdAt: event.createdAt))
                }
            }
            switch change {
            case .assigned(let from, let to):
                if let to { tell([to], .assigned) }
                if from != nil { freed = true }
            case .statusChanged(_, let to) where !to.isActive:
                freed = true
            case .transferred(let fromTeam, _, _, _):
                freed = true
                if fromTeam != nil { bounced.append(logged.ticketNumber) }
            case .slaWarning(let moment):
                tell(logged.assigneeID.map { [$0] } ?? [], .slaWarning, ["target": .string(moment.target.rawValue), "dueAt": EventTime.value(moment.dueAt)])
            case .escalated(let step, let cause, let agents) where step == .notifyAssignee || step == .notifySupervisor:
                let kind: NotificationKind = switch cause {
                case .commitmentMissed: .commitmentMissed
                case .bouncedBack: .bouncedBack
                case .lowSatisfaction: .lowSatisfaction
                case .firstResponse, .nextResponse, .resolution: .slaBreached
                }
                tell(agents, kind, ["cause": .string(cause.rawValue)])
            case .commitmentMade(let commitment):
                let key = "\(logged.event.ticketID)/\(commitment.id)"
                let payload: JSONValue = ["ticket": .number(Double(logged.ticketNumber)), "commitment": .string(commitment.id)]
                // The reminder comes a quarter of the way before the due time, at most an hour before.
                let lead = min(3_600, max(60, commitment.dueAt.timeIntervalSince(event.createdAt) / 4))
                jobs.append(NewJob(kind: .commitmentReminder, payload: payload, runAt: commitment.dueAt.addingTimeInterval(-lead), key: "promise-remind:\(key)"))
                jobs.append(NewJob(kind: .commitmentDue, payload: payload, runAt: commitment.dueAt, key: "promise-due:\(key)"))
            default:
                break
            }
        }
        for number in bounced { try await flagBounce(number, rulebook: rulebook) }
        var marks: [SLAMarks] = []
        for number in touched {
            guard let (ticket, events, tier) = try await clocks.load(number: number) else { continue }
            marks.append(clocks.marks(for: ticket, events: events, rulebook: rulebook, tier: tier, now: now))
        }
        try await store.setSLAMarks(marks)
        try await store.addNotifications(notifications)
        if !jobs.isEmpty || marks.contains(where: { $0.timer != nil }) { clocks.bus.announce(.jobsEnqueued) }
        if freed { clocks.dispatcher.ring() }
        // It looks again at once: what it just did (a bounce flag) and what came meanwhile follow.
        // The jobs the events call for (reminders, customers' emails) are stored with the new
        // position, in the runner's one transaction and only while this run holds its lease: a
        // stretch read again after a crash cannot send an email twice.
        return jobs + [NewJob(
            kind: .watchLog, payload: ["transaction": .number(Double(last.position.transaction)), "event": .number(Double(last.position.eventID))],
            runAt: now, key: Self.key
        )]
    }

    /// A case transferred back to the team that sent it, within the bounce window: nobody owns
    /// it. Recorded once per bounce, with the supervisors of both teams told.
    func flagBounce(_ number: Int64, rulebook: SLAPolicies.Rulebook) async throws {
        guard let ticket = try await clocks.store.ticket(number: number) else { return }
        let window = clocks.bounceWindow
        let (_, recorded) = try await clocks.store.act(onTicket: ticket.id, actor: .system, at: clocks.clock.now()) { ticket, events in
            let transfers = events.enumerated().compactMap { index, event -> (index: Int, at: Date, from: Team.ID?, to: Team.ID)? in
                guard case .transferred(let from, let to, _, _)? = try? event.change() else { return nil }
                return (index, event.createdAt, from, to)
            }
            guard let last = transfers.last, let from = last.from else { return [] }
            let flagged = events[(last.index + 1)...].contains { event in
                if case .escalated(_, .bouncedBack, _)? = try? event.change() { return true }
                return false
            }
            guard !flagged, transfers.dropLast().contains(where: { $0.from == last.to && $0.to == from && last.at.timeIntervalSince($0.at) <= window }) else { return [] }
            let supervisors = Array(Set(rulebook.supervisors(of: from) + rulebook.supervisors(of: last.to))).sorted()
            return [.record(.escalated(step: .notifySupervisor, cause: .bouncedBack, agents: supervisors))]
        }
        if !recorded.isEmpty { clocks.bus.announce(.logAdvanced) }
    }
}

/// Fires a ticket's SLA clocks when a warning or a due time comes: records the warning, or the
/// breach and each escalation step the policy names (raise the priority, reassign, tell the
/// owner and the supervisors), all in one transaction with the ticket locked, and each once.
struct SLATimerJob: JobHandler {
    let clocks: DeskClocks

    func run(_ job: Job) async throws -> [NewJob] {
        guard case .number(let number)? = job.payload["ticket"] else { throw JobFailure.permanent("the ticket number does not read") }
        guard let ticket = try await clocks.store.ticket(number: Int64(number)), ticket.status.isActive else { return [] }
        let rulebook = try await clocks.sla.rulebook()
        let tier = try await clocks.store.customer(ticket.customerID)?.tier
        let candidates = try await clocks.store.routingCandidates()
        let now = clocks.clock.now()
        let (_, recorded) = try await clocks.store.act(onTicket: ticket.id, actor: .system, at: now) { ticket, events in
            Self.decide(ticket: ticket, events: events, rulebook: rulebook, tier: tier, candidates: candidates, now: now)
        }
        if !recorded.isEmpty { clocks.bus.announce(.logAdvanced) }
        if recorded.contains(where: { if case .assigned = $0 { true } else { false } }) { clocks.dispatcher.ring() }
        guard recorded.isEmpty, let (current, events, tier) = try await clocks.load(number: ticket.number) else { return [] }
        // Nothing came yet (a moment moved since the timer was set): the timer waits for the next one.
        return clocks.marks(for: current, events: events, rulebook: rulebook, tier: tier, now: now).timer.map { [$0] } ?? []
    }

    /// Stored times keep milliseconds: a moment less than one away counts as come, or a timer
    /// stored a fraction early would find nothing to do.
    static let slack: TimeInterval = 0.001

    /// What the clocks call for now, given what the ticket's events already hold.
    static func decide(
        ticket: Ticket, events: [TicketEvent], rulebook: SLAPolicies.Rulebook, tier: String?, candidates: [Routing.Candidate], now: Date
    ) -> [TicketAction] {
        guard ticket.status.isActive, let (policy, clocks) = rulebook.clocks(for: ticket, events: events, tier: tier, now: now) else { return [] }
        let recorded = DeskClocks.recorded(events)
        let reached = now.addingTimeInterval(slack)
        var actions: [TicketAction] = []
        var priority = ticket.priority
        var assignee = ticket.assigneeID
        for clock in clocks where clock.endedAt == nil {
            guard let due = clock.dueAt else { continue }
            let moment = TicketChange.SLAMoment(target: clock.target, startedAt: clock.startedAt, dueAt: due, policy: policy.name)
            if due <= reached {
                guard !recorded.contains(.init(clock, breach: true)) else { continue }
                actions.append(.record(.slaBreached(moment)))
                let cause = EscalationCause(clock.target)
                for step in policy.escalation {
                    switch step {
                    case .notifyAssignee:
                        if let assignee { actions.append(.record(.escalated(step: step, cause: cause, agents: [assignee]))) }
                    case .notifySupervisor:
                        actions.append(.record(.escalated(step: step, cause: cause, agents: rulebook.supervisors(of: ticket.teamID))))
                    case .raisePriority:
                        guard let higher = priority.higher else { continue }
                        actions.append(.record(.escalated(step: step, cause: cause, agents: [])))
                        actions.append(.command(.setPriority(higher, reason: "sla-\(clock.target.rawValue)")))
                        priority = higher
                    case .reassign:
                        guard let team = ticket.teamID else { continue }
                        let others = candidates.filter { $0.teamIDs.contains(team) && $0.id != assignee }
                        guard let next = Routing.chooseAgent(others, skill: nil, language: nil) else { continue }
                        actions.append(.record(.escalated(step: step, cause: cause, agents: [next])))
                        actions.append(.command(.assign(next)))
                        assignee = next
                    }
                }
            } else if let warning = clock.warningAt, warning <= reached,
                      !recorded.contains(.init(clock, breach: false)), !recorded.contains(.init(clock, breach: true)) {
                actions.append(.record(.slaWarning(moment)))
            }
        }
        return actions
    }
}

/// A promise's reminder (to its ticket's agent, while it is still open) and its due time (missed
/// unless kept: an event, and the team's supervisors told).
struct CommitmentJob: JobHandler {
    let clocks: DeskClocks
    let due: Bool

    func run(_ job: Job) async throws -> [NewJob] {
        guard case .number(let number)? = job.payload["ticket"], case .string(let id)? = job.payload["commitment"] else {
            throw JobFailure.permanent("the promise does not read")
        }
        guard let (ticket, events, _) = try await clocks.load(number: Int64(number)) else { return [] }
        let made = events.first { event in
            if case .commitmentMade(let commitment)? = try? event.change() { return commitment.id == id }
            return false
        }
        guard let made else { return [] }
        let open = Commitment.all(in: events.compactMap { try? $0.change() }).contains { $0.commitment.id == id && $0.state == .open }
        guard open else { return [] }
        if !due {
            guard let assignee = ticket.assigneeID, case .commitmentMade(let commitment)? = try? made.change() else { return [] }
            try await clocks.store.addNotifications([NewNotification(
                agentID: assignee, kind: .commitmentDue, ticketNumber: ticket.number, eventID: made.id,
                detail: ["text": .string(commitment.text), "dueAt": EventTime.value(commitment.dueAt)], createdAt: clocks.clock.now()
            )])
            return []
        }
        let rulebook = try await clocks.sla.rulebook()
        let (_, recorded) = try await clocks.store.act(onTicket: ticket.id, actor: .system, at: clocks.clock.now()) { ticket, events in
            let still = Commitment.all(in: events.compactMap { try? $0.change() }).contains { $0.commitment.id == id && $0.state == .open }
            guard still else { return [] }
            let told = (ticket.assigneeID.map { [$0] } ?? []) + rulebook.supervisors(of: ticket.teamID)
            return [.record(.commitmentMissed(id: id)), .record(.escalated(step: .notifySupervisor, cause: .commitmentMissed, agents: Array(Set(told)).sorted()))]
        }
        if !recorded.isEmpty { clocks.bus.announce(.logAdvanced) }
        return []
    }
}
