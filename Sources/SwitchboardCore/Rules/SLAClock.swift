import Foundation

/// Where one SLA target of a ticket stands: a pure function of the ticket's history, its policy,
/// the owning team's calendar and the time now. Timers, pages and reports all ask this, so a
/// restarted desk computes the same due times it had before.
public struct SLAClock: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        /// Counting; breaches at `dueAt` unless the wait ends first.
        case running
        /// Standing still while the ticket waits on the customer or is on hold.
        case paused
        /// The wait ended in time.
        case met
        /// The target passed: still waiting, or the wait ended late (`endedAt` says which).
        case breached
    }

    public let target: SLATarget
    public let state: State
    /// When this wait began (for the next response, the customer's latest unanswered message).
    public let startedAt: Date
    /// The promised length, and how much of it has been used.
    public let limit: TimeInterval
    public let elapsed: TimeInterval
    /// When the target is (running) or was (breached) reached; nil while paused or met in time.
    public let dueAt: Date?
    /// When agents are warned (running or breached): the moment the warning share of the target
    /// passed, or will pass if nothing pauses the clock — the same moment whenever asked. The
    /// queue's "at risk" view lists open cases whose warning passed, breached ones included.
    public let warningAt: Date?
    /// When the wait ended (met, or breached and then answered).
    public let endedAt: Date?

    public var remaining: TimeInterval { limit - elapsed }

    /// The clocks of every target the policy promises, for a ticket whose history is `events`
    /// (oldest first). `calendar` counts business time when the policy asks for it.
    public static func clocks(
        events: [(at: Date, change: TicketChange)], policy: SLAPolicy, calendar: BusinessCalendar?, now: Date
    ) -> [SLAClock] {
        let history = History(events: events, now: now)
        guard let opened = history.opened else { return [] }
        let measure = Measure(calendar: policy.businessTime ? calendar : nil)
        var clocks: [SLAClock] = []
        for target in SLATarget.allCases {
            guard let limit = policy.targets[target] else { continue }
            let wait: (start: Date, end: Date?)?
            var stopped = policy.pausedWhile
            switch target {
            case .firstResponse:
                wait = (opened, history.replies.first)
            case .nextResponse:
                wait = history.latestCustomerWaitAfterAReply
            case .resolution:
                stopped.formUnion([.solved, .closed])
                wait = (opened, history.solvedSince)
            }
            guard let wait else { continue }
            clocks.append(clock(target, wait: wait, limit: limit, stopped: stopped, warningShare: policy.warningShare, history: history, measure: measure, now: now))
        }
        return clocks
    }

    private static func clock(
        _ target: SLATarget, wait: (start: Date, end: Date?), limit: TimeInterval, stopped: Set<TicketStatus>, warningShare: Double,
        history: History, measure: Measure, now: Date
    ) -> SLAClock {
        let until = wait.end ?? now
        // The stretches in which the clock ran, in order.
        let running = history.statuses.compactMap { period -> (Date, Date)? in
            guard !stopped.contains(period.status) else { return nil }
            let from = max(period.from, wait.start), to = min(period.to ?? until, until)
            return from < to ? (from, to) : nil
        }
        var elapsed: TimeInterval = 0
        var breachedAt: Date?
        var warnedAt: Date?
        let warnAfter = limit * warningShare
        for (from, to) in running {
            let length = measure.between(from, to)
            if warnedAt == nil, elapsed + length >= warnAfter { warnedAt = measure.adding(warnAfter - elapsed, to: from) }
            if breachedAt == nil, elapsed + length >= limit { breachedAt = measure.adding(limit - elapsed, to: from) }
            elapsed += length
        }
        func clock(_ state: State, due: Date? = nil, warning: Date? = nil) -> SLAClock {
            SLAClock(target: target, state: state, startedAt: wait.start, limit: limit, elapsed: elapsed, dueAt: due, warningAt: warning, endedAt: wait.end)
        }
        if let breachedAt { return clock(.breached, due: breachedAt, warning: warnedAt) }
        if wait.end != nil { return clock(.met) }
        if stopped.contains(history.statusNow) { return clock(.paused) }
        // Running now: the due time if nothing pauses it from here on.
        let warningLeft = warnAfter - elapsed
        return clock(.running, due: measure.adding(limit - elapsed, to: now), warning: warningLeft > 0 ? measure.adding(warningLeft, to: now) : warnedAt)
    }

    /// Calendar time, or the open hours of a calendar.
    struct Measure {
        let calendar: BusinessCalendar?

        func between(_ from: Date, _ to: Date) -> TimeInterval {
            calendar.map { $0.businessTime(from: from, to: to) } ?? max(0, to.timeIntervalSince(from))
        }

        /// A moment `seconds` of counted time after `start` (far in the future on a calendar that never opens).
        func adding(_ seconds: TimeInterval, to start: Date) -> Date {
            guard let calendar else { return start.addingTimeInterval(seconds) }
            return calendar.adding(seconds, to: start) ?? .distantFuture
        }
    }

    /// What the SLA reads from a ticket's history: when it opened, its statuses over time, and
    /// when people replied to the customer.
    struct History {
        struct Period {
            let status: TicketStatus
            let from: Date
            let to: Date?
        }

        var opened: Date?
        var statuses: [Period] = []
        /// Public replies by agents (a note, the assistant or the system is not a reply).
        var replies: [Date] = []
        /// Public messages from the customer.
        var customerMessages: [Date] = []

        var statusNow: TicketStatus { statuses.last?.status ?? .new }

        init(events: [(at: Date, change: TicketChange)], now: Date) {
            var current: (TicketStatus, Date)?
            for (at, change) in events {
                switch change {
                case .created(let created):
                    opened = at
                    current = (created.status, at)
                case .statusChanged(_, let to):
                    if let (status, since) = current { statuses.append(Period(status: status, from: since, to: at)) }
                    current = (to, at)
                case .message(_, .agent, .public, _):
                    replies.append(at)
                case .message(_, .customer, .public, _):
                    customerMessages.append(at)
                default:
                    break
                }
            }
            if let (status, since) = current { statuses.append(Period(status: status, from: since, to: nil)) }
        }

        /// The customer's wait for a next reply: from their first message after the latest reply
        /// that had one before it, to the reply that answered it (nil before the first reply).
        var latestCustomerWaitAfterAReply: (start: Date, end: Date?)? {
            guard let firstReply = replies.first else { return nil }
            var wait: (start: Date, end: Date?)?
            for message in customerMessages where message > firstReply {
                // A message before the reply that answers an earlier one belongs to that wait.
                if let current = wait, current.end.map({ message < $0 }) ?? true { continue }
                wait = (message, replies.first { $0 > message })
            }
            return wait
        }

        /// When the ticket became solved (or closed) for good so far; nil while it is not.
        var solvedSince: Date? {
            var since: Date?
            for period in statuses.reversed() {
                guard [TicketStatus.solved, .closed].contains(period.status) else { break }
                since = period.from
            }
            return since
        }
    }
}
