import Foundation

/// Request latencies of one phase, and the figures drawn from them.
struct Latencies: Sendable {
    private(set) var samples: [Duration] = []
    var errors = 0

    mutating func record(_ duration: Duration) { samples.append(duration) }

    mutating func merge(_ other: Latencies) {
        samples += other.samples
        errors += other.errors
    }

    /// The latency below which `fraction` of the requests finished, in milliseconds.
    func percentile(_ fraction: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))
        return Self.milliseconds(sorted[index])
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    var count: Int { samples.count }

    /// How many took longer than `milliseconds`.
    func countOver(milliseconds: Double) -> Int { samples.filter { Self.milliseconds($0) > milliseconds }.count }
}
