import Foundation

/// Settings the desk keeps as one document supervisors edit whole (routing rules, SLA policies):
/// stored as JSON under `documentName`.
public protocol DeskDocumentBody: Codable, Sendable {
    static var documentName: String { get }
    /// What the desk holds before anyone saved one.
    static var empty: Self { get }
}

extension DeskDocumentBody {
    /// The settings as the desk stores them.
    public func document() throws -> JSONValue {
        try JSONValue.parse(String(decoding: try JSONEncoder().encode(self), as: UTF8.self))
    }

    /// Settings read back from their stored document.
    public init(document: JSONValue) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(document.canonical.utf8))
    }
}
