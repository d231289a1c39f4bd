/// Buffers COPY payload and sends it in large chunks, so that a million rows cost a few hundred
/// round trips to the connection's thread, not a million. Lengths are bytes, never characters.
public final class CopyInWriter {
    private let connection: Connection
    private var buffer: [UInt8] = []
    public private(set) var bytesSent = 0
    static let chunkSize = 256 * 1024

    init(connection: Connection) {
        self.connection = connection
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    public func write(_ bytes: some Sequence<UInt8>) async throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try await flush() }
    }

    public func write(_ text: String) async throws {
        try await write(text.utf8)
    }

    /// Appends one row in COPY's text format: tab-separated, `\N` for NULL, escapes applied.
    public func writeRow(_ fields: [String?]) async throws {
        CopyText.appendRow(fields, to: &buffer)
        if buffer.count >= Self.chunkSize { try await flush() }
    }

    func flush() async throws {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer.removeAll(keepingCapacity: true)
        try await connection.sendCopyData(chunk)
        bytesSent += chunk.count
    }
}

/// COPY's text format: backslash, tab, newline and carriage return are escaped.
public enum CopyText {
    public static func appendEscaped(_ field: String, to buffer: inout [UInt8]) {
        for byte in field.utf8 {
            switch byte {
            case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
            case 0x09: buffer.append(0x5C); buffer.append(0x74)
            case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
            case 0x0D: buffer.append(0x5C); buffer.append(0x72)
            default: buffer.append(byte)
            }
        }
    }

    /// Appends one row as a line of COPY text.
    public static func appendRow(_ fields: [String?], to buffer: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(0x09) }
            if let field { appendEscaped(field, to: &buffer) } else { buffer.append(contentsOf: [0x5C, 0x4E]) }
        }
        buffer.append(0x0A)
    }
}
