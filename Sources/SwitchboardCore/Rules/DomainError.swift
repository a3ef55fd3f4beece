/// A rule of the domain was not met. Messages name fields and states, never personal data.
public struct DomainError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A field is missing, malformed or out of range.
        case invalidField = "invalid_field"
        /// A referenced record does not exist (or is not visible to the caller).
        case notFound = "not_found"
        /// A state change that the state machine does not allow.
        case invalidTransition = "invalid_transition"
        /// The change collides with existing data (duplicate email, identity already taken…).
        case conflict = "conflict"
        /// The caller is known but may not do this.
        case forbidden = "forbidden"
        /// The request is well-formed but cannot be processed in the current state.
        case unprocessable = "unprocessable"
    }

    public var code: Code
    public var message: String
    public var field: String?

    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public static func invalidField(_ field: String, _ message: String) -> DomainError {
        DomainError(.invalidField, message, field: field)
    }

    public static func notFound(_ what: String) -> DomainError {
        DomainError(.notFound, "\(what) not found")
    }

    public static func forbidden(_ message: String) -> DomainError {
        DomainError(.forbidden, message)
    }

    public static func conflict(_ message: String, field: String? = nil) -> DomainError {
        DomainError(.conflict, message, field: field)
    }
}
