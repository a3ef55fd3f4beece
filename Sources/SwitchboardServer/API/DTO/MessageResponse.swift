import Foundation
import SwitchboardCore

/// A message as the API shows it, with its author's public name (agents by number and name).
struct MessageResponse: JSONWritable, Sendable {
    let message: Message
    let authorName: String?
    let agentNumber: Int64?
    /// What the assistant read in a customer's message (staff only).
    let analysis: StoredAnalysis?

    init(_ message: Message, directory: DirectoryCache.Snapshot, customerName: String?, analysis: StoredAnalysis? = nil) {
        self.message = message
        self.analysis = analysis
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
            if let analysis {
                writer.key("analysis")
                AnalysisResponse(analysis).write(to: &writer)
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
    /// The event's number in the list its reader gets: the chain's own for staff; for a customer,
    /// counted over what they see, so gaps do not tell them that hidden events exist.
    let sequence: Int64

    init(_ event: TicketEvent, directory: DirectoryCache.Snapshot, audience: Audience, sequence: Int64? = nil) {
        self.event = event
        self.audience = audience
        self.sequence = sequence ?? event.sequence
        var names: [String: String] = [:]
        func team(_ key: String, _ id: Team.ID?) {
            if let id, let team = directory.teams[id] { names[key] = team.name }
        }
        func agent(_ key: String, _ id: Agent.ID?) {
            if let id, let agent = directory.agents[id] { names[key] = "\(agent.name) (\(agent.number))" }
        }
        switch try? event.change() {
        case .created(let created)?:
            team("teamId", created.teamID)
            agent("assigneeId", created.assigneeID)
        case .assigned(let from, let to)?:
            agent("from", from)
            agent("to", to)
        case .transferred(let fromTeam, let toTeam, _, let assignee)?:
            team("fromTeam", fromTeam)
            team("toTeam", toTeam)
            agent("assigneeId", assignee)
        default:
            break
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
            writer.json(.object(names.filter { audience == .staff || Self.customerNames.contains($0.key) }.mapValues { .string($0) }))
            if audience == .staff {
                writer.field("previousHash", event.previousHash)
            }
            writer.field("sequence", sequence)
        }
    }

    /// The names a customer sees: who has the case now, not who had it.
    static let customerNames: Set<String> = ["to", "toTeam", "assigneeId", "teamId"]

    /// The part of an event's data a customer may see (only customer-visible events reach here).
    static func customerData(_ event: TicketEvent) -> JSONValue {
        switch try? event.change() {
        case .created(let created)?:
            ["subject": .string(created.subject), "status": .string(created.status.rawValue), "channel": .string(created.channel.rawValue)]
        case .message(let id, let author, _, _)?:
            ["messageId": .id(id), "authorKind": .string(author.kind)]
        case .assigned(_, let to)?:
            ["to": .id(to)]
        case .transferred(_, let toTeam, _, let assignee)?:
            ["toTeam": .id(toTeam), "assigneeId": .id(assignee)]
        case .statusChanged(let from, let to)?:
            ["from": .string(from.rawValue), "to": .string(to.rawValue)]
        case .problemUpdated(let problem)?:
            ["whatHappened": .optional(problem.whatHappened), "when": .optional(problem.when), "expectation": .optional(problem.expectation)]
        case .followUpOpened(let number)?:
            ["number": .number(Double(number))]
        case .handoffRequested(let message, _, _)?:
            ["messageId": .id(message)]
        default:
            [:]
        }
    }
}
