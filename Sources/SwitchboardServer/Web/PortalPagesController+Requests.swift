import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardAssistant
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// A new request from the portal: the form, the assistant's hints while it is typed, its photos.
extension PortalPagesController {
    @Sendable func newRequest(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer(let id)? = context.principal, let session = context.session else { throw APIError.unauthenticated }
        let language = pages.language(request)
        let name = try await store.customer(id)?.name ?? ""
        return pages.page(
            NewRequestPage(
                language: language.value, csrfToken: session.csrfToken, user: PageFrame.User(name: name, agentNumber: nil), intents: assistant.intents,
                problem: Pages.problem(request)
            ),
            language: language
        )
    }

    /// Files the request through the one opening path (the assistant reads it, routing and SLA
    /// apply). Its subject is the start of what happened; its first message says everything the
    /// customer filled in, so the agent reads one story; the parts are also the ticket's problem.
    @Sendable func fileRequest(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard case .customer(let id)? = context.principal, let session = context.session, let form = context.form else { throw APIError.unauthenticated }
        let language = pages.language(request)
        let strings = Catalog.strings(language.value)
        var draft = NewRequestPage.Draft()
        draft.whatHappened = form["whatHappened"] ?? ""
        draft.when = form["when"] ?? ""
        draft.expectation = form["expectation"] ?? ""
        draft.order = form["order"] ?? ""
        draft.category = form["category"] ?? ""
        do {
            let what = draft.whatHappened.trimmingWhitespace()
            guard !what.isEmpty else { throw DomainError.invalidField("whatHappened", "tell us what happened") }
            let category = draft.category.isEmpty ? nil : draft.category
            if let category, !assistant.intents.contains(where: { IntakeRules.category(forIntent: $0) == category }) {
                throw DomainError.invalidField("category", "choose one of the listed topics")
            }
            let attachments = try await uploaded(form.values("file"), customer: id)
            var body = [what]
            for (key, value) in [("request.whenLine", draft.when), ("request.expectLine", draft.expectation), ("request.orderLine", draft.order)] {
                let value = value.trimmingWhitespace()
                if !value.isEmpty { body.append(String(format: strings[key] ?? "%@", value)) }
            }
            let firstLine = what.split(whereSeparator: \.isNewline).first.map(String.init) ?? what
            let subject = firstLine.count > 80 ? String(firstLine.prefix(79)) + "…" : firstLine
            let problem = ProblemRequest(
                whatHappened: what, when: draft.when.trimmingWhitespace().nonEmpty, expectation: draft.expectation.trimmingWhitespace().nonEmpty
            )
            let opened = try await opening.open(
                CreateTicketRequest(
                    subject: subject, message: body.joined(separator: "\n"), channel: .web, category: category, problem: problem,
                    language: language.value.contentLanguage
                ),
                by: .customer(id), attachments: attachments
            )
            return Pages.redirect("/portal/tickets/\(opened.ticket.number)")
        } catch let error as DomainError where error.code != .forbidden {
            // The form comes back as it was typed, with what was wrong (the photos are added again).
            let name = try await store.customer(id)?.name ?? ""
            return pages.page(
                NewRequestPage(
                    language: language.value, csrfToken: session.csrfToken, user: PageFrame.User(name: name, agentNumber: nil),
                    intents: assistant.intents, draft: draft, problem: PageProblem.key(code: error.code.rawValue, field: error.field)
                ),
                language: language, status: .unprocessableContent
            )
        }
    }

    /// The files a request names, each as `{signature}/{sha256}/{name}` from the upload's answer:
    /// only files this customer uploaded (the signature says so) are attached.
    private func uploaded(_ references: [String], customer: Customer.ID) async throws -> [Attachment] {
        guard references.count <= Limits.attachmentsPerMessage else {
            throw DomainError.invalidField("files", "a request has at most \(Limits.attachmentsPerMessage) files")
        }
        let signer = try await files.signer()
        var attachments: [Attachment] = []
        var seen: Set<String> = []
        for reference in references where !reference.isEmpty && seen.insert(reference).inserted {
            let parts = reference.split(separator: "/", maxSplits: 2).map(String.init)
            guard parts.count == 3, signer.verify(Self.uploadSubject(customer, parts[1]), signature: parts[0]),
                  let content = try await store.attachmentContent(sha256: parts[1])
            else {
                throw DomainError.invalidField("files", "a file could not be added")
            }
            attachments.append(try Attachment(name: parts[2], contentType: content.contentType, size: Int64(content.content.count), sha256: parts[1]))
        }
        return attachments
    }

    static func uploadSubject(_ customer: Customer.ID, _ sha256: String) -> String { "upload \(customer.rawValue) \(sha256)" }

    /// `POST /api/v1/portal/attachments`: a photo or document for a request being written, the
    /// file as the body and its name in `X-File-Name`. The answer names it for the form.
    @Sendable func upload(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let id = try Self.customer(context)
        let words = Catalog.strings(pages.language(request).value)
        let file = try await FileUpload.read(request, words: words)
        let attachment: Attachment
        do {
            attachment = try await files.receive(file.content, name: file.name, from: id)
        } catch let error as DomainError {
            throw FileUpload.refusal(error, words: words) ?? error
        }
        let hash = attachment.sha256 ?? ""
        let signer = try await files.signer()
        let reference = "\(signer.signature(Self.uploadSubject(id, hash)))/\(hash)/\(attachment.name)"
        return Self.json([
            "file": .string(reference), "name": .string(attachment.name), "size": .number(Double(attachment.size)),
            "contentType": .string(attachment.contentType),
        ])
    }

    /// `POST /api/v1/portal/assist` with `{"text": …}`: what the assistant reads in a request
    /// being written — the parts still missing, the topic it recognises, an article that may
    /// already answer it — in the page's words.
    @Sendable func assist(_ request: Request, context: DeskRequestContext) async throws -> Response {
        _ = try Self.customer(context)
        struct Body: Decodable { var text: String }
        let body = try await JSONBody.decode(Body.self, from: request, limit: 16 * 1024)
        let strings = Catalog.strings(pages.language(request).value)
        let text = String(body.text.prefix(Limits.problemPart * 3))
        guard !text.trimmingWhitespace().isEmpty else { return Self.json(["tips": []]) }
        // Right after a start the model may still be training: the page asks again shortly.
        guard let ready = assistant.ready else { return Self.json(["tips": [], "pending": true]) }
        let analysis = ready.assistant.analyze(text, now: clock.now())
        var tips: [JSONValue] = []
        if analysis.problem.missing.contains(.when) { tips.append(.string(strings["assist.missingWhen"] ?? "")) }
        if analysis.problem.missing.contains(.expectation) { tips.append(.string(strings["assist.missingExpect"] ?? "")) }
        var answer: [String: JSONValue] = ["tips": .array(tips)]
        if let intent = analysis.classification.intent, intent.confidence >= IntakeRules.categoryConfidence,
           let category = IntakeRules.category(forIntent: intent.label) {
            answer["category"] = .string(category)
            answer["categoryText"] = .string(String(format: strings["assist.category"] ?? "%@", AssistantWords(strings: strings).intent(intent.label)))
        }
        if let match = analysis.articles.first {
            answer["article"] = [
                "title": .string(match.article.title), "url": .string("/help/articles/\(match.article.id)"), "passage": .string(match.passage),
                "lead": .string(strings["assist.article"] ?? ""),
            ]
        }
        return Self.json(.object(answer))
    }

    /// The signed-in customer the portal's calls speak for; staff and tokens have no portal.
    static func customer(_ context: DeskRequestContext) throws -> Customer.ID {
        switch context.principal {
        case .customer(let id)?: return id
        case nil: throw APIError.unauthenticated
        default: throw APIError(.forbidden, code: "forbidden", message: "the portal is for customers")
        }
    }

    /// The portal's answers change with every call: never cached.
    static func json(_ value: JSONValue) -> Response {
        JSONBody.response(JSONDocument(value: value), headers: [.cacheControl: "no-store"])
    }
}
