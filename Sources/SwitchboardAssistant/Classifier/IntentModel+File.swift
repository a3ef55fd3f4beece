import Foundation

/// The model's file: "SBIM", a format version, a JSON header, then the kept feature hashes, their
/// IDF, the weights and the bias as little-endian 32-bit values, and an FNV-1a checksum of all of
/// it. The same model always gives the same bytes.
extension IntentModel {
    public static let fileVersion: UInt32 = 1
    static let magic: [UInt8] = Array("SBIM".utf8)

    public func fileData() throws -> Data {
        var writer = BinaryWriter()
        writer.bytes(Self.magic)
        writer.uint32(Self.fileVersion)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerData = try encoder.encode(header)
        writer.uint32(UInt32(headerData.count))
        writer.bytes(Array(headerData))
        writer.uint32(UInt32(hashes.count))
        writer.uint32(UInt32(bias.count))
        for hash in hashes { writer.uint32(hash) }
        for value in idf { writer.float(value) }
        for value in weights { writer.float(value) }
        for value in bias { writer.float(value) }
        writer.uint64(BinaryWriter.fnv1a64(writer.data))
        return Data(writer.data)
    }

    public init(fileData data: Data) throws {
        var reader = BinaryReader(Array(data))
        guard data.count >= 8 + 8, try reader.bytes(4) == Self.magic else {
            throw AssistantError.invalidModelFile("it does not start with SBIM")
        }
        let version = try reader.uint32()
        guard version == Self.fileVersion else {
            throw AssistantError.invalidModelFile("format version \(version); this Switchboard reads version \(Self.fileVersion)")
        }
        let stored = UInt64(littleEndianBytes: Array(data.suffix(8)))
        guard BinaryWriter.fnv1a64(Array(data.dropLast(8))) == stored else {
            throw AssistantError.invalidModelFile("the checksum does not match (the file is damaged)")
        }
        let headerLength = Int(try reader.uint32())
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(try reader.bytes(headerLength))) } catch {
            throw AssistantError.invalidModelFile("the header cannot be read")
        }
        let features = Int(try reader.uint32()), classes = Int(try reader.uint32())
        guard classes == header.labels.count, features < 50_000_000 else {
            throw AssistantError.invalidModelFile("its sizes do not agree with its header")
        }
        let hashes = try (0..<features).map { _ in try reader.uint32() }
        let idf = try (0..<features).map { _ in try reader.float() }
        let weights = try (0..<(features * classes)).map { _ in try reader.float() }
        let bias = try (0..<classes).map { _ in try reader.float() }
        self.init(header: header, hashes: hashes, idf: idf, weights: weights, bias: bias)
    }

    public func write(to url: URL) throws {
        try fileData().write(to: url, options: .atomic)
    }

    public init(contentsOf url: URL) throws {
        try self.init(fileData: try Data(contentsOf: url))
    }
}

struct BinaryWriter {
    var data: [UInt8] = []

    mutating func bytes(_ bytes: [UInt8]) { data.append(contentsOf: bytes) }
    mutating func uint32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    mutating func uint64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    mutating func float(_ value: Float) { uint32(value.bitPattern) }

    static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

struct BinaryReader {
    private let data: [UInt8]
    private var offset = 0

    init(_ data: [UInt8]) { self.data = data }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, offset + count <= data.count else { throw AssistantError.invalidModelFile("it ends too early") }
        defer { offset += count }
        return Array(data[offset..<(offset + count)])
    }

    mutating func uint32() throws -> UInt32 {
        let raw = try bytes(4)
        return UInt32(raw[0]) | UInt32(raw[1]) << 8 | UInt32(raw[2]) << 16 | UInt32(raw[3]) << 24
    }

    mutating func float() throws -> Float { Float(bitPattern: try uint32()) }
}

extension UInt64 {
    init(littleEndianBytes bytes: [UInt8]) {
        self = bytes.prefix(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
}
