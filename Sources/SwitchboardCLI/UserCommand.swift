import ArgumentParser
import Foundation
import Logging
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage

/// `switchboard user create`: add an agent from the command line (the first admin, for one).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage agents.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an agent who can sign in.")

        @Option(help: "Sign-in email.") var email: String
        @Option(help: "agent, supervisor or admin.") var role: String
        @Option(help: "Organization id or name; created as the platform if the desk has none.") var organization: String
        @Option(help: "Display name (default: the part of the email before @).") var name: String?
        @Option(help: "Password (10+ characters); read from SWITCHBOARD_PASSWORD if omitted, else generated and printed.") var password: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard Agent.Role(rawValue: role) != nil else { throw ValidationError("--role must be agent, supervisor or admin") }
        }

        func run() async throws {
            let role = Agent.Role(rawValue: role)!
            let environment = ProcessInfo.processInfo.environment
            let generated = password == nil && environment["SWITCHBOARD_PASSWORD"] == nil
            let secret = password ?? environment["SWITCHBOARD_PASSWORD"] ?? AgentAccounts.generatePassword()
            let request = AgentAccounts.Request(
                email: email, role: role, organization: organization, name: name ?? String(email.split(separator: "@").first ?? ""), password: secret
            )
            let agent = try await StoreService.withStore(store.location(), logger: Logger(label: "switchboard")) { store in
                try await store.migrate()
                return try await AgentAccounts.create(request, in: store)
            }
            print("Created \(agent.role.rawValue) \(agent.email) — agent number \(agent.number).")
            if generated { print("Password (shown once): \(secret)") }
        }
    }
}
