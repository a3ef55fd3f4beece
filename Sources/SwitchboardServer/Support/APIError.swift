import Foundation
import HTTPTypes
import Hummingbird
import SwitchboardCore

/// An error the API reports as `{"error": {"code", "message", "field"}}`.
public struct APIError: Error, Sendable, Hashable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var field: String?
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public static let unauthenticated = APIError(.unauthorized, code: "unauthenticated", message: "sign in, or send a valid API token")
    public static let csrf = APIError(.forbidden, code: "csrf_failed", message: "missing or wrong X-CSRF-Token header for a cookie-authenticated change")

    public static func badRequest(_ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, code: field == nil ? "bad_request" : "invalid_field", message: message, field: field)
    }

    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "\(what) not found")
    }

    /// The API form of a domain rule that was not met.
    init(_ error: DomainError) {
        let status: HTTPResponse.Status = switch error.code {
        case .invalidField: .badRequest
        case .notFound: .notFound
        case .invalidTransition, .conflict: .conflict
        case .forbidden: .forbidden
        case .unprocessable: .unprocessableContent
        }
        self.init(status, code: error.code.rawValue, message: error.message, field: error.field)
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
            let field: String?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(code, forKey: .code)
                try container.encode(message, forKey: .message)
                try container.encode(field, forKey: .field)
            }

            enum CodingKeys: String, CodingKey { case code, message, field }
        }

        let error: Detail
    }

    func response() -> Response {
        var response = (try? JSONBody.response(Body(error: .init(code: code, message: message, field: field)), status: status))
            ?? Response(status: status)
        for field in headers { response.headers.append(field) }
        return response
    }
}
