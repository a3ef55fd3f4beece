import Foundation
import SwitchboardCore

/// What a chat client sends: one JSON object per WebSocket text message (or per POST on the
/// fallback), with a `type`. See docs/API.md, "Live chat".
enum ClientFrame: Sendable, Hashable {
    /// The first frame: the client's chat token (if it has one), its conversation and the last
    /// `seq` of it it saw, its page language, and the shop's signed identity, when the shop gave one.
    case hello(token: String?, ticket: Int64?, after: Int64?, language: String?, identity: [String: String]?)
    /// A message, under an id the client chose; acknowledged once stored. `intent` is the
    /// option the customer picked from "Did you mean…?".
    case message(id: String, text: String, intent: String?)
    /// "Talk to a person".
    case person
    /// The answer to "Did this solve it?".
    case feedback(solved: Bool)
    /// The customer is typing (nothing is stored).
    case typing
    /// The customer has seen the messages up to this one.
    case read(upTo: Int64)

    /// The largest frame the desk reads.
    static let maxBytes = 64 * 1024

    /// Reads one frame; a malformed one is a `FrameProblem` the client is told of.
    static func parse(_ text: String) throws(FrameProblem) -> ClientFrame {
        guard text.utf8.count <= maxBytes else { throw .tooLarge }
        guard let value = try? JSONValue.parse(text), case .object(let fields) = value, case .string(let type)? = fields["type"] else {
            throw .invalid("a frame is a JSON object with a \"type\"")
        }
        func string(_ key: String) -> String? {
            if case .string(let value)? = fields[key] { return value }
            return nil
        }
        func integer(_ key: String) -> Int64? {
            if case .number(let value)? = fields[key], let exact = Int64(exactly: value) { return exact }
            return nil
        }
        switch type {
        case "hello":
            var identity: [String: String]?
            if case .object(let claim)? = fields["identity"] {
                identity = claim.compactMapValues { if case .string(let value) = $0 { value } else { nil } }
            }
            return .hello(token: string("token"), ticket: integer("ticket"), after: integer("after"), language: string("lang"), identity: identity)
        case "message":
            guard let id = string("id"), let text = string("text") else { throw .invalid("a message has an \"id\" and a \"text\"") }
            return .message(id: id, text: text, intent: string("intent"))
        case "person":
            return .person
        case "feedback":
            guard case .bool(let solved)? = fields["solved"] else { throw .invalid("feedback has \"solved\": true or false") }
            return .feedback(solved: solved)
        case "typing":
            return .typing
        case "read":
            guard let upTo = integer("upTo") else { throw .invalid("read has \"upTo\", a message id") }
            return .read(upTo: upTo)
        default:
            throw .invalid("unknown frame type \"\(type.prefix(40))\"")
        }
    }
}

/// Why a client's frame was not taken.
enum FrameProblem: Error, Sendable, Hashable {
    case tooLarge
    case invalid(String)
    /// The connection sent frames faster than its budget (`FrameBudget`).
    case rateLimited

    var code: String {
        switch self {
        case .tooLarge: "too_large"
        case .invalid: "invalid"
        case .rateLimited: "rate_limited"
        }
    }

    var detail: String {
        switch self {
        case .tooLarge: "a frame is at most 64 KiB"
        case .invalid(let why): why
        case .rateLimited: "too many frames; send this one again in a moment"
        }
    }
}

/// What the desk sends a chat client: JSON objects with a `type`. Frames that stand for stored
/// events carry their `seq` (the event's id), which the client sends back as `after` when it
/// reconnects.
struct ServerFrame: Sendable {
    let value: JSONValue

    var text: String {
        var writer = JSONWriter(capacity: 256)
        writer.json(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func make(_ type: String, _ fields: [String: JSONValue]) -> ServerFrame {
        var all = fields
        all["type"] = .string(type)
        return ServerFrame(value: .object(all))
    }

    static func error(_ code: String, _ message: String, id: String? = nil) -> ServerFrame {
        var fields: [String: JSONValue] = ["code": .string(code), "message": .string(message)]
        if let id { fields["id"] = .string(id) }
        return make("error", fields)
    }

    /// The acknowledgement of a stored message (`duplicate`: stored before, under the same id).
    static func ack(id: String, message: Message.ID, ticket: Int64, duplicate: Bool) -> ServerFrame {
        make("ack", ["id": .string(id), "message": .number(Double(message.rawValue)), "ticket": number(ticket), "duplicate": .bool(duplicate)])
    }

    /// A connection's frames on their way out, at most `capacity` waiting. A client that does not
    /// read them is never silently skipped: the outbox ends and `overflowed` runs once (the client
    /// reconnects and resumes from the last `seq` it has). The socket and the fallback share it.
    struct Outbox: Sendable {
        let frames: AsyncStream<ServerFrame>
        private let write: AsyncStream<ServerFrame>.Continuation
        private let overflowed: @Sendable () -> Void

        /// Frames a client may leave unread before it is closed.
        static let capacity = 256

        init(overflowed: @escaping @Sendable () -> Void = {}) {
            (frames, write) = AsyncStream<ServerFrame>.makeStream(bufferingPolicy: .bufferingOldest(Self.capacity))
            self.overflowed = overflowed
        }

        func send(_ frame: ServerFrame) {
            if case .dropped = write.yield(frame) {
                write.finish()
                overflowed()
            }
        }

        func finish() { write.finish() }
    }

    static func number(_ value: Int64) -> JSONValue { .number(Double(value)) }
    static func date(_ value: Date) -> JSONValue { .string(JSONWriter.isoText(value)) }
}
