import Foundation

/// What a file a customer sends is, read from its first bytes — never from its name or the type a
/// browser claims, which anyone can set. The desk takes the kinds customers send as evidence:
/// photos (JPEG, PNG, GIF, WebP) and PDF documents.
public enum AttachmentType {
    /// The largest file a chat takes (photos from phones are a few MiB).
    public static let chatLimit = 10 * 1024 * 1024

    /// The media type of `bytes`, or nil for a kind the desk does not take.
    public static func sniff(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(16))
        func has(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + signature.count && Array(head[offset..<offset + signature.count]) == signature
        }
        if has([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if has([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if has(Array("GIF87a".utf8)) || has(Array("GIF89a".utf8)) { return "image/gif" }
        if has(Array("RIFF".utf8)), has(Array("WEBP".utf8), at: 8) { return "image/webp" }
        if has(Array("%PDF-".utf8)) { return "application/pdf" }
        return nil
    }

    /// Whether a page may show the file inline as a picture.
    public static func isImage(_ type: String) -> Bool {
        ["image/jpeg", "image/png", "image/gif", "image/webp"].contains(type)
    }
}
