import DisclosureCore
import LibPQ

/// Turns the lines of a ledger file into COPY binary rows for `ledger_cases`.
///
/// A line written plainly (fourteen fields, nothing to trim, codes or labels as the file writes
/// them, dates as 2024-10-23) is read straight from its bytes: no strings but the case number.
/// Any other line goes through `LedgerRow.parse`, which decides and words every problem. The
/// rules between fields are `LedgerRow.checkTogether` on both paths, so the two cannot disagree
/// about what is accepted.
struct LedgerEncoder: Sendable {
    let agencies: [String: Int64]
    private let agencyCodes: [(bytes: [UInt8], id: Int64)]

    init(agencies: [String: Int64]) {
        self.agencies = agencies
        agencyCodes = agencies.map { (Array($0.key.utf8), $0.value) }
    }

    /// The ways a value may be written in the file (its code and its label), each with the
    /// value's position in `allCases` and its code.
    private struct Spellings: Sendable {
        let spellings: [(bytes: [UInt8], index: Int)]
        let codes: [[UInt8]]

        init<T: RawRepresentable<String> & CaseIterable>(_ type: T.Type, label: (T) -> String) where T.AllCases == [T] {
            spellings = T.allCases.enumerated().flatMap { i, value in [(Array(value.rawValue.utf8), i), (Array(label(value).utf8), i)] }
            codes = T.allCases.map { Array($0.rawValue.utf8) }
        }
    }

    private static let kinds = Spellings(ApplicantKind.self, label: \.label)
    private static let channels = Spellings(Channel.self, label: \.label)
    private static let dispositions = Spellings(Disposition.self, label: \.label)
    private static let results = Spellings(ReviewResult.self, label: \.label)

    /// Encodes the lines in `range` of `body` (a part cut at a line end).
    func encode(_ body: [UInt8], _ range: Range<Int>) -> LedgerStore.Parsed {
        var parsed = LedgerStore.Parsed()
        parsed.copy.reserveCapacity(range.count + range.count / 8)
        body.withUnsafeBufferPointer { bytes in
            var fields = [Range<Int>](repeating: 0..<0, count: LedgerRow.header.count)
            var i = range.lowerBound
            var line = 0
            while i < range.upperBound {
                line += 1
                parsed.records = line
                let start = i
                if let (end, count) = Self.plainRecord(bytes, from: i, to: range.upperBound, into: &fields) {
                    if count == 1, fields[0].isEmpty { i = end; continue }  // a blank line
                    if count == fields.count, fastRow(bytes, fields, to: &parsed.copy) {
                        i = end
                        parsed.plainLines += 1
                        continue
                    }
                }
                // Everything else: the CSV reader and the domain's own parser.
                var reader = CSVReader.Iterator(bytes: body, startingAt: start)
                guard let strings = reader.next() else { break }
                i = reader.index
                if strings.count == 1, strings[0].isEmpty { continue }
                do {
                    let row = try LedgerRow.parse(strings)
                    guard let agency = agencies[row.agencyCode] else {
                        throw LedgerProblem("there is no agency with the code \(row.agencyCode)", "没有代码为“\(row.agencyCode)”的机关")
                    }
                    Self.append(row, agency: agency, to: &parsed.copy)
                } catch let problem as LedgerProblem {
                    parsed.problems.append((line, problem))
                } catch {}
            }
        }
        return parsed
    }

    /// The end and number of fields of a record with no doubled quotes, or nil; `fields` holds
    /// the ranges of the first ones.
    private static func plainRecord(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into fields: inout [Range<Int>]) -> (Int, Int)? {
        var i = start, n = 0
        while true {
            var field: Range<Int>
            if i < end, b[i] == 0x22 {
                var j = i + 1
                while j < end, b[j] != 0x22 { j += 1 }
                guard j < end else { return nil }
                field = (i + 1)..<j
                i = j + 1
                if i < end, b[i] == 0x22 { return nil }  // a doubled quote: let the reader unescape it
            } else {
                let s = i
                while i < end, b[i] != 0x2C, b[i] != 0x0A { i += 1 }
                field = s..<i
                if i < end, b[i] == 0x0A, i > s, b[i - 1] == 0x0D { field = s..<(i - 1) }
            }
            if n < fields.count { fields[n] = field }
            n += 1
            if i >= end || b[i] == 0x0A { return (min(end, i + 1), n) }
            if b[i] == 0x0D, i + 1 < end, b[i + 1] == 0x0A { return (i + 2, n) }
            guard b[i] == 0x2C else { return nil }  // text after a closing quote
            i += 1
        }
    }

    /// Appends the row read from the fields' bytes, or returns false (appending nothing) when
    /// anything needs the full parser.
    private func fastRow(_ b: UnsafeBufferPointer<UInt8>, _ f: [Range<Int>], to copy: inout [UInt8]) -> Bool {
        func text(_ r: Range<Int>) -> Range<Int>? {
            r.isEmpty || Self.edgeIsWhitespace(b, r) ? nil : r
        }
        func same(_ r: Range<Int>, _ bytes: [UInt8]) -> Bool {
            guard r.count == bytes.count else { return false }
            for k in 0..<bytes.count where b[r.lowerBound + k] != bytes[k] { return false }
            return true
        }
        func lookup(_ r: Range<Int>, _ table: Spellings) -> Int? {
            table.spellings.first { same(r, $0.bytes) }?.index
        }
        // nil: cannot tell here; .some(nil): empty.
        func optional(_ r: Range<Int>, _ table: Spellings) -> Int?? {
            if r.isEmpty { return .some(nil) }
            return lookup(r, table).map { .some($0) }
        }
        func date(_ r: Range<Int>) -> LocalDate?? {
            if r.isEmpty { return .some(nil) }
            guard r.count == 10, b[r.lowerBound + 4] == 0x2D, b[r.lowerBound + 7] == 0x2D else { return nil }
            func digits(_ from: Int, _ count: Int) -> Int? {
                var value = 0
                for k in 0..<count {
                    let d = Int(b[r.lowerBound + from + k]) - 0x30
                    guard (0...9).contains(d) else { return nil }
                    value = value * 10 + d
                }
                return value
            }
            guard let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2), let day = LocalDate(year: y, month: m, day: d) else { return nil }
            return .some(day)
        }
        guard let number = text(f[0]), let code = text(f[1]), let name = text(f[3]), let subject = text(f[6]),
              let agency = agencyCodes.first(where: { same(code, $0.bytes) })?.id,
              let kind = lookup(f[2], Self.kinds), let channel = lookup(f[4], Self.channels),
              let receivedDate = date(f[5]), let received = receivedDate,
              let disposition = optional(f[7], Self.dispositions), let replied = date(f[8]),
              let reviewResult = optional(f[9], Self.results), let reviewFiled = date(f[10]),
              let lawsuitResult = optional(f[11], Self.results), let lawsuitFiled = date(f[12]),
              let afterReview = LedgerRow.afterReview(String(decoding: UnsafeBufferPointer(rebasing: b[f[13]]), as: UTF8.self))
        else { return false }
        do {
            try LedgerRow.checkTogether(received: received, disposition: disposition.map { Disposition.allCases[$0] }, replied: replied,
                                        reviewResult: reviewResult.map { ReviewResult.allCases[$0] }, reviewFiled: reviewFiled,
                                        lawsuitResult: lawsuitResult.map { ReviewResult.allCases[$0] }, lawsuitFiled: lawsuitFiled)
        } catch { return false }
        CopyBinary.startRow(LedgerRow.header.count, to: &copy)
        CopyBinary.appendText(UnsafeBufferPointer(rebasing: b[number]), to: &copy)
        CopyBinary.appendInt64(agency, to: &copy)
        CopyBinary.appendText(Self.kinds.codes[kind], to: &copy)
        CopyBinary.appendText(UnsafeBufferPointer(rebasing: b[name]), to: &copy)
        CopyBinary.appendText(Self.channels.codes[channel], to: &copy)
        CopyBinary.appendDate(daysSince1970: received.dayNumber, to: &copy)
        CopyBinary.appendText(UnsafeBufferPointer(rebasing: b[subject]), to: &copy)
        Self.appendCode(disposition.map { Self.dispositions.codes[$0] }, to: &copy)
        CopyBinary.appendDate(daysSince1970: replied?.dayNumber, to: &copy)
        Self.appendCode(reviewResult.map { Self.results.codes[$0] }, to: &copy)
        CopyBinary.appendDate(daysSince1970: reviewFiled?.dayNumber, to: &copy)
        Self.appendCode(lawsuitResult.map { Self.results.codes[$0] }, to: &copy)
        CopyBinary.appendDate(daysSince1970: lawsuitFiled?.dayNumber, to: &copy)
        CopyBinary.appendBool(afterReview, to: &copy)
        return true
    }

    private static func appendCode(_ code: [UInt8]?, to copy: inout [UInt8]) {
        if let code { CopyBinary.appendText(code, to: &copy) } else { CopyBinary.appendNull(to: &copy) }
    }

    /// The row as the full parser read it.
    static func append(_ row: LedgerRow, agency: Int64, to copy: inout [UInt8]) {
        CopyBinary.startRow(LedgerRow.header.count, to: &copy)
        CopyBinary.appendText(row.caseNumber, to: &copy)
        CopyBinary.appendInt64(agency, to: &copy)
        CopyBinary.appendText(row.applicantKind.rawValue, to: &copy)
        CopyBinary.appendText(row.applicantName, to: &copy)
        CopyBinary.appendText(row.channel.rawValue, to: &copy)
        CopyBinary.appendDate(daysSince1970: row.receivedOn.dayNumber, to: &copy)
        CopyBinary.appendText(row.subject, to: &copy)
        CopyBinary.appendText(row.disposition?.rawValue, to: &copy)
        CopyBinary.appendDate(daysSince1970: row.repliedOn?.dayNumber, to: &copy)
        CopyBinary.appendText(row.reviewResult?.rawValue, to: &copy)
        CopyBinary.appendDate(daysSince1970: row.reviewFiledOn?.dayNumber, to: &copy)
        CopyBinary.appendText(row.lawsuitResult?.rawValue, to: &copy)
        CopyBinary.appendDate(daysSince1970: row.lawsuitFiledOn?.dayNumber, to: &copy)
        CopyBinary.appendBool(row.lawsuitAfterReview, to: &copy)
    }

    /// Whether the field starts or ends with whitespace the full parser would trim: ASCII
    /// controls and space, or a Unicode space (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028,
    /// U+2029, U+202F, U+205F, U+3000), told by its bytes so that Chinese text costs one compare.
    static func edgeIsWhitespace(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        let first = b[r.lowerBound], last = b[r.upperBound - 1]
        if first <= 0x20 || last <= 0x20 || first == 0x7F { return true }
        if (0xC2...0xE3).contains(first), isUnicodeSpace(b, at: r.lowerBound, end: r.upperBound) { return true }
        if last >= 0x80 {
            var s = r.upperBound - 1
            while s > r.lowerBound, b[s] & 0xC0 == 0x80 { s -= 1 }
            if (0xC2...0xE3).contains(b[s]), isUnicodeSpace(b, at: s, end: r.upperBound) { return true }
        }
        return false
    }

    private static func isUnicodeSpace(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Bool {
        var iterator = UnsafeBufferPointer(rebasing: b[i..<min(end, i + 4)]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return scalar.properties.isWhitespace
    }
}
