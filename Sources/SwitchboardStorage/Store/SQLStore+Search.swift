import Foundation
import SwitchboardCore

extension SQLStore {
    /// The index terms of a text, space-separated, cut by Core's search terms. Computed before a
    /// write transaction starts, so the writer thread spends no time on it.
    static func indexTerms(_ text: String) -> String {
        SearchTerms.indexTerms(text).joined(separator: " ")
    }

    /// Adds one document (a subject or a message) to the search index.
    /// Documents are numbered in the order they arrive, so the highest numbers are the newest.
    static func index(ticket: Ticket.ID, terms joined: String, isInternal: Bool, _ connection: isolated any SQLConnection) async throws {
        guard !joined.isEmpty else { return }
        switch connection.dialect {
        case .sqlite:
            try await connection.executeAtCommit(
                "INSERT INTO search_index (terms, ticket_id, internal) VALUES (?, ?, ?)",
                [.text(joined), .id(ticket), .integer(isInternal ? 1 : 0)]
            )
        case .postgres:
            try await connection.executeAtCommit(
                "INSERT INTO search_index (ticket_id, internal, terms) VALUES (?, ?, array_to_tsvector(string_to_array(?, ' ')))",
                [.id(ticket), .bool(isInternal), .text(joined)]
            )
        }
    }

    public func searchTickets(_ query: TicketSearchQuery) async throws -> [TicketSearchHit] {
        let terms = SearchTerms.queryTerms(query.text)
        guard !terms.isEmpty else { return [] }
        var conditions: [String] = []
        var filterBinds: [SQLValue] = []
        Self.visibilityCondition(query.visibility, column: "t.", into: &conditions, &filterBinds)
        let ticketFilter = conditions.map { " AND " + $0 }.joined()
        let columns = Self.ticketColumns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        let filters = filterBinds
        return try await read { connection in
            let sql: String
            var binds: [SQLValue]
            switch connection.dialect {
            case .sqlite:
                // Rank the newest candidates by BM25 (lower is better in SQLite), best document per ticket.
                let match = terms.map { "\"\($0.text)\"" + ($0.prefix ? "*" : "") }.joined(separator: " AND ")
                sql = """
                    SELECT \(columns), best.score AS score FROM (
                        SELECT ticket_id, MIN(score) AS score FROM (
                            SELECT s.ticket_id AS ticket_id, bm25(search_index) AS score
                            FROM search_index s JOIN tickets t ON t.id = s.ticket_id
                            WHERE search_index MATCH ? AND (s.internal = 0 OR ?)\(ticketFilter)
                            ORDER BY s.rowid DESC LIMIT \(TicketSearchQuery.candidateLimit)
                        ) GROUP BY ticket_id
                    ) best JOIN tickets t ON t.id = best.ticket_id
                    ORDER BY best.score, t.updated_at DESC, t.id DESC LIMIT \(query.limit)
                    """
                binds = [.text(match), .integer(query.includeInternal ? 1 : 0)] + filters
            case .postgres:
                let tsquery = terms.map { "'\($0.text)'" + ($0.prefix ? ":*" : "") }.joined(separator: " & ")
                sql = """
                    SELECT \(columns), -best.score AS score FROM (
                        SELECT ticket_id, MAX(score) AS score FROM (
                            SELECT s.ticket_id AS ticket_id, ts_rank(s.terms, CAST(? AS tsquery)) AS score
                            FROM search_index s JOIN tickets t ON t.id = s.ticket_id
                            WHERE s.terms @@ CAST(? AS tsquery) AND (NOT s.internal OR ?)\(ticketFilter)
                            ORDER BY s.doc_id DESC LIMIT \(TicketSearchQuery.candidateLimit)
                        ) candidates GROUP BY ticket_id
                    ) best JOIN tickets t ON t.id = best.ticket_id
                    ORDER BY best.score DESC, t.updated_at DESC, t.id DESC LIMIT \(query.limit)
                    """
                binds = [.text(tsquery), .text(tsquery), .bool(query.includeInternal)] + filters
            }
            return try await connection.query(sql, binds).map { row in
                // Both engines report "lower is better" here; flip so callers see higher-is-better.
                TicketSearchHit(ticket: try Self.ticket(row), score: -(try row.double("score")))
            }
        }
    }
}
