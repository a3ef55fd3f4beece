import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import SwitchboardAssistant
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// The customer's ways into the chat: the full page at `/chat` (and the same window in the
/// widget's frame, `?embed=1`), the widget's script at `/widget.js`, a demo shop that carries it,
/// the help articles the assistant links to, and the chat protocol for networks that block
/// WebSockets: frames out as server-sent events, frames in as POSTs.
struct ChatPagesController: Sendable {
    let pages: Pages
    let session: ChatSession
    let assistant: AssistantService
    /// Where the demo shop loads the widget from (the desk's own address).
    let baseURL: String

    func register(on router: Router<DeskRequestContext>) {
        router.get("chat", use: chat)
        router.get("widget.js", use: widget)
        router.get("demo-shop", use: demoShop)
        router.get("help/articles/{id}", use: article)
        router.get("api/v1/chat/events", use: events)
        router.post("api/v1/chat/frames", use: frames)
        router.post("api/v1/chat/attachments", use: attachment)
    }

    /// The widget's frame may sit on any shop's page; everything else keeps the desk's policy.
    static let embeddedPolicy = Pages.contentSecurityPolicy.replacingOccurrences(of: "frame-ancestors 'none'", with: "frame-ancestors *")

    @Sendable func chat(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = pages.language(request)
        let query = request.uri.queryParameters
        let embedded = query["embed"] == "1"
        let identity = ShopIdentityClaim.fields.compactMap { (key: String) -> (String, String)? in
            query[Substring(key)].map { (key, String(String($0).prefix(500))) }
        }
        var signedIn = false
        if case .customer? = context.principal { signedIn = true }
        var response = pages.page(ChatPage(language: language.value, embedded: embedded, identity: identity, signedIn: signedIn), language: language)
        if embedded { response.headers[.contentSecurityPolicy] = Self.embeddedPolicy }
        return response
    }

    @Sendable func widget(_ request: Request, context: DeskRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = StaticAssets.widget.contentType
        // Shops link to this name for good: browsers check for a new one every hour.
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: StaticAssets.widget.body)))
    }

    @Sendable func demoShop(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let language = pages.language(request)
        // The widget comes from the desk that served this page, as on a real shop's page.
        let desk = request.head.authority.map { "http://\($0)" } ?? baseURL
        var response = pages.page(DemoShopPage(language: language.value, desk: desk), language: language)
        // The demo shop is a stand-in for another site: its own policy lets the widget's script in.
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self' \(desk); style-src 'self'; frame-src \(desk); object-src 'none'; base-uri 'none'"
        return response
    }

    @Sendable func article(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id"),
              let article = assistant.ready?.assistant.knowledge.articles.first(where: { $0.id == id }) else {
            throw HTTPError(.notFound)
        }
        let language = pages.language(request)
        return pages.page(HelpArticlePage(
            language: language.value, id: article.id, title: article.title, articleLanguage: article.language.rawValue, paragraphs: article.passages
        ), language: language)
    }

    // MARK: The fallback: server-sent events out, POSTs in

    /// `GET /api/v1/chat/events?token=&ticket=&after=&lang=`: the same frames as the socket, one
    /// per event (`data:` is the frame's JSON), starting with the welcome (a new visitor's token).
    @Sendable func events(_ request: Request, context: DeskRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var identity: [String: String] = [:]
        for key in ShopIdentityClaim.fields {
            if let value = query[Substring(key)] { identity[key] = String(value.prefix(500)) }
        }
        let hello = ClientFrame.hello(
            token: query["token"].map(String.init), ticket: query["ticket"].flatMap { Int64($0) }, after: query["after"].flatMap { Int64($0) },
            language: query["lang"].map(String.init), identity: identity["externalId"] == nil ? nil : identity
        )
        let session = self.session
        let portal = context.session
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            // A slow reader's stream ends instead of losing frames; EventSource comes back and resumes.
            let outbox = ServerFrame.Outbox()
            let send: @Sendable (ServerFrame) async throws -> Void = { outbox.send($0) }
            try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
            do {
                try await request.body.consumeWithCancellationOnInboundClose { _ in
                    // Shutting down ends the stream at once, so the server does not wait for open chats.
                    try await withGracefulShutdownHandler {
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask {
                                defer { outbox.finish() }
                                let opened = try await session.open(hello, session: portal, send: send)
                                let (wakes, wake) = AsyncStream<ChatSession.Wake>.makeStream(bufferingPolicy: .bufferingNewest(64))
                                try await session.follow(opened, discovers: true, wakes: wakes, wake: wake, send: send)
                            }
                            for await frame in outbox.frames {
                                try await writer.write(ByteBuffer(string: "data: \(frame.text)\n\n"))
                            }
                            group.cancelAll()
                        }
                    } onGracefulShutdown: {
                        outbox.finish()
                    }
                }
            } catch is CancellationError {
                return
            }
            try await writer.finish(nil)
        })
    }

    /// `POST /api/v1/chat/attachments` with `X-Chat-Token`, the file as the body, its name in
    /// `X-File-Name` (percent-encoded) and the message's id in `X-Message-Id`: the file becomes a
    /// message of the conversation, acknowledged like a text (a resend under the same id is stored
    /// once). The answer is the frames it brings back, as a JSON array.
    @Sendable func attachment(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let token = request.headers[HTTPField.Name("X-Chat-Token")!], !token.isEmpty,
              let customer = try await session.conversations.visitor(token: token)
        else {
            throw APIError(.unauthorized, code: "unauthorized", message: "send the chat token from the welcome frame in X-Chat-Token")
        }
        let language = pages.language(request).value
        let words = Catalog.strings(language)
        guard let id = request.headers[HTTPField.Name("X-Message-Id")!], !id.isEmpty else {
            throw APIError(.badRequest, code: "invalid", message: "name the message in X-Message-Id", field: "id")
        }
        let file = try await FileUpload.read(request, words: words)
        do {
            return Self.json([try await session.sendFile(file.content, name: file.name, clientID: id, from: customer, language: language)])
        } catch let error as DomainError {
            throw FileUpload.refusal(error, words: words) ?? error
        }
    }

    /// Frames as the JSON array a POST answers with.
    static func json(_ frames: [ServerFrame]) -> Response {
        JSONBody.response(JSONDocument(value: .array(frames.map(\.value))))
    }

    /// `POST /api/v1/chat/frames` with `X-Chat-Token`: one client frame; the answer is the frames
    /// it brings back (the acknowledgement, or an error), as a JSON array.
    @Sendable func frames(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let token = request.headers[HTTPField.Name("X-Chat-Token")!], !token.isEmpty else {
            throw APIError(.unauthorized, code: "unauthorized", message: "send the chat token from the welcome frame in X-Chat-Token")
        }
        let buffer = try await request.body.collect(upTo: ClientFrame.maxBytes + 1)
        guard buffer.readableBytes <= ClientFrame.maxBytes else {
            throw APIError(.contentTooLarge, code: "too_large", message: "a frame is at most 64 KiB")
        }
        let language = pages.language(request).value
        let frame: ClientFrame
        do {
            guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes), text.utf8.count == buffer.readableBytes else {
                throw FrameProblem.invalid("a frame is UTF-8 JSON")
            }
            frame = try ClientFrame.parse(text)
        } catch let problem as FrameProblem {
            throw APIError(.badRequest, code: problem.code, message: problem.detail)
        }
        // Only a token the desk gave: a POST never makes a visitor.
        guard let customer = try await session.conversations.visitor(token: token) else {
            throw APIError(.unauthorized, code: "unauthorized", message: "the chat token is unknown or expired")
        }
        let opened = ChatSession.Opened(visitor: ChatConversations.Visitor(customer: customer, issuedToken: nil), language: language, ticket: nil, after: nil)
        return Self.json(await session.handle(frame, opened: opened))
    }
}
