import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// What a customer keeps of a case and says about it: the survey (from the portal or an emailed
/// link), the transcript, and the signed receipt with the page that checks it.
extension PortalPagesController {
    // MARK: The survey

    /// The survey's answer as the form sent it; a malformed score is the field's error.
    static func surveyAnswer(_ form: FormBody) throws -> SurveyAnswer {
        func score(_ name: String) throws -> Int? {
            guard let raw = form[name]?.trimmingWhitespace(), !raw.isEmpty else { return nil }
            guard let value = Int(raw) else { throw DomainError.invalidField(name, "\(name) is a score from 1 to 5") }
            return value
        }
        let solved: Bool? = switch form["solved"] { case "yes": true; case "no": false; default: nil }
        return try SurveyAnswer.checked(
            overall: try score("overall"), speed: try score("speed"), resolution: try score("resolution"), attitude: try score("attitude"),
            solved: solved, comment: form["comment"]
        )
    }

    /// The survey from the request's page, signed in.
    @Sendable func answerSurvey(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer(let id)? = context.principal, let form = context.form else { throw APIError.unauthenticated }
        let number = try TicketPageLoader.number(context)
        do {
            let outcome = try await surveys.answer(try Self.surveyAnswer(form), on: number, for: id)
            return Pages.redirect("/portal/tickets/\(number)?done=\(outcome.reopened ? "reopened" : "survey")")
        } catch let error as DomainError where error.code != .notFound {
            return Pages.redirect("/portal/tickets/\(number)", problem: error)
        }
    }

    /// The page an emailed survey link opens, without signing in.
    @Sendable func surveyPage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let number = try TicketPageLoader.number(context)
        let query = request.uri.queryParameters
        return try await surveyResponse(
            request, context: context, number: number, expires: query["e"].map(String.init), signature: query["s"].map(String.init),
            problem: Pages.problem(request), done: query["done"].map(String.init)
        )
    }

    @Sendable func answerSurveyByLink(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let number = try TicketPageLoader.number(context)
        let form = context.form ?? FormBody(pairs: [])
        let expires = form["e"] ?? "", signature = form["s"] ?? ""
        let back = "/survey/\(number)?e=\(expires.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&s=\(signature.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        do {
            try await surveys.check(number: number, expires: expires, signature: signature)
        } catch let problem as Surveys.LinkProblem {
            return try await surveyResponse(request, context: context, number: number, expires: nil, signature: nil, linkProblem: problem)
        }
        guard let ticket = try await store.ticket(number: number) else { throw HTTPError(.notFound) }
        do {
            let outcome = try await surveys.answer(try Self.surveyAnswer(form), on: number, for: ticket.customerID)
            return Pages.redirect(back + "&done=\(outcome.reopened ? "reopened" : "survey")")
        } catch let error as DomainError where error.code != .notFound {
            return Pages.redirect(back, problem: error)
        }
    }

    private func surveyResponse(
        _ request: Request, context: DeskRequestContext, number: Int64, expires: String?, signature: String?, linkProblem: Surveys.LinkProblem? = nil, problem: String? = nil,
        done: String? = nil
    ) async throws -> Response {
        let language = pages.language(request)
        let (token, cookie) = pages.formToken(request)
        var refused = linkProblem
        if refused == nil {
            do { try await surveys.check(number: number, expires: expires, signature: signature) } catch let problem as Surveys.LinkProblem { refused = problem }
        }
        var form: SurveyForm?
        if refused == nil, let ticket = try await store.ticket(number: number) {
            let standing = surveys.standing(of: ticket, events: try await store.events(ticket: ticket.id))
            form = SurveyForm(
                action: "/survey/\(number)", hidden: [("e", expires ?? ""), ("s", signature ?? "")], open: standing.open, answer: standing.answer,
                editableUntil: standing.editableUntil, strings: Catalog.strings(language.value), format: PageFormat(language: language.value),
                titled: false
            )
        }
        var response = pages.page(
            // Someone signed in (the customer, in the browser they use the portal in) sends their session's token.
            SurveyPage(language: language.value, csrfToken: context.session?.csrfToken ?? token, number: number, form: form, linkProblem: refused?.rawValue, problem: problem, done: done),
            language: language, status: refused == nil ? .ok : (refused == .expired ? .gone : .forbidden)
        )
        response.setCookie(cookie)
        // The link's signature stays out of the Referer of anything the page links to.
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }

    // MARK: Transcript

    @Sendable func transcript(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let page = try await transcriptPage(request, context: context)
        var response = pages.html(pages.renderer.render(page))
        response.headers[.contentDisposition] = "attachment; filename=\"request-\(page.view.number).html\""
        // A page to keep: its own styles, no scripts.
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"
        return response
    }

    @Sendable func transcriptText(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let page = try await transcriptPage(request, context: context)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"request-\(page.view.number).txt\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: page.text)))
    }

    private func transcriptPage(_ request: Request, context: DeskRequestContext) async throws -> TranscriptPage {
        let language = pages.language(request).value
        let (view, _) = try await loader.model(.customer, request: request, context: context, language: language)
        return TranscriptPage(view: view, language: language, now: clock.now())
    }

    // MARK: Receipts

    @Sendable func receipt(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer(let id)? = context.principal else { throw APIError.unauthenticated }
        let number = try TicketPageLoader.number(context)
        guard let ticket = try await store.ticket(number: number), ticket.customerID == id else { throw HTTPError(.notFound) }
        let receipt: Receipt
        do {
            receipt = try await receipts.issue(for: ticket)
        } catch let error as DomainError {
            return Pages.redirect("/portal/tickets/\(number)", problem: error)
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentDisposition] = "attachment; filename=\"request-\(number)-receipt.json\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: receipt.json + "\n")))
    }

    @Sendable func verifyPage(_ request: Request, context: DeskRequestContext) async throws -> Response {
        try await verifyResponse(request, context: context, receipt: "", check: nil, problem: nil)
    }

    @Sendable func verify(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let text = context.form?["receipt"] ?? ""
        do {
            let receipt = try Receipt.read(Array(text.utf8))
            try allowCheck(of: receipt, from: context.clientAddress)
            return try await verifyResponse(request, context: context, receipt: text, check: (try await receipts.check(receipt), receipt.ticket), problem: nil)
        } catch let error as DomainError {
            return try await verifyResponse(request, context: context, receipt: text, check: nil, problem: PageProblem.key(code: error.code.rawValue, field: error.field))
        } catch let error as APIError where error.status == .tooManyRequests {
            return try await verifyResponse(request, context: context, receipt: text, check: nil, problem: "rate_limited.receipt")
        }
    }

    /// A check re-verifies the whole record of a ticket: a few a minute per ticket and per
    /// address are plenty for a person, and bound what a script can make the desk do.
    func allowCheck(of receipt: Receipt, from address: String) throws {
        let now = clock.now()
        let ticket = "receipt \(receipt.ticket)"
        if let wait = receiptChecks.retryAfter(account: ticket, address: address, now: now) {
            throw APIError(.tooManyRequests, code: "rate_limited", message: "too many receipt checks; try again in \(Int(wait.rounded(.up))) s", field: "receipt")
        }
        receiptChecks.record(account: ticket, address: address, now: now)
    }

    private func verifyResponse(
        _ request: Request, context: DeskRequestContext, receipt: String, check: (Receipt.Check, ticket: Int64)?, problem: String?
    ) async throws -> Response {
        let language = pages.language(request)
        let (formToken, cookie) = pages.formToken(request)
        let page = VerifyPage(
            language: language.value, csrfToken: context.session?.csrfToken ?? formToken, user: nil, receipt: String(receipt.prefix(16_000)),
            check: check, problem: problem
        )
        var response = pages.page(page, language: language, status: problem == nil ? .ok : .unprocessableContent)
        response.setCookie(cookie)
        return response
    }

    /// `POST /api/v1/receipts/verify` with the receipt as the body: `{"result": "holds" | "forged"
    /// | "changed" | "missing", …}`.
    @Sendable func verifyAPI(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 16_385)
        let receipt: Receipt
        do {
            receipt = try Receipt.read(Array(buffer: buffer))
        } catch let error as DomainError {
            throw APIError(.badRequest, code: error.code.rawValue, message: error.message, field: error.field)
        }
        try allowCheck(of: receipt, from: context.clientAddress)
        let check = try await receipts.check(receipt)
        // The record's length now is not told: it would show how much happens inside a case.
        var answer: [String: JSONValue] = ["result": .string(check.code), "ticket": .number(Double(receipt.ticket)), "holds": .bool(check.code == "holds")]
        if case .changed(let reason) = check { answer["reason"] = .string(reason) }
        return Self.json(.object(answer))
    }

    /// The desk's receipt keys, public halves only, every one it ever signed with.
    @Sendable func publicKeys(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let keys = try await receipts.keys()
        return Self.json([
            "algorithm": "Ed25519",
            "keys": .array(keys.map { key -> JSONValue in
                ["id": .string(key.id), "publicKey": .string(key.publicBase64), "createdAt": .string(Receipt.time(key.createdAt))]
            }),
        ])
    }
}
