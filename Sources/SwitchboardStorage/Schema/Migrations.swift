/// Every migration, oldest first, one file each in `Migrations/`. Append only: a released
/// migration never changes (a test pins each one's SQL), a change to the schema is a new step.
enum Migrations {
    static let all: [Migration] = [deskFoundation, spine, unverifiedContacts, deskDocuments, routingAndClocks, chatConversations, attachmentContents, customerNotices]

    static var latestVersion: Int { all.last?.version ?? 0 }
}
