/// What went wrong with a form, as a page says it in its own language. A refused change comes
/// back to its page as a key — the error's code and field (`invalid_field.reason`) — never as
/// the error's English text or anything the person typed.
public enum PageProblem {
    /// The key for an error with `code` about `field`.
    public static func key(code: String, field: String?) -> String {
        guard let field, !field.isEmpty else { return code }
        return "\(code).\(field)"
    }

    /// `raw` when it is a well-formed key (a query parameter may hold anything), else nil.
    public static func validKey(_ raw: String) -> String? {
        guard (1...80).contains(raw.count), raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }) else {
            return nil
        }
        return raw
    }

    /// The words for `key`: the catalog's for the code and field, else for the field, else for the
    /// code, else a general "that did not work".
    public static func text(_ key: String, _ strings: [String: String]) -> String {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        let candidates = parts.count == 2
            ? ["problem.\(key)", "problem.field.\(parts[1])", "problem.\(parts[0])"]
            : ["problem.\(key)"]
        for candidate in candidates {
            if let text = strings[candidate] { return text }
        }
        return strings["problem.generic"] ?? ""
    }
}
