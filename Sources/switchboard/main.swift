import Logging
import SwitchboardCLI

LoggingSystem.bootstrap(StreamLogHandler.standardError)
await CommandLineEntry.run()
