import Logging
import Foundation
import Hummingbird
import NIOCore
import SwitchboardStorage

/// Liveness, readiness, metrics and the API description.
struct OperationsController: Sendable {
    let store: any Store
    let metrics: DeskMetrics
    let openAPI: ByteBuffer

    func register(on router: Router<DeskRequestContext>) {
        router.get("health", use: health)
        router.get("ready", use: ready)
        router.get("metrics", use: exposition)
        router.get("api/openapi.json", use: openAPIDocument)
    }

    /// The process is up.
    @Sendable func health(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try JSONBody.response(["status": "alive"])
    }

    /// The database answers and its schema is this binary's.
    @Sendable func ready(_ request: Request, context: DeskRequestContext) async throws -> Response {
        do {
            let status = try await store.schemaStatus()
            guard status.isCurrent else {
                return try JSONBody.response(
                    ReadyResponse(status: "not ready", database: "reachable", schemaVersion: status.databaseVersion, expectedSchemaVersion: status.binaryVersion),
                    status: .serviceUnavailable
                )
            }
            return try JSONBody.response(ReadyResponse(status: "ready", database: "reachable", schemaVersion: status.databaseVersion, expectedSchemaVersion: status.binaryVersion))
        } catch {
            context.logger.warning("readiness check failed", metadata: ["error": "\(error)"])
            return try JSONBody.response(ReadyResponse(status: "not ready", database: "unreachable", schemaVersion: nil, expectedSchemaVersion: nil), status: .serviceUnavailable)
        }
    }

    struct ReadyResponse: Encodable {
        let status: String
        let database: String
        let schemaVersion: Int?
        let expectedSchemaVersion: Int?
    }

    @Sendable func exposition(_ request: Request, context: DeskRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition()))
        )
    }

    @Sendable func openAPIDocument(_ request: Request, context: DeskRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: openAPI))
    }
}
