import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reverse proxies in front of the desk (`--trusted-proxy CIDR`). Behind one, every client
/// has the proxy's address, so the sign-in throttle would treat all of them as one; only a
/// request that comes from a trusted proxy has its `X-Forwarded-For` read, and then the client is
/// the right-most hop that is not itself a trusted proxy — the hops left of it are whatever the
/// client chose to send.
public struct TrustedProxies: Sendable, Equatable {
    public let ranges: [IPRange]

    public init(_ ranges: [IPRange] = []) {
        self.ranges = ranges
    }

    public var isEmpty: Bool { ranges.isEmpty }

    func trusts(_ address: String) -> Bool {
        guard let bytes = IPRange.bytes(address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// The client's address for a request from `peer` carrying `forwardedFor` (the header's
    /// values, in order).
    func clientAddress(peer: String, forwardedFor: [String]) -> String {
        guard trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { Self.withoutPort($0.trimmingCharacters(in: .whitespaces)) }
        var client = peer
        for hop in hops.reversed() {
            // A hop that is not an address was written by the client, not by a proxy of ours.
            guard IPRange.bytes(hop) != nil else { break }
            client = hop
            if !trusts(hop) { break }
        }
        return client
    }

    /// A hop as some proxies write it, with a port ("203.0.113.9:5173", "[2001:db8::7]:443"), as the address alone.
    static func withoutPort(_ hop: String) -> String {
        if hop.hasPrefix("["), let end = hop.firstIndex(of: "]") { return String(hop[hop.index(after: hop.startIndex)..<end]) }
        let colons = hop.filter { $0 == ":" }.count
        if colons == 1, let colon = hop.firstIndex(of: ":") { return String(hop[..<colon]) }
        return hop
    }
}

/// An IPv4 or IPv6 network in CIDR form ("10.0.0.0/8", "fd00::/8"), or one address.
public struct IPRange: Sendable, Equatable, CustomStringConvertible {
    let network: [UInt8]
    let prefix: Int
    public let description: String

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = Self.bytes(first) else { return nil }
        let bits = bytes.count * 8
        if parts.count == 2 {
            guard let prefix = Int(parts[1]), (0...bits).contains(prefix) else { return nil }
            self.prefix = prefix
        } else {
            prefix = bits
        }
        network = bytes
        description = text
    }

    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == network.count else { return false }
        var remaining = prefix
        for index in network.indices where remaining > 0 {
            let take = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - take))
            if address[index] & mask != network[index] & mask { return false }
            remaining -= take
        }
        return true
    }

    /// The address's bytes: 4 for IPv4 (an IPv4 address mapped into IPv6, as a dual-stack
    /// listener reports one, included), 16 for IPv6; nil when it is not an address.
    static func bytes(_ text: String) -> [UInt8]? {
        guard text.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            let mapped = bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
            return mapped ? Array(bytes.suffix(4)) : bytes
        }
        return nil
    }
}
