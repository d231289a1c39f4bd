/// Why a date is only provisional (预计): its counting crossed days whose status a State Council
/// notice not yet imported will decide (domain.md §5, "Years without a notice").
public struct Provisional: Sendable, Equatable, Codable {
    /// The years whose notice is missing.
    public var years: [Int]

    public init(years: [Int]) { self.years = years }

    var yearsText: String { years.map { "\($0)" }.joined(separator: "、") }

    /// For the officer, in Chinese.
    public var reason: String {
        "\(yearsText)年的放假安排尚未公布（国务院办公厅通知未导入），该日期按《全国年节及纪念日放假办法》推算法定节假日和补假、未计调休，为预计日期；导入通知后将重新计算。"
    }

    /// For the API and the CLI.
    public var reasonEnglish: String {
        "The State Council's holiday notice for \(years.map(String.init).joined(separator: ", ")) has not been imported: the date is computed from the statutory holidays and their make-up days, without the notice's swapped working days, and will be recomputed when the notice is imported."
    }

    enum CodingKeys: String, CodingKey { case years = "years" }
}

extension WorkCalendar {
    /// Whether counting working days after `start` up to `end` relies on a missing notice: a
    /// day of a year without one, or 29–31 December before such a year (a notice may start
    /// 元旦 on 30 December or make the 29th a working day, as 2019's and 2023's did). nil when
    /// every day counted is settled. Without `start`, only `end` itself is looked at.
    public func provisional(countingFrom start: LocalDate?, through end: LocalDate) -> Provisional? {
        let first = start.map { min($0.adding(days: 1), end) } ?? end
        var missing: Set<Int> = []
        for year in first.year...end.year where isProvisional(year: year) { missing.insert(year) }
        for year in first.year...end.year where isProvisional(year: year + 1) {
            let lastDays = LocalDate(year: year, month: 12, day: 29)!
            if end >= lastDays { missing.insert(year + 1) }
        }
        return missing.isEmpty ? nil : Provisional(years: missing.sorted())
    }

    /// The years to list for an administrator, in order: every year with a notice, and the
    /// provisional years after the last one as far as `until`.
    public func listedYears(through until: Int) -> [Int] {
        let last = knownYears.last ?? (Self.countableYears.lowerBound - 1)
        let provisional = last < until ? Array((last + 1)...min(until, Self.countableYears.upperBound)) : []
        return knownYears + provisional
    }
}

extension WorkCalendar {
    /// The year whose State Council notice the administrator should import now, if any: the
    /// coming year from 1 October (the notice usually appears in October or November), and
    /// always the current year while it has none.
    public func noticeToImport(on today: LocalDate) -> Int? {
        if isProvisional(year: today.year) { return today.year }
        if today.month >= 10, isProvisional(year: today.year + 1) { return today.year + 1 }
        return nil
    }

    /// From this day on, dates after `today` are provisional: 29 December before the first
    /// year from today's without a notice. nil when none is missing up to 2101.
    public func provisionalFrom(after today: LocalDate) -> LocalDate? {
        guard let year = (today.year...Self.countableYears.upperBound).first(where: isProvisional(year:)) else { return nil }
        return max(today, LocalDate(year: year - 1, month: 12, day: 29)!)
    }
}
