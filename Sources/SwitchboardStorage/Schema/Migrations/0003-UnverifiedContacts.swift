extension Migrations {
    /// An address given for a customer that nobody has proven theirs (a merchant's agent typing one
    /// that belongs to a customer outside the merchant's view): kept to write to, never an identity.
    static let unverifiedContacts = Migration(version: 3, name: "unverified contact addresses") { _ in
        "ALTER TABLE customers ADD COLUMN unverified_email TEXT CHECK (length(unverified_email) <= 320);"
    }
}
