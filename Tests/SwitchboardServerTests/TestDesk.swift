import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SwitchboardAssistant
import SwitchboardCore
@testable import SwitchboardServer
import SwitchboardStorage
import SwitchboardTestSupport

/// Who a test request comes from.
enum Role: String, CaseIterable, Sendable, CustomStringConvertible {
    case anonymous, alice, bob, merchantAgent, agent, supervisor, admin, readToken, merchantToken

    var description: String { rawValue }
}

/// A desk on a fresh SQLite store with the fixture's people, a session or token for every role,
/// and two tickets: Alice's (orders team) and Bob's (involving the merchant).
struct TestDesk: Sendable {
    let built: SwitchboardApplication.Built
    var desk: Desk { built.desk }
    let store: SQLStore
    let fixture: DeskFixture
    let mailer: MemoryMailer
    let clock: TestClock
    let credentials: [Role: Credential]
    let aliceTicket: Ticket
    let bobTicket: Ticket

    struct Credential: Sendable {
        var cookie: String?
        var csrf: String?
        var bearer: String?
    }

    static let secret = "test-identity-secret"

    /// - Parameters:
    ///   - trained: false for a desk whose assistant trains when it starts (until then, analyses are pending).
    static func with<T: Sendable>(
        trained: Bool = true, jobHandlers: [JobKind: any JobHandler] = [:],
        configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        _ body: @Sendable (TestDesk) async throws -> T
    ) async throws -> T {
        try await TestStores.withSQLite { store in
            var configuration = ServerConfiguration(bcryptCost: 4, identitySecret: secret)
            configure(&configuration)
            return try await body(try await prepare(store, configuration: configuration, trained: trained, jobHandlers: jobHandlers))
        }
    }

    /// Two nodes of one desk on one PostgreSQL schema, each with its own pool, bus and job runner
    /// (the fixture, sessions and tokens are in the shared database).
    static func withTwoNodes<T: Sendable>(
        jobHandlers: [JobKind: any JobHandler] = [:], _ body: @Sendable (TestDesk, TestDesk) async throws -> T
    ) async throws -> T {
        try await TestStores.withPostgresNodes(2) { stores in
            let configuration = ServerConfiguration(bcryptCost: 4, identitySecret: secret)
            let first = try await prepare(stores[0], configuration: configuration, trained: true, jobHandlers: jobHandlers, node: "node-1")
            let second = try await prepare(stores[1], configuration: configuration, trained: true, jobHandlers: jobHandlers, node: "node-2", sharing: first)
            return try await body(first, second)
        }
    }

    /// Builds a desk on `store` with the fixture's people, a session or token for every role and
    /// two tickets — or, `sharing` another node's, with that node's (already stored) ones.
    static func prepare(
        _ store: SQLStore, configuration: ServerConfiguration, trained: Bool, jobHandlers: [JobKind: any JobHandler], node: String = "test-node",
        sharing other: TestDesk? = nil
    ) async throws -> TestDesk {
        let mailer = MemoryMailer()
        let clock = other?.clock ?? TestClock(Date())
        let built = try SwitchboardApplication.buildApplication(
            configuration: DeskConfiguration(
                server: configuration, store: .open(store), trainedAssistant: trained ? TestAssistant.shared : nil,
                jobs: JobRunner.Configuration(idleCheck: .milliseconds(200)), jobHandlers: jobHandlers, node: node, mailer: mailer, clock: clock
            ),
            logger: Logger(label: "test")
        )
        if let other {
            return TestDesk(
                built: built, store: store, fixture: other.fixture, mailer: mailer, clock: clock, credentials: other.credentials,
                aliceTicket: other.aliceTicket, bobTicket: other.bobTicket
            )
        }
        let fixture = try await DeskFixture.make(in: store)
        var credentials: [Role: Credential] = [.anonymous: Credential()]
        func session(_ role: Role, _ subject: StoredSession.Subject) async throws {
            let token = "session-\(role.rawValue)", csrf = "csrf-\(role.rawValue)"
            try await store.createSession(StoredSession(
                tokenHash: Secrets.hash(token), subject: subject, csrfToken: csrf, createdAt: clock.now(), expiresAt: clock.now().addingTimeInterval(3600)
            ))
            credentials[role] = Credential(cookie: token, csrf: csrf)
        }
        try await session(.alice, .customer(fixture.alice.id))
        try await session(.bob, .customer(fixture.bob.id))
        try await session(.merchantAgent, .agent(fixture.merchantAgent.id))
        try await session(.agent, .agent(fixture.agent.id))
        try await session(.supervisor, .agent(fixture.supervisor.id))
        try await session(.admin, .agent(fixture.admin.id))
        for (role, organization, scopes) in [(Role.readToken, fixture.platform.id, [APIScope.ticketsRead]), (.merchantToken, fixture.merchant.id, [.ticketsRead, .ticketsWrite])] {
            let secret = "sb_test_\(role.rawValue)"
            _ = try await store.createAPIToken(
                organization: organization, name: role.rawValue, scopes: scopes, tokenHash: Secrets.hash(secret), prefix: "sb_test",
                createdBy: fixture.admin.id, at: clock.now()
            )
            credentials[role] = Credential(bearer: secret)
        }
        let aliceTicket = try await store.createTicket(
            try fixture.newTicket("Kettle leaks", body: "My kettle leaks from the bottom", team: fixture.orders), actor: .customer(fixture.alice.id), at: clock.now()
        ).ticket
        let bobTicket = try await store.createTicket(
            try fixture.newTicket("茶叶包装破损", from: fixture.bob, body: "收到的茶叶包装破了", team: fixture.merchantTeam, merchant: fixture.merchant),
            actor: .customer(fixture.bob.id), at: clock.now()
        ).ticket
        return TestDesk(
            built: built, store: store, fixture: fixture, mailer: mailer, clock: clock, credentials: credentials,
            aliceTicket: aliceTicket, bobTicket: bobTicket
        )
    }

    /// Runs `body` with a test client on the desk's router, the desk's services running (startup,
    /// assistant, bus, jobs) as they do in `switchboard serve`.
    func client<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await built.application.test(.router) { client in try await body(client) }
    }

    /// The same over a real socket, for live streams and anything that needs a connection.
    func live<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await built.application.test(.live) { client in try await body(client) }
    }

    /// Headers that authenticate as `role` (with the CSRF token for changes).
    func headers(_ role: Role, json: Bool = true) -> HTTPFields {
        var headers = HTTPFields()
        let credential = credentials[role] ?? Credential()
        if let cookie = credential.cookie { headers[.cookie] = "sb_session=\(cookie)" }
        if let csrf = credential.csrf { headers[AuthenticationMiddleware.csrfHeader] = csrf }
        if let bearer = credential.bearer { headers[.authorization] = "Bearer \(bearer)" }
        if json { headers[.contentType] = "application/json" }
        return headers
    }
}

extension TestClientProtocol {
    /// Sends a request as `role` and returns the response.
    func call(_ desk: TestDesk, _ role: Role, _ method: HTTPRequest.Method, _ uri: String, json: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = desk.headers(role, json: json != nil)
        for field in extra { headers[field.name] = field.value }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as JSON.
    var json: JSONValue {
        get throws { try JSONValue.parse(String(buffer: body)) }
    }

    /// The `error.code` of an error response.
    var errorCode: String? { try? json["error"]?["code"]?.stringValue }

    /// The `error.field` of an error response.
    var errorField: String? { try? json["error"]?["field"]?.stringValue }
}

/// One assistant for the whole test run, trained once on the starter content (a few seconds).
enum TestAssistant {
    static let shared: AssistantService.Ready = {
        let content = AssistantContent.starter()
        do {
            return AssistantService.Ready(
                assistant: Assistant(model: try IntentTrainer(options: content.options).train(content.examples), knowledge: KnowledgeBase(articles: content.articles)),
                version: content.modelVersion
            )
        } catch {
            fatalError("the starter intents do not train: \(error)")
        }
    }()
}

/// A shop's side of the identity sign-in, written out as docs/API.md tells shops to sign (not
/// borrowed from the desk's code, so a change to the documented form fails here).
enum Shop {
    /// Hex HMAC-SHA256 of the five lines: version, externalId, email, name, issuedAt.
    static func signature(_ externalId: String, email: String = "", name: String = "", issuedAt: Int64, secret: String = TestDesk.secret) -> String {
        Secrets.hmac("switchboard-identity-v1\n\(externalId)\n\(email)\n\(name)\n\(issuedAt)", key: secret)
    }

    /// The shop's clock: the desk's test clock in Unix seconds, `offset` seconds from now.
    static func now(_ desk: TestDesk, offset: TimeInterval = 0) -> Int64 {
        Int64(desk.clock.now().addingTimeInterval(offset).timeIntervalSince1970)
    }

    /// The JSON a shop's server posts to `/api/v1/customer-auth/identity`.
    static func body(_ externalId: String, email: String? = nil, name: String? = nil, issuedAt: Int64, signature: String? = nil) -> String {
        var fields = [#""externalId":"\#(externalId)""#, #""issuedAt":\#(issuedAt)"#]
        if let email { fields.append(#""email":"\#(email)""#) }
        if let name { fields.append(#""name":"\#(name)""#) }
        let signed = signature ?? Self.signature(externalId, email: email ?? "", name: name ?? "", issuedAt: issuedAt)
        fields.append(#""signature":"\#(signed)""#)
        return "{" + fields.joined(separator: ",") + "}"
    }
}
