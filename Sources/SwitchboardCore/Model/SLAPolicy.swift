import Foundation

/// One kind of wait an SLA promises to end in time.
public enum SLATarget: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// From the ticket's opening to the first public reply of a person.
    case firstResponse = "first-response"
    /// From a customer's message that follows a reply, to the next reply.
    case nextResponse = "next-response"
    /// From the opening to solved (a reopened ticket's clock goes on from where it stopped).
    case resolution
}

/// What the desk does when a promised wait runs out, step by step, each recorded as an event
/// with its reason.
public enum SLAEscalation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Tell the agent who owns the ticket.
    case notifyAssignee = "notify-assignee"
    /// Tell the supervisors of the owning team.
    case notifySupervisor = "notify-supervisor"
    /// Raise the ticket's priority one step.
    case raisePriority = "raise-priority"
    /// Take the ticket from its agent and give it to the next free one of the team.
    case reassign

    /// What a policy does when it does not say: tell the owner and the team's supervisors.
    public static let standard: [SLAEscalation] = [.notifyAssignee, .notifySupervisor]
}

/// Which tickets a policy covers. An empty set means any.
public struct SLAConditions: Sendable, Hashable, Codable {
    public var priorities: Set<Priority>
    public var tiers: Set<String>
    public var channels: Set<Channel>
    public var categories: Set<String>
    public var merchants: Set<Organization.ID>

    public init(
        priorities: Set<Priority> = [], tiers: Set<String> = [], channels: Set<Channel> = [],
        categories: Set<String> = [], merchants: Set<Organization.ID> = []
    ) {
        self.priorities = priorities
        self.tiers = tiers
        self.channels = channels
        self.categories = categories
        self.merchants = merchants
    }

    /// Whether `ticket`, of a customer in `tier`, is covered.
    public func matches(_ ticket: Ticket, tier: String?) -> Bool {
        (priorities.isEmpty || priorities.contains(ticket.priority))
            && (tiers.isEmpty || tier.map(tiers.contains) == true)
            && (channels.isEmpty || channels.contains(ticket.channel))
            && (categories.isEmpty || ticket.category.map(categories.contains) == true)
            && (merchants.isEmpty || ticket.merchantID.map(merchants.contains) == true)
    }
}

/// A promise of how long each kind of wait may last, for the tickets its conditions cover,
/// counted in the owning team's business time or in calendar time, and not while the ticket
/// waits on the customer or is on hold (as the policy says).
public struct SLAPolicy: Sendable, Hashable, Codable {
    public var name: String
    public var conditions: SLAConditions
    /// Seconds per target; a target not listed is not promised.
    public var targets: [SLATarget: TimeInterval]
    /// Count only the open hours of the owning team's calendar.
    public var businessTime: Bool
    /// Statuses during which the clocks stand still.
    public var pausedWhile: Set<TicketStatus>
    /// The share of a target after which agents are warned.
    public var warningShare: Double
    /// The steps taken, in order, when a target is breached.
    public var escalation: [SLAEscalation]

    public init(
        name: String, conditions: SLAConditions = SLAConditions(), targets: [SLATarget: TimeInterval], businessTime: Bool = true,
        pausedWhile: Set<TicketStatus> = [.pendingCustomer, .onHold], warningShare: Double = 0.75,
        escalation: [SLAEscalation] = SLAEscalation.standard
    ) throws {
        self.name = try Validate.name(name, field: "name")
        guard !targets.isEmpty else { throw DomainError.invalidField("targets", "a policy promises at least one target") }
        for (target, seconds) in targets where !(seconds >= 60 && seconds <= 366 * 86_400) {
            throw DomainError.invalidField("targets.\(target.rawValue)", "a target is one minute to a year")
        }
        guard pausedWhile.isDisjoint(with: [.new, .open, .solved, .closed]) else {
            throw DomainError.invalidField("pausedWhile", "clocks pause only while pending-customer or on-hold")
        }
        guard warningShare > 0, warningShare < 1 else {
            throw DomainError.invalidField("warningShare", "the warning comes after a share between 0 and 1 of the target")
        }
        self.conditions = conditions
        self.targets = targets
        self.businessTime = businessTime
        self.pausedWhile = pausedWhile
        self.warningShare = warningShare
        var steps: [SLAEscalation] = []
        for step in escalation where !steps.contains(step) { steps.append(step) }
        self.escalation = steps
    }

    private enum CodingKeys: String, CodingKey {
        case name, conditions, targets, businessTime, pausedWhile, warningShare, escalation
    }

    /// Reads a stored policy; one saved before escalation steps existed takes the standard ones.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: try values.decode(String.self, forKey: .name), conditions: try values.decode(SLAConditions.self, forKey: .conditions),
            targets: try values.decode([SLATarget: TimeInterval].self, forKey: .targets), businessTime: try values.decode(Bool.self, forKey: .businessTime),
            pausedWhile: try values.decode(Set<TicketStatus>.self, forKey: .pausedWhile), warningShare: try values.decode(Double.self, forKey: .warningShare),
            escalation: try values.decodeIfPresent([SLAEscalation].self, forKey: .escalation) ?? SLAEscalation.standard
        )
    }

    /// The first of `policies` (in their order) that covers the ticket.
    public static func first(of policies: [SLAPolicy], covering ticket: Ticket, tier: String?) -> SLAPolicy? {
        policies.first { $0.conditions.matches(ticket, tier: tier) }
    }
}

/// The desk's SLA policies, in order (the first that covers a ticket applies), and each team's
/// holidays (its weekly hours are the team's own).
public struct SLASettings: DeskDocumentBody, Hashable {
    public static let documentName = "sla"
    public static let empty = SLASettings(policies: [], holidays: [:])
    public static let maxPolicies = 100

    public var policies: [SLAPolicy]
    /// Days off per team, `yyyy-MM-dd` in the team's zone.
    public var holidays: [Team.ID: [String]]

    public init(policies: [SLAPolicy], holidays: [Team.ID: [String]]) {
        self.policies = policies
        self.holidays = holidays
    }

    /// Checks what a save holds: not too many policies, every team named exists, every holiday a
    /// real date (named by its place, `holidays.3[0]`).
    public func validate(teams: [Team.ID: Team]) throws {
        guard policies.count <= Self.maxPolicies else { throw DomainError.invalidField("policies", "at most \(Self.maxPolicies) policies") }
        for (team, days) in holidays.sorted(by: { $0.key < $1.key }) {
            guard let hours = teams[team]?.hours else { throw DomainError.invalidField("holidays.\(team)", "there is no team \(team)") }
            guard days.count <= 366 else { throw DomainError.invalidField("holidays.\(team)", "at most 366 holidays a team") }
            do {
                _ = try BusinessCalendar(hours: hours, holidays: days)
            } catch let error as DomainError {
                throw DomainError.invalidField("holidays.\(team)" + (error.field.map { $0.dropFirst("holidays".count) }.map(String.init) ?? ""), error.message)
            }
        }
    }

    /// The calendar SLA clocks of `team`'s tickets count in.
    public func calendar(for team: Team) -> BusinessCalendar? {
        try? BusinessCalendar(hours: team.hours, holidays: holidays[team.id] ?? [])
    }
}
