import HTTPTypes
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SwitchboardStorage

/// Builds the HTTP application. The executable and the tests call the same functions.
public enum SwitchboardApplication {
    public static let version = "0.1.0"

    /// Every route of the desk, behind metrics, error rendering and authentication.
    public static func buildRouter(desk: Desk) -> Router<DeskRequestContext> {
        let router = Router(context: DeskRequestContext.self)
        // Outermost first: metrics see the final status, errors become JSON, then we learn who is asking.
        router.add(middleware: MetricsMiddleware(metrics: desk.metrics))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: AuthenticationMiddleware(desk: desk))
        OperationsController(desk: desk, openAPI: ByteBuffer(string: OpenAPIDocument.render(version: version))).register(on: router)
        AuthController(desk: desk).register(on: router)
        TicketsController(desk: desk).register(on: router)
        CustomersController(desk: desk).register(on: router)
        DirectoryController(desk: desk).register(on: router)
        TokensController(desk: desk).register(on: router)
        do {
            try WebController(desk: desk).register(on: router)
        } catch {
            // The templates are compiled into the binary and parsed by the tests; this cannot fail in a release.
            preconditionFailure("the page templates do not parse: \(error)")
        }
        return router
    }

    /// The application: the store's service first (so its pool runs), migrations before the server
    /// accepts connections, then `prepare` (e.g. loading the demo desk).
    public static func buildApplication(
        desk: Desk, storeService: (any Service)?, logger: Logger,
        prepare: @escaping @Sendable () async throws -> Void = {},
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        var application = Application(
            router: buildRouter(desk: desk),
            configuration: ApplicationConfiguration(
                address: .hostname(desk.configuration.host, port: desk.configuration.port), serverName: "Switchboard"
            ),
            services: storeService.map { [$0] } ?? [],
            onServerRunning: onServerRunning,
            logger: logger
        )
        application.beforeServerStarts {
            let report = try await desk.store.migrate()
            if !report.applied.isEmpty {
                logger.notice("database migrated", metadata: ["versions": "\(report.applied)"])
            }
            try await prepare()
        }
        return application
    }
}

/// Headers every response carries.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
