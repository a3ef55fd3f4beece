import ArgumentParser
import Foundation
import Logging
import SwitchboardCore
import SwitchboardServer
import SwitchboardStorage

/// `switchboard verify RECEIPT`: whether a customer's receipt is the desk's, and whether the
/// desk's record of the request still extends the chain it names. Exits 0 when it holds, 1 when
/// it does not (forged, changed, missing), 65 when the file is not a receipt.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check a customer's receipt against the desk's record.",
        discussion: "Exit status: 0 the record holds, 1 it does not (the receipt was forged or altered, the record was changed, or the request is gone), 65 the file is not a receipt."
    )

    @Argument(help: "The receipt file (JSON, as the portal hands it out); - reads standard input.") var receipt: String
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let bytes: [UInt8]
        if receipt == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: receipt) else { throw ValidationError("cannot read \(receipt)") }
            bytes = Array(data)
        }
        let parsed: Receipt
        do {
            parsed = try Receipt.read(bytes)
        } catch let error as DomainError {
            FileHandle.standardError.write(Data("\(receipt): \(error.message)\n".utf8))
            throw ExitCode(65)
        }
        let check = try await StoreService.withStore(store.location(), logger: Logger(label: "switchboard")) { store in
            try await Receipts(store: store, baseURL: "").check(parsed)
        }
        switch check {
        case .holds(let events):
            print("holds: request #\(parsed.ticket) still has the \(parsed.events) events the receipt names (\(events) now); signed with key \(parsed.key).")
        case .forged:
            print("forged: this receipt was not signed by this desk, or it was altered after it was issued.")
        case .changed(let reason):
            print("changed: the record of request #\(parsed.ticket) no longer extends the receipt's chain — \(reason).")
        case .missing:
            print("missing: this desk has no request #\(parsed.ticket).")
        }
        if check.code != "holds" { throw ExitCode(1) }
    }
}

/// `switchboard rotate-receipt-key`: a new key signs receipts from now on; the old ones stay
/// published, so every receipt signed before still verifies.
struct RotateReceiptKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-receipt-key", abstract: "Sign receipts with a new Ed25519 key (old receipts keep verifying)."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let (key, all) = try await StoreService.withStore(store.location(), logger: Logger(label: "switchboard")) { store in
            try await store.migrate()
            let receipts = Receipts(store: store, baseURL: "")
            let key = try await receipts.rotate()
            return (key, try await receipts.keys())
        }
        print("Receipts are signed with key \(key.id) (public key \(key.publicBase64)) from now on; \(all.count) keys are published at /.well-known/switchboard-keys.")
    }
}
