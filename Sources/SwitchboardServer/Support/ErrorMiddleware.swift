import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import SwitchboardCore
import SwitchboardStorage

/// Turns every error into an answer: the API's JSON error shape for the API, the live streams
/// and the operations routes; an error page in the page's language for everything else (pages,
/// and paths that match nothing). Unknown errors become a plain 500 and are logged; their text
/// is never sent to the client.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let json = Self.response(for: error, logger: context.logger)
            guard !Self.answersInJSON(request.uri.path) else { return json }
            let home: String? = switch context.principal {
            case .agent?: "/agent"
            case .customer?: "/portal"
            default: nil
            }
            var page = pages.errorPage(json.status, request: request, home: home)
            // What the error says beyond its status (`Allow`, `Retry-After`) holds for the page too.
            for field in json.headers where field.name != .contentType && field.name != .contentLength { page.headers.append(field) }
            return page
        }
    }

    /// The API, the live streams and the operations routes answer in JSON; pages in HTML.
    static func answersInJSON(_ path: String) -> Bool {
        path.hasPrefix("/api/") || path == "/api" || path.hasPrefix("/live/") || ["/health", "/ready", "/metrics"].contains(path)
    }

    static func response(for error: any Error, logger: Logger) -> Response {
        switch error {
        case let error as APIError:
            return error.response()
        case let error as DomainError:
            return APIError(error).response()
        case let error as DecodingError:
            return JSONBody.describe(error).response()
        case is HTTPParserError:
            // A body that breaks HTTP's framing (a chunk size that is not hex) is the client's error.
            return APIError.badRequest("the request is not valid HTTP").response()
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, code: "body_too_large", message: "the body is too large").response()
        case let error as StoreError where error.code == .unavailable || error.code == .closed:
            logger.error("database unavailable", metadata: ["error": "\(error)"])
            return APIError(.serviceUnavailable, code: "unavailable", message: "the desk's database is not reachable; try again shortly").response()
        case let error as StoreError:
            // Store errors name tables, columns and versions, never stored values: safe to log whole.
            logger.error("storage error", metadata: ["code": "\(error.code.rawValue)", "error": "\(error)"])
            return APIError(.internalServerError, code: "internal", message: "something went wrong on the desk; it has been logged").response()
        case let error as HTTPError:
            let code = switch error.status {
            case .notFound: "not_found"
            case .methodNotAllowed: "method_not_allowed"
            case .contentTooLarge: "body_too_large"
            case .badRequest: "bad_request"
            default: "http_\(error.status.code)"
            }
            let message = error.status == .notFound ? "no such resource" : (error.body ?? error.status.reasonPhrase)
            return APIError(error.status, code: code, message: message, headers: error.headers).response()
        default:
            logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return APIError(.internalServerError, code: "internal", message: "something went wrong on the desk; it has been logged").response()
        }
    }
}
