import Foundation
import Hummingbird
import SwitchboardCore
import SwitchboardWeb

/// Who may see and change the desk's rules on the pages — the same rule as the API's save —
/// and the forms of those pages read into Core values, checked as the API checks its JSON.
enum DeskRulesAccess {
    /// The platform's staff read the rules. A merchant's people do not: the pages name every
    /// merchant and team of the desk, which their directory does not show them.
    static func reader(_ context: DeskRequestContext) throws -> Principal.StaffMember {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal())
        guard staff.organizationKind == .platform else { throw HTTPError(.forbidden) }
        return staff
    }

    /// The platform's supervisors and admins change them.
    static func editor(_ context: DeskRequestContext) throws -> Principal.StaffMember {
        let staff = try AccessPolicy.requireStaff(try context.requirePrincipal(), role: .supervisor)
        guard canEdit(staff) else { throw HTTPError(.forbidden) }
        return staff
    }

    static func canEdit(_ staff: Principal.StaffMember) -> Bool {
        staff.role >= .supervisor && staff.organizationKind == .platform
    }

    /// The version the form was read at, as its hidden field says.
    static func version(_ form: FormBody) -> Int64? {
        form["version"].flatMap { Int64($0) }
    }

    /// The place `{index}` a rule's route names.
    static func index(_ context: DeskRequestContext) throws -> Int {
        guard let index = context.parameters.get("index", as: Int.self), index >= 0 else { throw HTTPError(.notFound) }
        return index
    }

    /// Comma-separated values (Latin, Chinese and Persian commas), trimmed, empty ones left out.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { ",،，、".contains($0) }).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// Short names for a condition (`conditions.tiers`), each checked like the API's.
    static func names(_ text: String, field: String) throws -> [String] {
        try list(text).map { try Validate.name($0, field: field, maxLength: Limits.category) }
    }

    /// Values of ticked boxes, each one the form offered.
    static func choices<T>(_ raw: [String], field: String, _ make: (String) -> T?) throws -> [T] {
        try raw.map { value in
            guard let made = make(value) else { throw DomainError.invalidField(field, "choose from the list") }
            return made
        }
    }

    /// A whole number (minutes, a percentage), typed in any of the page languages' digits.
    static func wholeNumber(_ text: String, field: String) throws -> Double {
        guard let value = RulesNumbers.parse(text), value == value.rounded() else {
            throw DomainError.invalidField(field, "write whole minutes")
        }
        return value
    }
}

extension RoutingRuleDraft {
    init(form: FormBody) {
        self.init()
        name = form["name"] ?? ""
        topics = form["topics"] ?? ""
        languages = form["languages"] ?? ""
        tiers = form["tiers"] ?? ""
        keywords = form["keywords"] ?? ""
        tags = form["tags"] ?? ""
        channels = form.values("channel")
        priorities = form.values("priority")
        merchants = form.values("merchant")
        teamID = form["team"] ?? ""
        priority = form["raise"] ?? ""
    }

    /// The rule, checked; `merchants` are the desk's merchants (the only ones a rule may name).
    func rule(merchants known: Set<Organization.ID>) throws -> RoutingRule {
        let topics = try DeskRulesAccess.names(topics, field: "conditions.topics").map { $0.lowercased() }
        let languages = try DeskRulesAccess.list(languages).map { try LanguageTag.validate($0, field: "conditions.languages") }
        let tiers = try DeskRulesAccess.names(tiers, field: "conditions.tiers")
        let keywords = try DeskRulesAccess.names(keywords, field: "conditions.keywords")
        let channels = try DeskRulesAccess.choices(channels, field: "conditions.channels", Channel.init(rawValue:))
        let priorities = try DeskRulesAccess.choices(priorities, field: "priority", Priority.init(rawValue:))
        let merchants = try DeskRulesAccess.choices(merchants, field: "conditions.merchants") { value in
            Int64(value).map(Organization.ID.init).flatMap { known.contains($0) ? $0 : nil }
        }
        var team: Team.ID?
        if !teamID.isEmpty {
            guard let id = Int64(teamID) else { throw DomainError.invalidField("actions.teamId", "choose a team") }
            team = Team.ID(id)
        }
        var raise: Priority?
        if !priority.isEmpty {
            guard let chosen = Priority(rawValue: priority) else { throw DomainError.invalidField("priority", "choose a priority") }
            raise = chosen
        }
        return try RoutingRule(
            name: name,
            conditions: RoutingRule.Conditions(
                topics: Set(topics), channels: Set(channels), languages: Set(languages), tiers: Set(tiers),
                merchants: Set(merchants), priorities: Set(priorities), keywords: keywords
            ),
            actions: try RoutingRule.Actions(teamID: team, priority: raise, tags: DeskRulesAccess.list(tags))
        )
    }
}

extension OverflowDraft {
    /// The rows of the overflow form, numbered from 0 (`from0`, `to0`, `after0`, `remove0`).
    static func rows(_ form: FormBody) -> [OverflowDraft] {
        var rows: [OverflowDraft] = []
        for index in 0..<RoutingSettings.maxRules {
            guard let from = form["from\(index)"], let to = form["to\(index)"] else { break }
            rows.append(OverflowDraft(fromTeamID: from, toTeamID: to, minutes: form["after\(index)"] ?? "", remove: form["remove\(index)"] == "yes"))
        }
        return rows
    }

    /// The overflow the rows ask for: removed and blank rows left out.
    static func overflow(_ rows: [OverflowDraft]) throws -> [RoutingSettings.Overflow] {
        try rows.filter { !$0.remove && !$0.isBlank }.map { row in
            guard let from = Int64(row.fromTeamID), let to = Int64(row.toTeamID) else {
                throw DomainError.invalidField("overflowTeams", "choose both teams")
            }
            let minutes = try DeskRulesAccess.wholeNumber(row.minutes, field: "afterMinutes")
            return try RoutingSettings.Overflow(fromTeamID: Team.ID(from), toTeamID: Team.ID(to), afterSeconds: minutes * 60)
        }
    }
}

extension SLAPolicyDraft {
    init(form: FormBody) {
        self.init()
        name = form["name"] ?? ""
        priorities = form.values("priority")
        channels = form.values("channel")
        merchants = form.values("merchant")
        tiers = form["tiers"] ?? ""
        categories = form["categories"] ?? ""
        minutes = Dictionary(uniqueKeysWithValues: SLATarget.allCases.map { ($0.rawValue, form[$0.rawValue] ?? "") })
        businessTime = form["clock"] != "calendar"
        pausedWhile = form.values("paused")
        warningPercent = form["warning"] ?? ""
        escalation = form.values("step")
    }

    /// The policy, checked; targets left empty are not promised.
    func policy(merchants known: Set<Organization.ID>) throws -> SLAPolicy {
        var targets: [SLATarget: TimeInterval] = [:]
        for target in SLATarget.allCases {
            let text = (minutes[target.rawValue] ?? "").trimmingWhitespace()
            guard !text.isEmpty else { continue }
            targets[target] = try DeskRulesAccess.wholeNumber(text, field: "targets.\(target.rawValue)") * 60
        }
        let percent = try DeskRulesAccess.wholeNumber(warningPercent, field: "warningShare")
        guard percent >= 1, percent <= 99 else { throw DomainError.invalidField("warningShare", "warn at 1 to 99 percent") }
        let steps = try DeskRulesAccess.choices(escalation, field: "escalation", SLAEscalation.init(rawValue:))
        let merchants = try DeskRulesAccess.choices(merchants, field: "conditions.merchants") { value in
            Int64(value).map(Organization.ID.init).flatMap { known.contains($0) ? $0 : nil }
        }
        return try SLAPolicy(
            name: name,
            conditions: SLAConditions(
                priorities: Set(try DeskRulesAccess.choices(priorities, field: "priority", Priority.init(rawValue:))),
                tiers: Set(try DeskRulesAccess.names(tiers, field: "conditions")),
                channels: Set(try DeskRulesAccess.choices(channels, field: "conditions.channels", Channel.init(rawValue:))),
                categories: Set(try DeskRulesAccess.names(categories, field: "conditions").map { $0.lowercased() }),
                merchants: Set(merchants)
            ),
            targets: targets, businessTime: businessTime,
            pausedWhile: Set(try DeskRulesAccess.choices(pausedWhile, field: "pausedWhile", TicketStatus.init(rawValue:))),
            warningShare: percent / 100,
            // The steps in the page's fixed order, whatever order the boxes came in.
            escalation: SLAEscalation.allCases.filter(steps.contains)
        )
    }
}

enum HolidaysForm {
    /// The dates of a holidays textarea: one a line, a name after the date dropped (the desk
    /// keeps dates), Persian or Arabic-Indic digits read as digits, sorted, each once.
    static func days(_ text: String) -> [String] {
        let days = text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            let trimmed = RulesNumbers.latinDigits(String(line)).trimmingWhitespace()
            return trimmed.isEmpty ? nil : String(trimmed.prefix { !$0.isWhitespace })
        }
        return Array(Set(days)).sorted()
    }
}
