import DisclosureCore
import Foundation

/// Where each number of 统计 leads: the case list with the filter that reproduces it, as the
/// annual report's numbers lead to theirs. The conditions are the statistics' own: received in
/// the year (or month), finished (disposed) in it, carried over as table 三 counts it, open and
/// past due today. The case list sees what the statistics saw: the same viewer's scope.
struct StatisticsLinks: Sendable {
    let year: Int

    var received: String { list(receivedIn(1, through: 12)) }
    var finished: String { list(finishedIn(1, through: 12)) }
    /// Received before the year and not finished by its start: row 二 of table 三.
    var carriedOver: String { list(["reportYear=\(year)", "reportRow=carried_over"]) }
    var overdueNow: String { list(["overdue=true"]) }
    var repliedLate: String { list(finishedIn(1, through: 12) + ["repliedLate=true"]) }

    func receivedIn(month: Int) -> String { list(receivedIn(month, through: month)) }
    func finishedIn(month: Int) -> String { list(finishedIn(month, through: month)) }

    /// A row of a breakdown of the year's received cases: by channel, applicant kind, agency
    /// or topic (`parameter` names the case list's filter).
    func received(_ parameter: String, _ value: String, month: Int? = nil) -> String {
        list(receivedIn(month ?? 1, through: month ?? 12) + [parameter + "=" + QueryValue.encoded(value)])
    }

    /// A disposition among the year's finished cases; nil for cases finished without one,
    /// which no filter names.
    func finished(disposition: String) -> String? {
        guard Disposition(rawValue: disposition) != nil else { return nil }
        return list(finishedIn(1, through: 12) + ["disposition=" + disposition])
    }

    func receivedIn(_ first: Int, through last: Int) -> [String] {
        ["receivedFrom=\(day(first, 1))", "receivedTo=\(day(last, nil))"]
    }

    func finishedIn(_ first: Int, through last: Int) -> [String] {
        ["disposedFrom=\(day(first, 1))", "disposedTo=\(day(last, nil))"]
    }

    /// The month's given day, or its last.
    func day(_ month: Int, _ day: Int?) -> String {
        let first = LocalDate(year: year, month: month, day: 1)!
        guard day == nil else { return first.description }
        let next = month == 12 ? LocalDate(year: year + 1, month: 1, day: 1)! : LocalDate(year: year, month: month + 1, day: 1)!
        return next.adding(days: -1).description
    }

    func list(_ items: [String]) -> String { "/cases?" + items.joined(separator: "&") }
}
