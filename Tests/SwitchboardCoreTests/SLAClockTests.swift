import Foundation
import SwitchboardCore
import Testing

/// SLA clocks from a ticket's history: business time, pauses, met and breached, reopened
/// tickets, next responses — and the same answer whenever it is asked.
@Suite("SLA clocks")
struct SLAClockTests {
    static let hour: TimeInterval = 3600
    static let shanghai = try! BusinessCalendar(hours: .weekdays(from: 9, to: 18, timeZone: "Asia/Shanghai"))
    static func at(_ text: String) -> Date { BusinessCalendarTests.at(text, "Asia/Shanghai") }

    /// A ticket's history written as people say it.
    struct Story {
        var events: [(at: Date, change: TicketChange)] = []

        init(opened: Date, status: TicketStatus = .new) {
            var ticket = IntakeRulesTests.ticket(status: status)
            ticket.createdAt = opened
            events.append((opened, .created(TicketChange.TicketCreated(ticket: ticket))))
        }

        func then(_ at: Date, _ change: TicketChange) -> Story {
            var next = self
            next.events.append((at, change))
            return next
        }

        func customer(_ at: Date) -> Story { then(at, .message(id: Message.ID(1), author: .customer(Customer.ID(1)), visibility: .public, bodySHA256: "")) }
        func reply(_ at: Date) -> Story { then(at, .message(id: Message.ID(2), author: .agent(Agent.ID(1)), visibility: .public, bodySHA256: "")) }
        func note(_ at: Date) -> Story { then(at, .message(id: Message.ID(3), author: .agent(Agent.ID(1)), visibility: .internal, bodySHA256: "")) }
        func status(_ at: Date, _ from: TicketStatus, _ to: TicketStatus) -> Story { then(at, .statusChanged(from: from, to: to)) }
    }

    static func clock(_ story: Story, _ target: SLATarget, policy: SLAPolicy, calendar: BusinessCalendar? = shanghai, now: Date) -> SLAClock? {
        SLAClock.clocks(events: story.events, policy: policy, calendar: calendar, now: now).first { $0.target == target }
    }

    @Test("a first response promised in four business hours, asked on Friday at 16:00, is due Monday at 11:00")
    func businessHours() throws {
        let policy = try SLAPolicy(name: "Normal", targets: [.firstResponse: 4 * Self.hour])
        let story = Story(opened: Self.at("2026-11-27 16:00"))
        let weekend = try #require(Self.clock(story, .firstResponse, policy: policy, now: Self.at("2026-11-28 12:00")))
        #expect(weekend.state == .running && weekend.elapsed == 2 * Self.hour)
        #expect(weekend.dueAt == Self.at("2026-11-30 11:00") && weekend.warningAt == Self.at("2026-11-30 10:00"))
        // Past the warning, the clock names the same moment (timers and the queue's colour read it).
        let warned = try #require(Self.clock(story, .firstResponse, policy: policy, now: Self.at("2026-11-30 10:20")))
        #expect(warned.state == .running && warned.warningAt == Self.at("2026-11-30 10:00") && warned.dueAt == Self.at("2026-11-30 11:00"))
        // A note is not a reply; a public reply at 10:30 meets it.
        let answered = story.note(Self.at("2026-11-30 09:30")).reply(Self.at("2026-11-30 10:30"))
        let met = try #require(Self.clock(answered, .firstResponse, policy: policy, now: Self.at("2026-12-01 12:00")))
        #expect(met.state == .met && met.elapsed == 3.5 * Self.hour && met.endedAt == Self.at("2026-11-30 10:30"))
        // No reply by noon: breached at 11:00, and still breached when answered late.
        let late = try #require(Self.clock(story, .firstResponse, policy: policy, now: Self.at("2026-11-30 12:00")))
        #expect(late.state == .breached && late.dueAt == Self.at("2026-11-30 11:00") && late.warningAt == Self.at("2026-11-30 10:00"), "at risk since its warning")
        let answeredLate = try #require(Self.clock(story.reply(Self.at("2026-11-30 15:00")), .firstResponse, policy: policy, now: Self.at("2026-12-01 09:00")))
        #expect(answeredLate.state == .breached && answeredLate.endedAt == Self.at("2026-11-30 15:00"))
    }

    @Test("the clock stands still while the ticket waits on the customer, unless the policy says otherwise")
    func pauses() throws {
        let opened = Self.at("2026-11-30 09:00")
        let story = Story(opened: opened).reply(opened.addingTimeInterval(600)).status(opened.addingTimeInterval(3600), .new, .pendingCustomer)
        let calendarTime = try SLAPolicy(name: "Resolve in 8 h", targets: [.resolution: 8 * Self.hour], businessTime: false)
        let waiting = try #require(Self.clock(story, .resolution, policy: calendarTime, now: opened.addingTimeInterval(5 * Self.hour)))
        #expect(waiting.state == .paused && waiting.elapsed == Self.hour && waiting.dueAt == nil)
        let back = story.customer(opened.addingTimeInterval(5 * Self.hour)).status(opened.addingTimeInterval(5 * Self.hour), .pendingCustomer, .open)
        let running = try #require(Self.clock(back, .resolution, policy: calendarTime, now: opened.addingTimeInterval(6 * Self.hour)))
        #expect(running.state == .running && running.elapsed == 2 * Self.hour)
        #expect(running.dueAt == opened.addingTimeInterval(12 * Self.hour), "eight hours of running, four of them paused")
        let neverPauses = try SLAPolicy(name: "Strict", targets: [.resolution: 8 * Self.hour], businessTime: false, pausedWhile: [])
        #expect(Self.clock(story, .resolution, policy: neverPauses, now: opened.addingTimeInterval(5 * Self.hour))?.elapsed == 5 * Self.hour)
    }

    @Test("a reopened ticket's resolution clock goes on from where it stopped")
    func reopened() throws {
        let opened = Self.at("2026-11-30 09:00")
        let policy = try SLAPolicy(name: "Resolve", targets: [.resolution: 24 * Self.hour], businessTime: false)
        let solved = Story(opened: opened, status: .open).status(opened.addingTimeInterval(2 * Self.hour), .open, .solved)
        let done = try #require(Self.clock(solved, .resolution, policy: policy, now: opened.addingTimeInterval(5 * Self.hour)))
        #expect(done.state == .met && done.elapsed == 2 * Self.hour && done.endedAt == opened.addingTimeInterval(2 * Self.hour))
        let closed = solved.status(opened.addingTimeInterval(3 * Self.hour), .solved, .closed)
        #expect(Self.clock(closed, .resolution, policy: policy, now: opened.addingTimeInterval(5 * Self.hour))?.endedAt == opened.addingTimeInterval(2 * Self.hour))
        let reopened = solved.status(opened.addingTimeInterval(10 * Self.hour), .solved, .open)
        let again = try #require(Self.clock(reopened, .resolution, policy: policy, now: opened.addingTimeInterval(11 * Self.hour)))
        #expect(again.state == .running && again.elapsed == 3 * Self.hour)
    }

    @Test("the next response is the wait after a reply; the customer's further messages do not restart it")
    func nextResponse() throws {
        let opened = Self.at("2026-11-30 09:00")
        let policy = try SLAPolicy(name: "Chat", targets: [.nextResponse: Self.hour], businessTime: false)
        let story = Story(opened: opened).customer(opened).reply(opened.addingTimeInterval(600))
        #expect(Self.clock(story, .nextResponse, policy: policy, now: opened.addingTimeInterval(1200)) == nil, "nothing to answer yet")
        let asked = story.customer(opened.addingTimeInterval(1800)).customer(opened.addingTimeInterval(2400))
        let waiting = try #require(Self.clock(asked, .nextResponse, policy: policy, now: opened.addingTimeInterval(3000)))
        #expect(waiting.state == .running && waiting.startedAt == opened.addingTimeInterval(1800) && waiting.elapsed == 1200)
        let answered = asked.reply(opened.addingTimeInterval(3600)).customer(opened.addingTimeInterval(7200))
        let second = try #require(Self.clock(answered, .nextResponse, policy: policy, now: opened.addingTimeInterval(7300)))
        #expect(second.startedAt == opened.addingTimeInterval(7200) && second.elapsed == 100)
    }

    @Test("a running clock's due time is the same whenever it is asked (a restarted desk computes what it had)")
    func sameAnswer() throws {
        let policy = try SLAPolicy(name: "Normal", targets: [.firstResponse: 4 * Self.hour, .resolution: 40 * Self.hour])
        let story = Story(opened: Self.at("2026-11-27 16:00")).status(Self.at("2026-11-27 16:30"), .new, .open)
        var dues: Set<[Date?]> = []
        for minutes in stride(from: 0, to: 60 * 60, by: 37) {
            let clocks = SLAClock.clocks(events: story.events, policy: policy, calendar: Self.shanghai, now: Self.at("2026-11-27 16:00").addingTimeInterval(Double(minutes) * 60))
            guard clocks.allSatisfy({ $0.state == .running }) else { continue }
            dues.insert(clocks.map(\.dueAt))
        }
        #expect(dues.count == 1, "\(dues)")
    }

    @Test("a policy refuses what cannot be a promise; the first policy that covers a ticket applies")
    func policies() throws {
        #expect(throws: DomainError.self) { try SLAPolicy(name: "Zero", targets: [.firstResponse: 0]) }
        #expect(throws: DomainError.self) { try SLAPolicy(name: "Negative", targets: [.resolution: -60]) }
        #expect(throws: DomainError.self) { try SLAPolicy(name: "Nothing", targets: [:]) }
        #expect(throws: DomainError.self) { try SLAPolicy(name: "Odd pause", targets: [.resolution: 3600], pausedWhile: [.solved]) }
        let urgent = try SLAPolicy(name: "Urgent", conditions: SLAConditions(priorities: [.urgent]), targets: [.firstResponse: 900])
        let vip = try SLAPolicy(name: "VIP", conditions: SLAConditions(tiers: ["vip"]), targets: [.firstResponse: 1800])
        let refunds = try SLAPolicy(name: "Refunds", conditions: SLAConditions(categories: ["refund"]), targets: [.resolution: 86_400])
        let normal = try SLAPolicy(name: "Normal", targets: [.firstResponse: 4 * 3600])
        let policies = [urgent, vip, refunds, normal]
        #expect(SLAPolicy.first(of: policies, covering: IntakeRulesTests.ticket(priority: .urgent), tier: "vip")?.name == "Urgent")
        #expect(SLAPolicy.first(of: policies, covering: IntakeRulesTests.ticket(), tier: "vip")?.name == "VIP")
        #expect(SLAPolicy.first(of: policies, covering: IntakeRulesTests.ticket(category: "refund"), tier: nil)?.name == "Refunds")
        #expect(SLAPolicy.first(of: policies, covering: IntakeRulesTests.ticket(), tier: nil)?.name == "Normal")
    }
}
