import Foundation
import SwitchboardCore

/// A message as the API shows it, with its author's public name (agents by number and name).
struct MessageResponse: JSONWritable, Sendable {
    let message: Message
    let authorName: String?
    let agentNumber: Int64?

    init(_ message: Message, directory: DirectoryCache.Snapshot, customerName: String?) {
        self.message = message
        switch message.author {
        case .agent(let agentID):
            let agent = directory.agents[agentID]
            authorName = agent?.name
            agentNumber = agent?.number
        case .customer:
            authorName = customerName
            agentNumber = nil
        case .bot, .system:
            authorName = nil
            agentNumber = nil
        }
    }

    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.key("attachments")
            writer.array(message.attachments) { writer, attachment in
                writer.object { writer in
                    writer.field("contentType", attachment.contentType)
                    writer.field("name", attachment.name)
                    writer.field("sha256", attachment.sha256)
                    writer.field("size", attachment.size)
                }
            }
            writer.key("author")
            writer.object { writer in
                writer.field("agentNumber", agentNumber)
                writer.field("id", message.author.id)
                writer.field("kind", message.author.kind)
                writer.field("name", authorName)
            }
            writer.field("body", message.body)
            writer.field("createdAt", message.createdAt)
            writer.field("id", message.id.rawValue)
            writer.field("visibility", message.visibility.rawValue)
        }
    }
}

/// One entry of a ticket's history. Staff see the full event with its hashes; a customer sees
/// their progress: what happened and who has the case, without internal reasons.
struct EventResponse: JSONWritable, Sendable {
    let event: TicketEvent
    let audience: Audience
    /// Names for ids in `data` (teams and agents), so clients need no further lookups.
    let names: [String: String]

    init(_ event: TicketEvent, directory: DirectoryCache.Snapshot, audience: Audience) {
        self.event = event
        self.audience = audience
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
    }

    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            if audience == .staff {
                writer.key("actor")
                writer.object { writer in
                    writer.field("id", event.actor.id)
                    writer.field("kind", event.actor.kind)
                }
            }
            writer.field("createdAt", event.createdAt)
            writer.key("data")
            writer.json(audience == .staff ? event.data : Self.customerData(event))
            if audience == .staff {
                writer.field("hash", event.hash)
            }
            writer.field("kind", event.kind.rawValue)
            writer.key("names")
            writer.json(.object(names.mapValues { .string($0) }))
            if audience == .staff {
                writer.field("previousHash", event.previousHash)
            }
            writer.field("sequence", event.sequence)
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
