/// RFC 4180 CSV over UTF-8 bytes: fields separated by commas, quoted with double quotes (a
/// doubled quote inside), records ended by LF or CRLF; a leading byte-order mark is skipped.
/// Works on bytes so that a million-row ledger parses in seconds.
public struct CSVReader: Sequence {
    let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    public struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        /// Where the next record starts in the bytes.
        public private(set) var index: Int

        init(bytes: [UInt8]) {
            self.bytes = bytes
            index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        }

        /// Reads records from `index` on, which must be where a record starts.
        public init(bytes: [UInt8], startingAt index: Int) {
            self.bytes = bytes
            self.index = index
        }

        /// The next record's fields, or nil at the end.
        public mutating func next() -> [String]? {
            guard index < bytes.count else { return nil }
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if quoted {
                    if byte == 0x22 {
                        if index < bytes.count, bytes[index] == 0x22 { field.append(0x22); index += 1 } else { quoted = false }
                    } else {
                        field.append(byte)
                    }
                    continue
                }
                switch byte {
                case 0x22 where field.isEmpty: quoted = true
                case 0x2C:
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                case 0x0A:
                    fields.append(String(decoding: field, as: UTF8.self))
                    return fields
                case 0x0D where index < bytes.count && bytes[index] == 0x0A:
                    continue
                default: field.append(byte)
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            return fields
        }
    }
}
