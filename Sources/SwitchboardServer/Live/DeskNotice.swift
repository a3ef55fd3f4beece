/// What one part of the desk tells the others, on this node and every node sharing the database.
/// Ticket events travel through the event log; these say "look again" to the parts that keep
/// something in memory or wait for work.
public enum DeskNotice: Sendable, Hashable {
    /// New events are in the log.
    case logAdvanced
    /// Organizations, teams or agents changed: cached directories are stale.
    case directoryChanged
    /// A session or API token ended or changed (by the hash of its secret): forget it at once.
    case credentialChanged(hash: String)
    /// Sessions or tokens changed in bulk (a password changed, an agent deactivated): forget them all.
    case credentialsChanged
    /// Jobs were stored that may be due now.
    case jobsEnqueued
    /// Routing rules were saved: cached rules are stale.
    case rulesChanged

    /// The notice as one line sent between nodes.
    var line: String {
        switch self {
        case .logAdvanced: "log"
        case .directoryChanged: "directory"
        case .credentialChanged(let hash): "credential " + hash
        case .credentialsChanged: "credentials"
        case .jobsEnqueued: "jobs"
        case .rulesChanged: "rules"
        }
    }

    init?(line: Substring) {
        switch line {
        case "log": self = .logAdvanced
        case "directory": self = .directoryChanged
        case "credentials": self = .credentialsChanged
        case "jobs": self = .jobsEnqueued
        case "rules": self = .rulesChanged
        case _ where line.hasPrefix("credential "):
            let hash = line.dropFirst("credential ".count)
            guard !hash.isEmpty, hash.count <= 128, hash.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            self = .credentialChanged(hash: String(hash))
        default: return nil
        }
    }
}
