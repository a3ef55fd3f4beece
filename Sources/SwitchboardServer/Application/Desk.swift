import Foundation
import Logging
import SwitchboardCore
import SwitchboardStorage

/// The running desk's parts, assembled once by `buildApplication(configuration:)`. Controllers
/// are handed the parts they use, never the whole desk; tests reach in through it.
public struct Desk: Sendable {
    public let store: any Store
    public let configuration: ServerConfiguration
    public let clock: any WallClock
    public let mailer: any Mailer
    public let bus: any EventBus
    public let jobs: JobRunner
    public let assistant: AssistantService
    public let metrics: DeskMetrics
    public let directory: DirectoryCache
    public let logger: Logger
    let intake: MessageIntake
    let changes: TicketChanges
    let signIn: SignIn
    let customerNames: CustomerNames
    let credentials: CredentialCache
    /// Open once the store is migrated (and the demo loaded): the server and the services wait for it.
    let ready: Gate
    /// SLA policies and the clocks of a ticket under them.
    let sla: SLAPolicies
    /// Gives waiting cases to free agents.
    let dispatcher: Dispatcher
    let commitments: Commitments
    /// The live chat, for the widget's socket and the chat pages.
    let chat: ChatSession
    /// The satisfaction survey after a case is solved.
    let surveys: Surveys
    /// Signed receipts of cases, and their check.
    let receipts: Receipts
}

extension Desk {
    /// Opening tickets on someone's behalf (the API and the agents' page).
    var opening: TicketOpening {
        TicketOpening(store: store, intake: intake, directory: directory, customerNames: customerNames, customers: signIn.customers)
    }
}
