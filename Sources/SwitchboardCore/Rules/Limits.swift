/// The sizes the desk accepts, in one place: the checks use them, and the API's description
/// states them (`OpenAPIDocument`), so a client reads the same limits the server enforces.
public enum Limits {
    /// A person's, team's or organization's name, a shop's customer id; characters.
    public static let name = 200
    public static let subject = 300
    /// A message body, in Unicode scalars.
    public static let body = 100_000
    /// Why a ticket was transferred.
    public static let reason = 1_000
    /// What an agent promises a customer.
    public static let commitment = 500
    /// Characters in a survey comment.
    public static let surveyComment = 2_000
    public static let category = 80
    /// One part of the structured problem (what happened, when, what the customer expects).
    public static let problemPart = 2_000
    public static let tag = 50
    public static let tagsPerTicket = 50
    public static let skill = 50
    public static let skillsPerAgent = 50
    public static let languagesPerAgent = 20
    public static let capacity = 0...500
    public static let password = 10...200
    /// An email address (RFC 5321's path limit).
    public static let email = 254
    public static let attachmentName = 255
    public static let attachmentsPerMessage = 20
    public static let identitiesPerCustomer = 20
    /// A search query, on one line.
    public static let query = 500
}
