import ArgumentParser
import Foundation
import Logging
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage

/// `switchboard shop-link`: a signed Help link for one shop customer, as the shop's server would
/// make it — to try the shop entry, and to check a shop's own signing against the desk's.
struct ShopLinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shop-link",
        abstract: "Print a signed portal link for a shop customer (good for ten minutes).",
        discussion: "Signs with SWITCHBOARD_IDENTITY_SECRET when set, else with the secret this desk generated (--show-secret prints it, to give to the shop)."
    )

    @Option(help: "The shop's id for the customer.") var externalId: String
    @Option(help: "The customer's email address, vouched for by the shop.") var email: String?
    @Option(help: "The customer's name.") var name: String?
    @Option(help: "The desk's public URL (default: SWITCHBOARD_PUBLIC_URL or http://127.0.0.1:8080).") var publicURL: String?
    @Flag(help: "Also print the secret shops sign with.") var showSecret = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let claim = try ShopIdentityClaim(
            externalId: externalId, email: email, name: name, issuedAt: String(Int64(Date().timeIntervalSince1970))
        )
        let configured = environment["SWITCHBOARD_IDENTITY_SECRET"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = try await StoreService.withStore(store.location(environment: environment), logger: Logger(label: "switchboard")) { store in
            try await store.migrate()
            return try await ShopLinks.secret(configured: configured, store: store)
        }
        let base = (publicURL ?? environment["SWITCHBOARD_PUBLIC_URL"] ?? "http://127.0.0.1:8080").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        print(ShopLinks.link(claim, secret: secret, baseURL: base))
        if showSecret { print("secret: \(secret)") }
    }
}
