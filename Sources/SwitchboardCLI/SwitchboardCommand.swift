import ArgumentParser

/// `switchboard`: the desk's command line.
public struct SwitchboardCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Switchboard, the customer-service desk.",
        subcommands: [ServeCommand.self, MigrateCommand.self, DemoCommand.self, UserCommand.self, ShopLinkCommand.self, BenchCommand.self, AssistantCommand.self, VerifyCommand.self, RotateReceiptKeyCommand.self]
    )

    public init() {}
}

/// The executable's one call.
public enum CommandLineEntry {
    public static func run() async {
        await SwitchboardCommand.main()
    }
}
