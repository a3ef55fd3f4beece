import Foundation

/// Readers for the public intent datasets Switchboard is measured on, and a plain TSV.
public enum DatasetFormat: String, Sendable, CaseIterable {
    /// BANKING77: CSV with header `text,category`.
    case banking77
    /// MASSIVE converted: `token:TAG token:TAG … <=> intent` per line.
    case massive
    /// SMP2020-ECDT: a JSON array of {"text", "intent", …}.
    case smp
    /// `text<TAB>intent` per line.
    case tsv

    /// The language of the dataset Switchboard is measured on (nil for a TSV, which may hold any).
    public var language: Language? {
        switch self {
        case .banking77: .english
        case .massive: .persian
        case .smp: .chinese
        case .tsv: nil
        }
    }

    public func read(_ url: URL) throws -> [IntentTrainer.Example] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw AssistantError.unreadableDataset("\(url.lastPathComponent) cannot be read as UTF-8")
        }
        switch self {
        case .banking77: return try Self.csv(text)
        case .massive: return Self.massive(text)
        case .smp: return try Self.smp(text)
        case .tsv: return Self.tsv(text)
        }
    }

    static func csv(_ text: String) throws -> [IntentTrainer.Example] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == "," { row.append(field); field = "" } else if next == "\n" || next == "\r\n" { row.append(field); rows.append(row); row = []; field = "" } else { field.append(next) }
                        }
                    } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        guard let header = rows.first, let textColumn = header.firstIndex(of: "text"), let labelColumn = header.firstIndex(of: "category") else {
            throw AssistantError.unreadableDataset("expected a CSV header with text and category")
        }
        return rows.dropFirst().compactMap { row in
            guard row.count > max(textColumn, labelColumn) else { return nil }
            return IntentTrainer.Example(text: row[textColumn], label: row[labelColumn])
        }
    }

    static func massive(_ text: String) -> [IntentTrainer.Example] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.components(separatedBy: " <=> ")
            guard parts.count == 2 else { return nil }
            let words = parts[0].split(separator: " ").map { token -> Substring in
                guard let colon = token.lastIndex(of: ":") else { return token }
                return token[..<colon]
            }
            return IntentTrainer.Example(text: words.joined(separator: " "), label: parts[1].trimmingCharacters(in: .whitespaces))
        }
    }

    static func smp(_ text: String) throws -> [IntentTrainer.Example] {
        struct Entry: Decodable {
            let text: String
            let intent: String
        }
        do {
            return try JSONDecoder().decode([Entry].self, from: Data(text.utf8)).map { IntentTrainer.Example(text: $0.text, label: $0.intent) }
        } catch {
            throw AssistantError.unreadableDataset("expected a JSON array of {text, intent}")
        }
    }

    static func tsv(_ text: String) -> [IntentTrainer.Example] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return IntentTrainer.Example(text: String(parts[0]), label: String(parts[1]).trimmingCharacters(in: .whitespaces))
        }
    }
}
