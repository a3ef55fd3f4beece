import Foundation
import SwitchboardCore

extension SQLStore {
    public func saveAttachmentContent(_ content: [UInt8], sha256: String, contentType: String, at now: Date) async throws {
        try await write { connection in
            // The same content twice is one row: the first one stays.
            _ = try await connection.query(
                """
                INSERT INTO attachment_contents (sha256, content_type, size, content, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (sha256) DO NOTHING
                """,
                [.text(sha256), .text(contentType), .integer(Int64(content.count)), .blob(content), .date(now.roundedToMilliseconds)]
            )
        }
    }

    public func attachmentContent(sha256: String) async throws -> (contentType: String, content: [UInt8])? {
        try await read { connection in
            guard let row = try await connection.first("SELECT content_type, content FROM attachment_contents WHERE sha256 = ?", [.text(sha256)]) else {
                return nil
            }
            return (try row.string("content_type"), try row.bytes("content"))
        }
    }
}
