/// What kind of thing an event records: a short snake_case name.
///
/// Kinds are open on purpose. A desk keeps events of kinds that a newer Switchboard wrote (a
/// rolling upgrade, a downgrade after one), so the schema lists none of them and readers meet
/// unknown ones as `TicketChange.other`. A new kind needs no table rebuild, only a name here.
public struct EventKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// A kind name: 1–40 characters of `a–z`, digits and `_`, starting with a letter.
    public init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard (1...40).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
              bytes.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") })
        else { return nil }
        self.rawValue = rawValue
    }

    private init(known: String) { rawValue = known }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let kind = EventKind(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an event kind")
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static let created = EventKind(known: "created")
    public static let message = EventKind(known: "message")
    public static let assigned = EventKind(known: "assigned")
    public static let transferred = EventKind(known: "transferred")
    public static let priorityChanged = EventKind(known: "priority_changed")
    public static let statusChanged = EventKind(known: "status_changed")
    public static let tagsChanged = EventKind(known: "tags_changed")
    public static let fieldsChanged = EventKind(known: "fields_changed")
    public static let problemUpdated = EventKind(known: "problem_updated")
    public static let categoryChanged = EventKind(known: "category_changed")
    public static let customerMerged = EventKind(known: "customer_merged")
    public static let followUpOpened = EventKind(known: "follow_up_opened")
    public static let languageChanged = EventKind(known: "language_changed")
    public static let handoffRequested = EventKind(known: "handoff_requested")
    public static let intentCorrected = EventKind(known: "intent_corrected")
    public static let slaWarning = EventKind(known: "sla_warning")
    public static let slaBreached = EventKind(known: "sla_breached")
    public static let escalated = EventKind(known: "escalated")
    public static let commitmentMade = EventKind(known: "commitment_made")
    public static let commitmentKept = EventKind(known: "commitment_kept")
    public static let commitmentMissed = EventKind(known: "commitment_missed")
    public static let surveyAnswered = EventKind(known: "survey_answered")

    /// Every kind this Switchboard writes and reads.
    public static let known: [EventKind] = [
        .created, .message, .assigned, .transferred, .priorityChanged, .statusChanged, .tagsChanged, .fieldsChanged,
        .problemUpdated, .categoryChanged, .customerMerged, .followUpOpened, .languageChanged, .handoffRequested, .intentCorrected,
        .slaWarning, .slaBreached, .escalated, .commitmentMade, .commitmentKept, .commitmentMissed,
        .surveyAnswered,
    ]
}
