import Foundation
import SwitchboardCore
import Testing

@Suite("What a sent file is")
struct AttachmentTypeTests {
    @Test("photos and PDF documents are known by their first bytes", arguments: [
        ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] as [UInt8], "image/jpeg"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00], "image/png"),
        (Array("GIF89a....".utf8), "image/gif"),
        (Array("GIF87a".utf8), "image/gif"),
        (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), "image/webp"),
        (Array("%PDF-1.7\n".utf8), "application/pdf"),
    ])
    func known(bytes: [UInt8], type: String) {
        #expect(AttachmentType.sniff(bytes) == type)
    }

    @Test("anything else is refused, whatever it is called", arguments: [
        Array("<html><script>alert(1)</script>".utf8), Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8),
        Array("MZ\u{90}\u{0}".utf8), Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8), [0xFF, 0xD8], [], Array("PK\u{3}\u{4}".utf8),
    ])
    func refused(bytes: [UInt8]) {
        #expect(AttachmentType.sniff(bytes) == nil)
    }

    @Test("only pictures are shown inline")
    func inline() {
        #expect(AttachmentType.isImage("image/png") && !AttachmentType.isImage("application/pdf") && !AttachmentType.isImage("image/svg+xml"))
    }
}
