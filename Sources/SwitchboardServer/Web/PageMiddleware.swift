import Foundation
import HTTPTypes
import Hummingbird
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// Page routes that need a signed-in agent (or, with `role`, an admin): strangers are sent to the
/// sign-in page, agents without the role get the forbidden page in their language.
struct RequireStaffPage: RouterMiddleware {
    typealias Context = DeskRequestContext
    var role: Agent.Role = .agent

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard case .agent(let staff)? = context.principal, context.session != nil else {
            return Pages.redirect("/sign-in")
        }
        guard staff.role >= role else { throw HTTPError(.forbidden) }
        return try await next(request, context)
    }
}

/// Portal routes that need a signed-in customer: anyone else is sent to the customers' sign-in page.
struct RequireCustomerPage: RouterMiddleware {
    typealias Context = DeskRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard case .customer? = context.principal, context.session != nil else {
            return Pages.redirect("/portal/sign-in")
        }
        return try await next(request, context)
    }
}

/// Reads a page form once and checks that it came from the desk's own page: a form sent with a
/// session carries the session's CSRF token in its `csrf` field; a form sent before there is a
/// session carries the browser's form-cookie token. The form is then in `context.form`.
struct PageFormMiddleware: RouterMiddleware {
    typealias Context = DeskRequestContext
    let maxBodySize: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var context = context
        // Forms before a session (sign-in, asking for a link) are small; a signed-in person may write a long reply.
        let form = try await FormBody.read(request, limit: context.session == nil ? 16 * 1024 : max(maxBodySize, 64 * 1024))
        let expected = context.session?.csrfToken ?? request.cookies[Pages.formCookie]?.value
        guard let expected, !expected.isEmpty, let sent = form["csrf"], Secrets.constantTimeEqual(sent, expected) else {
            throw APIError(.forbidden, code: "csrf_failed", message: "the form expired; reload the page and try again")
        }
        context.form = form
        return try await next(request, context)
    }
}
