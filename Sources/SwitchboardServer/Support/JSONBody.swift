import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore

/// Strict JSON in, consistent JSON out.
enum JSONBody {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)))
        }
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try encoder().encode(value)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func response(_ value: some JSONWritable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var writer = JSONWriter()
        value.write(to: &writer)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: writer.bytes)))
    }

    /// Reads and decodes a request body: at most `limit` bytes, `application/json`, valid UTF-8,
    /// valid JSON, with decoding errors that name the field.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        if let contentType = request.headers[.contentType] {
            let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard media == "application/json" else {
                throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "send the body as application/json")
            }
        }
        let bytes = try await collect(request, limit: limit)
        guard !bytes.isEmpty else { throw APIError.badRequest("the request needs a JSON body") }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError.badRequest("the body is not valid UTF-8")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    /// Refuses a JSON object with a key `Keys` does not know, naming it: where a missing value
    /// means something (null unassigns), a misspelt key must not pass for a missing one.
    static func refuseUnknownKeys<Keys: CodingKey & CaseIterable>(_ decoder: any Decoder, _ keys: Keys.Type) throws {
        let known = Set(Keys.allCases.map(\.stringValue))
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = container.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            let field = unknown.count <= 64 && !Validate.containsControlCharacters(unknown, allowingLineBreaks: false) ? unknown : nil
            throw APIError.badRequest("\(field ?? "a key") is not a field of this request; the fields are \(known.sorted().joined(separator: ", "))", field: field)
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// A request's body bytes, refusing more than `limit` (by the declared length, or while reading).
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch is NIOTooManyBytesError { throw tooLarge(limit) }
        return Array(buffer.readableBytesView)
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", message: "the body is larger than \(limit) bytes")
    }

    /// A decoding error as a 400 that names the field, never echoing the value.
    static func describe(_ error: DecodingError) -> APIError {
        func path(_ codingPath: [any CodingKey]) -> String? {
            let parts = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            guard !parts.isEmpty else { return nil }
            return parts.reduce("") { result, part in
                part.hasPrefix("[") ? result + part : (result.isEmpty ? part : result + "." + part)
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath + [key]) ?? key.stringValue
            return APIError.badRequest("\(field) is required", field: field)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return APIError.badRequest("\(field ?? "the body") must be \(describe(type))", field: field)
        case .dataCorrupted(let context):
            if let field = path(context.codingPath) {
                return APIError.badRequest("\(field) has a value that is not allowed", field: field)
            }
            return APIError(.badRequest, code: "malformed_json", message: "the body is not valid JSON")
        @unknown default:
            return APIError(.badRequest, code: "malformed_json", message: "the body is not valid JSON")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "of another type"
        }
    }
}
