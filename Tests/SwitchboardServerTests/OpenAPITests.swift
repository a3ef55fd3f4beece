import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardTestSupport
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("every route is documented, and every documented route exists")
    func routesMatch() async throws {
        try await TestDesk.with { desk in
            let router = try SwitchboardApplication.buildRouter(desk: desk.desk)
            // HTML pages and the live streams are not part of the API description.
            let served = Set(router.routes.map { "\($0.method.rawValue.lowercased()) \($0.path.description)" })
                .subtracting(SwitchboardApplication.pageRoutes(router))
            let documented = Set(OpenAPIDocument.operations.map { "\($0.method) \($0.path)" })
            #expect(served.subtracting(documented).isEmpty, "undocumented: \(served.subtracting(documented).sorted())")
            #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        }
    }

    @Test("the document is OpenAPI 3.1 and every schema reference resolves")
    func wellFormed() throws {
        let text = OpenAPIDocument.render(version: "test")
        let document = try JSONValue.parse(text)
        #expect(document["openapi"]?.stringValue == "3.1.0")
        let schemas = Set(document["components"]?["schemas"]?.objectValue?.keys.map { $0 } ?? [])
        let references = text.components(separatedBy: "#/components/schemas/").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!references.isEmpty)
        for reference in references {
            #expect(schemas.contains(String(reference)), "missing schema \(reference)")
        }
    }

    /// The request schemas the document names, with `$ref`s resolved.
    static func requestSchemas(_ document: JSONValue) -> [String: JSONValue] {
        let schemas = document["components"]?["schemas"]?.objectValue ?? [:]
        var names: Set<String> = []
        for item in document["paths"]?.objectValue?.values ?? [:].values {
            for operation in item.objectValue?.values ?? [:].values {
                if let reference = operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.stringValue {
                    names.insert(String(reference.split(separator: "/").last!))
                }
            }
        }
        return schemas.filter { names.contains($0.key) }
    }

    @Test("every text a request carries states its limit: a length, a list of values or a pattern")
    func everyTextHasALimit() throws {
        let document = try JSONValue.parse(OpenAPIDocument.render(version: "test"))
        let schemas = document["components"]?["schemas"]?.objectValue ?? [:]
        var unbounded: [String] = []
        func walk(_ schema: JSONValue, _ path: String, depth: Int = 0) {
            guard depth < 8 else { return }
            if let reference = schema["$ref"]?.stringValue, let target = schemas[String(reference.split(separator: "/").last!)] {
                return walk(target, path, depth: depth + 1)
            }
            for option in schema["anyOf"]?.arrayValue ?? [] { walk(option, path, depth: depth + 1) }
            if schema["type"]?.stringValue == "string", schema["maxLength"] == nil, schema["enum"] == nil, schema["pattern"] == nil {
                unbounded.append(path)
            }
            if let items = schema["items"] { walk(items, path + "[]", depth: depth + 1) }
            for (name, property) in schema["properties"]?.objectValue ?? [:] { walk(property, path + "." + name, depth: depth + 1) }
        }
        for (name, schema) in Self.requestSchemas(document) { walk(schema, name) }
        #expect(unbounded.isEmpty, "\(unbounded.sorted())")
    }

    /// One request the server accepts, to stretch one field of at a time.
    struct Probe: Sendable {
        let role: Role
        let method: HTTPRequest.Method
        let path: String
        let schema: String
        let base: [String: JSONValue]
    }

    @Test("the limits the document states are the ones the server enforces, field by field")
    func limitsAreEnforced() async throws {
        try await TestDesk.with { desk in
            try await desk.client { client in
                let document = try JSONValue.parse(OpenAPIDocument.render(version: "test"))
                let schemas = Self.requestSchemas(document)
                let number = desk.aliceTicket.number, fixture = desk.fixture
                let probes = [
                    Probe(role: .agent, method: .post, path: "/api/v1/tickets", schema: "CreateTicket", base: ["subject": "s", "customerId": .id(fixture.alice.id), "message": "m"]),
                    Probe(role: .agent, method: .post, path: "/api/v1/tickets/\(number)/messages", schema: "AddMessage", base: ["body": "b"]),
                    Probe(role: .supervisor, method: .post, path: "/api/v1/tickets/\(number)/transfer", schema: "Transfer", base: ["teamId": .id(fixture.payments.id), "reason": "r"]),
                    Probe(role: .agent, method: .patch, path: "/api/v1/tickets/\(number)", schema: "UpdateTicket", base: [:]),
                    Probe(role: .agent, method: .post, path: "/api/v1/tickets/\(number)/commitments", schema: "CreateCommitment", base: ["text": "t", "dueAt": .string(ISO8601DateFormatter().string(from: desk.clock.now().addingTimeInterval(86_400)))]),
                    Probe(role: .admin, method: .post, path: "/api/v1/customers", schema: "CreateCustomer", base: ["name": "n"]),
                    Probe(role: .admin, method: .post, path: "/api/v1/organizations", schema: "CreateOrganization", base: ["name": "n", "kind": "merchant"]),
                    Probe(role: .admin, method: .post, path: "/api/v1/teams", schema: "TeamChange", base: ["name": "n"]),
                    Probe(role: .admin, method: .post, path: "/api/v1/agents", schema: "CreateAgent", base: ["name": "n", "email": "new@desk.test", "role": "agent"]),
                    Probe(role: .admin, method: .patch, path: "/api/v1/agents/\(fixture.agent.id)", schema: "UpdateAgent", base: [:]),
                    Probe(role: .admin, method: .post, path: "/api/v1/api-tokens", schema: "CreateToken", base: ["name": "n", "scopes": ["tickets:read"]]),
                    Probe(role: .admin, method: .post, path: "/api/v1/fields", schema: "CustomField", base: ["key": "k", "label": "l", "type": "text"]),
                    Probe(role: .anonymous, method: .post, path: "/api/v1/auth/sign-in", schema: "SignIn", base: ["email": "a@desk.test", "password": "p"]),
                    Probe(role: .anonymous, method: .post, path: "/api/v1/customer-auth/identity", schema: "IdentitySignIn", base: ["externalId": "x", "issuedAt": 1, "signature": .string(String(repeating: "0", count: 64))]),
                    Probe(role: .anonymous, method: .post, path: "/api/v1/customer-auth/magic-link", schema: "MagicLink", base: ["email": "a@example.com"]),
                    Probe(role: .anonymous, method: .post, path: "/api/v1/customer-auth/magic-link/redeem", schema: "RedeemMagicLink", base: ["token": "t"]),
                ]
                var checked = 0
                for probe in probes {
                    let properties = try #require(schemas[probe.schema]?["properties"]?.objectValue, "\(probe.schema)")
                    for (field, property) in properties.sorted(by: { $0.key < $1.key }) {
                        let schema = property["anyOf"]?.arrayValue?.first ?? property
                        var cases: [(JSONValue, allowed: Bool)] = []
                        if let most = schema["maxLength"]?.numberValue.map(Int.init) {
                            let isEmail = schema["format"]?.stringValue == "email"
                            func text(_ count: Int) -> JSONValue {
                                .string(isEmail ? String(repeating: "a", count: count - 12) + "@example.com" : String(repeating: "a", count: count))
                            }
                            cases.append((text(most + 1), false))
                            // A pattern may refuse a long value for its shape; the length alone must not.
                            if schema["pattern"] == nil { cases.append((text(most), true)) }
                        }
                        if schema["type"]?.stringValue == "integer", let most = schema["maximum"]?.numberValue, most < 1e9 {
                            cases.append((.number(most + 1), false))
                            cases.append((.number(most), true))
                        }
                        for (value, allowed) in cases {
                            var body = probe.base
                            body[field] = value
                            let response = try await client.call(desk, probe.role, probe.method, probe.path, json: JSONValue.object(body).canonical)
                            if allowed {
                                #expect(response.status != .internalServerError && response.errorField != field, "\(probe.schema).\(field) at its limit was refused: \(String(buffer: response.body).prefix(160))")
                            } else {
                                #expect(response.status == .badRequest && response.errorField == field, "\(probe.schema).\(field) past its limit: \(response.status) \(String(buffer: response.body).prefix(160))")
                            }
                            checked += 1
                        }
                    }
                }
                #expect(checked > 40)
            }
        }
    }
}
