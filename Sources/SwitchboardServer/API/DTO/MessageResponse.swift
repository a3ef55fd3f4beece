import Foundation
import SwitchboardCore

/// A message as the API shows it, with its author's public name (agents by number and name).
struct MessageResponse: Encodable, Sendable {
    struct Author: Encodable, Sendable {
        let kind: String
        let id: Int64?
        let name: String?
        /// The public agent number, for agents.
        let agentNumber: Int64?
    }

    let id: Int64
    let author: Author
    let visibility: Message.Visibility
    let body: String
    let attachments: [Attachment]
    let createdAt: Date

    init(_ message: Message, directory: DirectoryCache.Snapshot, customerName: String?) {
        id = message.id.rawValue
        switch message.author {
        case .agent(let agentID):
            let agent = directory.agents[agentID]
            author = Author(kind: "agent", id: agentID.rawValue, name: agent?.name, agentNumber: agent?.number)
        case .customer(let customerID):
            author = Author(kind: "customer", id: customerID.rawValue, name: customerName, agentNumber: nil)
        case .bot:
            author = Author(kind: "bot", id: nil, name: nil, agentNumber: nil)
        case .system:
            author = Author(kind: "system", id: nil, name: nil, agentNumber: nil)
        }
        visibility = message.visibility
        body = message.body
        attachments = message.attachments
        createdAt = message.createdAt
    }
}

/// One entry of a ticket's history. Staff see the full event with its hashes; a customer sees
/// their progress: what happened and who has the case, without internal reasons.
struct EventResponse: Encodable, Sendable {
    let sequence: Int64
    let kind: EventKind
    let actor: EventActor?
    let data: JSONValue
    let createdAt: Date
    let previousHash: String?
    let hash: String?
    /// Names for ids in `data` (teams and agents), so clients need no further lookups.
    let names: [String: String]

    init(_ event: TicketEvent, directory: DirectoryCache.Snapshot, audience: Audience) {
        sequence = event.sequence
        kind = event.kind
        createdAt = event.createdAt
        var names: [String: String] = [:]
        for key in ["teamId", "fromTeam", "toTeam"] {
            if let id = event.data[key]?.numberValue, let team = directory.teams[Team.ID(Int64(id))] { names[key] = team.name }
        }
        for key in ["assigneeId", "from", "to"] where event.kind == .assigned || key == "assigneeId" {
            if let id = event.data[key]?.numberValue, let agent = directory.agents[Agent.ID(Int64(id))] {
                names[key] = "\(agent.name) (\(agent.number))"
            }
        }
        self.names = names
        switch audience {
        case .staff:
            actor = event.actor
            data = event.data
            previousHash = event.previousHash
            hash = event.hash
        case .customer:
            actor = nil
            previousHash = nil
            hash = nil
            data = Self.customerData(event)
        }
    }

    /// The part of an event's data a customer may see.
    static func customerData(_ event: TicketEvent) -> JSONValue {
        let keep: [String] = switch event.kind {
        case .created: ["subject", "status", "channel"]
        case .message: ["messageId", "authorKind"]
        case .assigned: ["to"]
        case .transferred: ["toTeam", "assigneeId"]
        case .statusChanged: ["from", "to"]
        case .problemUpdated: ["whatHappened", "when", "expectation"]
        case .followUpOpened: ["number"]
        default: []
        }
        guard case .object(let object) = event.data else { return [:] }
        return .object(object.filter { keep.contains($0.key) })
    }
}
