import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport
import Testing

/// Waits for something the desk's services do in the background (dispatch, the job runner),
/// looking every 50 ms for at most five seconds.
func eventually(_ condition: @Sendable () async throws -> Bool) async throws -> Bool {
    for _ in 0..<100 {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return false
}

/// Cases reaching agents: present agents with room get waiting cases in queue order, a full
/// team queues, room made is filled at once, long waits overflow.
@Suite("Assignment")
struct AssignmentFlowTests {
    static func open(_ client: some TestClientProtocol, _ desk: TestDesk, subject: String, priority: String = "normal") async throws -> Int64 {
        let response = try await client.call(
            desk, .agent, .post, "/api/v1/tickets",
            json: #"{"subject":"\#(subject)","customerId":\#(desk.fixture.alice.id),"teamId":\#(desk.fixture.orders.id),"priority":"\#(priority)","message":"\#(subject)"}"#
        )
        #expect(response.status == .created)
        return Int64(try #require(try response.json["ticket"]?["number"]?.numberValue))
    }

    @Test("an online agent with room gets the oldest waiting case; a full team queues; solving one gives the next at once, urgent first")
    func capacityAndQueue() async throws {
        try await TestDesk.with { desk in
            _ = try await desk.store.updateAgent(desk.fixture.agent.id, try AgentUpdate(capacity: 1))
            try await desk.client { client in
                let agent = desk.fixture.agent.id
                // Nobody is online: the fixture's case waits.
                #expect(try await desk.desk.dispatcher.dispatchNow().assigned.isEmpty)
                #expect(try await client.call(desk, .agent, .put, "/api/v1/me/presence", json: #"{"presence":"online"}"#).status == .ok)
                #expect(try await eventually { try await desk.store.ticket(number: desk.aliceTicket.number)?.assigneeID == agent }, "coming online takes the waiting case")
                let events = try await desk.store.events(ticket: desk.aliceTicket.id)
                #expect(events.last?.kind == .assigned && events.last?.actor == .system)

                // Full: later cases queue, in lanes.
                let normal = try await Self.open(client, desk, subject: "Normal question")
                let urgent = try await Self.open(client, desk, subject: "Card charged twice", priority: "urgent")
                _ = try await desk.desk.dispatcher.dispatchNow()
                #expect(try await desk.store.ticket(number: normal)?.assigneeID == nil)
                #expect(try await desk.store.ticket(number: urgent)?.assigneeID == nil)
                let queued = try await desk.store.ticket(number: normal)
                #expect(queued?.queuedAt != nil)

                // Solving frees the room; the urgent case goes first although it came later.
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(desk.aliceTicket.number)/status", json: #"{"status":"solved"}"#).status == .ok)
                #expect(try await eventually { try await desk.store.ticket(number: urgent)?.assigneeID == agent })
                #expect(try await desk.store.ticket(number: normal)?.assigneeID == nil, "never above capacity")
                #expect(try await desk.store.ticket(number: urgent)?.queuedAt == nil)

                // Away: nothing more is given.
                #expect(try await client.call(desk, .agent, .put, "/api/v1/me/presence", json: #"{"presence":"away"}"#).status == .ok)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(urgent)/status", json: #"{"status":"solved"}"#).status == .ok)
                _ = try await desk.desk.dispatcher.dispatchNow()
                #expect(try await desk.store.ticket(number: normal)?.assigneeID == nil)
                let bad = try await client.call(desk, .agent, .put, "/api/v1/me/presence", json: #"{"presence":"busy"}"#)
                #expect(bad.status == .badRequest)
            }
        }
    }

    @Test("agents idle past the limit become away; a case waiting past its team's overflow time moves on, with the reason")
    func awayAndOverflow() async throws {
        try await TestDesk.with { desk in
            // No room for anyone: this test watches the queue, not assignment.
            _ = try await desk.store.updateAgent(desk.fixture.agent.id, try AgentUpdate(capacity: 0))
            _ = try await desk.store.updateAgent(desk.fixture.supervisor.id, try AgentUpdate(capacity: 0))
            try await desk.client { client in
                // Online an hour ago, idle since: the dispatcher's round makes them away (15 minutes by default).
                _ = try await desk.store.setPresence(.online, of: desk.fixture.agent.id, at: desk.clock.now().addingTimeInterval(-3_600))
                _ = try await desk.store.setPresence(.online, of: desk.fixture.supervisor.id, at: desk.clock.now())
                #expect(try await desk.store.markIdleAgentsAway(inactiveSince: desk.clock.now().addingTimeInterval(-900)).allSatisfy { $0 == desk.fixture.agent.id })
                #expect(try await desk.store.agent(desk.fixture.agent.id)?.presence == .away)
                #expect(try await desk.store.agent(desk.fixture.supervisor.id)?.presence == .online, "active a moment ago")
                _ = try await desk.store.setPresence(.offline, of: desk.fixture.supervisor.id, at: desk.clock.now())

                let rules = #"{"version":0,"defaultTeamId":\#(desk.fixture.orders.id),"rules":[],"overflow":[{"fromTeamId":\#(desk.fixture.orders.id),"toTeamId":\#(desk.fixture.payments.id),"afterMinutes":10}]}"#
                #expect(try await client.call(desk, .supervisor, .put, "/api/v1/routing", json: rules).status == .ok)
                let circle = #"{"version":1,"rules":[],"overflow":[{"fromTeamId":\#(desk.fixture.orders.id),"toTeamId":\#(desk.fixture.payments.id),"afterMinutes":10},{"fromTeamId":\#(desk.fixture.payments.id),"toTeamId":\#(desk.fixture.orders.id),"afterMinutes":10}]}"#
                let refused = try await client.call(desk, .supervisor, .put, "/api/v1/routing", json: circle)
                #expect(refused.status == .badRequest && refused.errorField == "overflowTeamId")
                let zero = try await client.call(desk, .supervisor, .put, "/api/v1/routing", json: #"{"version":1,"rules":[],"overflow":[{"fromTeamId":\#(desk.fixture.orders.id),"toTeamId":\#(desk.fixture.payments.id),"afterMinutes":0}]}"#)
                #expect(zero.status == .badRequest && zero.errorField == "overflow[0].afterMinutes")

                desk.clock.advance(by: 5 * 60)
                #expect(try await desk.desk.dispatcher.dispatchNow().overflowed.isEmpty, "five minutes is not ten")
                desk.clock.advance(by: 6 * 60)
                #expect(try await desk.desk.dispatcher.dispatchNow().overflowed == [desk.aliceTicket.number])
                let moved = try #require(try await desk.store.ticket(number: desk.aliceTicket.number))
                #expect(moved.teamID == desk.fixture.payments.id && moved.queuedAt == desk.clock.now().roundedToMillisecondsForTest)
                guard case .transferred(_, _, let reason, _)? = try await desk.store.events(ticket: moved.id).last.map({ try $0.change() }) else {
                    Issue.record("no transfer recorded")
                    return
                }
                #expect(reason == TicketChange.overflowReason)
                let page = String(buffer: try await TicketPageTests.get(client, desk, .alice, "/portal/tickets/\(moved.number)").body)
                #expect(page.contains("waited too long in the team"), "the customer reads why, in words")
            }
        }
    }
}

extension Date {
    /// The store keeps milliseconds.
    var roundedToMillisecondsForTest: Date { Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000) }
}

/// SLA timers, escalation, promises and bounced cases, with the desk's test clock.
@Suite("Clocks and promises")
struct ClockFlowTests {
    static let pressing = #"{"version":0,"policies":[{"name":"Pressing","conditions":{"priorities":["high","urgent"]},"targets":{"first-response":15,"resolution":240},"businessTime":false,"escalation":["notify-assignee","notify-supervisor","raise-priority"]},{"name":"Standard","targets":{"first-response":240},"businessTime":false}]}"#

    /// Lets the log watcher (due each second) and any due timers run.
    static func tick(_ desk: TestDesk, by seconds: TimeInterval) {
        desk.clock.advance(by: seconds)
        desk.desk.jobs.wake()
    }

    /// Waits for `condition` while the desk's time moves on a second at a time, as it would:
    /// the log watcher looks again each second.
    static func settled(_ desk: TestDesk, _ condition: @Sendable () async throws -> Bool) async throws -> Bool {
        try await eventually {
            if try await condition() { return true }
            tick(desk, by: 1)
            return false
        }
    }

    static func kinds(_ desk: TestDesk, _ number: Int64) async throws -> [EventKind] {
        guard let ticket = try await desk.store.ticket(number: number) else { return [] }
        return try await desk.store.events(ticket: ticket.id).map(\.kind)
    }

    @Test("a pressing case's clock warns at three quarters and breaches at its due time, escalating as its policy says (urgent now); a restarted desk goes on from the same marks")
    func timers() async throws {
        try await TestDesk.with { desk in
            let (number, marks) = try await desk.client { client -> (Int64, Date?) in
                #expect(try await client.call(desk, .supervisor, .put, "/api/v1/sla-policies", json: Self.pressing).status == .ok)
                // The customer's own case (an agent's first message would count as the first reply).
                let number = desk.aliceTicket.number
                #expect(try await client.call(desk, .agent, .patch, "/api/v1/tickets/\(number)", json: #"{"priority":"high"}"#).status == .ok)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/assign", json: #"{"assigneeId":\#(desk.fixture.agent.id)}"#).status == .ok)
                #expect(try await Self.settled(desk) {
                    guard let ticket = try await desk.store.ticket(number: number), let due = ticket.slaDueAt else { return false }
                    return due.timeIntervalSince(ticket.createdAt) < 3_600
                }, "the watcher keeps the due time of the policy that covers it now")
                let ticket = try #require(try await desk.store.ticket(number: number))
                let due = try #require(ticket.slaDueAt)
                #expect(abs(due.timeIntervalSince(ticket.createdAt) - 15 * 60) < 1)

                Self.tick(desk, by: 11 * 60)
                #expect(try await Self.settled(desk) { try await Self.kinds(desk, number).contains(.slaWarning) }, "warned past 75%")
                #expect(try await Self.settled(desk) {
                    try await desk.store.notifications(agent: desk.fixture.agent.id, limit: 10).contains { $0.kind == .slaWarning && $0.ticketNumber == number }
                })
                // The agent's queue puts it first, amber.
                let queue = String(buffer: try await TicketPageTests.get(client, desk, .agent, "/agent?view=mine").body)
                #expect(queue.contains("due sla-warning"))
                #expect(String(buffer: try await TicketPageTests.get(client, desk, .agent, "/agent?view=at-risk").body).contains("/agent/tickets/\(number)"))
                return (number, try await desk.store.ticket(number: number)?.slaDueAt)
            }
            // A restart: a second desk on the same store, its caches empty.
            let restarted = try await TestDesk.prepare(desk.store, configuration: ServerConfiguration(bcryptCost: 4, identitySecret: TestDesk.secret), trained: true, jobHandlers: [:], node: "after-restart", sharing: desk)
            try await restarted.client { client in
                Self.tick(restarted, by: 1)
                #expect(try await restarted.store.ticket(number: number)?.slaDueAt == marks, "the same due time after the restart")
                Self.tick(restarted, by: 3 * 60)
                #expect(try await Self.settled(restarted) { try await Self.kinds(restarted, number).contains(.slaBreached) })
                let kinds = try await Self.kinds(restarted, number)
                #expect(kinds.filter { $0 == .slaWarning }.count == 1 && kinds.filter { $0 == .slaBreached }.count == 1, "each once")
                #expect(kinds.filter { $0 == .escalated }.count == 3)
                let events = try await restarted.store.events(ticket: try #require(try await restarted.store.ticket(number: number)).id)
                let steps = events.compactMap { event -> SLAEscalation? in
                    if case .escalated(let step, .firstResponse, _)? = try? event.change() { return step }
                    return nil
                }
                #expect(steps == [.notifyAssignee, .notifySupervisor, .raisePriority])
                #expect(try await restarted.store.ticket(number: number)?.priority == .urgent, "raised from high")
                #expect(try await Self.settled(restarted) {
                    try await restarted.store.notifications(agent: restarted.fixture.supervisor.id, limit: 10).contains { $0.kind == .slaBreached && $0.ticketNumber == number }
                }, "the team's supervisor is told")
                let unread = try await client.call(restarted, .supervisor, .get, "/api/v1/me/notifications")
                let count = try unread.json["unread"]?.numberValue ?? 0
                #expect(count >= 1)
                let page = String(buffer: try await TicketPageTests.get(client, restarted, .supervisor, "/agent/notifications").body)
                #expect(page.contains("#\(number)") && page.contains("ran out of time"))
                #expect(try await client.call(restarted, .supervisor, .get, "/api/v1/me/notifications").json["unread"]?.numberValue == 0, "the list was read")
            }
        }
    }

    @Test("a promise is an event the customer sees; the agent is reminded; unkept at its time it is missed and escalated; a kept one is not")
    func promises() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/assign", json: #"{"assigneeId":\#(desk.fixture.agent.id)}"#).status == .ok)
                let iso = ISO8601DateFormatter()
                let past = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/commitments", json: #"{"text":"Refund","dueAt":"\#(iso.string(from: desk.clock.now().addingTimeInterval(-60)))"}"#)
                #expect(past.status == .badRequest && past.errorField == "dueAt")
                let empty = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/commitments", json: #"{"text":"  ","dueAt":"\#(iso.string(from: desk.clock.now().addingTimeInterval(3_600)))"}"#)
                #expect(empty.status == .badRequest && empty.errorField == "text")
                let made = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/commitments", json: #"{"text":"Refund within 2 hours","dueAt":"\#(iso.string(from: desk.clock.now().addingTimeInterval(7_200)))"}"#)
                #expect(made.status == .created)
                let state = try made.json["state"]?.stringValue
                #expect(state == "open")
                let kept = try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/commitments", json: #"{"text":"Call back","dueAt":"\#(iso.string(from: desk.clock.now().addingTimeInterval(7_200)))"}"#)
                let keptID = try #require(try kept.json["id"]?.stringValue)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/commitments/\(keptID)/kept", json: #"{"note":"Called"}"#).status == .ok)
                #expect(try await client.call(desk, .agent, .post, "/api/v1/tickets/\(number)/commitments/\(keptID)/kept", json: "{}").status == .conflict, "kept once")

                let portal = String(buffer: try await TicketPageTests.get(client, desk, .alice, "/portal/tickets/\(number)").body)
                #expect(portal.contains("What we promised you") && portal.contains("Refund within 2 hours"))
                #expect(try await client.call(desk, .bob, .get, "/api/v1/tickets/\(number)/commitments").status == .notFound, "another customer sees nothing")

                #expect(try await Self.settled(desk) { try await desk.store.jobs(state: .queued, limit: 20).contains { $0.kind == .commitmentDue } })
                Self.tick(desk, by: 92 * 60)
                #expect(try await Self.settled(desk) {
                    try await desk.store.notifications(agent: desk.fixture.agent.id, limit: 10).contains { $0.kind == .commitmentDue && $0.ticketNumber == number }
                }, "reminded half an hour before")
                #expect(try await !Self.kinds(desk, number).contains(.commitmentMissed), "not missed before its time")
                Self.tick(desk, by: 28 * 60)
                #expect(try await Self.settled(desk) { try await Self.kinds(desk, number).contains(.commitmentMissed) })
                // (Alice's test session has expired by now; an integration reads the same list.)
                let list = try await client.call(desk, .readToken, .get, "/api/v1/tickets/\(number)/commitments").json["commitments"]?.arrayValue ?? []
                #expect(list.map { $0["state"]?.stringValue } == ["missed", "kept"])
                #expect(try await Self.settled(desk) {
                    try await desk.store.notifications(agent: desk.fixture.supervisor.id, limit: 10).contains { $0.kind == .commitmentMissed }
                })
            }
        }
    }

    @Test("a case sent back to the team that sent it within half an hour is flagged to the supervisors")
    func bounce() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let number = desk.aliceTicket.number
                let toPayments = #"{"teamId":\#(desk.fixture.payments.id),"reason":"a payment question"}"#
                let back = #"{"teamId":\#(desk.fixture.orders.id),"reason":"not ours"}"#
                let noReason = try await client.call(desk, .supervisor, .post, "/api/v1/tickets/\(number)/transfer", json: #"{"teamId":\#(desk.fixture.payments.id),"reason":""}"#)
                #expect(noReason.status == .badRequest && noReason.errorField == "reason")
                #expect(try await client.call(desk, .supervisor, .post, "/api/v1/tickets/\(number)/transfer", json: toPayments).status == .ok)
                #expect(try await Self.settled(desk) { try await desk.store.ticket(number: number)?.queuedAt != nil })
                for _ in 0..<5 { Self.tick(desk, by: 1); try await Task.sleep(for: .milliseconds(100)) }
                #expect(try await !Self.kinds(desk, number).contains(.escalated), "one transfer is not a bounce")
                desk.clock.advance(by: 10 * 60)
                #expect(try await client.call(desk, .supervisor, .post, "/api/v1/tickets/\(number)/transfer", json: back).status == .ok)
                #expect(try await Self.settled(desk) { try await Self.kinds(desk, number).contains(.escalated) })
                #expect(try await Self.settled(desk) {
                    try await desk.store.notifications(agent: desk.fixture.supervisor.id, limit: 10).contains { $0.kind == .bouncedBack && $0.ticketNumber == number }
                }, "the teams' supervisor is told")
                #expect(try await Self.kinds(desk, number).filter { $0 == .escalated }.count == 1)
            }
        }
    }
}
