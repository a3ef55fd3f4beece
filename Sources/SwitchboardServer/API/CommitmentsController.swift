import Foundation
import Hummingbird
import SwitchboardCore

/// `…/tickets/{number}/commitments`: an agent's promises to the customer, with due times.
struct CommitmentsController: Sendable {
    let commitments: Commitments
    let maxBodySize: Int

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get("v1/tickets/{number}/commitments", use: list)
        router.post("v1/tickets/{number}/commitments", use: make)
        router.post("v1/tickets/{number}/commitments/{id}/kept", use: keep)
    }

    struct MakeBody: Decodable {
        var text: String
        /// ISO 8601 with a zone (`2027-03-02T18:00:00+03:30`).
        var dueAt: String
    }

    struct KeepBody: Decodable {
        var note: String?
    }

    static func json(_ commitment: Commitment, state: Commitment.State, note: String?) -> JSONValue {
        var item: [String: JSONValue] = [
            "id": .string(commitment.id), "text": .string(commitment.text), "dueAt": .string(JSONWriter.isoText(commitment.dueAt)),
            "state": .string(state.rawValue),
        ]
        if let note { item["note"] = .string(note) }
        return .object(item)
    }

    @Sendable func list(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let all = try await commitments.list(on: try TicketsController.number(context), by: principal)
        return try JSONBody.response(["commitments": .array(all.map { Self.json($0.commitment, state: $0.state, note: $0.note) })] as JSONValue)
    }

    @Sendable func make(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await JSONBody.decode(MakeBody.self, from: request, limit: maxBodySize)
        guard let due = Self.date(body.dueAt) else {
            throw DomainError.invalidField("dueAt", "a time with its zone, such as 2027-03-02T18:00:00Z")
        }
        let made = try await commitments.make(text: body.text, dueAt: due, on: try TicketsController.number(context), by: principal)
        var response = try JSONBody.response(Self.json(made, state: .open, note: nil))
        response.status = .created
        return response
    }

    @Sendable func keep(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let body = try await JSONBody.decode(KeepBody.self, from: request, limit: maxBodySize)
        guard let id = context.parameters.get("id") else { throw APIError.notFound("promise") }
        let number = try TicketsController.number(context)
        try await commitments.keep(id, note: body.note, on: number, by: principal)
        let all = try await commitments.list(on: number, by: principal)
        guard let kept = all.first(where: { $0.commitment.id == id }) else { throw APIError.notFound("promise") }
        return try JSONBody.response(Self.json(kept.commitment, state: kept.state, note: kept.note))
    }

    /// ISO 8601 with seconds and a zone (`Z` or `±hh:mm`), fractional seconds allowed.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
