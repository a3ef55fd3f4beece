import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage

/// `switchboard serve`: migrate, optionally load the demo desk, and serve until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the desk.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @OptionGroup var store: StoreOptions
    @Flag(help: "Load the demo desk (if the database is empty) and print its sign-ins.") var demo = false
    @Option(help: "The URL people reach the desk at, for links in emails (default http://host:port).") var publicURL: String?
    @Option(help: "Largest request body in bytes.") var maxBodySize = 1 << 20
    @Option(help: "Seconds a shop's signed identity link is good for after the shop signed it.") var shopLinkLifetime = 600
    @Option(help: "Minutes without activity after which an online agent becomes away (0: never; env SWITCHBOARD_AUTO_AWAY).") var autoAway: Int?
    @Option(help: "Minutes within which a case sent back to the team that sent it is flagged to supervisors (env SWITCHBOARD_BOUNCE_WINDOW).") var bounceWindow: Int?
    @Option(help: "Seconds after a case is solved until its satisfaction survey goes out (env SWITCHBOARD_SURVEY_DELAY; default 600).") var surveyDelay: Int?
    @Option(help: "Hours a customer may change their survey answer after giving it (env SWITCHBOARD_SURVEY_EDIT_HOURS; default 24).") var surveyEditHours: Int?
    @Option(help: ArgumentHelp("A reverse proxy (CIDR or address) whose X-Forwarded-For names the client; repeat for several.", valueName: "cidr"))
    var trustedProxy: [String] = []
    @Option(help: "Where trained assistant models are kept (default: the data directory's assistant/).") var assistantCache: String?
    @Option(help: "A name for this node in job leases and logs (default: the host name and a random suffix).") var node: String?
    @OptionGroup var limits: LimitOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = {
            var logger = Logger(label: "switchboard")
            logger.logLevel = environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return logger
        }()
        let (connections, liveStreams) = try limits.limits(environment: environment)
        var settings = ServerConfiguration(
            host: host, port: port, publicURL: publicURL ?? environment["SWITCHBOARD_PUBLIC_URL"], maxBodySize: maxBodySize,
            identitySecret: environment["SWITCHBOARD_IDENTITY_SECRET"].flatMap { $0.isEmpty ? nil : $0 },
            connections: connections, liveStreams: liveStreams
        )
        guard (30...86_400).contains(shopLinkLifetime) else {
            throw ValidationError("--shop-link-lifetime is 30 to 86400 seconds")
        }
        settings.shopLinkLifetime = TimeInterval(shopLinkLifetime)
        let away = try autoAway ?? Self.whole(environment["SWITCHBOARD_AUTO_AWAY"], name: "SWITCHBOARD_AUTO_AWAY") ?? 15
        guard (0...1_440).contains(away) else { throw ValidationError("--auto-away is 0 (never) to 1440 minutes") }
        settings.autoAway = away == 0 ? nil : TimeInterval(away * 60)
        let bounce = try bounceWindow ?? Self.whole(environment["SWITCHBOARD_BOUNCE_WINDOW"], name: "SWITCHBOARD_BOUNCE_WINDOW") ?? 30
        guard (1...10_080).contains(bounce) else { throw ValidationError("--bounce-window is 1 to 10080 minutes") }
        settings.bounceWindow = TimeInterval(bounce * 60)
        let surveyDelay = try surveyDelay ?? Self.whole(environment["SWITCHBOARD_SURVEY_DELAY"], name: "SWITCHBOARD_SURVEY_DELAY") ?? 600
        guard (0...30 * 86_400).contains(surveyDelay) else { throw ValidationError("--survey-delay is 0 to 2592000 seconds") }
        let editHours = try surveyEditHours ?? Self.whole(environment["SWITCHBOARD_SURVEY_EDIT_HOURS"], name: "SWITCHBOARD_SURVEY_EDIT_HOURS") ?? 24
        guard (0...720).contains(editHours) else { throw ValidationError("--survey-edit-hours is 0 to 720 hours") }
        settings.surveys = SurveySettings(delay: TimeInterval(surveyDelay), editWindow: TimeInterval(editHours * 3_600))
        let proxies = trustedProxy + (environment["SWITCHBOARD_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        settings.trustedProxies = TrustedProxies(try proxies.filter { !$0.isEmpty }.map { text in
            guard let range = IPRange(text) else { throw ValidationError("--trusted-proxy \(text) is not an address or a CIDR range such as 10.0.0.0/8") }
            return range
        })
        let server = settings
        // Many systems start a process at 1,024 open files while allowing far more: the connection
        // cap is only as high as this limit.
        OpenFiles.raiseToHardLimit()
        let location = store.location(environment: environment)
        let configuration = DeskConfiguration(
            server: server, store: .location(location), assistantCache: assistantCache ?? store.assistantCacheDirectory,
            demo: demo, node: node ?? DeskConfiguration.newNodeName(), mailer: LogMailer(logger: logger)
        )
        let demo = demo
        let built = try SwitchboardApplication.buildApplication(configuration: configuration, logger: logger) { _ in
            var banner = "Switchboard is running at \(server.baseURL)  (data: \(location))\n"
            banner += "Agents sign in at \(server.baseURL)/sign-in; customers ask for a sign-in link at \(server.baseURL)/portal/sign-in.\n"
            banner += "Customers chat at \(server.baseURL)/chat; put the widget on a site with <script src=\"\(server.baseURL)/widget.js\" async></script>.\n"
            if demo {
                banner += "Try the chat as a customer would, on the demo shop: \(server.baseURL)/demo-shop\n"
                banner += "Demo sign-ins (password: \(DemoDesk.password)):\n"
                for signIn in DemoDesk.signIns {
                    banner += "  \(signIn.email.padding(toLength: 30, withPad: " ", startingAt: 0)) \(signIn.role) — \(signIn.name)\n"
                }
                banner += "Demo customers are customer1@mail.demo … customer30@mail.demo; with no mail server configured,\n"
                banner += "  their sign-in links appear in this log.\n"
            }
            banner += "Stop with Ctrl-C; in-flight requests finish first, open live pages are closed.\n"
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        try await built.application.runService()
    }

    /// A whole number of minutes from the environment, when set.
    /// A whole number from the environment (minutes, seconds or hours, as `name` says).
    static func whole(_ text: String?, name: String) throws -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text) else { throw ValidationError("\(name) is a whole number, not “\(text)”") }
        return value
    }
}
