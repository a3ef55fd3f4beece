extension Migrations {
    /// What a customer wants to be emailed about: everything that happens to their requests
    /// (`all`, the default), or only agents' replies (`replies`).
    static let customerNotices = Migration(version: 8, name: "customer notices") { _ in
        "ALTER TABLE customers ADD COLUMN notices TEXT NOT NULL DEFAULT 'all' CHECK (notices IN ('all', 'replies'));"
    }
}
