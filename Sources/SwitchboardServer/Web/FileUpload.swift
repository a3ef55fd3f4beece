import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore

/// A file sent as a request's body — the chat's photos and the portal's request files: its bytes
/// (at most `AttachmentType.chatLimit`), its name from `X-File-Name` (percent-encoded), and the
/// refusals in the sender's words.
enum FileUpload {
    static let nameHeader = HTTPField.Name("X-File-Name")!

    static func read(_ request: Request, words: [String: String]) async throws -> (content: [UInt8], name: String) {
        let buffer = try await request.body.collect(upTo: AttachmentType.chatLimit + 1)
        guard buffer.readableBytes <= AttachmentType.chatLimit else {
            throw APIError(.contentTooLarge, code: "too_large", message: words["chatError.file_too_large"] ?? "a file is at most 10 MiB", field: "file")
        }
        return (Array(buffer: buffer), request.headers[nameHeader].flatMap { $0.removingPercentEncoding } ?? "")
    }

    /// The answer to a file `AttachmentFiles.receive` refused: 415 for a kind the desk does not
    /// take, 429 past the sender's budget, 400 otherwise. Nil for what is not the file's fault.
    static func refusal(_ error: DomainError, words: [String: String]) -> APIError? {
        switch (error.code, error.field) {
        case (.forbidden, _):
            return nil
        case (_, "attachments.contentType"?):
            return APIError(.unsupportedMediaType, code: "unsupported", message: words["chatError.file_kind"] ?? error.message, field: "file")
        case (.unprocessable, "attachments.budget"?):
            return APIError(.tooManyRequests, code: "rate_limited", message: words["chatError.file_budget"] ?? error.message, field: "file")
        default:
            return APIError(.badRequest, code: error.code.rawValue, message: error.message, field: error.field)
        }
    }
}
