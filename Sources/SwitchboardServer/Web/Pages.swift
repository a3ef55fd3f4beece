import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardWeb

/// What every page handler shares: the renderer, the page language (chosen, remembered or
/// negotiated), the HTML response with its security policy, redirects, and the form cookie that
/// guards forms sent before there is a session.
struct Pages: Sendable {
    let renderer: PageRenderer
    let secureCookies: Bool

    static let languageCookie = "sb_lang"
    /// A per-browser token for forms sent before any session exists (sign-in, asking for a link).
    static let formCookie = "sb_form"

    /// The page language: `?lang=` (remembered in a cookie), then the cookie, then `Accept-Language`.
    func language(_ request: Request) -> (value: UILanguage, cookie: Cookie?) {
        if let asked = request.uri.queryParameters["lang"].flatMap({ UILanguage(tag: String($0)) }) {
            let cookie = Cookie(
                name: Self.languageCookie, value: asked.rawValue, maxAge: 365 * 86_400, path: "/",
                secure: secureCookies, httpOnly: false, sameSite: .lax
            )
            return (asked, cookie)
        }
        if let saved = request.cookies[Self.languageCookie].flatMap({ UILanguage(tag: $0.value) }) { return (saved, nil) }
        return (UILanguage.negotiate(acceptLanguage: request.headers[.acceptLanguage]), nil)
    }

    /// A rendered page, with the language cookie when the language was just chosen.
    func page(_ model: some WebPage, language: (value: UILanguage, cookie: Cookie?), status: HTTPResponse.Status = .ok) -> Response {
        var response = html(renderer.render(model), status: status)
        if let cookie = language.cookie { response.setCookie(cookie) }
        return response
    }

    func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The error page for `status`, in the page language.
    func errorPage(_ status: HTTPResponse.Status, request: Request, home: String?) -> Response {
        let language = language(request)
        let kind: ErrorPage.Kind = switch status.code {
        case 404: .notFound
        case 405: .methodNotAllowed
        case 403: .forbidden
        case 401: .unauthorized
        case 400, 409, 413, 415, 422: .badRequest
        case 429: .tooManyRequests
        case 503: .unavailable
        default: .internal
        }
        let model = ErrorPage(language: language.value, kind: kind, status: Int(status.code), home: home)
        return page(model, language: language, status: status)
    }

    /// The browser's form token (made when it has none) and the cookie that carries it.
    func formToken(_ request: Request) -> (token: String, cookie: Cookie) {
        let token = request.cookies[Self.formCookie]?.value.nonEmpty ?? Secrets.token()
        return (token, Cookie(name: Self.formCookie, value: token, maxAge: 3_600, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict))
    }

    /// Scripts and styles only from the desk itself: an injected `<script>` or `onerror=` cannot run.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    static func redirect(_ location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// Back to `path` with what was wrong, as a key the page turns into words of its language
    /// (never the error's own English text, never anything the person typed).
    static func redirect(_ path: String, problem error: DomainError) -> Response {
        let separator = path.contains("?") ? "&" : "?"
        return redirect(path + separator + "problem=" + PageProblem.key(code: error.code.rawValue, field: error.field))
    }

    /// The problem a page was sent back with, as its key.
    static func problem(_ request: Request) -> String? {
        request.uri.queryParameters["problem"].map(String.init).flatMap(PageProblem.validKey)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
