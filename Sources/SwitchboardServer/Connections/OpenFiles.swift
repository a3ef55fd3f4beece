import Foundation

/// This process's limit on open files (sockets included): a connection cap above it would let
/// idle clients take every descriptor and leave the desk unable to accept anyone, or to open its
/// database.
public enum OpenFiles {
    /// Descriptors kept back from connections: the database, its journal, logs, outgoing connections.
    static let reserve = 128

    /// The soft limit, or nil when it cannot be read or is unlimited (RLIM_INFINITY, all bits set).
    public static var limit: Int? {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return Int(clamping: limit.rlim_cur)
    }

    /// Raises the soft limit to the hard one, as far as the system allows.
    public static func raiseToHardLimit() {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(resource, &limit)
    }

    /// The connection cap lowered to what fits under the limit (0, no cap, stays).
    static func connectionCap(_ configured: Int) -> Int {
        guard let limit, configured > 0 else { return configured }
        return min(configured, max(1, limit - reserve))
    }

    #if os(Linux)
    private static let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}
