import Foundation
import Hummingbird
import NIOCore

/// An `application/x-www-form-urlencoded` body, as HTML forms send it.
struct FormBody: Sendable {
    /// Every name/value pair in order (checkbox groups repeat a name).
    let pairs: [(String, String)]

    subscript(name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    /// All values sent under `name`.
    func values(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// Reads at most `limit` bytes; refuses other content types, oversized bodies and invalid UTF-8.
    static func read(_ request: Request, limit: Int = 16 * 1024) async throws -> FormBody {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "send the form as application/x-www-form-urlencoded")
        }
        guard let text = String(validating: try await JSONBody.collect(request, limit: limit), as: UTF8.self) else {
            throw APIError.badRequest("the form is not valid UTF-8", field: nil)
        }
        return try parse(text)
    }

    static func parse(_ text: String) throws -> FormBody {
        var pairs: [(String, String)] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true).prefix(1_000) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                throw APIError.badRequest("the form is malformed", field: nil)
            }
            pairs.append((name, value))
        }
        return FormBody(pairs: pairs)
    }

    private static func decode(_ part: Substring) -> String? {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
