/// Reads a State Council holiday notice (国务院办公厅关于部分节假日安排的通知) as published.
///
/// The text may be pasted from the web page or the PDF: full-width or half-width digits and
/// punctuation, spaces and blank lines anywhere, the title (whole or split over two lines), the
/// document number, the addressees and preamble, the closing paragraph, the signature and date.
/// Only the numbered items (一、元旦：…) carry dates; everything else is read for the title, the
/// year it names, the document number and the date, and otherwise passed over.
///
/// An item reads: the holiday's name, 「：」, the holiday's dates and 「放假」 (with 「调休」,
/// 「共N天」, 「与周末连休」, 「不调休」, 「放假1天」, or 「X月X日（星期一）补休」), then sentences
/// naming the make-up working days (「2月14日（周六）、2月28日（周六）上班。」). Sentences that do
/// not begin with a date (「鼓励各单位……安排职工在除夕（2月9日）休息。」) are notes, not dates.
/// Weekday notes in brackets are checked against the calendar; lunar notes (农历腊月二十八) are
/// passed over.
public enum HolidayNotice {
    /// The years a notice can be read for, and any date in it.
    public static let years = LocalDate.inputYears

    /// The year's holidays and make-up working days; `year` is the year the administrator says the notice is for.
    public static func read(_ text: String, year: Int) throws(HolidayNotice.Failure) -> CalendarYear {
        guard years.contains(year) else { throw .yearOutOfRange(year: year) }
        let lines = NoticeLine.split(text)
        guard lines.contains(where: { !$0.chars.isEmpty }) else { throw .emptyText(year: year) }
        return try NoticeReader(lines: lines, year: year).read()
    }

    /// The year the notice's title (or, without one, its preamble: 「现将2027年元旦、……」) names,
    /// for when the administrator has not said; nil when the text names none.
    public static func yearNamed(in text: String) -> Int? {
        let reader = NoticeReader(lines: NoticeLine.split(text), year: 0)
        let heading = reader.heading(reader.sorted())
        return heading.title?.year ?? heading.preamble?.year
    }

    /// Why a pasted notice cannot be read. Where a line is at fault, `line` is its number (1-based,
    /// counting every pasted line, blank ones too) and `text` the line as pasted, without the
    /// spaces around it.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The year asked for is outside 1949–2100.
        case yearOutOfRange(year: Int)
        /// Nothing but blank lines was pasted.
        case emptyText(year: Int)
        /// No numbered item (一、元旦：……) was found: the wrong document, or only part of it.
        case noItems(year: Int)
        /// The title or preamble is that of a notice changing one holiday (关于调整2019年劳动节假期安排的通知,
        /// 关于延长2020年春节假期的通知), not of a year's arrangement.
        case amendmentNotice(line: Int, text: String)
        /// The title or preamble names another year.
        case noticeForOtherYear(line: Int, text: String, noticeYear: Int, year: Int)
        /// No title names the year, but every weekday note is wrong for `year` and right for `noticeYear`.
        case weekdaysFitOtherYear(line: Int, text: String, noticeYear: Int, year: Int)
        /// A line that starts an item, or looks like one, cannot be read.
        case unreadableLine(line: Int, text: String)
        /// An item's number does not follow the one before (一、二、四、: an item left out or pasted twice).
        case itemOutOfSequence(line: Int, text: String, expected: Int, found: Int)
        /// A date that is not on the calendar (2月30日), written out with its year.
        case dateDoesNotExist(line: Int, text: String, written: String)
        /// A date whose year is outside 1949–2100, written out.
        case dateOutOfRange(line: Int, text: String, written: String)
        /// A date with a year written out that cannot belong to the notice for `year` (only `year`,
        /// and December of the year before, can).
        case dateNotInYear(line: Int, text: String, date: LocalDate, year: Int)
        /// A weekday note that contradicts the date; `stated` is the note's weekday, 1 = Monday … 7 = Sunday.
        case wrongWeekday(line: Int, text: String, date: LocalDate, stated: Int)
        /// 「共N天」 (or 「放假N天」) that does not match the holiday's dates.
        case wrongDayCount(line: Int, text: String, holiday: String, stated: Int, counted: Int)
        /// A holiday that ends before it starts.
        case rangeBackwards(line: Int, text: String, first: LocalDate, last: LocalDate)

        /// The line at fault, if a line is.
        public var line: Int? {
            switch self {
            case .yearOutOfRange, .emptyText, .noItems: return nil
            case .amendmentNotice(let line, _), .noticeForOtherYear(let line, _, _, _), .weekdaysFitOtherYear(let line, _, _, _),
                 .unreadableLine(let line, _), .itemOutOfSequence(let line, _, _, _), .dateDoesNotExist(let line, _, _),
                 .dateOutOfRange(let line, _, _), .dateNotInYear(let line, _, _, _), .wrongWeekday(let line, _, _, _),
                 .wrongDayCount(let line, _, _, _, _), .rangeBackwards(let line, _, _, _):
                return line
            }
        }

        /// The text of the line at fault, as pasted.
        public var text: String? {
            switch self {
            case .yearOutOfRange, .emptyText, .noItems: return nil
            case .amendmentNotice(_, let text), .noticeForOtherYear(_, let text, _, _), .weekdaysFitOtherYear(_, let text, _, _),
                 .unreadableLine(_, let text), .itemOutOfSequence(_, let text, _, _), .dateDoesNotExist(_, let text, _),
                 .dateOutOfRange(_, let text, _), .dateNotInYear(_, let text, _, _), .wrongWeekday(_, let text, _, _),
                 .wrongDayCount(_, let text, _, _, _), .rangeBackwards(_, let text, _, _):
                return text
            }
        }

        /// Plain English, one sentence, for the CLI and API.
        public var description: String {
            switch self {
            case .yearOutOfRange(let year):
                return "The year \(year) is out of range: holiday notices can be read only for 1949 to 2100."
            case .emptyText(let year):
                return "The pasted text is empty; paste the full text of the State Council holiday notice for \(year)."
            case .noItems(let year):
                return "No holiday items such as “一、元旦：1月1日放假……” were found; check that the text is the State Council holiday notice for \(year)."
            case .amendmentNotice(let line, let text):
                return "Line \(line) shows the text amends one holiday rather than arranging the year (“\(text)”); paste the year's notice and apply the amendment separately."
            case .noticeForOtherYear(let line, let text, let noticeYear, let year):
                return "The text is the notice for \(noticeYear), not \(year): line \(line) reads “\(text)”."
            case .weekdaysFitOtherYear(let line, let text, let noticeYear, let year):
                return "The weekdays in the text fit \(noticeYear) rather than \(year) (line \(line): “\(text)”), so it looks like the notice for \(noticeYear)."
            case .unreadableLine(let line, let text):
                return "Line \(line) could not be read as a holiday item: “\(text)”; check it against the published notice."
            case .itemOutOfSequence(let line, let text, let expected, let found):
                return "Line \(line) is item \(found) where item \(expected) should come (“\(text)”): an item may be missing or pasted twice."
            case .dateDoesNotExist(let line, let text, let written):
                return "Line \(line) names a date that does not exist, \(written): “\(text)”."
            case .dateOutOfRange(let line, let text, let written):
                return "Line \(line) names \(written), outside the years 1949 to 2100: “\(text)”."
            case .dateNotInYear(let line, let text, let date, let year):
                return "Line \(line) names \(date), which cannot belong to the notice for \(year): “\(text)”."
            case .wrongWeekday(let line, let text, let date, let stated):
                return "Line \(line) gives \(date) as a \(Self.englishWeekday(stated)), but it is a \(Self.englishWeekday(date.weekday)): “\(text)”."
            case .wrongDayCount(let line, let text, let holiday, let stated, let counted):
                return "Line \(line) says \(holiday) lasts \(stated) day\(stated == 1 ? "" : "s"), but its dates give \(counted): “\(text)”."
            case .rangeBackwards(let line, let text, let first, let last):
                return "Line \(line) has a holiday ending on \(last) before it starts on \(first): “\(text)”."
            }
        }

        /// Simplified Chinese for the web UI.
        public var chineseDescription: String {
            let check = "请对照通知原文核对。"
            switch self {
            case .yearOutOfRange(let year):
                return "年份\(year)超出范围，只能导入1949年至2100年的节假日安排，请核对年份。"
            case .emptyText(let year):
                return "粘贴的内容是空的，请粘贴《国务院办公厅关于\(year)年部分节假日安排的通知》全文。"
            case .noItems(let year):
                return "没有找到“一、元旦：1月1日放假……”这样的放假安排条目，请确认粘贴的是《国务院办公厅关于\(year)年部分节假日安排的通知》全文。"
            case .amendmentNotice(let line, let text):
                return "第\(line)行表明这是调整个别节日的通知：「\(text)」它不是全年的节假日安排，不能单独导入；请粘贴当年《部分节假日安排的通知》原文，调整部分另行修改。"
            case .noticeForOtherYear(let line, let text, let noticeYear, let year):
                return "粘贴的是\(noticeYear)年的节假日安排通知，不是\(year)年的（第\(line)行：「\(text)」）；请粘贴\(year)年的通知，或将年份改为\(noticeYear)年。"
            case .weekdaysFitOtherYear(let line, let text, let noticeYear, let year):
                return "通知中注明的星期与\(year)年的日历全都对不上，却与\(noticeYear)年相符（如第\(line)行：「\(text)」），粘贴的可能是\(noticeYear)年的通知，请核对年份。"
            case .unreadableLine(let line, let text):
                return "第\(line)行无法识别：「\(text)」\(check)"
            case .itemOutOfSequence(let line, let text, let expected, let found):
                return "第\(line)行的序号「\(Self.chineseNumeral(found))、」接不上前文，此处应为「\(Self.chineseNumeral(expected))、」：「\(text)」可能漏粘贴或重复粘贴了一项，\(check)"
            case .dateDoesNotExist(let line, let text, let written):
                return "第\(line)行的日期\(written)不存在：「\(text)」\(check)"
            case .dateOutOfRange(let line, let text, let written):
                return "第\(line)行的日期\(written)超出范围（只能在1949年至2100年之间）：「\(text)」\(check)"
            case .dateNotInYear(let line, let text, let date, let year):
                return "第\(line)行的日期\(date.chineseDay)不属于\(year)年的安排（通知最多提前到上一年12月）：「\(text)」请确认粘贴的是\(year)年的通知。"
            case .wrongWeekday(let line, let text, let date, let stated):
                return "第\(line)行的星期有误：\(date.chineseDay)是\(Self.chineseWeekday(date.weekday))，原文写作\(Self.chineseWeekday(stated))：「\(text)」\(check)"
            case .wrongDayCount(let line, let text, let holiday, let stated, let counted):
                return "第\(line)行的天数有误：\(holiday)按所列日期共\(counted)天，原文写作\(stated)天：「\(text)」\(check)"
            case .rangeBackwards(let line, let text, let first, let last):
                return "第\(line)行的放假日期前后颠倒：结束日\(last.chineseDay)早于开始日\(first.chineseDay)：「\(text)」\(check)"
            }
        }

        static func englishWeekday(_ weekday: Int) -> String {
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][(weekday - 1) % 7]
        }

        static func chineseWeekday(_ weekday: Int) -> String {
            "星期" + ["一", "二", "三", "四", "五", "六", "日"][(weekday - 1) % 7]
        }

        /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (item numbers).
        static func chineseNumeral(_ n: Int) -> String {
            let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
            guard n > 0, n < 100 else { return String(n) }
            if n < 10 { return digits[n] }
            return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + (n % 10 == 0 ? "" : digits[n % 10])
        }
    }
}

// MARK: - Lines

/// One pasted line: its number, its text as pasted (trimmed), and its characters normalized for
/// reading (no spaces; full-width ASCII made half-width, then the punctuation made Chinese).
private struct NoticeLine {
    let number: Int
    let text: String
    let chars: [Character]

    static func split(_ text: String) -> [NoticeLine] {
        // Character.isNewline covers \n, \r\n (one Character), \r, form feeds from a PDF, U+2028.
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().map { index, line in
            NoticeLine(number: index + 1, text: trim(line), chars: normalize(line))
        }
    }

    static func isBlank(_ c: Character) -> Bool {
        if c.isWhitespace { return true }
        return c.unicodeScalars.allSatisfy { [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD].contains($0.value) }
    }

    static func trim(_ line: Substring) -> String {
        guard let start = line.firstIndex(where: { !isBlank($0) }), let end = line.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(line[start...end])
    }

    static func normalize(_ line: Substring) -> [Character] {
        var out: [Character] = []
        out.reserveCapacity(line.count)
        for original in line where !isBlank(original) {
            var c = original
            if original.unicodeScalars.count == 1, let v = original.unicodeScalars.first?.value, (0xFF01...0xFF5E).contains(v),
               let ascii = Unicode.Scalar(v - 0xFEE0) {
                c = Character(ascii)
            }
            switch c {
            case "(": c = "（"
            case ")": c = "）"
            case ",": c = "，"
            case ":": c = "："
            case ";": c = "；"
            case ".", "｡": c = "。"
            case "､": c = "、"
            case "[", "【": c = "〔"
            case "]", "】": c = "〕"
            default: break
            }
            out.append(c)
        }
        return out
    }
}

// MARK: - Character helpers

/// Scanning normalized characters (kept in a namespace so as not to collide with the module).
private enum Scan {
    static func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" && c.isASCII }

    static let chineseDigits: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10]

    /// The first index at or after `from` (and before `before`) where `pattern` starts.
    static func find(_ pattern: String, in chars: [Character], from: Int = 0, before: Int? = nil) -> Int? {
        let p = Array(pattern)
        let limit = min(before ?? chars.count, chars.count)
        guard !p.isEmpty, from >= 0, limit - p.count >= from else { return nil }
        var i = from
        while i + p.count <= limit {
            if chars[i] == p[0], chars[i..<(i + p.count)].elementsEqual(p) { return i }
            i += 1
        }
        return nil
    }

    static func hasPrefix(_ chars: [Character], _ prefix: String, at: Int = 0) -> Bool {
        let count = prefix.count
        return at >= 0 && at + count <= chars.count && chars[at..<(at + count)].elementsEqual(prefix)
    }

    /// 一 … 九十九, as item numbers are written; nil for anything else.
    static func chineseNumber(_ chars: ArraySlice<Character>) -> Int? {
        let values = chars.compactMap { chineseDigits[$0] }
        guard values.count == chars.count else { return nil }
        switch values.count {
        case 1: return values[0]
        case 2 where values[0] == 10 && values[1] < 10: return 10 + values[1]
        case 2 where values[0] < 10 && values[0] > 1 && values[1] == 10: return values[0] * 10
        case 3 where values[0] < 10 && values[0] > 1 && values[1] == 10 && values[2] < 10: return values[0] * 10 + values[2]
        default: return nil
        }
    }

    /// Where an item starts: 「一、」 (or 「一，」 「一.」): the number (nil if the numerals do not make
    /// one) and the length of the prefix.
    static func itemPrefix(_ chars: [Character]) -> (number: Int?, length: Int)? {
        var n = 0
        while n < chars.count, n < 4, chineseDigits[chars[n]] != nil { n += 1 }
        guard n > 0, n < chars.count, ["、", "，", "。"].contains(chars[n]) else { return nil }
        return (chineseNumber(chars[0..<n]), n + 1)
    }

    /// 「2025年11月4日」 alone (after a leading 「国务院办公厅」 or 「成文日期：」 and before 「（此件公开发布）」).
    static func dateOnly(_ line: [Character]) -> (year: Int, month: Int, day: Int, isSignature: Bool)? {
        var c = line
        var isSignature = true
        for prefix in ["国务院办公厅", "成文日期：", "成文日期"] where hasPrefix(c, prefix) {
            c.removeFirst(prefix.count)
            if prefix.hasPrefix("成文") { isSignature = false }
            break
        }
        if c.first == "，" || c.first == "、" { c.removeFirst() }
        for suffix in ["（此件公开发布）"] where c.count >= suffix.count && c.suffix(suffix.count).elementsEqual(suffix) {
            c.removeLast(suffix.count)
            break
        }
        var numbers: [Int] = []
        var i = 0
        for unit in ["年", "月", "日"] as [Character] {
            let start = i
            while i < c.count, isDigit(c[i]) { i += 1 }
            guard i > start, i - start <= 4, i < c.count, c[i] == unit, let n = Int(String(c[start..<i])) else { return nil }
            numbers.append(n)
            i += 1
        }
        guard i == c.count, numbers[0] >= 1000 else { return nil }
        return (numbers[0], numbers[1], numbers[2], isSignature)
    }

    /// 「国办发明电〔2024〕12号」 anywhere in the line (「发文字号：国办发明电[2024]12号」 too).
    static func documentNumber(_ c: [Character]) -> String? {
        guard c.count >= 8 else { return nil }
        for k in 0..<(c.count - 7) where ["〔", "（"].contains(c[k]) {
            guard (1...4).allSatisfy({ isDigit(c[k + $0]) }), ["〕", "）"].contains(c[k + 5]) else { continue }
            var e = k + 6
            while e < c.count, isDigit(c[e]) { e += 1 }
            guard e > k + 6, e < c.count, c[e] == "号" else { continue }
            guard let issuer = find("国办", in: c, before: k) else { continue }
            let name = c[issuer..<k]
            guard name.count <= 8, !name.contains(where: { isDigit($0) || "：，、。（）".contains($0) }) else { continue }
            return String(name) + "〔" + String(c[(k + 1)...(k + 4)]) + "〕" + String(c[(k + 6)..<e]) + "号"
        }
        return nil
    }

    /// The four digits before 「年」 starting at `at`, if there are.
    static func yearAt(_ c: [Character], _ at: Int) -> Int? {
        guard at + 4 < c.count, (0..<4).allSatisfy({ isDigit(c[at + $0]) }), c[at + 4] == "年" else { return nil }
        return Int(String(c[at..<(at + 4)]))
    }
}

// MARK: - Items

/// An item as pasted: its lines, joined.
private struct NoticeItem {
    var lines: [NoticeLine]
    /// Where each line starts in `chars`.
    var starts: [Int]
    var chars: [Character]

    init(_ line: NoticeLine) {
        lines = [line]
        starts = [0]
        chars = line.chars
    }

    mutating func append(_ line: NoticeLine) {
        lines.append(line)
        starts.append(chars.count)
        chars += line.chars
    }

    /// The pasted line holding the character at `offset`.
    func line(at offset: Int) -> NoticeLine {
        var i = 0
        while i + 1 < starts.count, starts[i + 1] <= offset { i += 1 }
        return lines[i]
    }
}

private struct ParsedItem {
    var holidays: [CalendarYear.Holiday]
    var makeupWorkdays: [LocalDate]
}

/// A weekday written in brackets after a date, and where.
private struct WeekdayNote {
    var date: LocalDate
    var stated: Int
    var line: NoticeLine
}

private struct ItemParser {
    typealias Failure = HolidayNotice.Failure

    let item: NoticeItem
    let year: Int
    var c: [Character] { item.chars }
    var pos = 0
    /// The end of the sentence being read.
    var end = 0
    var notes: [WeekdayNote] = []

    init(_ item: NoticeItem, year: Int) {
        self.item = item
        self.year = year
    }

    func unreadable(_ offset: Int) -> Failure {
        let line = item.line(at: min(offset, max(c.count - 1, 0)))
        return .unreadableLine(line: line.number, text: line.text)
    }

    mutating func match(_ text: String) -> Bool {
        let count = text.count
        guard pos + count <= end, c[pos..<(pos + count)].elementsEqual(text) else { return false }
        pos += count
        return true
    }

    mutating func number() -> Int? {
        let start = pos
        while pos < end, Scan.isDigit(c[pos]), pos - start < 5 { pos += 1 }
        guard pos > start, pos == end || !Scan.isDigit(c[pos]) else { pos = start; return nil }
        return Int(String(c[start..<pos]))
    }

    /// 「3天」 or 「三天」; nil (and nothing consumed) otherwise.
    mutating func dayCount() -> Int? {
        let start = pos
        if let n = number(), match("天") { return n }
        pos = start
        var k = pos
        while k < end, Scan.chineseDigits[c[k]] != nil { k += 1 }
        if k > pos, let n = Scan.chineseNumber(c[pos..<k]), k < end, c[k] == "天" {
            pos = k + 1
            return n
        }
        pos = start
        return nil
    }

    /// 「2018年12月29日」, 「1月4日」 or 「3日」 (month and year from `previous`), with an optional
    /// note in brackets: 「（周六）」, 「（星期六）」, 「（农历腊月二十八、周日）」.
    mutating func date(after previous: LocalDate?) throws(Failure) -> LocalDate {
        let start = pos
        guard let first = number() else { throw unreadable(start) }
        let written: (year: Int?, month: Int?, day: Int)
        if match("年") {
            guard let month = number(), match("月"), let day = number(), match("日") else { throw unreadable(start) }
            written = (first, month, day)
        } else if match("月") {
            guard let day = number(), match("日") else { throw unreadable(start) }
            written = (nil, first, day)
        } else if match("日") {
            written = (nil, nil, first)
        } else {
            throw unreadable(start)
        }
        let y: Int, m: Int
        if let month = written.month {
            m = month
            y = written.year ?? year
        } else {
            guard let previous else { throw unreadable(start) }
            (y, m) = (previous.year, previous.month)
        }
        let line = item.line(at: start)
        let text = "\(y)年\(m)月\(written.day)日"
        guard HolidayNotice.years.contains(y) else { throw .dateOutOfRange(line: line.number, text: line.text, written: text) }
        guard let date = LocalDate(year: y, month: m, day: written.day) else {
            throw .dateDoesNotExist(line: line.number, text: line.text, written: text)
        }
        if written.year != nil, !(y == year || (y == year - 1 && m == 12)) {
            throw .dateNotInYear(line: line.number, text: line.text, date: date, year: year)
        }
        if pos < end, c[pos] == "（" {
            guard let close = Scan.find("）", in: c, from: pos, before: end) else { throw unreadable(start) }
            var stated: (weekday: Int, offset: Int)?
            for slice in c[(pos + 1)..<close].split(whereSeparator: { "、，/；".contains($0) }) {
                let token = Array(slice)
                var rest: ArraySlice<Character>?
                for prefix in ["星期", "礼拜", "周"] where Scan.hasPrefix(token, prefix) {
                    rest = token[prefix.count...]
                    break
                }
                guard let rest else { continue }  // 农历腊月二十八, 除夕: not checked
                guard rest.count == 1, let w = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7][rest.first!] else {
                    throw unreadable(slice.startIndex)
                }
                stated = (w, slice.startIndex)
            }
            pos = close + 1
            // The note names the line it is on (a PDF may break the line inside the brackets).
            if let stated { notes.append(WeekdayNote(date: date, stated: stated.weekday, line: item.line(at: stated.offset))) }
        }
        return date
    }

    /// 「2月14日（周六）、2月28日（周六）」
    mutating func dates() throws(Failure) -> [LocalDate] {
        var result = [try date(after: nil)]
        while true {
            let before = pos
            guard match("、") || match("，") || match("和") || match("及"), pos < end, Scan.isDigit(c[pos]) else {
                pos = before
                return result
            }
            result.append(try date(after: result.last))
        }
    }

    mutating func parse() throws(Failure) -> ParsedItem {
        guard let prefix = Scan.itemPrefix(c), prefix.number != nil else { throw unreadable(0) }
        end = c.count
        pos = prefix.length
        guard let colon = Scan.find("：", in: c, from: pos) else { throw unreadable(pos) }
        let name = String(c[pos..<colon])
        guard !name.isEmpty, name.count <= 20, !name.contains(where: { Scan.isDigit($0) || "（）。，；".contains($0) }) else {
            throw unreadable(pos)
        }
        // Sentences, each up to its 「。」.
        var sentences: [Range<Int>] = []
        var s = colon + 1
        while s < c.count {
            let e = Scan.find("。", in: c, from: s) ?? c.count
            if e > s { sentences.append(s..<e) }
            s = e + 1
        }
        guard let first = sentences.first else { throw unreadable(colon + 1) }

        // The holiday: 「4月4日（周六）至6日（周一）放假调休，共3天」.
        (pos, end) = (first.lowerBound, first.upperBound)
        let rangeStart = pos
        let from = try date(after: nil)
        var to = from
        if match("至") || match("到") || match("-") || match("—") || match("–") || match("~") {
            _ = match("—")
            to = try date(after: from)
        }
        if to < from {
            let line = item.line(at: rangeStart)
            throw .rangeBackwards(line: line.number, text: line.text, first: from, last: to)
        }
        guard match("放假") else { throw unreadable(pos) }
        _ = match("调休") || match("公休")
        var counts: [(stated: Int, offset: Int)] = []
        let countStart = pos
        if let n = dayCount() { counts.append((n, countStart)) }
        var extra: [LocalDate] = []
        while pos < end {
            // Clauses follow a comma (「，共3天」), 「共」 perhaps without one.
            guard match("，") || match("；") || match("、") || c[pos] == "共" else { throw unreadable(pos) }
            let clause = pos
            if match("共") {
                guard let n = dayCount() else { throw unreadable(clause) }
                counts.append((n, clause))
            } else if match("与") {
                // 「与周末连休」, 「与周六连休」
                guard let k = Scan.find("连休", in: c, from: pos, before: end), k - pos <= 4,
                      !c[pos..<k].contains(where: Scan.isDigit) else { throw unreadable(clause) }
                pos = k + 2
            } else if match("不调休") || match("调休") {
            } else if pos < end, Scan.isDigit(c[pos]) {
                // 「4月7日（星期一）补休」
                let days = try dates()
                guard match("补休") else { throw unreadable(pos) }
                extra += days
            } else {
                throw unreadable(clause)
            }
        }

        // Then the make-up working days (「……上班」), days off in lieu (「……补休」) and notes.
        var makeup: [LocalDate] = []
        for sentence in sentences.dropFirst() {
            (pos, end) = (sentence.lowerBound, sentence.upperBound)
            guard Scan.isDigit(c[pos]) else { continue }  // 「鼓励各单位……在除夕（2月9日）休息」: a note
            let days = try dates()
            if match("上班") {
                makeup += days
            } else if match("补休") {
                extra += days
            } else {
                throw unreadable(pos)
            }
            guard pos == end else { throw unreadable(pos) }
        }

        let extraDays = Set(extra).filter { $0 < from || to < $0 }
        let counted = to.dayNumber - from.dayNumber + 1 + extraDays.count
        for count in counts where count.stated != counted {
            let line = item.line(at: count.offset)
            throw .wrongDayCount(line: line.number, text: line.text, holiday: name, stated: count.stated, counted: counted)
        }
        // A day off in lieu joins the holiday when only a weekend lies between.
        var holidays = [CalendarYear.Holiday(name: name, first: from, last: to)]
        for day in extraDays.sorted() {
            func onlyWeekend(_ a: LocalDate, _ b: LocalDate) -> Bool {
                a.dayNumber + 1 >= b.dayNumber || ((a.dayNumber + 1)...(b.dayNumber - 1)).allSatisfy { LocalDate(dayNumber: $0).isWeekend }
            }
            if let i = holidays.firstIndex(where: { $0.last < day && onlyWeekend($0.last, day) }) {
                holidays[i].last = day
            } else if let i = holidays.firstIndex(where: { day < $0.first && onlyWeekend(day, $0.first) }) {
                holidays[i].first = day
            } else {
                holidays.append(.init(name: name, first: day, last: day))
            }
        }
        return ParsedItem(holidays: holidays, makeupWorkdays: makeup)
    }
}

// MARK: - The notice

private struct NoticeReader {
    typealias Failure = HolidayNotice.Failure

    let lines: [NoticeLine]
    let year: Int

    /// A line that ends an item rather than continues it.
    static func closes(_ c: [Character]) -> Bool {
        ["节假日期间", "国务院办公厅", "（此件公开发布"].contains { Scan.hasPrefix(c, $0) } || Scan.dateOnly(c) != nil || Scan.documentNumber(c) != nil
    }

    /// 「— 2 —」, 「-2-」: a PDF page number.
    static func isPageNumber(_ c: [Character]) -> Bool {
        c.contains(where: Scan.isDigit) && c.count <= 8 && c.allSatisfy { Scan.isDigit($0) || "-—–－".contains($0) }
    }

    typealias Title = (text: String, year: Int?, amends: Bool, line: Int, pasted: String)
    typealias Preamble = (year: Int?, amends: Bool, line: NoticeLine)

    /// The lines sorted into items (with the lines that continue them) and the rest, blank lines left out.
    func sorted() -> (items: [NoticeItem], others: [NoticeLine]) {
        var items: [NoticeItem] = []
        var others: [NoticeLine] = []
        var current: NoticeItem?
        for line in lines {
            let c = line.chars
            if c.isEmpty || Self.isPageNumber(c) { continue }
            if Scan.itemPrefix(c) != nil {
                if let item = current { items.append(item) }
                current = NoticeItem(line)
                continue
            }
            if var item = current, !Self.closes(c), item.chars.last != "。" || Scan.isDigit(c[0]) || Scan.hasPrefix(c, "共") {
                // The item broke off mid-sentence, or the next sentence (「1月4日（周日）上班。」) is on its own line.
                item.append(line)
                current = item
                continue
            }
            if let item = current { items.append(item) }
            current = nil
            others.append(line)
        }
        if let item = current { items.append(item) }
        return (items, others)
    }

    /// The title and the preamble: the first of each before the items.
    func heading(_ sorted: (items: [NoticeItem], others: [NoticeLine])) -> (title: Title?, preamble: Preamble?) {
        let firstItemLine = sorted.items.first?.lines[0].number ?? Int.max
        let head = sorted.others.filter { $0.number < firstItemLine }
        var title: Title?
        var preamble: Preamble?
        for (index, line) in head.enumerated() {
            if title == nil, let guanyu = Scan.find("关于", in: line.chars) {
                var chars = line.chars
                var pasted = line.text
                if Scan.find("通知", in: chars, from: guanyu) == nil, index + 1 < head.count, head[index + 1].chars.count <= 30,
                   Scan.find("通知", in: head[index + 1].chars) != nil {
                    // 「国务院办公厅关于2024年」 / 「部分节假日安排的通知」, as the Gazette prints it.
                    chars += head[index + 1].chars
                    pasted += head[index + 1].text
                }
                if let notice = Scan.find("通知", in: chars, from: guanyu), notice - guanyu <= 24,
                   Scan.find("假", in: chars, from: guanyu, before: notice) != nil {
                    let issuer = guanyu >= 6 && Scan.hasPrefix(chars, "国务院办公厅", at: guanyu - 6)
                    let text = (issuer ? "" : "国务院办公厅") + String(chars[(issuer ? guanyu - 6 : guanyu)..<(notice + 2)])
                    let noticeYear = (guanyu..<notice).lazy.compactMap { Scan.yearAt(chars, $0) }.first
                    let amends = Scan.find("调整", in: chars, from: guanyu, before: notice) != nil || Scan.find("延长", in: chars, from: guanyu, before: notice) != nil
                    title = (text, noticeYear, amends, line.number, pasted)
                }
            }
            if preamble == nil, let xianjiang = Scan.find("现将", in: line.chars) {
                let after = xianjiang + 2
                let amends = Scan.hasPrefix(line.chars, "调整", at: after) || Scan.hasPrefix(line.chars, "延长", at: after)
                preamble = (Scan.yearAt(line.chars, after), amends, line)
            }
        }
        return (title, preamble)
    }

    func read() throws(Failure) -> CalendarYear {
        let (items, others) = sorted()
        let (title, preamble) = heading((items, others))
        if let title, title.amends { throw .amendmentNotice(line: title.line, text: title.pasted) }
        if let preamble, preamble.amends { throw .amendmentNotice(line: preamble.line.number, text: preamble.line.text) }
        if let title, let noticeYear = title.year, noticeYear != year {
            throw .noticeForOtherYear(line: title.line, text: title.pasted, noticeYear: noticeYear, year: year)
        }
        if let preamble, let noticeYear = preamble.year, noticeYear != year {
            throw .noticeForOtherYear(line: preamble.line.number, text: preamble.line.text, noticeYear: noticeYear, year: year)
        }

        // Every failure, to report the first in the text.
        var failures: [Failure] = []
        var notes: [WeekdayNote] = []

        // The signature's date (or 成文日期), the document number, and lines outside the items
        // that look like items.
        var signature: (date: (year: Int, month: Int, day: Int, isSignature: Bool), line: NoticeLine)?
        var filed: (date: (year: Int, month: Int, day: Int, isSignature: Bool), line: NoticeLine)?
        var docNumber: String?
        for line in others {
            let c = line.chars
            if let date = Scan.dateOnly(c) {
                if date.isSignature { signature = (date, line) } else if filed == nil { filed = (date, line) }
                continue
            }
            if docNumber == nil, let number = Scan.documentNumber(c) { docNumber = number }
            // 「清明节：4月4日至6日放假」 without its number, 「三清明节：……」, or a sentence of dates
            // left over: an item not read would be a holiday lost.
            let arranges = ["放假", "上班", "补休"].contains { Scan.find($0, in: c) != nil }
            let colon = Scan.find("：", in: c)
            if arranges, Scan.isDigit(c[0]) || (colon.map { $0 <= 12 && $0 + 1 < c.count && Scan.isDigit(c[$0 + 1]) } ?? false) {
                failures.append(.unreadableLine(line: line.number, text: line.text))
            }
        }
        var date: LocalDate?
        if let found = signature ?? filed {
            let (written, line) = found
            let text = "\(written.year)年\(written.month)月\(written.day)日"
            if !HolidayNotice.years.contains(written.year) {
                failures.append(.dateOutOfRange(line: line.number, text: line.text, written: text))
            } else if let day = LocalDate(year: written.year, month: written.month, day: written.day) {
                date = day
            } else {
                failures.append(.dateDoesNotExist(line: line.number, text: line.text, written: text))
            }
        }

        var holidays: [CalendarYear.Holiday] = []
        var makeup: [LocalDate] = []
        var expected = 1
        for item in items {
            let number = Scan.itemPrefix(item.chars)?.number
            if let number, number != expected {
                let line = item.lines[0]
                failures.append(.itemOutOfSequence(line: line.number, text: line.text, expected: expected, found: number))
            }
            expected = (number ?? expected) + 1
            var parser = ItemParser(item, year: year)
            do throws(Failure) {
                let parsed = try parser.parse()
                holidays += parsed.holidays
                makeup += parsed.makeupWorkdays
            } catch {
                // Weekdays before the fault were read; report them in order with it.
                failures += parser.notes.filter { $0.date.weekday != $0.stated }.map(Self.wrongWeekday)
                failures.append(error)
                notes += parser.notes
                continue
            }
            notes += parser.notes
            let wrong = parser.notes.filter { $0.date.weekday != $0.stated }
            failures += wrong.map(Self.wrongWeekday)
        }

        if var first = failures.enumerated().min(by: { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) })?.element {
            // Every weekday wrong for the year but right for a neighbouring one: the wrong year's notice.
            if case .wrongWeekday(let line, let text, _, _) = first, notes.count >= 3,
               notes.allSatisfy({ $0.date.weekday != $0.stated }),
               let other = [year - 1, year + 1, year - 2, year + 2, year - 3, year + 3].first(where: { candidate in
                   HolidayNotice.years.contains(candidate) && notes.allSatisfy { note in
                       LocalDate(year: note.date.year + candidate - year, month: note.date.month, day: note.date.day)?.weekday == note.stated
                   }
               }) {
                first = .weekdaysFitOtherYear(line: line, text: text, noticeYear: other, year: year)
            }
            throw first
        }
        guard !items.isEmpty else { throw .noItems(year: year) }

        var notice = title?.text ?? "国务院办公厅关于\(year)年部分节假日安排的通知"
        let details = [docNumber, date?.chineseDay].compactMap { $0 }
        if !details.isEmpty { notice += "（" + details.joined(separator: "，") + "）" }
        return CalendarYear(year: year, notice: notice, holidays: holidays, makeupWorkdays: makeup)
    }

    static func wrongWeekday(_ note: WeekdayNote) -> Failure {
        .wrongWeekday(line: note.line.number, text: note.line.text, date: note.date, stated: note.stated)
    }
}
