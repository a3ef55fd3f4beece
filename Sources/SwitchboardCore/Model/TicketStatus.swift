/// Where a ticket stands. Transitions are explicit; anything not listed is refused.
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    case new
    case open
    case pendingCustomer = "pending-customer"
    case onHold = "on-hold"
    case solved
    case closed

    /// The states a ticket may move to from this one by an explicit status change.
    public var allowedTransitions: Set<TicketStatus> {
        switch self {
        case .new: [.open, .pendingCustomer, .onHold, .solved]
        case .open: [.pendingCustomer, .onHold, .solved]
        case .pendingCustomer: [.open, .onHold, .solved]
        case .onHold: [.open, .pendingCustomer, .solved]
        case .solved: [.open, .closed]
        case .closed: []
        }
    }

    /// Whether the ticket is still being worked on (not solved or closed).
    public var isActive: Bool { self != .solved && self != .closed }

    /// Checks a requested change and returns the new status, or an error naming both states.
    public func transition(to target: TicketStatus) throws -> TicketStatus {
        guard allowedTransitions.contains(target) else {
            let hint = self == .closed ? "; a closed ticket is final — a follow-up opens a new ticket" : ""
            throw DomainError(
                .invalidTransition,
                "a ticket cannot move from '\(rawValue)' to '\(target.rawValue)'\(hint)",
                field: "status"
            )
        }
        return target
    }

    /// The status after a public customer reply: waiting-for-customer and solved tickets reopen.
    /// A closed ticket never reopens; the reply must open a linked follow-up instead.
    public var afterCustomerReply: TicketStatus {
        switch self {
        case .pendingCustomer, .solved: .open
        case .new, .open, .onHold, .closed: self
        }
    }

    /// The status after an agent's public reply: a new ticket becomes open.
    public var afterAgentReply: TicketStatus {
        self == .new ? .open : self
    }
}
