import Foundation

/// A small generator with a seed (SplitMix64), so a simulated desk or day is the same on every
/// run and machine: a figure that moves is the code's doing, not the dice's.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A normally distributed number (Box–Muller).
    mutating func normal(mean: Double, deviation: Double) -> Double {
        let u = max(unit(), .leastNonzeroMagnitude), v = unit()
        return mean + deviation * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// A log-normally distributed number with the given median (half the draws below it).
    mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(normal(mean: 0, deviation: sigma))
    }

    /// One of `choices`, each as likely as its weight.
    mutating func weighted<T>(_ choices: [(T, Double)]) -> T {
        let total = choices.reduce(0) { $0 + $1.1 }
        var point = unit() * total
        for (value, weight) in choices {
            if point < weight { return value }
            point -= weight
        }
        return choices[choices.count - 1].0
    }

    mutating func pick<T>(_ values: [T]) -> T { values[Int(next() % UInt64(values.count))] }
}
