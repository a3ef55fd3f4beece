import Foundation
import SwitchboardCore

/// One searchable document: a ticket's subject (document 0) or one of its messages (the sequence
/// of the event that recorded it). Its id packs the ticket, the document and whether it is an
/// internal note, so a search reads no other table to know them, and ids order by ticket age.
struct SearchDocument {
    let ticket: Ticket.ID
    let sequence: Int64
    let isInternal: Bool

    static let documentBits: Int64 = 20

    /// Nil for documents past the millionth event of one ticket (they are not indexed).
    var id: Int64? {
        guard sequence >= 0, sequence < (1 << Self.documentBits) else { return nil }
        return ticket.rawValue << (Self.documentBits + 1) | sequence << 1 | (isInternal ? 1 : 0)
    }

    /// The document ids of one ticket lie between these.
    static func range(of ticket: Ticket.ID) -> ClosedRange<Int64> {
        (ticket.rawValue << (documentBits + 1))...((ticket.rawValue + 1) << (documentBits + 1) - 1)
    }
}

extension SQLStore {
    /// The index terms of a text, space-separated, cut by Core's search terms. Computed before a
    /// write transaction starts, so the writer thread spends no time on it.
    static func indexTerms(_ text: String) -> String {
        SearchTerms.indexTerms(text).joined(separator: " ")
    }

    /// Adds one document to the search index.
    static func index(_ document: SearchDocument, terms joined: String, _ connection: isolated any SQLConnection) async throws {
        guard !joined.isEmpty, let id = document.id else { return }
        switch connection.dialect {
        case .sqlite:
            try await connection.executeAtCommit("INSERT INTO search_index (rowid, terms) VALUES (?, ?)", [.integer(id), .text(joined)])
        case .postgres:
            try await connection.executeAtCommit(
                "INSERT INTO search_index (doc_id, ticket_id, internal, terms) VALUES (?, ?, ?, array_to_tsvector(string_to_array(?, ' ')))",
                [.integer(id), .id(document.ticket), .bool(document.isInternal), .text(joined)]
            )
        }
    }

    /// A PostgreSQL search widens its slice of documents until at least this many match.
    static let enoughCandidates = 200

    /// How many tickets of one customer a customer's search looks into (their most recently active).
    static let customerSearchTickets = 200

    public func searchTickets(_ query: TicketSearchQuery) async throws -> [TicketSearchHit] {
        let terms = SearchTerms.queryTerms(query.text)
        guard !terms.isEmpty else { return [] }
        let columns = Self.ticketColumns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        return try await read { connection in
            // Candidates: (ticket id, score where lower is better).
            let candidates: [(Int64, Double)]
            switch connection.dialect {
            case .sqlite:
                candidates = try await Self.sqliteCandidates(terms: terms, query: query, connection)
            case .postgres:
                candidates = try await Self.postgresCandidates(terms: terms, query: query, connection)
            }
            guard !candidates.isEmpty else { return [] }
            var best: [Int64: Double] = [:]
            for (ticket, score) in candidates { best[ticket] = min(best[ticket] ?? .infinity, score) }
            // Relevance first; among equals the newer ticket (ids grow with time). Only the page is loaded.
            let ranked = best.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }.prefix(query.limit)
            let list = Self.idList("t.id", ranked.map(\.key), connection.dialect)
            let tickets = Dictionary(
                uniqueKeysWithValues: try await connection.query("SELECT \(columns) FROM tickets t WHERE \(list.sql)", [list.bind])
                    .map(Self.ticket).map { ($0.id.rawValue, $0) }
            )
            return ranked.compactMap { id, score in tickets[id].map { TicketSearchHit(ticket: $0, score: -score) } }
        }
    }

    /// BM25 over the newest matching documents (SQLite: lower is better).
    static func sqliteCandidates(terms: [SearchTerms.QueryTerm], query: TicketSearchQuery, _ connection: isolated any SQLConnection) async throws -> [(Int64, Double)] {
        let match = terms.map { "\"\($0.text)\"" + ($0.prefix ? "*" : "") }.joined(separator: " AND ")
        let shift = SearchDocument.documentBits + 1
        let notes: SQLValue = .integer(query.includeInternal ? 1 : 0)
        switch query.visibility {
        case .all:
            return try await connection.query(
                """
                SELECT rowid >> \(shift) AS ticket_id, bm25(search_index) AS score FROM search_index
                WHERE search_index MATCH ? AND ((rowid & 1) = 0 OR ?)
                ORDER BY rowid DESC LIMIT \(TicketSearchQuery.candidateLimit)
                """,
                [.text(match), notes]
            ).map { (try $0.int("ticket_id"), try $0.double("score")) }
        case .merchant(let merchant):
            return try await connection.query(
                """
                SELECT s.rowid >> \(shift) AS ticket_id, bm25(search_index) AS score FROM search_index s
                JOIN tickets t ON t.id = (s.rowid >> \(shift))
                WHERE search_index MATCH ? AND ((s.rowid & 1) = 0 OR ?) AND t.merchant_id = ?
                ORDER BY s.rowid DESC LIMIT \(TicketSearchQuery.candidateLimit)
                """,
                [.text(match), notes, .id(merchant)]
            ).map { (try $0.int("ticket_id"), try $0.double("score")) }
        case .customer(let customer):
            // A customer has few tickets: search each one's documents by their id range.
            let tickets = try await connection.query(
                "SELECT id FROM tickets WHERE customer_id = ? ORDER BY updated_at DESC LIMIT \(customerSearchTickets)", [.id(customer)]
            )
            var candidates: [(Int64, Double)] = []
            for row in tickets {
                let range = SearchDocument.range(of: try row.id("id"))
                candidates += try await connection.query(
                    """
                    SELECT rowid >> \(shift) AS ticket_id, bm25(search_index) AS score FROM search_index
                    WHERE search_index MATCH ? AND rowid BETWEEN ? AND ? AND ((rowid & 1) = 0 OR ?)
                    """,
                    [.text(match), .integer(range.lowerBound), .integer(range.upperBound), notes]
                ).map { (try $0.int("ticket_id"), try $0.double("score")) }
            }
            return candidates
        }
    }

    /// ts_rank over the newest matching documents (negated so that lower is better, as with SQLite).
    /// A GIN match fetches every matching row before it can sort them, so the search starts with
    /// the newest slice of documents and widens it only when too few match there.
    static func postgresCandidates(terms: [SearchTerms.QueryTerm], query: TicketSearchQuery, _ connection: isolated any SQLConnection) async throws -> [(Int64, Double)] {
        let tsquery = terms.map { "'\($0.text)'" + ($0.prefix ? ":*" : "") }.joined(separator: " & ")
        var filter = ""
        var filterBinds: [SQLValue] = []
        var widen = true
        switch query.visibility {
        case .all: break
        case .merchant(let merchant):
            filter = " AND s.ticket_id IN (SELECT id FROM tickets WHERE merchant_id = ?)"
            filterBinds = [.id(merchant)]
        case .customer(let customer):
            filter = " AND s.ticket_id IN (SELECT id FROM tickets WHERE customer_id = ?)"
            filterBinds = [.id(customer)]
            widen = false  // a customer's few tickets are found through the ticket index
        }
        let newest = try await connection.first("SELECT COALESCE(MAX(doc_id), 0) AS newest FROM search_index")?.int("newest") ?? 0
        var span: Int64 = 50_000 << (SearchDocument.documentBits + 1)
        while true {
            let lower = widen ? newest - span : Int64.min
            let rows = try await connection.query(
                """
                SELECT s.ticket_id AS ticket_id, -ts_rank(s.terms, CAST(? AS tsquery)) AS score FROM search_index s
                WHERE s.terms @@ CAST(? AS tsquery) AND (NOT s.internal OR ?) AND s.doc_id > ?\(filter)
                ORDER BY s.doc_id DESC LIMIT \(TicketSearchQuery.candidateLimit)
                """,
                [.text(tsquery), .text(tsquery), .bool(query.includeInternal), .integer(lower)] + filterBinds
            )
            // Enough to rank a page well: stop; a rarer word: look further back.
            if rows.count >= Self.enoughCandidates || lower <= 0 || !widen {
                return try rows.map { (try $0.int("ticket_id"), try $0.double("score")) }
            }
            span = span > Int64.max / 8 ? Int64.max : span * 8
        }
    }
}
