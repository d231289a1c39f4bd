import DisclosureCore
import DisclosureStore
import Hummingbird

/// Reads the case list's filters from the query string; a value that cannot be read is a 422
/// naming the parameter, never silently ignored.
enum CaseFilterQuery {
    /// The topics the statistics count cases under.
    static let topics = Topic.all.map(\.name) + [Topic.other]

    static func parse(_ query: Parameters) throws -> CaseFilter {
        var filter = CaseFilter()
        var problems: [FieldProblem] = []

        func values<T>(_ name: String, _ convert: (String) -> T?, expected: String) -> [T] {
            query.getAll(name).flatMap { $0.split(separator: ",").map(String.init) }.compactMap { text in
                if let value = convert(text) { return value }
                problems.append(FieldProblem(name, "\"\(text)\" is not \(expected).", "查询参数「\(name)」的值“\(text)”无法识别。"))
                return nil
            }
        }
        func one<T>(_ name: String, _ convert: (String) -> T?, expected: String) -> T? { values(name, convert, expected: expected).last }
        func date(_ name: String) -> LocalDate? {
            guard let text = query.getAll(name).last else { return nil }
            switch LocalDate.input(text) {
            case .success(let date): return date
            case .failure(let problem):
                problems.append(FieldProblem(name, "\(name): \(problem).", "查询参数「\(name)」：\(problem.chineseDescription)。"))
                return nil
            }
        }
        let codes = { (list: [String]) in "one of: " + list.joined(separator: ", ") }

        filter.states = values("state", CaseState.init(rawValue:), expected: codes(CaseState.allCases.map(\.rawValue)))
        filter.agencyIDs = values("agency", { Int64($0) }, expected: "an agency id")
        filter.officerID = one("officer", { Int64($0) }, expected: "a user id")
        filter.applicantKind = one("applicantKind", ApplicantKind.init(rawValue:), expected: codes(ApplicantKind.allCases.map(\.rawValue)))
        filter.disposition = one("disposition", Disposition.init(rawValue:), expected: codes(Disposition.allCases.map(\.rawValue)))
        filter.channel = one("channel", Channel.init(rawValue:), expected: codes(Channel.allCases.map(\.rawValue)))
        filter.receivedFrom = date("receivedFrom")
        filter.receivedTo = date("receivedTo")
        filter.dueFrom = date("dueFrom")
        filter.dueTo = date("dueTo")
        filter.disposedFrom = date("disposedFrom")
        filter.disposedTo = date("disposedTo")
        filter.repliedLate = one("repliedLate", { ["true": true, "1": true, "false": false, "0": false][$0] }, expected: "true or false") ?? false
        filter.topic = one("topic", { name in Self.topics.contains(name) ? name : nil }, expected: codes(Self.topics))
        filter.overdue = one("overdue", { ["true": true, "1": true, "false": false, "0": false][$0] }, expected: "true or false") ?? false
        filter.dueWithinWorkingDays = one("dueWithin", { Int($0).flatMap { (0...250).contains($0) ? $0 : nil } }, expected: "a number of working days from 0 to 250")
        filter.text = query.get("q")
        filter.sort = one("sort", CaseFilter.Sort.init(rawValue:), expected: codes(CaseFilter.Sort.allCases.map(\.rawValue))) ?? .received
        filter.descending = one("order", { ["asc": false, "desc": true][$0] }, expected: "asc or desc") ?? true
        filter.page = one("page", { Int($0).flatMap { (1...CaseFilter.maxPage).contains($0) ? $0 : nil } }, expected: "a page number from 1 to \(CaseFilter.maxPage)") ?? 1
        filter.pageSize = one("pageSize", { Int($0).flatMap { (1...CaseFilter.maxPageSize).contains($0) ? $0 : nil } },
                              expected: "a page size from 1 to \(CaseFilter.maxPageSize)") ?? 50
        if let year = one("reportYear", { Int($0).flatMap { LocalDate.inputYears.contains($0) ? $0 : nil } }, expected: "a year from 1949 to 2100") {
            let row = one("reportRow", AnnualReportTable3.Row.init(code:), expected: "a row of table 三")
            let column = query.get("reportColumn").flatMap { $0 == "total" ? nil : $0 }
            let kind = column.flatMap { code -> ApplicantKind? in
                guard let kind = ApplicantKind(rawValue: code) else {
                    problems.append(FieldProblem("reportColumn", "\"\(code)\" is not a column of table 三.", "“\(code)”不是表三的列。"))
                    return nil
                }
                return kind
            }
            if let row { filter.reportCell = ReportCell(year: year, row: row, kind: kind) }
        }
        guard problems.isEmpty else { throw APIError.invalid(problems) }
        return filter
    }
}
