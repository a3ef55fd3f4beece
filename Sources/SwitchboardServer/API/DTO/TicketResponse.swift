import Foundation
import SwitchboardCore

/// A ticket as the API shows it. Customers get their progress view: no tags, custom fields,
/// category, merchant or priority.
struct TicketResponse: JSONWritable, Sendable {
    let ticket: Ticket
    let customerName: String
    let team: TeamSummary?
    let assignee: AgentSummary?
    let merchant: OrganizationSummary?
    let audience: Audience

    init(_ ticket: Ticket, customerName: String, directory: DirectoryCache.Snapshot, audience: Audience) {
        self.ticket = ticket
        self.customerName = customerName
        team = ticket.teamID.flatMap { directory.teams[$0] }.map(TeamSummary.init)
        assignee = ticket.assigneeID.flatMap { directory.agents[$0] }.map(AgentSummary.init)
        merchant = ticket.merchantID.flatMap { directory.organizations[$0] }.map(OrganizationSummary.init)
        self.audience = audience
    }

    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.field("assignee", assignee)
            writer.field("channel", ticket.channel.rawValue)
            writer.field("createdAt", ticket.createdAt)
            writer.field("customer", CustomerSummary(id: ticket.customerID.rawValue, name: customerName))
            writer.field("followUpOf", ticket.followUpOf)
            writer.field("language", ticket.language)
            writer.field("number", ticket.number)
            writer.key("problem")
            ProblemResponse(ticket.problem).write(to: &writer)
            writer.field("status", ticket.status.rawValue)
            writer.field("subject", ticket.subject)
            writer.field("team", team)
            writer.field("updatedAt", ticket.updatedAt)
            guard audience == .staff else { return }
            writer.field("category", ticket.category)
            writer.key("fields")
            writer.json(.object(ticket.fields.mapValues(\.json)))
            writer.field("merchant", merchant)
            writer.field("priority", ticket.priority.rawValue)
            writer.key("tags")
            writer.array(ticket.tags) { writer, tag in writer.string(tag) }
        }
    }
}

struct ProblemResponse: JSONWritable, Sendable {
    let problem: Problem

    init(_ problem: Problem) {
        self.problem = problem
    }

    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.field("expectation", problem.expectation)
            writer.key("missing")
            writer.array(problem.missingParts) { writer, part in writer.string(part) }
            writer.field("whatHappened", problem.whatHappened)
            writer.field("when", problem.when)
        }
    }
}

/// A page of tickets.
struct TicketListResponse: JSONWritable, Sendable {
    let tickets: [TicketResponse]
    /// Pass as `cursor` to get the next page; null on the last page.
    let nextCursor: String?

    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.field("nextCursor", nextCursor)
            writer.key("tickets")
            writer.array(tickets) { writer, ticket in ticket.write(to: &writer) }
        }
    }
}

struct SearchResponse: JSONWritable, Sendable {
    let query: String
    let results: [(ticket: TicketResponse, score: Double)]

    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.field("query", query)
            writer.key("results")
            writer.array(results) { writer, hit in
                writer.object { writer in
                    writer.key("score")
                    writer.number(hit.score)
                    writer.key("ticket")
                    hit.ticket.write(to: &writer)
                }
            }
        }
    }
}

/// A ticket and the message just added to it.
struct TicketMessageResponse: JSONWritable, Sendable {
    let ticket: TicketResponse
    let message: MessageResponse?

    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.field("message", message)
            writer.key("ticket")
            ticket.write(to: &writer)
        }
    }
}
