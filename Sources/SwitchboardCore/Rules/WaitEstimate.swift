import Foundation

/// Placeholder until the estimate lands (same interface).
public enum WaitEstimate {
    public struct Seat: Sendable, Hashable {
        public var capacity: Int
        public var openCases: Int
        public init(capacity: Int, openCases: Int) {
            self.capacity = capacity
            self.openCases = openCases
        }
    }

    public struct Input: Sendable, Hashable {
        public var ahead: Int
        public var seats: [Seat]
        public var recentHandlingTimes: [TimeInterval]
        public init(ahead: Int, seats: [Seat], recentHandlingTimes: [TimeInterval]) {
            self.ahead = ahead
            self.seats = seats
            self.recentHandlingTimes = recentHandlingTimes
        }
    }

    public struct Estimate: Sendable, Hashable {
        public var place: Int
        public var seconds: TimeInterval
    }

    public static func estimate(_ input: Input) -> Estimate? {
        guard !input.seats.isEmpty else { return nil }
        let free = input.seats.reduce(0) { $0 + max(0, $1.capacity - $1.openCases) }
        let capacity = max(1, input.seats.reduce(0) { $0 + $1.capacity })
        let handling = input.recentHandlingTimes.isEmpty ? 480 : input.recentHandlingTimes.sorted()[input.recentHandlingTimes.count / 2]
        let beyond = max(0, input.ahead + 1 - free)
        return Estimate(place: input.ahead + 1, seconds: beyond == 0 ? 5 : Double(beyond) * handling / Double(capacity))
    }
}
