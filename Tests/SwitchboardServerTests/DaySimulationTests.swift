import SwitchboardBench
import SwitchboardCore
import Testing

/// The simulated day behind `switchboard bench day`, run small: what routing and dispatch must
/// never do, whatever the figures — nobody above capacity, no case lost, urgent cases not
/// waiting longer than the rest. No timings are asserted.
@Suite("Day simulation")
struct DaySimulationTests {
    /// Cases that take twenty minutes, so queues form at the peaks and the lanes matter.
    static let small = DaySimulationOptions(tickets: 500, agents: 10, seed: 7, handlingMedianMinutes: 20)

    @Test("a small day: nobody is ever above capacity or given a case they could not take, no case is lost, urgent cases wait no longer than normal ones")
    func invariants() throws {
        let report = DaySimulation.run(Self.small)
        #expect(report.tickets == 500 && report.agents == 10)
        #expect(report.maxOverCapacity <= 0)
        #expect(report.invalidAssignments == 0)
        #expect(report.lost == 0)
        #expect(report.assigned + report.stillQueued == report.tickets)
        #expect(report.byRule.reduce(0) { $0 + $1.count } == report.tickets)
        let urgent = try #require(report.waits[.urgent]), vip = try #require(report.waits[.vip]), normal = try #require(report.waits[.normal])
        #expect(urgent.count > 0 && vip.count > 0 && normal.p50 > 0, "some waited")
        #expect(urgent.p50 <= normal.p50 && vip.p50 <= normal.p50)
    }

    @Test("the same seed gives the same day, another seed another")
    func reproducible() {
        let first = DaySimulation.run(Self.small), again = DaySimulation.run(Self.small)
        #expect(first.waits[.normal]?.p90 == again.waits[.normal]?.p90 && first.overflowed == again.overflowed)
        #expect(first.simulatedUntil == again.simulatedUntil && first.breaches.map(\.firstResponse) == again.breaches.map(\.firstResponse))
        var other = Self.small
        other.seed = 8
        #expect(DaySimulation.run(other).simulatedUntil != first.simulatedUntil)
    }
}
