import Foundation
import SwitchboardCore

/// The desk's documents: replaced whole, guarded by their version.
extension SQLStore {
    public func document(named name: String) async throws -> DeskDocument? {
        try await read { connection in
            guard let row = try await connection.first("SELECT * FROM desk_documents WHERE name = ?", [.text(name)]) else { return nil }
            return try Self.document(row)
        }
    }

    public func saveDocument(named name: String, body: JSONValue, expectedVersion: Int64, by agent: Agent.ID?, at now: Date) async throws -> DeskDocument {
        let now = now.roundedToMilliseconds
        let document = DeskDocument(name: name, body: body, version: expectedVersion + 1, updatedAt: now, updatedBy: agent)
        return try await write { connection in
            let changed: Int
            if expectedVersion == 0 {
                changed = try await connection.query(
                    """
                    INSERT INTO desk_documents (name, body, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)
                    ON CONFLICT (name) DO NOTHING RETURNING version
                    """,
                    [.text(name), .json(body), .date(now), .optional(agent)]
                ).count
            } else {
                changed = try await connection.query(
                    "UPDATE desk_documents SET body = ?, version = ?, updated_at = ?, updated_by = ? WHERE name = ? AND version = ? RETURNING version",
                    [.json(body), .integer(expectedVersion + 1), .date(now), .optional(agent), .text(name), .integer(expectedVersion)]
                ).count
            }
            guard changed == 1 else {
                throw DomainError.conflict("someone changed these since you loaded them; load them again and redo your change", field: "version")
            }
            return document
        }
    }

    static func document(_ row: SQLRow) throws -> DeskDocument {
        guard let body = try? JSONValue.parse(try row.string("body")) else { throw StoreError.corruptRow(column: "body") }
        return DeskDocument(
            name: try row.string("name"), body: body, version: try row.int("version"), updatedAt: try row.date("updated_at"),
            updatedBy: try row.optionalID("updated_by")
        )
    }
}
