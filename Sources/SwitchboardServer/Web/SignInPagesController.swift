import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardWeb

/// The desk's front door for staff: the root, the sign-in page and signing out.
struct SignInPagesController: Sendable {
    let pages: Pages
    let signIn: SignIn

    func register(on router: RouterGroup<DeskRequestContext>) {
        router.get("/", use: home)
        router.get("sign-in", use: signInPage)
        router.post("sign-in", use: signInForm)
        router.post("sign-out", use: signOut)
    }

    @Sendable func home(_ request: Request, context: DeskRequestContext) async throws -> Response {
        switch context.principal {
        case .agent?: Pages.redirect("/agent")
        case .customer?: Pages.redirect("/portal")
        default: Pages.redirect("/sign-in")
        }
    }

    @Sendable func signInPage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        if case .agent? = context.principal { return Pages.redirect("/agent") }
        let (token, cookie) = pages.formToken(request)
        var response = pages.page(SignInPage(language: pages.language(request).value, csrfToken: token), language: pages.language(request))
        response.setCookie(cookie)
        return response
    }

    @Sendable func signInForm(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let form = context.form ?? FormBody(pairs: [])
        let language = pages.language(request)
        let email = (form["email"] ?? "").trimmingWhitespace().lowercased()
        let (token, cookie) = pages.formToken(request)
        func again(_ problem: SignInPage.SignInProblem, status: HTTPResponse.Status) -> Response {
            var response = pages.page(SignInPage(language: language.value, csrfToken: token, error: problem, email: email), language: language, status: status)
            response.setCookie(cookie)
            return response
        }
        let device = request.cookies[SignInDevices.cookieName]?.value
        switch try await signIn.authenticateAgent(email: email, password: form["password"] ?? "", address: context.clientAddress, device: device) {
        case .paused: return again(.paused, status: .tooManyRequests)
        case .failed: return again(.wrongCredentials, status: .unauthorized)
        case .signedIn(_, let cookie, _, let deviceCookie):
            var response = Pages.redirect("/agent")
            response.setCookie(cookie)
            response.setCookie(deviceCookie)
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let customer = if case .customer = context.principal { true } else { false }
        var response = Pages.redirect(customer ? "/portal/sign-in" : "/sign-in")
        response.setCookie(try await signIn.endSession(context.session))
        return response
    }
}
