extension Migrations {
    /// Live chat: the id a chat client gives each message it sends, so a message resent after a
    /// lost acknowledgement is recognised and stored once. Unique per author; most messages have none.
    static let chatConversations = Migration(version: 6, name: "chat message ids") { _ in
        """
        ALTER TABLE messages ADD COLUMN client_id TEXT;
        CREATE UNIQUE INDEX messages_client_id ON messages (author_kind, author_id, client_id) WHERE client_id IS NOT NULL;
        """
    }
}
