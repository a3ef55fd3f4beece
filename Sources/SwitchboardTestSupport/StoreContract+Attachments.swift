import Foundation
import SwitchboardCore
import SwitchboardStorage
import Testing

extension StoreContract {
    static let attachments: [ContractCase] = [
        ContractCase(name: "a ticket's events and messages after a point are exactly the newer ones, in order") { store in
            let desk = try await DeskFixture.make(in: store)
            let ticket = try await store.createTicket(try desk.newTicket("Chat", body: "first"), actor: .customer(desk.alice.id), at: Date()).ticket
            for text in ["second", "third", "fourth"] {
                _ = try await store.addMessage(
                    try NewMessage(author: .customer(desk.alice.id), visibility: .public, body: text), toTicket: ticket.number, actor: .customer(desk.alice.id), at: Date()
                ) { _ in }
            }
            _ = try await store.addMessage(
                try NewMessage(author: .agent(desk.agent.id), visibility: .internal, body: "a note"), toTicket: ticket.number, actor: .agent(desk.agent.id), at: Date()
            ) { _ in }
            let all = try await store.events(ticket: ticket.id)
            let cut = all[all.count / 2].sequence
            #expect(try await store.events(ticket: ticket.id, after: cut).map(\.sequence) == all.filter { $0.sequence > cut }.map(\.sequence))
            #expect(try await store.events(ticket: ticket.id, after: all.last!.sequence).isEmpty)
            let messages = try await store.messages(ticket: ticket.id, includeInternal: true)
            #expect(try await store.messages(ticket: ticket.id, includeInternal: true, after: messages[1].id).map(\.body) == ["third", "fourth", "a note"])
            #expect(try await store.messages(ticket: ticket.id, includeInternal: false, after: messages[1].id).map(\.body) == ["third", "fourth"])
            #expect(try await store.messages(ticket: ticket.id, includeInternal: false, after: Message.ID(0)).count == 4)
        },
        ContractCase(name: "attachment content is kept once per hash, byte for byte, with its type") { store in
            // Every byte value, and a NUL in the middle: a blob, not text.
            let photo: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00] + Array(0...255) + [0x00, 0xFF, 0xD9]
            let hash = String(repeating: "ab", count: 32)
            try await store.saveAttachmentContent(photo, sha256: hash, contentType: "image/jpeg", at: Date())
            // The same hash again (another customer sends the same photo): the first stays.
            try await store.saveAttachmentContent(photo, sha256: hash, contentType: "image/jpeg", at: Date())
            let stored = try #require(try await store.attachmentContent(sha256: hash))
            #expect(stored.contentType == "image/jpeg" && stored.content == photo)
            #expect(try await store.attachmentContent(sha256: String(repeating: "cd", count: 32)) == nil)
            // A large one (a phone's photo) round-trips too.
            let large = (0..<(3 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try await store.saveAttachmentContent(large, sha256: String(repeating: "ef", count: 32), contentType: "image/png", at: Date())
            #expect(try await store.attachmentContent(sha256: String(repeating: "ef", count: 32))?.content == large)
        },
    ]
}
