import HTTPTypes
import Hummingbird

/// Behind trusted reverse proxies, names the client by its forwarded address (`TrustedProxies`).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: DeskRequestContext, next: (Request, DeskRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = proxies.clientAddress(peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor])
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
