extension LocalDate {
    /// 2024年10月23日: the date under a letter's signature, written without the weekday as
    /// official documents are.
    public var chineseDay: String { "\(year)年\(month)月\(day)日" }
}
