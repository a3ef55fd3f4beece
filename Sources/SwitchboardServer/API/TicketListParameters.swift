import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardStorage

/// Reads a ticket list's query string: `status`, `teamId`, `assignee` (an agent id, `me` or
/// `none`), `priority`, `customerId`, `merchantId`, `tag`, `updatedSince`, `limit`, `cursor`.
enum TicketListParameters {
    static func query(from parameters: Parameters, principal: Principal) throws -> TicketQuery {
        let statuses = try parameters.getAll("status").flatMap { $0.split(separator: ",") }.map { raw in
            guard let status = TicketStatus(rawValue: String(raw)) else {
                throw APIError.badRequest("status must be one of \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", "))", field: "status")
            }
            return status
        }
        var assignee: TicketQuery.Assignee?
        if let raw = parameters.get("assignee") {
            switch raw {
            case "none": assignee = .unassigned
            case "me":
                guard case .agent(let staff) = principal else { throw APIError.badRequest("assignee=me needs a signed-in agent", field: "assignee") }
                assignee = .agent(staff.agentID)
            default: assignee = .agent(Agent.ID(try id(raw, field: "assignee")))
            }
        }
        var updatedSince: Date?
        if let raw = parameters.get("updatedSince") {
            guard let date = try? Date(raw, strategy: .iso8601) else {
                throw APIError.badRequest("updatedSince must be an ISO 8601 time such as 2025-01-31T08:00:00Z", field: "updatedSince")
            }
            updatedSince = date
        }
        var cursor: TicketCursor?
        if let raw = parameters.get("cursor") {
            guard let decoded = TicketCursor(encoded: raw) else { throw APIError.badRequest("cursor is not one this desk handed out", field: "cursor") }
            cursor = decoded
        }
        var priority: Priority?
        if let raw = parameters.get("priority") {
            guard let value = Priority(rawValue: raw) else { throw APIError.badRequest("priority must be urgent, high, normal or low", field: "priority") }
            priority = value
        }
        var tag: String?
        if let raw = parameters.get("tag") {
            do { tag = try Validate.tag(raw) } catch { throw APIError.badRequest("tag is not a valid tag", field: "tag") }
        }
        return TicketQuery(
            visibility: try AccessPolicy.ticketVisibility(principal), statuses: statuses,
            teamID: try parameters.get("teamId").map { Team.ID(try id($0, field: "teamId")) }, assignee: assignee, priority: priority,
            customerID: try parameters.get("customerId").map { Customer.ID(try id($0, field: "customerId")) },
            merchantID: try parameters.get("merchantId").map { Organization.ID(try id($0, field: "merchantId")) },
            tag: tag, updatedSince: updatedSince, limit: try limit(parameters, default: 50, maximum: TicketQuery.maxLimit), cursor: cursor
        )
    }

    static func limit(_ parameters: Parameters, default value: Int, maximum: Int) throws -> Int {
        guard let raw = parameters.get("limit") else { return value }
        guard let limit = Int(raw), (1...maximum).contains(limit) else {
            throw APIError.badRequest("limit must be a whole number from 1 to \(maximum)", field: "limit")
        }
        return limit
    }

    static func id(_ raw: String, field: String) throws -> Int64 {
        guard let id = Int64(raw), id > 0 else { throw APIError.badRequest("\(field) must be a positive whole number", field: field) }
        return id
    }
}
