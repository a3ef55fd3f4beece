import Foundation

/// `switchboard bench eta`: days of a chat queue, and how near the wait a customer is shown
/// ("You are 3rd in line, about 4 minutes") came to the wait that followed, beside what a desk
/// without the method shows (the median wait of the last 7 days). It prints whether each goal
/// was met and never fails the run: the figures are for people to read.
public enum EtaBenchmark {
    /// The median error of what is shown, as a share of the actual wait, at most.
    static let errorGoal = 0.25
    /// Our median error over the baseline's, at most.
    static let ratioGoal = 0.5

    public static func run(_ options: EtaSimulationOptions, print: @Sendable (String) -> Void) {
        let report = EtaSimulation.run(options)
        for line in lines(report, options: options) { print(line) }
    }

    static func goal(_ met: Bool) -> String { met ? "goal met" : "goal NOT met" }

    static func percent(_ share: Double) -> String { share.isFinite ? String(format: "%.1f %%", share * 100) : "—" }

    static func lines(_ report: EtaReport, options: EtaSimulationOptions) -> [String] {
        var lines: [String] = []
        let staff = report.shifts.map { "\($0.name) \($0.agents) (\($0.seats) seats)" }.joined(separator: ", ")
        lines.append("Switchboard wait estimate — seed \(options.seed): \(report.days) days of one team's chat queue, \(report.chats.formatted()) chats "
            + "(volume \(String(format: "%.2g", options.volume)), peaks near 10:00 and 20:00, Poisson within the hour), \(report.agents) agents: \(staff), "
            + String(format: "handling log-normal, median %.1f min, σ %.2f; the estimate reads the last %d handling times", options.handlingMedianMinutes,
                     options.handlingSpread, options.history))
        let last = "day \(report.days)"
        lines.append(String(format: "%@ %@ chats: %@ found a free seat, %@ waited over a minute; wait p50 %.1f min, p90 %.1f min, max %.1f min",
                            last.padding(toLength: 6, withPad: " ", startingAt: 0) as NSString, report.measured.formatted() as NSString,
                            report.freeSeat.formatted() as NSString, report.waitedOverMinute.formatted() as NSString, report.waitP50, report.waitP90, report.waitMax))
        lines.append("       no estimate (nobody online) \(report.noEstimate), never taken \(report.neverTaken)")
        let baseline = report.baselineSeconds.map { String(format: "%.1f min", $0 / 60) } ?? "none"
        lines.append("baseline: the median wait of days \(max(1, report.days - 7))–\(report.days - 1), shown to everyone: \(baseline)")
        lines.append("error:    |shown − actual wait| / max(actual wait, 1 min); the actual wait runs to an agent taking the chat")
        for (name, accuracy) in [("all chats", report.all), ("waited", report.queued)] {
            lines.append(String(format: "%@ %@ chats: median error %@ (baseline %@), p90 %@ (baseline %@); off by a median %.1f min (baseline %.1f), "
                                + "a mean %.1f min (baseline %.1f); ours/baseline %.2f; ours shorter by over a minute %@, longer %@",
                                name.padding(toLength: 9, withPad: " ", startingAt: 0) as NSString, accuracy.chats.formatted() as NSString, percent(accuracy.medianShare) as NSString,
                                percent(accuracy.baselineMedianShare) as NSString, percent(accuracy.p90Share) as NSString,
                                percent(accuracy.baselineP90Share) as NSString, accuracy.medianMinutes, accuracy.baselineMedianMinutes, accuracy.meanMinutes,
                                accuracy.baselineMeanMinutes, accuracy.ratio, accuracy.short.formatted() as NSString, accuracy.long.formatted() as NSString))
            lines.append("          median error ≤ \(percent(errorGoal)): \(goal(accuracy.medianShare <= errorGoal)); "
                + "at most half the baseline's: \(goal(accuracy.ratio <= ratioGoal))")
        }
        lines.append("          (waited: the chats that found no free seat and were told their place in line)")
        lines.append(String(format: "simulated  in %.2f s", report.wallSeconds))
        return lines
    }
}
