import SwitchboardBench
import SwitchboardCore
import Testing

/// The simulated chat queue behind `switchboard bench eta`, run short: every chat measured is
/// taken and shown an estimate, the same seed gives the same days, and the method is nearer
/// the wait than the baseline for those who waited. The targets themselves are the bench's.
@Suite("Wait estimate simulation")
struct WaitEstimateSimulationTests {
    static let short = EtaSimulationOptions(days: 3, seed: 7)

    @Test("three days: every chat of the last is taken and shown an estimate; some waited and were told their place")
    func invariants() {
        let report = EtaSimulation.run(Self.short)
        #expect(report.days == 3 && report.measured > 1_000 && report.chats > 3 * 1_000)
        #expect(report.neverTaken == 0 && report.noEstimate == 0)
        #expect(report.all.chats == report.measured)
        #expect(report.queued.chats > 100 && report.freeSeat + report.queued.chats == report.measured)
        #expect(report.queued.medianShare < report.queued.baselineMedianShare)
    }

    @Test("the same seed gives the same days, another seed others")
    func reproducible() {
        let first = EtaSimulation.run(Self.short), again = EtaSimulation.run(Self.short)
        #expect(first.chats == again.chats && first.all.medianShare == again.all.medianShare && first.waitP90 == again.waitP90)
        var other = Self.short
        other.seed = 8
        #expect(EtaSimulation.run(other).chats != first.chats)
    }
}
