/// A legal date: a day on the calendar in China time, with no time of day. Receipt, notice and
/// reply dates are these (architecture.md "Dates are dates"), never instants.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// nil for a day that does not exist (2023-02-29, 2024-13-01).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        // Read as ten bytes, digits and two hyphens: splitting the text was a tenth of the
        // service's time answering a list of fifty cases (three dates a row, perf).
        var year = 0, month = 0, day = 0, count = 0
        for byte in text.utf8 {
            if count == 4 || count == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), count < 10 else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch count {
                case 0..<4: year = year * 10 + digit
                case 5, 6: month = month * 10 + digit
                default: day = day * 10 + digit
                }
            }
            count += 1
        }
        guard count == 10 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 (negative before), for arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// 0 for 1 January.
    public var dayOfYear: Int { dayNumber - LocalDate(year: year, month: 1, day: 1)!.dayNumber }

    /// ISO weekday: Monday 1 … Sunday 7.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (3 with Monday = 0)
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public var description: String {
        let y = String(year), m = String(month), d = String(day)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-"
            + (m.count < 2 ? "0" : "") + m + "-" + (d.count < 2 ? "0" : "") + d
    }

    /// 2024年10月23日（星期三）, as the pages show dates (architecture.md "The UI's manner").
    public var chinese: String {
        let names = ["一", "二", "三", "四", "五", "六", "日"]
        return "\(year)年\(month)月\(day)日（星期\(names[weekday - 1])）"
    }

    /// 2024年10月23日, without the weekday: the form of official documents, so every letter
    /// (文书) writes its dates this way, and dates inside a sentence, such as the Chinese field
    /// problems.
    public var chineseDay: String { "\(year)年\(month)月\(day)日" }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension LocalDate {
    /// The years a date typed by a user may have: from the founding of the People's Republic to
    /// the end of the working-day calendar. Dates outside are refused where they are read, so
    /// no arithmetic or query ever sees them.
    public static let inputYears = 1949...2100

    /// Why a typed date cannot be used.
    public enum InputProblem: Error, Equatable, CustomStringConvertible {
        case notADate(String)
        case outOfRange(LocalDate)

        public var description: String {
            switch self {
            case .notADate(let text): return "\"\(text)\" is not a date; write it like 2024-10-23"
            case .outOfRange(let date): return "\(date) is outside the years 1949–2100 that dates may have"
            }
        }

        public var chineseDescription: String {
            switch self {
            case .notADate(let text): return "“\(text)”不是有效的日期，请按 2024-10-23 的格式填写"
            case .outOfRange(let date): return "\(date)超出了可填写的日期范围（1949年至2100年）"
            }
        }
    }

    /// A date typed by a user: `YYYY-MM-DD`, a day that exists, in 1949–2100.
    public static func input(_ text: some StringProtocol) -> Result<LocalDate, InputProblem> {
        let trimmed = String(text).trimmingCharactersInWhitespace()
        guard let date = LocalDate(iso: trimmed) else { return .failure(.notADate(trimmed)) }
        guard inputYears.contains(date.year) else { return .failure(.outOfRange(date)) }
        return .success(date)
    }
}

extension LocalDate: Codable {
    /// Dates in JSON come from requests as well as from the database, so they are read as
    /// typed input: within 1949–2100.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch LocalDate.input(text) {
        case .success(let date): self = date
        case .failure(let problem):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem.description, underlyingError: problem))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
