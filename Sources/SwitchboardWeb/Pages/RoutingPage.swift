import Foundation
import SwitchboardCore

/// `/admin/routing`: the desk's routing rules in order, each as a sentence ("When topic is Refund
/// and language is Persian → Payments & refunds"), the default team and overflow. Platform
/// supervisors and admins get a form per rule, move and delete, and the forms below; other staff
/// read. A refused save comes back with what was typed, in its form, opened.
public struct RoutingPage: WebPage {
    public struct RuleCard: Sendable {
        /// Its place in the list, from 0, as the move and delete routes name it.
        public let index: String
        public let number: String
        public let name: String
        public let when: String
        public let team: String
        /// Priority and tags, when the rule sets them.
        public let extras: String?
        public let canMoveUp: Bool
        public let canMoveDown: Bool
        public let form: RuleForm
    }

    /// One rule's form (or the new rule's).
    public struct RuleForm: Sendable {
        /// The id prefix of its controls, and of the `<details>` around it.
        public let prefix: String
        public let action: String
        /// Where delete posts, for a saved rule.
        public let deleteAction: String?
        public let open: Bool
        public let formError: String?
        public let name: String
        public let topics: String
        public let languages: String
        public let tiers: String
        public let keywords: String
        public let tags: String
        public let channels: [FormChoice]
        public let priorities: [FormChoice]
        public let merchants: [FormChoice]
        public let teams: [FormChoice]
        public let raiseTo: [FormChoice]
        public let hasMerchants: Bool
        public let submit: String
    }

    public struct OverflowLine: Sendable { public let text: String }

    public struct OverflowRow: Sendable {
        public let prefix: String
        public let index: String
        public let legend: String
        public let isNew: Bool
        public let from: [FormChoice]
        public let to: [FormChoice]
        public let minutes: String
        public let remove: Bool
    }

    public let page: PageFrame
    public let t: [String: String]
    public let tabs: [RulesTab]
    public let version: String
    public let canEdit: Bool
    public let notice: String?
    public let alert: RulesAlert?
    public let rules: [RuleCard]
    public let hasRules: Bool
    public let newRule: RuleForm
    public let defaultTeamName: String
    public let defaultTeams: [FormChoice]
    public let defaultError: String?
    public let overflowLines: [OverflowLine]
    public let hasOverflow: Bool
    public let overflowRows: [OverflowRow]
    public let overflowError: String?

    /// - Parameters:
    ///   - draft: what was sent in the form a save refused, shown again with `problem`.
    ///   - problem: the refused change's key (`PageProblem.settingsKey`).
    public init(
        language: UILanguage, csrfToken: String, user: PageFrame.User, settings: RoutingSettings, version: Int64,
        teams: [Team], organizations: [Organization], canEdit: Bool, draft: Draft? = nil, problem: String? = nil, saved: Bool = false
    ) {
        let strings = Catalog.strings(language)
        let format = PageFormat(language: language)
        let names = Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let choices = RulesChoices(strings: strings, teams: teams, organizations: organizations)
        let words = ConditionWords(strings: strings, format: format, organizations: Dictionary(organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
        page = PageFrame(language: language, path: "/admin/routing", csrfToken: csrfToken, user: user)
        t = strings
        tabs = RulesTab.tabs(current: "/admin/routing", strings: strings)
        self.version = String(version)
        self.canEdit = canEdit
        notice = saved && problem == nil ? strings["routingSaved"] : nil
        let message = problem.map { PageProblem.text($0, strings) }

        func form(_ index: Int?, _ values: RoutingRuleDraft, open: Bool, error: String?) -> RuleForm {
            let prefix = index.map { "rule-\($0 + 1)" } ?? "rule-new"
            return RuleForm(
                prefix: prefix, action: index.map { "/admin/routing/rules/\($0)" } ?? "/admin/routing/rules",
                deleteAction: index.map { "/admin/routing/rules/\($0)/delete" }, open: open, formError: error,
                name: values.name, topics: values.topics, languages: values.languages, tiers: values.tiers, keywords: values.keywords, tags: values.tags,
                channels: choices.boxes(Channel.allCases, prefix: "\(prefix)-channel", labelKey: "channel", checked: values.channels),
                priorities: choices.boxes(Priority.allCases, prefix: "\(prefix)-priority", labelKey: "priority", checked: values.priorities),
                merchants: choices.merchantBoxes(prefix: "\(prefix)-merchant", checked: values.merchants),
                teams: choices.teamOptions(prefix: "\(prefix)-team", selected: values.teamID, none: strings["routingTeamDefault"] ?? ""),
                raiseTo: [FormChoice(id: "\(prefix)-raise-none", value: "", label: strings["routingPriorityKeep"] ?? "", checked: values.priority.isEmpty)]
                    + choices.boxes(Priority.allCases, prefix: "\(prefix)-raise", labelKey: "priority", checked: [values.priority]),
                hasMerchants: !choices.merchants.isEmpty, submit: strings[index == nil ? "routingAddRuleButton" : "save"] ?? ""
            )
        }

        var ruleDraft: (index: Int?, values: RoutingRuleDraft)?
        if case .rule(let index, let values)? = draft { ruleDraft = (index, values) }
        let arrow = strings["routingArrow"] ?? "→"
        rules = settings.rules.enumerated().map { index, rule in
            let conditions = rule.conditions
            let when = words.all([
                words.phrase("topics", words.topics(conditions.topics)), words.phrase("languages", words.languages(conditions.languages)),
                words.phrase("channels", words.channels(conditions.channels)), words.phrase("tiers", conditions.tiers.sorted()),
                words.phrase("merchants", words.merchants(conditions.merchants)), words.phrase("priorities", words.priorities(conditions.priorities)),
                words.phrase("keywords", words.quoted(conditions.keywords), isolated: true),
            ])
            var extras: [String] = []
            if let priority = rule.actions.priority {
                extras.append(String(format: strings["routingThenPriority"] ?? "%@", strings["priority.\(priority.rawValue)"] ?? priority.rawValue))
            }
            if !rule.actions.tags.isEmpty {
                extras.append(String(format: strings["routingThenTags"] ?? "%@", rule.actions.tags.joined(separator: ", ")))
            }
            let team = rule.actions.teamID.map { names[$0] ?? "#\($0.rawValue)" } ?? strings["routingTeamDefault"] ?? ""
            let drafted = ruleDraft?.index == index ? ruleDraft : nil
            return RuleCard(
                index: String(index), number: format.number(index + 1), name: rule.name,
                when: when.map { String(format: strings["routingWhen"] ?? "%@", $0) } ?? strings["routingAnyCase"] ?? "",
                team: "\(arrow) \(team)", extras: extras.isEmpty ? nil : extras.joined(separator: strings["partSeparator"] ?? " · "),
                canMoveUp: index > 0, canMoveDown: index < settings.rules.count - 1,
                form: form(index, drafted?.values ?? RoutingRuleDraft(rule), open: drafted != nil, error: drafted != nil ? message : nil)
            )
        }
        hasRules = !rules.isEmpty
        let newDrafted = ruleDraft != nil && ruleDraft?.index == nil
        newRule = form(nil, newDrafted ? ruleDraft!.values : RoutingRuleDraft(), open: newDrafted, error: newDrafted ? message : nil)

        let defaultValue: String
        if case .defaultTeam(let sent)? = draft { defaultValue = sent } else { defaultValue = settings.defaultTeamID.map { String($0.rawValue) } ?? "" }
        defaultTeams = choices.teamOptions(prefix: "default-team", selected: defaultValue, none: strings["routingNoDefault"] ?? "")
        defaultTeamName = settings.defaultTeamID.map { names[$0] ?? "#\($0.rawValue)" } ?? strings["routingNoDefault"] ?? ""
        if case .defaultTeam? = draft { defaultError = message } else { defaultError = nil }

        overflowLines = settings.overflow.map { item in
            let after = SLAView.duration(item.afterSeconds, strings: strings, format: format)
            return OverflowLine(text: String(format: strings["routingOverflowLine"] ?? "%@ %@ %@", names[item.fromTeamID] ?? "", names[item.toTeamID] ?? "", after))
        }
        hasOverflow = !overflowLines.isEmpty
        var rows: [OverflowDraft]
        if case .overflow(let sent)? = draft {
            rows = sent
            overflowError = message
        } else {
            rows = settings.overflow.map(OverflowDraft.init)
            overflowError = nil
        }
        if !rows.contains(where: \.isBlank) { rows.append(OverflowDraft()) }
        overflowRows = rows.enumerated().map { index, row in
            let prefix = "overflow-\(index)"
            let isNew = row.isBlank
            let legend = isNew ? strings["routingNewOverflow"] ?? "" : String(format: strings["routingOverflowRow"] ?? "%@", format.number(index + 1))
            return OverflowRow(
                prefix: prefix, index: String(index), legend: legend, isNew: isNew,
                from: choices.teamOptions(prefix: "\(prefix)-from", selected: row.fromTeamID, none: strings["routingChooseTeam"] ?? ""),
                to: choices.teamOptions(prefix: "\(prefix)-to", selected: row.toTeamID, none: strings["routingChooseTeam"] ?? ""),
                minutes: row.minutes, remove: row.remove
            )
        }

        let anchor: String? = switch draft {
        case .rule(let index, _)?: index.map { "rule-\($0 + 1)-edit" } ?? "rule-new-edit"
        case .defaultTeam?: "default-team"
        case .overflow?: "overflow"
        case nil: nil
        }
        alert = message.map { RulesAlert(text: $0, anchor: anchor) }
    }
}
