import Foundation
import Hummingbird
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
}
