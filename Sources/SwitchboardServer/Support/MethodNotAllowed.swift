import HTTPTypes
import Hummingbird

/// The methods each route path takes, to tell "no such path" (404) from "not with this method"
/// (405 with `Allow`), which Hummingbird's router answers alike.
struct RouteMethods: Sendable {
    private let paths: [(path: RouterPath, methods: [HTTPRequest.Method])]

    init(_ routes: [(path: RouterPath, method: HTTPRequest.Method)]) {
        var byPath: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in routes { byPath[route.path.description, default: (route.path, [])].methods.append(route.method) }
        paths = Array(byPath.values)
    }

    /// The methods of the route `path` resolves to, as the router resolves it: a literal segment
    /// wins over a parameter, so `/tickets/search` is not `/tickets/{number}`. Empty for a path
    /// the desk does not have.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        let best = paths.compactMap { route in Self.literals(route.path, matching: segments).map { ($0, route.methods) } }
            .max { $0.0.lexicographicallyPrecedes($1.0) }
        return best?.1.sorted { $0.rawValue < $1.rawValue } ?? []
    }

    /// For each segment whether the route names it literally, or nil when the route does not match.
    private static func literals(_ route: RouterPath, matching segments: [Substring]) -> [Int]? {
        guard route.components.count == segments.count else { return nil }
        var literals: [Int] = []
        for (element, segment) in zip(route.components, segments) {
            guard element ~= segment else { return nil }
            literals.append(element == segment ? 1 : 0)
        }
        return literals
    }
}

/// Turns the router's "no such route" into 405 with the `Allow` header when the path exists with
/// other methods; the error middleware answers it in JSON or as a page. Added after every route,
/// so it wraps only the router's own not-found answer (a middleware applies to routes added after it).
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(for: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method) else { throw error }
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            throw APIError(.methodNotAllowed, code: "method_not_allowed", message: "this path takes \(names)", headers: [.allow: names])
        }
    }
}
