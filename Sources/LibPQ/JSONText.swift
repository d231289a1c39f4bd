/// JSON written by hand, byte for byte as `JSONEncoder` writes it with sorted keys and slashes
/// unescaped: for the answers sent so often that `JSONEncoder` was a fifth of the service's time
/// (the case list of fifty rows spent more in encoding than in PostgreSQL), and for rows spliced
/// into one jsonb batch.
public struct JSONText: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 64) { bytes.reserveCapacity(capacity) }

    /// One string as a JSON string literal, quotes included.
    public static func string(_ text: String) -> String {
        var out = JSONText(capacity: text.utf8.count + 2)
        out.string(text)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            var clean = utf8.startIndex
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                clean = index + 1
                switch byte {
                case 0x22: bytes += [0x5C, 0x22]
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x08: bytes += [0x5C, 0x62]
                case 0x0C: bytes += [0x5C, 0x66]
                case 0x0A: bytes += [0x5C, 0x6E]
                case 0x0D: bytes += [0x5C, 0x72]
                case 0x09: bytes += [0x5C, 0x74]
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        bytes.append(0x22)
    }

    public mutating func number(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func bool(_ value: Bool) {
        value ? raw("true") : raw("false")
    }

    /// `"key":` preceded by a comma unless it opens its object; the caller writes keys in order.
    public mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(0x2C) }
        bytes.append(0x22)
        raw(name)
        raw("\":")
    }
}
