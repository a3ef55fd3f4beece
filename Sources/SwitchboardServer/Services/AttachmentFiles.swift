import Crypto
import Foundation
import Synchronization
import SwitchboardCore
import SwitchboardStorage

/// The files customers send (photos as evidence, PDF documents): what they are (read from their
/// bytes), at most how large, kept once per content hash; and the addresses pages show them at.
///
/// An address is signed with the desk's attachment key (a desk document made once, shared by every
/// node): only someone shown the message has it, and a hash alone opens nothing. Addresses do not
/// expire — a conversation's photos stay where the customer and the agents left them.
final class AttachmentFiles: Sendable {
    let store: any Store
    let clock: any WallClock
    /// How much each customer may send.
    let budget = UploadBudget()
    private let key: StoredSecret

    init(store: any Store, clock: any WallClock) {
        self.store = store
        self.clock = clock
        key = StoredSecret(document: "attachment-key", store: store, clock: clock)
    }

    /// A customer's file: counted against their budget (`attachments.budget` past it), then kept.
    func receive(_ content: [UInt8], name: String, from customer: Customer.ID) async throws -> Attachment {
        guard budget.take(for: customer, bytes: content.count, at: .now) else {
            throw DomainError(.unprocessable, "too many files in a short time", field: "attachments.budget")
        }
        return try await keep(content, name: name)
    }

    /// Stores `content` and returns the attachment a message names. A kind the desk does not take,
    /// or a file over `AttachmentType.chatLimit`, is refused and nothing is stored.
    func keep(_ content: [UInt8], name: String) async throws -> Attachment {
        guard !content.isEmpty else { throw DomainError.invalidField("attachments.size", "the file is empty") }
        guard content.count <= AttachmentType.chatLimit else {
            throw DomainError.invalidField("attachments.size", "a file is at most \(AttachmentType.chatLimit / 1024 / 1024) MiB")
        }
        guard let type = AttachmentType.sniff(content) else {
            throw DomainError(.unprocessable, "only photos (JPEG, PNG, GIF, WebP) and PDF documents can be sent", field: "attachments.contentType")
        }
        let hash = EventChain.hex(Array(SHA256.hash(data: content)))
        try await store.saveAttachmentContent(content, sha256: hash, contentType: type, at: clock.now())
        return try Attachment(name: Self.cleanName(name, type: type), contentType: type, size: Int64(content.count), sha256: hash)
    }

    /// The file's own name without any folder, control characters or excess length; a plain name
    /// for its kind when nothing is left.
    static func cleanName(_ raw: String, type: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        if !kept.isEmpty, kept != ".", kept != ".." { return String(kept.prefix(Limits.attachmentName)) }
        return type == "application/pdf" ? "document.pdf" : "photo." + (type.split(separator: "/").last.map(String.init) ?? "jpg")
    }

    /// Signs addresses with the desk's key, read (or made) once.
    func signer() async throws -> AttachmentSigner {
        AttachmentSigner(key: try await key.value())
    }
}

/// Makes and checks attachment addresses: `/attachments/{sha256}?s={signature}&n={name}`.
struct AttachmentSigner: Sendable {
    let key: String

    func signature(_ sha256: String) -> String { String(Secrets.hmac("attachment " + sha256, key: key).prefix(32)) }

    func url(for attachment: Attachment) -> String? {
        guard let hash = attachment.sha256 else { return nil }
        var components = URLComponents()
        components.path = "/attachments/\(hash)"
        components.queryItems = [URLQueryItem(name: "s", value: signature(hash)), URLQueryItem(name: "n", value: attachment.name)]
        return components.string
    }

    func verify(_ sha256: String, signature given: String) -> Bool {
        Secrets.constantTimeEqual(signature(sha256), given)
    }
}

/// What one customer may upload, on this node: 20 files and 50 MiB in any ten minutes, refilled
/// evenly. Evidence for one case is a few photos; a loop is not. Bounded: past 100,000 customers
/// the oldest knowledge is dropped (they start afresh).
final class UploadBudget: Sendable {
    static let files = 20.0
    static let bytes = 50.0 * 1024 * 1024
    static let window = 600.0

    private struct Account {
        var files: Double
        var bytes: Double
        var at: ContinuousClock.Instant
    }

    private let accounts = Mutex<[Customer.ID: Account]>([:])

    func take(for customer: Customer.ID, bytes size: Int, at now: ContinuousClock.Instant) -> Bool {
        accounts.withLock { accounts in
            if accounts.count >= 100_000, accounts[customer] == nil { accounts.removeAll(keepingCapacity: true) }
            var account = accounts[customer] ?? Account(files: Self.files, bytes: Self.bytes, at: now)
            let elapsed = now - account.at
            let share = min(1, (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) / Self.window)
            account.files = min(Self.files, account.files + share * Self.files)
            account.bytes = min(Self.bytes, account.bytes + share * Self.bytes)
            account.at = now
            defer { accounts[customer] = account }
            guard account.files >= 1, account.bytes >= Double(size) else { return false }
            account.files -= 1
            account.bytes -= Double(size)
            return true
        }
    }
}
