import Foundation
import SwitchboardCore
import SwitchboardStorage

/// Everything `buildApplication(configuration:)` needs to assemble a desk, built by the CLI from
/// flags and environment (and by tests): the server's settings, where the data lives, what the
/// assistant learns from, how jobs run.
public struct DeskConfiguration: Sendable {
    /// Where the desk's data lives: a location the desk opens and closes itself, or a store the
    /// caller opened (and closes).
    public enum StoreChoice: Sendable {
        case location(StoreLocation, sqliteDurability: SQLiteDatabase.Durability = .full)
        case open(SQLStore)
    }

    public var server: ServerConfiguration
    public var store: StoreChoice
    /// What the assistant is trained on.
    public var assistantContent: AssistantContent
    /// Where trained models are cached (the data directory's `assistant/`); nil: train each start.
    public var assistantCache: String?
    /// An assistant already trained on `assistantContent`, used at once (tests share one).
    public var trainedAssistant: AssistantService.Ready?
    public var jobs: JobRunner.Configuration
    /// More kinds of background work, beside the desk's own (a job of a kind no node handles is parked).
    public var jobHandlers: [JobKind: any JobHandler]
    /// Load the demo desk into an empty database at start.
    public var demo: Bool
    /// This node's name in job leases and notices between nodes.
    public var node: String
    public var mailer: any Mailer
    public var clock: any WallClock

    public init(
        server: ServerConfiguration = ServerConfiguration(), store: StoreChoice, assistantContent: AssistantContent = .starter(),
        assistantCache: String? = nil, trainedAssistant: AssistantService.Ready? = nil, jobs: JobRunner.Configuration = JobRunner.Configuration(),
        jobHandlers: [JobKind: any JobHandler] = [:], demo: Bool = false, node: String = DeskConfiguration.newNodeName(), mailer: any Mailer, clock: any WallClock = SystemClock()
    ) {
        self.server = server
        self.store = store
        self.assistantContent = assistantContent
        self.assistantCache = assistantCache
        self.trainedAssistant = trainedAssistant
        self.jobs = jobs
        self.jobHandlers = jobHandlers
        self.demo = demo
        self.node = node
        self.mailer = mailer
        self.clock = clock
    }

    /// A name no other node has: the host's name and a random suffix.
    public static func newNodeName() -> String {
        let host = ProcessInfo.processInfo.hostName.prefix(24).filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        return "\(host.isEmpty ? "node" : String(host))-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
