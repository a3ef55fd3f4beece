import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore
import SwitchboardStorage

/// `GET /attachments/{sha256}?s=&n=`: a file someone was shown, by its signed address. Served as
/// the type it was found to be when stored, never as anything a browser would run: pictures
/// inline, documents as downloads, under a policy that allows nothing else.
struct AttachmentsController: Sendable {
    let files: AttachmentFiles

    func register(on router: Router<DeskRequestContext>) {
        router.get("attachments/{sha256}", use: show)
    }

    @Sendable func show(_ request: Request, context: DeskRequestContext) async throws -> Response {
        guard let hash = context.parameters.get("sha256"), hash.count == 64, hash.allSatisfy(\.isHexDigit),
              let signature = request.uri.queryParameters["s"].map(String.init),
              try await files.signer().verify(hash, signature: signature),
              let stored = try await files.store.attachmentContent(sha256: hash)
        else { throw HTTPError(.notFound) }
        let name = AttachmentFiles.cleanName(request.uri.queryParameters["n"].map(String.init) ?? "", type: stored.contentType)
        var headers = HTTPFields()
        headers[.contentType] = stored.contentType
        let disposition = AttachmentType.isImage(stored.contentType) ? "inline" : "attachment"
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "._-"))) ?? "file"
        headers[.contentDisposition] = "\(disposition); filename*=UTF-8''\(encoded)"
        headers[.contentSecurityPolicy] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
        // The address names the content: it never changes.
        headers[.cacheControl] = "private, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored.content)))
    }
}
