import Foundation

/// The languages every Switchboard page is written in.
public enum UILanguage: String, Sendable, CaseIterable, Codable {
    case english = "en"
    case chinese = "zh-Hans"
    case persian = "fa"

    /// Text direction of the page.
    public var direction: String { self == .persian ? "rtl" : "ltr" }

    /// The name of the language in itself, for the language menu.
    public var nativeName: String {
        switch self {
        case .english: "English"
        case .chinese: "简体中文"
        case .persian: "فارسی"
        }
    }

    /// The language for a cookie value, a query parameter or a language tag such as `zh-CN` or `fa-IR`.
    public init?(tag: String) {
        let lowered = tag.trimmingCharacters(in: .whitespaces).lowercased()
        guard !lowered.isEmpty else { return nil }
        let primary = lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? lowered
        switch primary {
        case "en": self = .english
        case "zh":
            // Traditional-script tags still get the Simplified pages: the closest there is.
            self = .chinese
        case "fa", "per", "fas": self = .persian
        default: return nil
        }
    }

    /// The best language for an HTTP `Accept-Language` header, by quality then order; English when none fits.
    public static func negotiate(acceptLanguage header: String?) -> UILanguage {
        guard let header, !header.isEmpty else { return .english }
        var best: (language: UILanguage, quality: Double, position: Int)?
        for (position, part) in header.split(separator: ",").prefix(32).enumerated() {
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first, let language = UILanguage(tag: String(tag)) else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let trimmed = parameter.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("q="), let value = Double(trimmed.dropFirst(2)), value.isFinite { quality = min(max(value, 0), 1) }
            }
            guard quality > 0 else { continue }
            if best == nil || quality > best!.quality { best = (language, quality, position) }
        }
        return best?.language ?? .english
    }
}
