/// The stylesheet and scripts the pages load, served under names that carry a hash of their content
/// so browsers may cache them forever: a changed file gets a new name.
public struct StaticAsset: Sendable, Hashable {
    /// The name without hash, e.g. `desk.css`.
    public let name: String
    public let contentType: String
    public let body: String
    /// `desk.3f2a9c01b7e4d5a6.css`.
    public let hashedName: String

    public init(name: String, contentType: String, body: String) {
        self.name = name
        self.contentType = contentType
        self.body = body
        let hash = Self.fnv1a64(body)
        let hex = String(hash, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        if let dot = name.lastIndex(of: ".") {
            hashedName = "\(name[..<dot]).\(padded)\(name[dot...])"
        } else {
            hashedName = "\(name).\(padded)"
        }
    }

    /// The path pages link to.
    public var path: String { "/static/\(hashedName)" }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}

public enum StaticAssets {
    public static let stylesheet = StaticAsset(name: "desk.css", contentType: "text/css; charset=utf-8", body: EmbeddedResources.files["desk.css"] ?? "")
    public static let script = StaticAsset(name: "desk.js", contentType: "text/javascript; charset=utf-8", body: EmbeddedResources.files["desk.js"] ?? "")
    /// The chat window's script (the full-page chat and the widget's frame).
    public static let chatScript = StaticAsset(name: "chat.js", contentType: "text/javascript; charset=utf-8", body: EmbeddedResources.files["chat.js"] ?? "")
    /// The portal's new-request form and the receipt check.
    public static let portalScript = StaticAsset(name: "portal.js", contentType: "text/javascript; charset=utf-8", body: EmbeddedResources.files["portal.js"] ?? "")
    /// The one tag a shop puts on its pages: served at `/widget.js`, not under a hashed name,
    /// since shops link to it once and for good.
    public static let widget = StaticAsset(name: "widget.js", contentType: "text/javascript; charset=utf-8", body: EmbeddedResources.files["widget.js"] ?? "")
    public static let all = [stylesheet, script, chatScript, portalScript]

    /// The asset served at `hashedName`, if any (names without the current hash are not served:
    /// an old page asks for an old name and must not get a new file under it).
    public static func asset(named hashedName: String) -> StaticAsset? {
        all.first { $0.hashedName == hashedName }
    }
}
