import Foundation
import SwitchboardCore

/// How the simulated days of a chat queue are set up, and the seed that makes them the same every time.
public struct EtaSimulationOptions: Sendable {
    /// Days simulated: all but the last warm up the history, the last is measured.
    public var days: Int
    public var seed: UInt64
    /// Half the chats take an agent less than this, half more (log-normal).
    public var handlingMedianMinutes: Double
    /// The log-normal's σ: how far handling times spread around the median.
    public var handlingSpread: Double
    /// The arrivals of a day, as a multiple of the default profile (about 1,460 chats).
    public var volume: Double
    /// Recent handling times the estimate is given, newest first. A hundred rather than fifty:
    /// over 20 seeds the median error of those who waited fell from 22 % to 21 % (a typical
    /// handling time read from 50 cases is off by about 15 %), and a team of this size finishes
    /// a hundred chats in an hour or two, so the figure still follows the day.
    public var history: Int

    public init(days: Int = 8, seed: UInt64 = 1, handlingMedianMinutes: Double = 6, handlingSpread: Double = 0.7, volume: Double = 1, history: Int = 100) {
        self.days = days
        self.seed = seed
        self.handlingMedianMinutes = handlingMedianMinutes
        self.handlingSpread = handlingSpread
        self.volume = volume
        self.history = history
    }
}

/// What the estimates shown on the last simulated day came to, beside the baseline's.
public struct EtaReport: Sendable {
    /// How far what was shown was from the wait that followed, for one group of chats.
    public struct Accuracy: Sendable {
        public var chats: Int
        /// |shown − actual| / max(actual, 1 minute): the median and the 90th percentile, ours and the baseline's.
        public var medianShare: Double, baselineMedianShare: Double
        public var p90Share: Double, baselineP90Share: Double
        /// |shown − actual| in minutes, the median, ours and the baseline's.
        public var medianMinutes: Double, baselineMedianMinutes: Double
        /// |shown − actual| in minutes, the mean, ours and the baseline's (every chat counts, not only the middle one).
        public var meanMinutes: Double, baselineMeanMinutes: Double
        /// Of our estimates, those shorter than the wait by more than a minute, and longer by more than a minute.
        public var short: Int, long: Int

        /// Our median error over the baseline's (nan when the baseline's is 0 and ours too, infinite when only the baseline's is).
        public var ratio: Double { medianShare / baselineMedianShare }
    }

    public var days: Int
    /// Chats over all days, and on the measured day.
    public var chats: Int
    public var measured: Int
    public var agents: Int
    /// Seats (Σ capacity) of each shift, by name, in shift order.
    public var shifts: [(name: String, agents: Int, seats: Int)]
    /// Measured chats that got no estimate (nobody online), and that were never taken.
    public var noEstimate: Int
    public var neverTaken: Int
    /// Measured chats that found a free seat, and that waited over a minute.
    public var freeSeat: Int
    public var waitedOverMinute: Int
    /// Minutes from arrival to an agent taking the chat, measured day.
    public var waitP50: Double, waitP90: Double, waitMax: Double
    /// What the baseline showed everyone: the median wait of the days before, seconds.
    public var baselineSeconds: Double?
    /// Every measured chat with an estimate; those that found no free seat (told their place in line).
    public var all: Accuracy
    public var queued: Accuracy
    public var wallSeconds: Double
}

/// Days of one team's chat queue on a simulated clock, to measure the wait a customer is shown
/// (`WaitEstimate`) against the wait that followed. Chats arrive as a Poisson stream whose rate
/// changes by the hour (a morning and an evening peak); agents of three shifts (capacity 2 or
/// 3) come and go and take staggered breaks; each chat takes its agent a log-normal time. Every
/// change runs `Routing.dispatch`, as the desk does (urgent, then VIP, then the rest, longest
/// waiting first). On the last day each arrival records what the method would show — from the
/// queue, the online agents' seats and the team's last handling times — and what the baseline
/// shows (the median wait of the days before), then the wait until an agent took it.
public enum EtaSimulation {
    static let minute: TimeInterval = 60, hour: TimeInterval = 3_600, day: TimeInterval = 86_400
    static let start = Date(timeIntervalSince1970: 1_796_083_200)  // 2026-12-01 00:00 UTC
    static let team = Team.ID(1)

    /// Chats per hour of the day at volume 1: quiet nights, a peak near 10:00, a higher one near 20:00.
    static let profile: [Double] = [
        10, 6, 4, 3, 3, 5, 10, 22, 50, 95, 135, 125, 85, 70, 65, 65, 70, 80, 100, 130, 150, 115, 35, 25,
    ]

    struct Shift {
        let name: String
        /// Hours after midnight; the night shift ends the next morning (30 = 06:00).
        let start: Double, end: Double
        /// One entry per agent: the chats they may hold at once.
        let capacities: [Int]
        /// When the first of them goes on a 15-minute break; the next go a quarter of an hour apart. Nil: no breaks.
        let breaksFrom: Double?
    }

    static let shifts = [
        Shift(name: "early", start: 6, end: 14, capacities: [3, 2, 3, 2, 3, 2], breaksFrom: 12),
        Shift(name: "late", start: 14, end: 22, capacities: [3, 2, 3, 2, 3, 2, 3], breaksFrom: 16.5),
        Shift(name: "night", start: 22, end: 30, capacities: [3, 3], breaksFrom: nil),
    ]
    static let breakLength: TimeInterval = 15 * 60

    struct Chat {
        let at: TimeInterval
        let lane: Routing.Waiting.Lane
        let handling: TimeInterval
        var assignedAt: TimeInterval?
        /// What the method and the baseline showed (measured day only), and whether a seat was free.
        var shown: TimeInterval?
        var baseline: TimeInterval?
        var freeSeat = false
    }

    enum Happening {
        case arrival(Int)
        case finished(agent: Int, chat: Int)
        case presence(agent: Int, Agent.Presence)
    }

    /// The chats of every day: per hour a Poisson stream at that hour's rate (each day's volume a
    /// little different), a lane (1 % urgent, 5 % VIP) and a handling time (log-normal, 1 minute
    /// to 4 hours).
    static func chats(_ options: EtaSimulationOptions, random: inout SeededRandom) -> [Chat] {
        var chats: [Chat] = []
        for dayIndex in 0..<options.days {
            let factor = options.volume * (0.9 + 0.2 * random.unit())
            for (hourIndex, rate) in profile.enumerated() where rate * factor > 0 {
                let from = Double(dayIndex) * day + Double(hourIndex) * hour
                var at = from
                while true {
                    at += -log(1 - random.unit()) * hour / (rate * factor)
                    guard at < from + hour else { break }
                    let lane = random.weighted([(Routing.Waiting.Lane.urgent, 0.01), (.vip, 0.05), (.normal, 0.94)])
                    let handling = min(max(random.logNormal(median: options.handlingMedianMinutes * minute, sigma: options.handlingSpread), minute), 4 * hour)
                    chats.append(Chat(at: at, lane: lane, handling: handling))
                }
            }
        }
        return chats
    }

    public static func run(_ options: EtaSimulationOptions) -> EtaReport {
        let wallStart = ContinuousClock.now
        var random = SeededRandom(seed: options.seed)
        var chats = chats(options, random: &random)
        let measuredFrom = Double(options.days - 1) * day, measuredUntil = Double(options.days) * day

        // The agents, shift by shift, with their presence from the night shift of the day before
        // to the day after the last (for the chats still waiting at midnight).
        var agents: [Routing.Candidate] = []
        var events = EventQueue<Happening>()
        for shift in shifts {
            for (position, capacity) in shift.capacities.enumerated() {
                let index = agents.count
                agents.append(Routing.Candidate(
                    id: Agent.ID(Int64(index + 1)), presence: .offline, skills: [], languages: [], capacity: capacity, load: 0, idleSince: start,
                    teamIDs: [team]
                ))
                for dayIndex in -1...options.days {
                    let on = Double(dayIndex) * day + shift.start * hour, off = Double(dayIndex) * day + shift.end * hour
                    guard off > 0 else { continue }
                    events.push(max(on, 0), .presence(agent: index, .online))
                    if let breaksFrom = shift.breaksFrom {
                        let away = Double(dayIndex) * day + (breaksFrom + Double(position) / 4) * hour
                        if away > 0 {
                            events.push(away, .presence(agent: index, .away))
                            events.push(away + breakLength, .presence(agent: index, .online))
                        }
                    }
                    events.push(off, .presence(agent: index, .offline))
                }
            }
        }
        for index in chats.indices { events.push(chats[index].at, .arrival(index)) }

        var queue: [Routing.Queued] = []
        /// Handling times of finished chats, oldest first.
        var handled: [TimeInterval] = []
        var baseline: TimeInterval?
        var baselineRead = false
        var now: TimeInterval = 0
        var measuredWaiting = 0

        func date(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

        func dispatch() {
            guard !queue.isEmpty, agents.contains(where: { $0.presence == .online && $0.load < $0.capacity }) else { return }
            let assignments = Routing.dispatch(queue, agents: agents, at: date(now))
            for assignment in assignments {
                let chat = Int(assignment.ticketID.rawValue) - 1, agent = Int(assignment.agentID.rawValue) - 1
                agents[agent].load += 1
                agents[agent].idleSince = date(now)
                chats[chat].assignedAt = now
                if chats[chat].at >= measuredFrom { measuredWaiting -= 1 }
                events.push(now + chats[chat].handling, .finished(agent: agent, chat: chat))
            }
            let taken = Set(assignments.map(\.ticketID))
            queue.removeAll { taken.contains($0.waiting.ticketID) }
        }

        while let event = events.pop(), event.at <= measuredUntil + day {
            now = event.at
            if now >= measuredUntil, measuredWaiting == 0 { break }
            switch event.element {
            case .arrival(let index):
                let id = Ticket.ID(Int64(index + 1))
                queue.append(Routing.Queued(
                    waiting: Routing.Waiting(ticketID: id, lane: chats[index].lane, dueAt: nil, queuedAt: date(now)), teamID: team, skill: nil, language: nil
                ))
                if now >= measuredFrom {
                    measuredWaiting += 1
                    if !baselineRead {
                        baselineRead = true
                        // The days before, as a desk's report reads them: the waits of the chats that arrived then, until an agent
                        // took them — the measure the actual wait is, and kinder to the baseline than first replies, which add typing.
                        let before = chats.filter { $0.at >= max(0, measuredFrom - 7 * day) && $0.at < measuredFrom }
                        baseline = WaitEstimate.baseline(firstReplyTimes: before.compactMap { chat in chat.assignedAt.map { $0 - chat.at } })
                    }
                    let ahead = Routing.queueOrder(queue.map(\.waiting)).firstIndex { $0.ticketID == id } ?? 0
                    let seats = agents.filter { $0.presence == .online }.map { WaitEstimate.Seat(capacity: $0.capacity, openCases: $0.load) }
                    let input = WaitEstimate.Input(ahead: ahead, seats: seats, recentHandlingTimes: handled.suffix(options.history).reversed())
                    chats[index].shown = WaitEstimate.estimate(input)?.seconds
                    chats[index].baseline = baseline
                    chats[index].freeSeat = seats.reduce(0) { $0 + max(0, $1.capacity - $1.openCases) } > ahead
                }
            case .finished(let agent, let chat):
                agents[agent].load -= 1
                handled.append(chats[chat].handling)
            case .presence(let agent, let presence):
                agents[agent].presence = presence
                if presence == .online { agents[agent].idleSince = date(now) }
            }
            dispatch()
        }
        return report(options, chats: chats, agents: agents.count, baseline: baseline, measuredFrom: measuredFrom, measuredUntil: measuredUntil, wallStart: wallStart)
    }

    static func report(
        _ options: EtaSimulationOptions, chats: [Chat], agents: Int, baseline: TimeInterval?, measuredFrom: TimeInterval, measuredUntil: TimeInterval,
        wallStart: ContinuousClock.Instant
    ) -> EtaReport {
        let measured = chats.filter { $0.at >= measuredFrom && $0.at < measuredUntil }
        let taken = measured.filter { $0.assignedAt != nil }
        let shown = taken.filter { $0.shown != nil && $0.baseline != nil }
        let waits = taken.map { ($0.assignedAt! - $0.at) / minute }.sorted()

        func accuracy(_ group: [Chat]) -> EtaReport.Accuracy {
            var ours: [Double] = [], theirs: [Double] = [], oursMinutes: [Double] = [], theirsMinutes: [Double] = []
            var short = 0, long = 0
            for chat in group {
                let actual = chat.assignedAt! - chat.at, estimate = chat.shown!, baseline = chat.baseline!
                ours.append(abs(estimate - actual) / max(actual, minute))
                theirs.append(abs(baseline - actual) / max(actual, minute))
                oursMinutes.append(abs(estimate - actual) / minute)
                theirsMinutes.append(abs(baseline - actual) / minute)
                if estimate < actual - minute { short += 1 }
                if estimate > actual + minute { long += 1 }
            }
            return EtaReport.Accuracy(
                chats: group.count, medianShare: percentile(ours, 0.5), baselineMedianShare: percentile(theirs, 0.5), p90Share: percentile(ours, 0.9),
                baselineP90Share: percentile(theirs, 0.9), medianMinutes: percentile(oursMinutes, 0.5), baselineMedianMinutes: percentile(theirsMinutes, 0.5),
                meanMinutes: mean(oursMinutes), baselineMeanMinutes: mean(theirsMinutes), short: short, long: long
            )
        }

        let wall = ContinuousClock.now - wallStart
        return EtaReport(
            days: options.days, chats: chats.count, measured: measured.count, agents: agents,
            shifts: shifts.map { ($0.name, $0.capacities.count, $0.capacities.reduce(0, +)) },
            noEstimate: taken.filter { $0.shown == nil }.count, neverTaken: measured.count - taken.count,
            freeSeat: taken.filter(\.freeSeat).count, waitedOverMinute: waits.filter { $0 > 1 }.count,
            waitP50: percentile(waits, 0.5), waitP90: percentile(waits, 0.9), waitMax: waits.last ?? .nan, baselineSeconds: baseline,
            all: accuracy(shown), queued: accuracy(shown.filter { !$0.freeSeat }),
            wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        )
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }

    /// The value below which `fraction` of `values` lie (nearest rank); nan for none.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))]
    }
}
