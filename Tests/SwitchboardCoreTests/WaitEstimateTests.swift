import Foundation
import SwitchboardCore
import Testing

/// The wait a customer who asked for a person is shown: free seats at once, then one place per
/// release of a seat, releases as often as the present agents' seats over a typical handling time.
@Suite("Wait estimate")
struct WaitEstimateTests {
    static let minute: TimeInterval = 60
    /// Six-minute cases, a little spread.
    static let sixMinutes: [TimeInterval] = (0..<30).map { 6 * minute * (0.8 + 0.4 * Double($0 % 5) / 4) }
    /// Three agents, each of capacity 2 and full.
    static let full = Array(repeating: WaitEstimate.Seat(capacity: 2, openCases: 2), count: 3)

    static func seconds(ahead: Int, seats: [WaitEstimate.Seat] = full, history: [TimeInterval] = sixMinutes) throws -> TimeInterval {
        try #require(WaitEstimate.estimate(.init(ahead: ahead, seats: seats, recentHandlingTimes: history))).seconds
    }

    @Test("a free seat takes the case at once: a few seconds, place 1")
    func freeSeat() throws {
        let seats = [WaitEstimate.Seat(capacity: 3, openCases: 1), WaitEstimate.Seat(capacity: 2, openCases: 2)]
        let estimate = try #require(WaitEstimate.estimate(.init(ahead: 0, seats: seats, recentHandlingTimes: Self.sixMinutes)))
        #expect(estimate.place == 1 && estimate.seconds <= 10)
        // Two free seats: the second in line is taken at once too, the third waits.
        #expect(try Self.seconds(ahead: 1, seats: seats) <= 10)
        #expect(try Self.seconds(ahead: 2, seats: seats) > 10)
    }

    @Test("more cases ahead, a longer wait, never shorter; the place is one more than those ahead")
    func monotonic() throws {
        let waits = try (0..<40).map { try Self.seconds(ahead: $0) }
        #expect(zip(waits, waits.dropFirst()).allSatisfy { $0 < $1 })
        #expect(WaitEstimate.estimate(.init(ahead: 4, seats: Self.full, recentHandlingTimes: Self.sixMinutes))?.place == 5)
        // Six seats of six-minute cases (a mean near 6): about a seat a minute, so ten ahead is about ten minutes.
        #expect(try (8 * Self.minute...12 * Self.minute).contains(Self.seconds(ahead: 10)))
    }

    @Test("more agents present, a shorter wait")
    func moreAgents() throws {
        let three = try Self.seconds(ahead: 10), six = try Self.seconds(ahead: 10, seats: Self.full + Self.full)
        #expect(six < three)
        #expect(try Self.seconds(ahead: 10, seats: [.init(capacity: 3, openCases: 3)] + Self.full) < three)
    }

    @Test("nobody online (or nobody with a seat) gives no estimate")
    func nobody() {
        #expect(WaitEstimate.estimate(.init(ahead: 0, seats: [], recentHandlingTimes: Self.sixMinutes)) == nil)
        #expect(WaitEstimate.estimate(.init(ahead: 3, seats: [.init(capacity: 0, openCases: 0)], recentHandlingTimes: [])) == nil)
    }

    @Test("without a handling history the default is used; a short one is blended in, a long one counts alone")
    func defaultHandling() throws {
        #expect(WaitEstimate.typicalHandlingTime([]) == WaitEstimate.defaultHandlingTime)
        #expect(WaitEstimate.typicalHandlingTime([120, 120, 120, 120]) == WaitEstimate.defaultHandlingTime)
        let blended = WaitEstimate.typicalHandlingTime(Array(repeating: 120, count: 10))
        #expect(blended > 120 && blended < WaitEstimate.defaultHandlingTime)
        #expect(abs(WaitEstimate.typicalHandlingTime(Array(repeating: 120, count: 20)) - 120) < 0.001)
        // One full seat, nobody ahead: the next release is part of a default handling time away.
        let empty = try Self.seconds(ahead: 0, seats: [.init(capacity: 1, openCases: 1)], history: [])
        #expect(empty > 2 * Self.minute && empty <= WaitEstimate.defaultHandlingTime + WaitEstimate.dispatchLatency)
    }

    @Test("one ten-hour case among six-minute ones does not swing the estimate")
    func outlier() throws {
        let usual = try Self.seconds(ahead: 12)
        let history = [10 * 60 * Self.minute] + Self.sixMinutes.dropFirst()
        let swung = try Self.seconds(ahead: 12, history: Array(history))
        // The history's plain mean grew fourfold; the estimate moves by a few per cent at most.
        let before: Double = Self.sixMinutes.reduce(0, +) / Double(Self.sixMinutes.count)
        let after: Double = history.reduce(0, +) / Double(history.count)
        #expect(after > 4 * before)
        #expect(abs(swung - usual) / usual < 0.05)
    }

    @Test("skewed handling times are read at their mean: a seat is released as often as cases end on average")
    func skewed() {
        // Log-normal around six minutes with σ 0.7: the mean is e^(σ²/2) ≈ 1.28 times the median.
        let logNormal = (1...99).map { 6 * Self.minute * exp(0.7 * Self.probit(Double($0) / 100)) }
        let typical = WaitEstimate.typicalHandlingTime(logNormal)
        #expect(abs(typical / (6 * Self.minute) - exp(0.49 / 2)) < 0.05)
    }

    @Test("the baseline is the median of the week's first reply times, nothing without any")
    func baseline() {
        #expect(WaitEstimate.baseline(firstReplyTimes: []) == nil)
        #expect(WaitEstimate.baseline(firstReplyTimes: [30, 600, 60]) == 60)
        #expect(WaitEstimate.baseline(firstReplyTimes: [0, 120, 60, 600]) == 90)
    }

    /// The standard normal quantile, by bisection on the distribution function.
    static func probit(_ p: Double) -> Double {
        var low = -10.0, high = 10.0
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if 0.5 * erfc(-middle / 2.0.squareRoot()) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
