import Foundation
import Logging
import SwitchboardCore
import SwitchboardStorage

/// The running desk's collaborators, built once and shared by every controller.
public struct Desk: Sendable {
    public let store: any Store
    public let configuration: ServerConfiguration
    public let clock: any WallClock
    public let mailer: any Mailer
    public let events: EventBus
    public let metrics: DeskMetrics
    public let directory: DirectoryCache
    public let logger: Logger
    let signInLimiter: AttemptLimiter
    let magicLinkLimiter: AttemptLimiter
    let passwords: PasswordHasher
    let credentials: CredentialCache
    let customerNames: CustomerNames

    public init(
        store: any Store, configuration: ServerConfiguration, clock: any WallClock = SystemClock(),
        mailer: any Mailer, logger: Logger
    ) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.mailer = mailer
        self.events = EventBus()
        self.metrics = DeskMetrics()
        self.directory = DirectoryCache(store: store)
        self.logger = logger
        self.signInLimiter = AttemptLimiter(limits: configuration.signInLimits)
        self.magicLinkLimiter = AttemptLimiter(limits: configuration.magicLinkLimits)
        self.passwords = PasswordHasher(cost: configuration.bcryptCost)
        self.credentials = CredentialCache()
        self.customerNames = CustomerNames(store: store)
    }
}
