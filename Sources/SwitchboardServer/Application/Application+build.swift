import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SwitchboardCore
import SwitchboardStorage
import SwitchboardWeb

/// Builds the desk. The executable and the tests call the same function.
public enum SwitchboardApplication {
    public static let version = "0.2.0"

    /// The HTTP application with the desk's services, and the desk itself (for tests and tools).
    public struct Built: Sendable {
        public let desk: Desk
        public let application: Application<RouterResponder<DeskRequestContext>>
    }

    /// Assembles a desk from its configuration: the store, the startup that migrates it, the
    /// assistant, the event bus and the job runner, run as services in that order (and stopped
    /// in the reverse), then the HTTP server, which accepts connections once startup is done.
    public static func buildApplication(
        configuration: DeskConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (any NIOCore.Channel) async -> Void = { _ in }
    ) throws -> Built {
        var services: [any Service] = []
        let store: SQLStore
        switch configuration.store {
        case .location(let location, let durability):
            let service = try StoreService(location: location, logger: logger, sqliteDurability: durability)
            services.append(service)
            store = service.store
        case .open(let opened):
            store = opened
        }
        let ready = Gate()
        let bus: any EventBus = store.signals.map {
            PostgresEventBus(store: store, signals: $0, storeReady: ready, node: configuration.node, logger: logger)
        } ?? LocalEventBus(store: store, storeReady: ready, logger: logger)
        let assistant = AssistantService(
            content: configuration.assistantContent, cacheDirectory: configuration.assistantCache, logger: logger,
            trained: configuration.trainedAssistant
        )
        let clock = configuration.clock
        let metrics = DeskMetrics()
        let directory = DirectoryCache(store: store)
        let routing = RoutingRules(store: store, directory: directory, bus: bus)
        let sla = SLAPolicies(store: store, directory: directory, bus: bus)
        let dispatcher = Dispatcher(
            store: store, routing: routing, clock: clock, bus: bus, storeReady: ready, logger: logger, autoAway: configuration.server.autoAway
        )
        var clocks = DeskClocks(store: store, sla: sla, clock: clock, bus: bus, dispatcher: dispatcher, bounceWindow: configuration.server.bounceWindow)
        clocks.surveyDelay = configuration.server.surveys.delay
        let surveys = Surveys(
            store: store, bus: bus, clock: clock, sla: sla, dispatcher: dispatcher, settings: configuration.server.surveys,
            secret: StoredSecret(document: "survey-key", store: store, clock: clock)
        )
        let customerMail = CustomerMailer(store: store, mailer: configuration.mailer, baseURL: configuration.server.baseURL, directory: directory)
        let signals = ChatSignals()
        let jobs = JobRunner(
            store: store, clock: clock,
            handlers: configuration.jobHandlers.merging([
                .purgeExpired: PurgeExpiredJob(store: store, clock: clock),
                .analysePending: AnalysePendingJob(store: store, assistant: assistant, clock: clock, bus: bus),
                .watchLog: LogWatchJob(clocks: clocks),
                .slaTimer: SLATimerJob(clocks: clocks),
                .commitmentReminder: CommitmentJob(clocks: clocks, due: false),
                .commitmentDue: CommitmentJob(clocks: clocks, due: true),
                .customerNotice: CustomerNoticeJob(mail: customerMail, signals: signals),
                .surveyInvite: SurveyInviteJob(mail: customerMail, surveys: surveys),
            ]) { _, own in own },
            configuration: configuration.jobs, owner: configuration.node, storeReady: ready, logger: logger
        )
        let intake = MessageIntake(store: store, assistant: assistant, bus: bus, clock: clock, metrics: metrics, routing: routing, dispatcher: dispatcher)
        let signIn = SignIn(store: store, configuration: configuration.server, clock: clock, mailer: configuration.mailer, bus: bus, logger: logger)
        let chat = ChatSession(
            conversations: ChatConversations(
                store: store, intake: intake, assistant: assistant, signIn: signIn, directory: directory, sla: sla, clock: clock, bus: bus
            ),
            store: store, bus: bus, directory: directory, signals: signals, files: AttachmentFiles(store: store, clock: clock),
            surveys: surveys
        )
        let desk = Desk(
            store: store, configuration: configuration.server, clock: clock, mailer: configuration.mailer, bus: bus, jobs: jobs,
            assistant: assistant, metrics: metrics, directory: directory, logger: logger,
            intake: intake,
            changes: TicketChanges(store: store, bus: bus, clock: clock, dispatcher: dispatcher),
            signIn: signIn,
            customerNames: CustomerNames(store: store), credentials: CredentialCache(), ready: ready, sla: sla,
            dispatcher: dispatcher, commitments: Commitments(store: store, bus: bus, clock: clock), chat: chat, surveys: surveys,
            receipts: Receipts(store: store, clock: clock, baseURL: configuration.server.baseURL)
        )
        // What other parts (and nodes) say reaches the caches and the job runner here.
        bus.onNotice { [directory = desk.directory, credentials = desk.credentials] notice in
            switch notice {
            case .directoryChanged: directory.invalidate()
            case .credentialChanged(let hash): credentials.forget(hash)
            case .credentialsChanged:
                credentials.forgetAll()
                directory.invalidate()
            case .jobsEnqueued: jobs.wake()
            case .rulesChanged:
                routing.settings.forget()
                sla.settings.forget()
            case .logAdvanced: break
            }
        }
        services += [
            DeskStartup(store: store, demo: configuration.demo, passwordCost: configuration.server.bcryptCost, clock: clock, ready: ready, logger: logger),
            assistant, bus, jobs, dispatcher,
        ]
        var connections = configuration.server.connections
        connections.maxConnections = OpenFiles.connectionCap(connections.maxConnections)
        if connections.maxConnections != configuration.server.connections.maxConnections {
            logger.notice("connection cap lowered to fit the open-files limit (raise it with ulimit -n)", metadata: [
                "maxConnections": "\(connections.maxConnections)",
            ])
        }
        var application = Application(
            router: try buildRouter(desk: desk),
            server: LimitedHTTP1Channel.server(limits: connections, chat: ChatSocket(session: chat, store: store, clock: clock)),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.server.host, port: configuration.server.port), serverName: "Switchboard"
            ),
            services: services,
            onServerRunning: onServerRunning,
            logger: logger
        )
        application.beforeServerStarts { try await ready.wait() }
        return Built(desk: desk, application: application)
    }

    /// Every route of the desk, in groups that carry their own middleware: the API (JSON, CSRF
    /// header for cookie-authenticated changes), the staff pages (a signed-in agent, forms with
    /// their CSRF field), the admin pages (an admin; the routing and SLA pages, any of the
    /// platform's staff), the portal (a signed-in customer) and its open entrances. Errors answer
    /// in JSON for the API and as a page in the page's language everywhere else.
    static func buildRouter(desk: Desk) throws -> Router<DeskRequestContext> {
        let router = Router(context: DeskRequestContext.self)
        let pages = Pages(renderer: try PageRenderer(), secureCookies: desk.configuration.secureCookies)
        // Outermost first: metrics see the final status, errors become JSON or a page, then we
        // learn who is asking. (The security headers go on in the connection, `SecurityHeadersHandler`.)
        router.add(middleware: MetricsMiddleware(metrics: desk.metrics))
        if !desk.configuration.trustedProxies.isEmpty {
            router.add(middleware: ClientAddressMiddleware(proxies: desk.configuration.trustedProxies))
        }
        router.add(middleware: ErrorMiddleware(pages: pages))
        router.add(middleware: AuthenticationMiddleware(
            store: desk.store, directory: desk.directory, credentials: desk.credentials, clock: desk.clock
        ))

        let directoryChanges = DirectoryChanges(store: desk.store, passwords: desk.signIn.passwords, bus: desk.bus)
        OperationsController(store: desk.store, metrics: desk.metrics, openAPI: ByteBuffer(string: OpenAPIDocument.render(version: version)))
            .register(on: router)
        let api = router.group("api").add(middleware: APICSRFMiddleware())
        AuthController(signIn: desk.signIn, store: desk.store).register(on: api)
        TicketsController(
            store: desk.store, intake: desk.intake, changes: desk.changes, directory: desk.directory, customerNames: desk.customerNames,
            customers: desk.signIn.customers, assistant: desk.assistant, opening: desk.opening, maxBodySize: desk.configuration.maxBodySize
        ).register(on: api)
        CustomersController(store: desk.store, clock: desk.clock, maxBodySize: desk.configuration.maxBodySize).register(on: api)
        DirectoryController(store: desk.store, changes: directoryChanges, clock: desk.clock).register(on: api)
        TokensController(changes: directoryChanges, clock: desk.clock).register(on: api)
        RoutingController(routing: desk.intake.routing, maxBodySize: desk.configuration.maxBodySize).register(on: api)
        SLAController(policies: desk.sla, store: desk.store, clock: desk.clock, maxBodySize: desk.configuration.maxBodySize).register(on: api)
        CommitmentsController(commitments: desk.commitments, maxBodySize: desk.configuration.maxBodySize).register(on: api)
        StaffController(store: desk.store, bus: desk.bus, clock: desk.clock, dispatcher: desk.dispatcher, maxBodySize: desk.configuration.maxBodySize).register(on: api)
        LiveController(
            store: desk.store, bus: desk.bus, streams: Places(caps: (desk.configuration.liveStreams.perSession, desk.configuration.liveStreams.perAddress)),
            signals: desk.chat.signals
        ).register(on: router)
        AssetsController().register(on: router)
        ChatPagesController(pages: pages, session: desk.chat, assistant: desk.assistant, baseURL: desk.configuration.baseURL).register(on: router)
        AttachmentsController(files: desk.chat.files).register(on: router)

        let form = PageFormMiddleware(maxBodySize: desk.configuration.maxBodySize)
        let loader = TicketPageLoader(
            pages: pages, store: desk.store, directory: desk.directory, assistant: desk.assistant, sla: desk.sla, clock: desk.clock, signals: desk.chat.signals,
            files: desk.chat.files, conversations: desk.chat.conversations, surveys: desk.surveys
        )
        SignInPagesController(pages: pages, signIn: desk.signIn).register(on: router.group().add(middleware: form))
        let staff = router.group("agent").add(middleware: RequireStaffPage()).add(middleware: form)
        QueuePageController(pages: pages, store: desk.store, directory: desk.directory, customerNames: desk.customerNames, clock: desk.clock).register(on: staff)
        TicketPagesController(
            pages: pages, loader: loader, intake: desk.intake, changes: desk.changes, store: desk.store, assistant: desk.assistant,
            commitments: desk.commitments, clock: desk.clock, signals: desk.chat.signals, directory: desk.directory,
            opening: desk.opening
        ).register(on: staff)
        StaffPagesController(pages: pages, store: desk.store, bus: desk.bus, clock: desk.clock, dispatcher: desk.dispatcher).register(on: staff)
        let admin = router.group("admin").add(middleware: RequireStaffPage(role: .admin)).add(middleware: form)
        AdminPagesController(pages: pages, store: desk.store, directory: directoryChanges, clock: desk.clock).register(on: admin)
        JobsPageController(pages: pages, store: desk.store, jobs: desk.jobs, clock: desk.clock).register(on: admin)
        // The desk's rules: the platform's staff read them, its supervisors and admins change them.
        let rules = router.group("admin").add(middleware: RequireStaffPage()).add(middleware: form)
        RoutingPagesController(pages: pages, store: desk.store, routing: desk.intake.routing, clock: desk.clock).register(on: rules)
        SLAPagesController(pages: pages, store: desk.store, policies: desk.sla, clock: desk.clock).register(on: rules)
        let portal = PortalPagesController(
            pages: pages, loader: loader, store: desk.store, intake: desk.intake, signIn: desk.signIn, opening: desk.opening,
            assistant: desk.assistant, files: desk.chat.files, surveys: desk.surveys, receipts: desk.receipts, directory: desk.directory,
            clock: desk.clock, receiptChecks: AttemptLimiter(limits: desk.configuration.receiptCheckLimits)
        )
        portal.registerEntrances(on: router.group("portal").add(middleware: form))
        portal.registerOpenPages(on: router.group().add(middleware: form))
        portal.registerAPI(on: api)
        portal.registerPages(on: router.group("portal").add(middleware: RequireCustomerPage()).add(middleware: form))
        // Last: it wraps only the router's not-found answer.
        router.add(middleware: MethodNotAllowedMiddleware(routes: RouteMethods(router.routes.map { ($0.path, $0.method) })))
        return router
    }

    /// The page routes (methods and paths), which the OpenAPI document, an API description, leaves out.
    static func pageRoutes(_ router: Router<DeskRequestContext>) -> Set<String> {
        Set(router.routes.map { "\($0.method.rawValue.lowercased()) \($0.path.description)" }.filter { route in
            let path = route.split(separator: " ", maxSplits: 1).last.map(String.init) ?? ""
            return !path.hasPrefix("/api/") && !["/health", "/ready", "/metrics"].contains(path)
        })
    }
}
