import Foundation
import SwitchboardCore
import Testing

@Suite("Event hash chain")
struct EventChainTests {
    /// A stand-in digest (FNV-1a widened to 32 bytes): the chain logic does not depend on which hash it is given.
    static let digest: EventChain.Digest = { bytes in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var output: [UInt8] = []
        for round in 0..<4 {
            for byte in bytes + [UInt8(round)] {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            withUnsafeBytes(of: hash.bigEndian) { output.append(contentsOf: $0) }
        }
        return output
    }

    static func chain(_ changes: [TicketChange]) -> [TicketEvent] {
        var previous = EventChain.genesisHash
        return changes.enumerated().map { offset, change in
            let at = Date(millisecondsSince1970: 1_700_000_000_000 + Int64(offset))
            let content = EventChain.canonicalContent(
                ticketID: Ticket.ID(7), sequence: Int64(offset + 1), kind: change.kind, actor: .system, data: change.data, createdAt: at
            )
            let hash = EventChain.hash(previous: previous, content: content, digest: digest)
            defer { previous = hash }
            return TicketEvent(
                id: TicketEvent.ID(Int64(offset + 100)), ticketID: Ticket.ID(7), sequence: Int64(offset + 1), kind: change.kind,
                actor: .system, data: change.data, createdAt: at, previousHash: previous, hash: hash
            )
        }
    }

    static let changes: [TicketChange] = [
        .priorityChanged(from: .normal, to: .high, reason: nil), .statusChanged(from: .new, to: .open),
        .tagsChanged(added: ["refund"], removed: []), .assigned(from: nil, to: Agent.ID(3)),
    ]

    @Test("an untouched chain verifies")
    func intact() {
        let events = Self.chain(Self.changes)
        #expect(EventChain.verify(events, digest: Self.digest) == .intact(count: 4, head: events[3].hash))
        #expect(EventChain.verify([], digest: Self.digest) == .intact(count: 0, head: EventChain.genesisHash))
    }

    @Test("changed data is caught at that event")
    func changedData() {
        var events = Self.chain(Self.changes)
        events[2].data = ["added": ["vip"], "removed": []]
        guard case .broken(let broken) = EventChain.verify(events, digest: Self.digest) else { Issue.record("not caught"); return }
        #expect(broken.sequence == 3)
        #expect(broken.eventID == TicketEvent.ID(102))
    }

    @Test("a changed actor or time is caught")
    func changedActor() {
        var events = Self.chain(Self.changes)
        events[1].actor = .agent(Agent.ID(9))
        #expect(EventChain.verify(events, digest: Self.digest) != .intact(count: 4, head: events[3].hash))
        events = Self.chain(Self.changes)
        events[0].createdAt = events[0].createdAt.addingTimeInterval(1)
        guard case .broken(let broken) = EventChain.verify(events, digest: Self.digest) else { Issue.record("not caught"); return }
        #expect(broken.sequence == 1)
    }

    @Test("a removed or reordered event is caught")
    func removed() {
        var events = Self.chain(Self.changes)
        events.remove(at: 1)
        guard case .broken(let gap) = EventChain.verify(events, digest: Self.digest) else { Issue.record("not caught"); return }
        #expect(gap.sequence == 2)
        events = Self.chain(Self.changes)
        events.swapAt(1, 2)
        guard case .broken(let swapped) = EventChain.verify(events, digest: Self.digest) else { Issue.record("not caught"); return }
        #expect(swapped.sequence == 2)
    }

    @Test("a re-hashed forgery still breaks the link to the next event")
    func forgedHash() {
        var events = Self.chain(Self.changes)
        events[1].data = ["from": "new", "to": "solved"]
        let content = EventChain.canonicalContent(
            ticketID: events[1].ticketID, sequence: 2, kind: events[1].kind, actor: events[1].actor, data: events[1].data, createdAt: events[1].createdAt
        )
        events[1].hash = EventChain.hash(previous: events[1].previousHash, content: content, digest: Self.digest)
        guard case .broken(let broken) = EventChain.verify(events, digest: Self.digest) else { Issue.record("not caught"); return }
        #expect(broken.sequence == 3)
    }

    @Test("canonical JSON sorts keys and never depends on insertion order")
    func canonicalJSON() throws {
        let value: JSONValue = ["b": 1, "a": ["x", nil, true], "ä": "\"quoted\"\n", "n": .number(1.5)]
        #expect(value.canonical == #"{"a":["x",null,true],"b":1,"n":1.5,"ä":"\"quoted\"\n"}"#)
        #expect(try JSONValue.parse(value.canonical) == value)
    }

    @Test("canonical strings escape quotes, backslashes and control bytes and keep every other character as it is")
    func canonicalEscapes() throws {
        let text = "人工\u{1}a\\b\t\r\"اپراتور\u{1F}"
        let value = JSONValue.string(text)
        #expect(value.canonical == #""人工\u0001a\\b\t\r\"اپراتور\u001f""#)
        #expect(try JSONValue.parse(value.canonical) == value)
    }
}

@Suite("Event payloads")
struct EventPayloadTests {
    static let changes: [TicketChange] = [
        .created(TicketChange.TicketCreated(ticket: TicketCommandTests.ticket())),
        .message(id: Message.ID(4), author: .customer(Customer.ID(2)), visibility: .public, bodySHA256: String(repeating: "a", count: 64)),
        .assigned(from: nil, to: Agent.ID(3)),
        .transferred(fromTeam: Team.ID(1), toTeam: Team.ID(2), reason: "double \"charge\"\n", assignee: nil),
        .priorityChanged(from: .normal, to: .urgent, reason: nil),
        .priorityChanged(from: .normal, to: .high, reason: "anger,person-requested"),
        .statusChanged(from: .new, to: .open),
        .tagsChanged(added: ["vip"], removed: ["x"]),
        .fieldsChanged(set: ["amount": .number(12.5), "day": .date("2025-01-02")], removed: ["old"]),
        .problemUpdated(Problem(whatHappened: "退款", when: nil, expectation: "بازپرداخت")),
        .categoryChanged(from: nil, to: "refund"),
        .customerMerged(from: Customer.ID(5), into: Customer.ID(6)),
        .followUpOpened(number: 1042),
        .languageChanged(from: nil, to: "fa"),
        .handoffRequested(messageID: Message.ID(9), reasons: ["explicit-request", "exclamations"], phrase: "人工客服"),
        .handoffRequested(messageID: Message.ID(9), reasons: [], phrase: nil),
        .intentCorrected(messageID: Message.ID(9), from: "coupon", to: "refund"),
        .intentCorrected(messageID: Message.ID(9), from: nil, to: "refund"),
    ]

    @Test("the directly written canonical payload equals the canonical form of the payload", arguments: changes)
    func canonical(_ change: TicketChange) throws {
        #expect(change.canonicalData == change.data.canonical)
        #expect(try JSONValue.parse(change.canonicalData) == change.data)
    }

    @Test("every change reads back from its stored kind and payload as the same change", arguments: changes)
    func decodes(_ change: TicketChange) throws {
        let decoded = try TicketChange(kind: change.kind, data: try JSONValue.parse(change.canonicalData))
        // The stored payload is what the chain hashes: it must come back byte for byte.
        #expect(decoded.canonicalData == change.canonicalData)
        if case .fieldsChanged = change {
            // Field values come back as text or number (the definitions say which type).
            #expect(decoded.kind == .fieldsChanged)
        } else {
            #expect(decoded == change)
        }
    }
}

@Suite("JSON parsing")
struct JSONParsingTests {
    /// What Foundation's decoder makes of the same text: the parser must agree with it.
    static func reference(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test("agrees with Foundation's decoder", arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#, #"  [ 1 , -2.5e3 , 0.125, 1E-2, -0 ]  "#, #""\u00e9\u4e2d\ud83d\ude00 \"q\" \\ \/ \n\t""#,
        #"{"reason":"دلیل \u200c انتقال","nested":[[[[]]]],"big":123456789012345678,"small":-9007199254740993}"#, #"{}"#, #"[]"#, #""""#,
        "\"人工！我要找人工客服\"", #"3.141592653589793"#, #"1e308"#,
    ])
    func agrees(_ text: String) throws {
        #expect(try JSONValue.parse(text) == (try Self.reference(text)))
    }

    @Test("refuses what is not JSON, naming where", arguments: [
        "", "{", "[1,]", "{\"a\"}", "{\"a\":1,}", "01", "1.", "-", "1e", "tru", "nul", "\"open", "\"bad \\x escape\"", "\"\\ud800\"",
        "[1] 2", "{a:1}", "\"tab\there\"", String(repeating: "[", count: 300) + String(repeating: "]", count: 300), "1e400",
    ])
    func refuses(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test("every canonical form parses back to its value")
    func roundTrip() throws {
        var random = SystemRandomNumberGenerator()
        func value(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &random) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &random))
            case 2: return .number(Bool.random(using: &random) ? Double(Int.random(in: -1_000_000...1_000_000, using: &random)) : Double.random(in: -1e6...1e6, using: &random))
            case 3: return .string(String((0..<Int.random(in: 0..<12, using: &random)).map { _ in "aé中ش\"\\\n\u{1}😀 ".randomElement(using: &random)! }))
            case 4: return .array((0..<Int.random(in: 0..<4, using: &random)).map { _ in value(depth + 1) })
            default: return .object(Dictionary((0..<Int.random(in: 0..<4, using: &random)).map { ("k\($0)", value(depth + 1)) }, uniquingKeysWith: { $1 }))
            }
        }
        for _ in 0..<500 {
            let original = value(0)
            #expect(try JSONValue.parse(original.canonical) == original)
        }
    }
}
