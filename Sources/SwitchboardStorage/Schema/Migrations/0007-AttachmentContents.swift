extension Migrations {
    /// Attachments' content, kept once per content hash (a photo sent twice is stored once); the
    /// messages name their attachments (name, type, size, hash) as before.
    static let attachmentContents = Migration(version: 7, name: "attachment contents") { dialect in
        let bytes = dialect == .sqlite ? "BLOB" : "BYTEA"
        return """
        CREATE TABLE attachment_contents (
            sha256 TEXT PRIMARY KEY,
            content_type TEXT NOT NULL,
            size BIGINT NOT NULL,
            content \(bytes) NOT NULL,
            created_at BIGINT NOT NULL
        );
        """
    }
}
