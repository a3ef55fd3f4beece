import Foundation
import SwitchboardCore

/// `/admin/sla`: the SLA policies in order ("Urgent: first reply 15 min, resolution 4 h, around
/// the clock") and each team's holidays. Platform supervisors and admins edit a policy in its own
/// form, move, delete and add them, and set a team's holidays; other staff read.
public struct SLAPage: WebPage {
    public struct PolicyCard: Sendable {
        public let index: String
        public let number: String
        public let name: String
        public let covers: String
        public let targets: [String]
        /// How time is counted, when it pauses, the warning and what happens when late.
        public let terms: String
        public let canMoveUp: Bool
        public let canMoveDown: Bool
        public let form: PolicyForm
    }

    public struct TargetField: Sendable {
        public let id: String
        public let name: String
        public let label: String
        public let value: String
    }

    public struct PolicyForm: Sendable {
        public let prefix: String
        public let action: String
        public let deleteAction: String?
        public let open: Bool
        public let formError: String?
        public let name: String
        public let priorities: [FormChoice]
        public let channels: [FormChoice]
        public let merchants: [FormChoice]
        public let hasMerchants: Bool
        public let tiers: String
        public let categories: String
        public let targets: [TargetField]
        public let clocks: [FormChoice]
        public let paused: [FormChoice]
        public let warning: String
        public let steps: [FormChoice]
        public let submit: String
    }

    public struct TeamHolidays: Sendable {
        public let prefix: String
        public let action: String
        public let name: String
        public let timeZone: String
        /// The team's own page, for admins (weekly hours and time zone are set there).
        public let teamPage: String?
        public let days: [String]
        public let hasDays: Bool
        public let text: String
        public let open: Bool
        public let formError: String?
    }

    public let page: PageFrame
    public let t: [String: String]
    public let tabs: [RulesTab]
    public let version: String
    public let canEdit: Bool
    public let notice: String?
    public let alert: RulesAlert?
    public let policies: [PolicyCard]
    public let hasPolicies: Bool
    public let newPolicy: PolicyForm
    public let teams: [TeamHolidays]

    public init(
        language: UILanguage, csrfToken: String, user: PageFrame.User, settings: SLASettings, version: Int64,
        teams: [Team], organizations: [Organization], canEdit: Bool, draft: Draft? = nil, problem: String? = nil, saved: Bool = false
    ) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language)
        let choices = RulesChoices(strings: strings, teams: teams, organizations: organizations)
        let words = ConditionWords(strings: strings, format: format, organizations: Dictionary(organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
        page = PageFrame(language: language, path: "/admin/sla", csrfToken: csrfToken, user: user)
        t = strings
        tabs = RulesTab.tabs(current: "/admin/sla", strings: strings)
        self.version = String(version)
        self.canEdit = canEdit
        notice = saved && problem == nil ? strings["slaPageSaved"] : nil
        let message = problem.map { PageProblem.text($0, strings) }

        func form(_ index: Int?, _ values: SLAPolicyDraft, open: Bool, error: String?) -> PolicyForm {
            let prefix = index.map { "policy-\($0 + 1)" } ?? "policy-new"
            return PolicyForm(
                prefix: prefix, action: index.map { "/admin/sla/policies/\($0)" } ?? "/admin/sla/policies",
                deleteAction: index.map { "/admin/sla/policies/\($0)/delete" }, open: open, formError: error, name: values.name,
                priorities: choices.boxes(Priority.allCases, prefix: "\(prefix)-priority", labelKey: "priority", checked: values.priorities),
                channels: choices.boxes(Channel.allCases, prefix: "\(prefix)-channel", labelKey: "channel", checked: values.channels),
                merchants: choices.merchantBoxes(prefix: "\(prefix)-merchant", checked: values.merchants), hasMerchants: !choices.merchants.isEmpty,
                tiers: values.tiers, categories: values.categories,
                targets: SLATarget.allCases.map {
                    TargetField(id: "\(prefix)-\($0.rawValue)", name: $0.rawValue, label: strings["sla.\($0.rawValue)"] ?? $0.rawValue, value: values.minutes[$0.rawValue] ?? "")
                },
                clocks: [
                    FormChoice(id: "\(prefix)-clock-business", value: "business", label: strings["slaPageClockBusiness"] ?? "", checked: values.businessTime),
                    FormChoice(id: "\(prefix)-clock-calendar", value: "calendar", label: strings["slaPageClockCalendar"] ?? "", checked: !values.businessTime),
                ],
                paused: choices.boxes([TicketStatus.pendingCustomer, .onHold], prefix: "\(prefix)-pause", labelKey: "status", checked: values.pausedWhile),
                warning: values.warningPercent,
                steps: choices.boxes(SLAEscalation.allCases, prefix: "\(prefix)-step", labelKey: "escalationStep", checked: values.escalation),
                submit: strings[index == nil ? "slaPageAddButton" : "save"] ?? ""
            )
        }

        var policyDraft: (index: Int?, values: SLAPolicyDraft)?
        if case .policy(let index, let values)? = draft { policyDraft = (index, values) }
        policies = settings.policies.enumerated().map { index, policy in
            let conditions = policy.conditions
            let covered = words.all([
                words.phrase("priorities", words.priorities(conditions.priorities)), words.phrase("tiers", conditions.tiers.sorted()),
                words.phrase("channels", words.channels(conditions.channels)), words.phrase("categories", words.topics(conditions.categories)),
                words.phrase("merchants", words.merchants(conditions.merchants)),
            ])
            let drafted = policyDraft?.index == index ? policyDraft : nil
            return PolicyCard(
                index: String(index), number: format.number(index + 1), name: policy.name,
                covers: covered.map { String(format: strings["slaPageCovers"] ?? "%@", $0) } ?? strings["slaPageCoversAll"] ?? "",
                targets: SLATarget.allCases.compactMap { target in
                    policy.targets[target].map { "\(strings["sla.\(target.rawValue)"] ?? "") \(SLAView.duration($0, strings: strings, format: format))" }
                },
                terms: Self.terms(policy, strings: strings, words: words),
                canMoveUp: index > 0, canMoveDown: index < settings.policies.count - 1,
                form: form(index, drafted?.values ?? SLAPolicyDraft(policy), open: drafted != nil, error: drafted != nil ? message : nil)
            )
        }
        hasPolicies = !policies.isEmpty
        let newDrafted = policyDraft != nil && policyDraft?.index == nil
        newPolicy = form(nil, newDrafted ? policyDraft!.values : SLAPolicyDraft(), open: newDrafted, error: newDrafted ? message : nil)

        let days = DayFormat(language: language)
        self.teams = teams.map { team in
            let saved = (settings.holidays[team.id] ?? []).sorted()
            var text = saved.joined(separator: "\n"), open = false, error: String?
            if case .holidays(let id, let sent)? = draft, id == team.id {
                text = sent
                open = true
                error = message
            }
            return TeamHolidays(
                prefix: "holidays-\(team.id.rawValue)", action: "/admin/sla/holidays/\(team.id.rawValue)", name: choices.teamLabel(team),
                timeZone: team.hours.timeZone, teamPage: user.isAdmin ? "/admin/teams/\(team.id.rawValue)" : nil,
                days: saved.map(days.text), hasDays: !saved.isEmpty, text: text, open: open, formError: error
            )
        }

        let anchor: String? = switch draft {
        case .policy(let index, _)?: index.map { "policy-\($0 + 1)-edit" } ?? "policy-new-edit"
        case .holidays(let team, _)?: "holidays-\(team.rawValue)"
        case nil: nil
        }
        alert = message.map { RulesAlert(text: $0, anchor: anchor) }
    }

    /// "Around the clock · paused while waiting for the customer · warning at 75% · when late: tell the owner".
    static func terms(_ policy: SLAPolicy, strings: [String: String], words: ConditionWords) -> String {
        var parts = [strings[policy.businessTime ? "slaPageBusinessTime" : "slaPageCalendarTime"] ?? ""]
        let paused = [TicketStatus.pendingCustomer, .onHold].filter(policy.pausedWhile.contains).map { strings["slaPause.\($0.rawValue)"] ?? $0.rawValue }
        parts.append(paused.isEmpty ? strings["slaPageNeverPaused"] ?? "" : String(format: strings["slaPagePausedWhile"] ?? "%@", paused.joined(separator: strings["rulesOr"] ?? " or ")))
        parts.append(String(format: strings["slaPageWarningAt"] ?? "%@", words.percent(Int((policy.warningShare * 100).rounded()))))
        let steps = policy.escalation.map { strings["escalation.\($0.rawValue)"] ?? $0.rawValue }
        parts.append(steps.isEmpty ? strings["slaPageNoSteps"] ?? "" : String(format: strings["slaPageOnBreach"] ?? "%@", steps.joined(separator: strings["listComma"] ?? ", ")))
        return parts.joined(separator: strings["partSeparator"] ?? " · ")
    }
}

/// A holiday (`yyyy-MM-dd`) as the page language writes a day: "Dec 25, 2026", "2026年12月25日",
/// "۴ دی ۱۴۰۵".
struct DayFormat {
    let input = DateFormatter()
    let output = DateFormatter()

    init(language: UILanguage) {
        input.locale = Locale(identifier: "en_US_POSIX")
        input.calendar = Calendar(identifier: .gregorian)
        input.timeZone = TimeZone(identifier: "UTC")
        input.dateFormat = "yyyy-MM-dd"
        let format = PageFormat(language: language)
        output.locale = format.dates.locale
        output.calendar = format.dates.calendar
        output.timeZone = TimeZone(identifier: "UTC")
        output.dateStyle = .medium
        output.timeStyle = .none
    }

    func text(_ day: String) -> String { input.date(from: day).map(output.string(from:)) ?? day }
}
