import Foundation
@testable import SwitchboardServer
import Testing

/// Failed sign-ins slow the one who fails, not the agent they pretend to be, nor the colleagues
/// who share their address.
@Suite("Sign-in throttle")
struct SignInThrottleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("delays start after five failures from one place and double with each further one")
    func doubling() {
        let throttle = SignInThrottle()
        var waits: [TimeInterval?] = []
        for failure in 0..<8 {
            let now = start.addingTimeInterval(Double(failure) * 3600 / 60)
            waits.append(throttle.retryAfter(account: "ada", source: .address("203.0.113.9"), address: "203.0.113.9", now: now))
            throttle.recordFailure(account: "ada", source: .address("203.0.113.9"), address: "203.0.113.9", now: now)
        }
        #expect(waits.allSatisfy { $0 == nil }, "a minute apart, no attempt waited")
        let last = start.addingTimeInterval(7 * 60)
        // Eight failures: 2^(8-5) = 8 seconds after the last one.
        #expect(throttle.retryAfter(account: "ada", source: .address("203.0.113.9"), address: "203.0.113.9", now: last) == 8)
        #expect(throttle.retryAfter(account: "ada", source: .address("203.0.113.9"), address: "203.0.113.9", now: last.addingTimeInterval(8)) == nil)
    }

    @Test("an attacker elsewhere does not delay the agent, and a device the agent used before is never delayed by others")
    func attackerElsewhere() {
        let throttle = SignInThrottle()
        var now = start
        // A botnet: 200 wrong passwords for Ada from 40 addresses, as fast as each may.
        for round in 0..<200 {
            let address = "198.51.100.\(round % 40)"
            if throttle.retryAfter(account: "ada", source: .address(address), address: address, now: now) == nil {
                throttle.recordFailure(account: "ada", source: .address(address), address: address, now: now)
            }
            now.addTimeInterval(1)
        }
        #expect(throttle.retryAfter(account: "ada", source: .address("198.51.100.1"), address: "198.51.100.1", now: now) != nil)
        // Ada's own laptop, known to the desk, is not slowed at all.
        #expect(throttle.retryAfter(account: "ada", source: .knownDevice("laptop"), address: "192.0.2.10", now: now) == nil)
        // A stolen device cookie is still one door of its own.
        for _ in 0..<5 { throttle.recordFailure(account: "ada", source: .knownDevice("laptop"), address: "192.0.2.66", now: now) }
        #expect(throttle.retryAfter(account: "ada", source: .knownDevice("laptop"), address: "192.0.2.10", now: now) != nil)
    }

    @Test("one noisy machine slows its office's address for a minute at most, never locks it out")
    func sharedAddress() {
        let throttle = SignInThrottle()
        let office = "192.0.2.1"
        for index in 0..<100 {
            throttle.recordFailure(account: "made-up-\(index)@desk.test", source: .address(office), address: office, now: start)
        }
        let wait = throttle.retryAfter(account: "sam@desk.test", source: .address(office), address: office, now: start)
        #expect(wait != nil && wait! <= 60)
        #expect(throttle.retryAfter(account: "sam@desk.test", source: .address(office), address: office, now: start.addingTimeInterval(60)) == nil)
        // One wrong account from here does not touch the right one from elsewhere.
        #expect(throttle.retryAfter(account: "made-up-1@desk.test", source: .address("192.0.2.2"), address: "192.0.2.2", now: start) == nil)
    }

    @Test("a right password clears the failures of that place, and is not counted against the address")
    func success() {
        let throttle = SignInThrottle()
        for _ in 0..<6 { throttle.recordFailure(account: "ada", source: .address("192.0.2.1"), address: "192.0.2.1", now: start) }
        #expect(throttle.retryAfter(account: "ada", source: .address("192.0.2.1"), address: "192.0.2.1", now: start) != nil)
        #expect(throttle.begin(account: "ada", source: .address("192.0.2.1"), address: "192.0.2.1", now: start.addingTimeInterval(60)) == nil)
        throttle.succeeded(account: "ada", source: .address("192.0.2.1"), address: "192.0.2.1")
        #expect(throttle.retryAfter(account: "ada", source: .address("192.0.2.1"), address: "192.0.2.1", now: start.addingTimeInterval(60)) == nil)
        // Twenty colleagues signing in rightly from one office do not pause it.
        for index in 0..<40 {
            #expect(throttle.begin(account: "agent\(index)", source: .address("192.0.2.1"), address: "192.0.2.1", now: start.addingTimeInterval(60)) == nil)
            throttle.succeeded(account: "agent\(index)", source: .address("192.0.2.1"), address: "192.0.2.1")
        }
    }

    @Test("guesses sent all at once are counted as they start, not when their hashes finish")
    func inFlight() async {
        let throttle = SignInThrottle()
        let start = start
        let allowed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 {
                group.addTask { throttle.begin(account: "ada", source: .address("203.0.113.9"), address: "203.0.113.9", now: start) == nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(allowed == 5)
    }

    @Test("an IPv6 network counts as one address; an IPv4 address mapped into IPv6 is that address")
    func networks() {
        #expect(SignInThrottle.network("2001:db8:1:2:aaaa::1") == SignInThrottle.network("2001:db8:1:2:ffff::9"))
        #expect(SignInThrottle.network("2001:db8:1:2::1") != SignInThrottle.network("2001:db8:1:3::1"))
        #expect(SignInThrottle.network("192.0.2.7") == "192.0.2.7")
        let throttle = SignInThrottle()
        for index in 0..<30 {
            throttle.recordFailure(account: "made-up-\(index)", source: .address("2001:db8:1:2::\(index)"), address: "2001:db8:1:2::\(index)", now: start)
        }
        #expect(throttle.retryAfter(account: "sam", source: .address("2001:db8:1:2::ff"), address: "2001:db8:1:2::ff", now: start) != nil)
    }

    @Test("a made-up email is checked against a decoy that costs what a real password costs")
    func decoyCost() async throws {
        let hasher = PasswordHasher(cost: 6)
        let decoy = try await hasher.decoy()
        #expect(decoy.split(separator: "$").dropFirst().first == "06", "\(decoy.prefix(7))")
        #expect(try await hasher.decoy() == decoy, "made once")
        #expect(try await !hasher.verify("", against: decoy))
    }

    @Test("behind a trusted proxy the client is the right-most hop that is not a proxy; otherwise the header is ignored")
    func forwardedFor() throws {
        let proxies = TrustedProxies([try #require(IPRange("10.0.0.0/8")), try #require(IPRange("::1"))])
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        // What the client wrote on the left does not count.
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4, 203.0.113.9"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["1.2.3.4", "203.0.113.9, 10.9.9.9"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "::1", forwardedFor: ["2001:db8::7"]) == "2001:db8::7")
        // A dual-stack listener's mapped address is the IPv4 proxy; hops written with a port are the address.
        #expect(proxies.clientAddress(peer: "::ffff:10.0.0.5", forwardedFor: ["203.0.113.9:5173"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "10.0.0.5", forwardedFor: ["[2001:db8::7]:443"]) == "2001:db8::7")
        // Not from a proxy: the peer, whatever the header says.
        #expect(proxies.clientAddress(peer: "198.51.100.4", forwardedFor: ["203.0.113.9"]) == "198.51.100.4")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["garbage"]) == "10.1.2.3")
        #expect(IPRange("10.0.0.0/33") == nil && IPRange("proxy") == nil && IPRange("10.0.0.0/8")?.contains([11, 0, 0, 1]) == false)
    }
}
