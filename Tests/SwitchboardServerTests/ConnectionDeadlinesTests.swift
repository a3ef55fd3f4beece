@testable import SwitchboardServer
import Testing

@Suite("Connection deadlines")
struct ConnectionDeadlinesTests {
    static let limits = ConnectionLimits(headerTimeout: .seconds(10), idleTimeout: .seconds(60), bodyTimeout: .seconds(30))
    let opened = ContinuousClock.Instant.now

    func at(_ seconds: Int) -> ContinuousClock.Instant { opened.advanced(by: .seconds(seconds)) }

    @Test("a new connection owes its head within the header timeout, however slowly it trickles in")
    func newConnection() {
        var deadlines = ConnectionDeadlines(limits: Self.limits, opened: opened)
        #expect(deadlines.deadline == at(10))
        deadlines.readCompleted(at: at(4))
        deadlines.readCompleted(at: at(8))
        #expect(deadlines.deadline == at(10) && deadlines.expired(at: at(10)) && !deadlines.expired(at: at(9)))
    }

    @Test("the body counts from the head; answering has no deadline; then the idle timeout runs")
    func request() {
        var deadlines = ConnectionDeadlines(limits: Self.limits, opened: opened)
        deadlines.headRead(at: at(1))
        deadlines.readCompleted(at: at(1))
        #expect(deadlines.deadline == at(31))
        deadlines.bodyRead()
        deadlines.readCompleted(at: at(20))
        #expect(deadlines.deadline == at(31), "a trickled body earns no time")
        deadlines.endRead(at: at(25))
        deadlines.readCompleted(at: at(25))
        #expect(deadlines.deadline == nil && !deadlines.expired(at: at(100_000)), "a live stream may run for hours")
        deadlines.responseEnded(at: at(200))
        #expect(deadlines.deadline == at(260))
    }

    @Test("on a kept-alive connection the next head's first bytes start the header timeout")
    func keptAlive() {
        var deadlines = ConnectionDeadlines(limits: Self.limits, opened: opened)
        deadlines.headRead(at: at(0))
        deadlines.endRead(at: at(0))
        deadlines.readCompleted(at: at(0))
        deadlines.responseEnded(at: at(1))
        #expect(deadlines.deadline == at(61))
        deadlines.readCompleted(at: at(30))
        #expect(deadlines.deadline == at(40) && deadlines.reading == .head)
    }

    @Test("a pipelined request keeps the connection answering until its response ends too")
    func pipelined() {
        var deadlines = ConnectionDeadlines(limits: Self.limits, opened: opened)
        for _ in 0..<2 {
            deadlines.headRead(at: at(0))
            deadlines.endRead(at: at(0))
        }
        deadlines.readCompleted(at: at(0))
        deadlines.responseEnded(at: at(1))
        #expect(deadlines.deadline == nil && deadlines.unanswered == 1)
        deadlines.responseEnded(at: at(2))
        #expect(deadlines.deadline == at(62))
    }
}
