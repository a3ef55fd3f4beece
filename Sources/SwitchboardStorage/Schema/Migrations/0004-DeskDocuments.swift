extension Migrations {
    /// The desk's own rules as documents supervisors edit whole (routing rules now; SLA policies and
    /// calendars next): one JSON body per name, with a version so two editors cannot overwrite each
    /// other unseen.
    static let deskDocuments = Migration(version: 4, name: "desk documents") { _ in
        """
        CREATE TABLE desk_documents (
            name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 40),
            body TEXT NOT NULL,
            version BIGINT NOT NULL CHECK (version >= 1),
            updated_at BIGINT NOT NULL,
            updated_by BIGINT REFERENCES agents (id)
        );
        """
    }
}
