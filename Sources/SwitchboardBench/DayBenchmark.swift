import Foundation
import SwitchboardCore

/// `switchboard bench day`: a simulated day at the desk, and how routing and assignment fared —
/// nobody above capacity, like agents given like numbers of cases, urgent and VIP customers
/// waiting less than others, and the SLA breaches the day's staffing cost. It prints whether
/// each goal was met and never fails the run: the figures are for people to read.
public enum DayBenchmark {
    /// Most-assigned over least-assigned among like agents, at most.
    static let fairnessGoal = 1.2

    public static func run(_ options: DaySimulationOptions, print: @Sendable (String) -> Void) {
        let report = DaySimulation.run(options)
        for line in lines(report, options: options) { print(line) }
    }

    static func goal(_ met: Bool) -> String { met ? "goal met" : "goal NOT met" }

    static func lines(_ report: DayReport, options: DaySimulationOptions) -> [String] {
        var lines: [String] = []
        let shifts = Set(DaySimulation.roster.map(\.shift.name)).sorted().joined(separator: "/")
        lines.append("Switchboard day — seed \(options.seed): \(report.tickets.formatted()) tickets over 24 h (peaks near 10:00 and 20:00), "
            + "\(report.agents) agents in \(report.teams) teams on \(shifts) shifts, handling median \(Int(options.handlingMedianMinutes)) min")
        let rules = report.byRule.map { "\($0.rule ?? "no rule (default team)") \($0.count.formatted())" }.joined(separator: " · ")
        lines.append("routed     \(report.tickets.formatted()) tickets: \(rules)")
        lines.append("           \(report.assigned.formatted()) assigned, \(report.stillQueued) still queued, \(report.lost) lost, "
            + "\(report.overflowed) moved on by overflow — none lost: \(goal(report.lost == 0))")
        lines.append("capacity   max (load − capacity) ever seen across all agents: \(report.maxOverCapacity); assignments to someone away, "
            + "outside the team, full or lacking the skill: \(report.invalidAssignments) — never above capacity: \(goal(report.maxOverCapacity <= 0 && report.invalidAssignments == 0))")
        if let worst = report.worstFairness {
            lines.append(String(format: "fairness   most/least assigned among like agents, worst of %d groups: %.2f (minutes of work %.2f; %@; %d agents) — goal ≤ %.1f: %@",
                                report.fairnessGroups, worst.ratio, worst.workRatio, worst.group as NSString, worst.agents, fairnessGoal,
                                goal(worst.ratio <= fairnessGoal) as NSString))
        } else {
            lines.append("fairness   no two agents alike to compare")
        }
        let normal = report.waits[.normal]
        for lane in [Routing.Waiting.Lane.urgent, .vip, .normal] {
            guard let waits = report.waits[lane] else { continue }
            lines.append(String(format: "wait %-6@ p50 %6.1f min   p90 %6.1f min   max %6.1f min   (%@ cases)",
                                "\(lane)" as NSString, waits.p50, waits.p90, waits.max, waits.count.formatted() as NSString))
        }
        if let normal, let urgent = report.waits[.urgent], let vip = report.waits[.vip] {
            let shorter = [urgent, vip].allSatisfy { ($0.count == 0 || ($0.p50 <= normal.p50 && $0.p90 <= normal.p90)) }
            lines.append("           urgent and VIP wait no longer than normal (p50 and p90): \(goal(shorter))")
        }
        for breach in report.breaches {
            func share(_ count: Int) -> String { String(format: "%d (%.1f %%)", count, Double(count) / Double(max(breach.tickets, 1)) * 100) }
            lines.append("SLA \(breach.policy.padding(toLength: 9, withPad: " ", startingAt: 0)) \(breach.tickets.formatted()) tickets: "
                + "first response breached \(share(breach.firstResponse)), resolution breached \(share(breach.resolution))")
        }
        lines.append(String(format: "dispatch   %@ calls: p50 %.1f µs, p99 %.1f µs, max %.0f µs",
                            report.dispatches.formatted() as NSString, report.dispatchP50, report.dispatchP99, report.dispatchMax))
        let until = Int(report.simulatedUntil / 60)
        lines.append(String(format: "simulated  until %02d:%02d (the last case finished) in %.2f s", until / 60, until % 60, report.wallSeconds))
        return lines
    }
}
