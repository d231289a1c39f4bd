/// Table 三 of the annual report, 收到和处理政府信息公开申请情况 (国办公开办函〔2021〕30号,
/// domain.md §7): seven columns — the six applicant kinds and their total — and the rows
/// 一 new this year, 二 carried over from last year, 三 the 21 results and （七）their total,
/// 四 carried into next year.
public struct AnnualReportTable3: Sendable, Equatable, Codable {
    public enum Row: Hashable, Sendable, Codable {
        case received
        case carriedOver
        case result(Disposition)
        case resultTotal
        case carriedForward

        public var label: String {
            switch self {
            case .received: return "一、本年新收政府信息公开申请数量"
            case .carriedOver: return "二、上年结转政府信息公开申请数量"
            case .result(let d): return d.label
            case .resultTotal: return "（七）总计"
            case .carriedForward: return "四、结转下年度继续办理"
            }
        }

        /// The code that names the row in JSON and links: received, carried_over, disclose, …, result_total, carried_forward.
        public var code: String {
            switch self {
            case .received: return "received"
            case .carriedOver: return "carried_over"
            case .result(let d): return d.rawValue
            case .resultTotal: return "result_total"
            case .carriedForward: return "carried_forward"
            }
        }

        public init?(code: String) {
            switch code {
            case "received": self = .received
            case "carried_over": self = .carriedOver
            case "result_total": self = .resultTotal
            case "carried_forward": self = .carriedForward
            default:
                guard let d = Disposition(rawValue: code) else { return nil }
                self = .result(d)
            }
        }

        /// Every row in the table's order.
        public static let all: [Row] = [.received, .carriedOver] + Disposition.allCases.map(Row.result) + [.resultTotal, .carriedForward]
    }

    public static let heading = "三、本年度办理结果"
    public static let cornerNote = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    public static let totalColumn = "总计"
    public static let organisations = "法人或其他组织"

    /// A column: one of the six applicant kinds, or 总计.
    public enum Column: Hashable, Sendable, Codable {
        case kind(ApplicantKind)
        case total

        public var label: String {
            switch self {
            case .kind(let kind): return kind.label
            case .total: return AnnualReportTable3.totalColumn
            }
        }

        public var code: String {
            switch self {
            case .kind(let kind): return kind.rawValue
            case .total: return "total"
            }
        }

        public static let all: [Column] = ApplicantKind.allCases.map(Column.kind) + [.total]
    }

    /// Every cell as counted, totals included: the totals are counted on their own (not summed
    /// from the cells), so the checks can catch data that falls outside the six kinds or the 21
    /// results.
    public private(set) var cells: [Row: [Column: Int]] = [:]

    public init() {}

    public subscript(row: Row, column: Column) -> Int {
        get { cells[row]?[column] ?? 0 }
        set { cells[row, default: [:]][column] = newValue }
    }

    /// Fills the 总计 column and the （七） row by summing, for tables built by hand.
    public func withDerivedTotals() -> Self {
        var t = self
        for kind in ApplicantKind.allCases {
            t[.resultTotal, .kind(kind)] = Disposition.allCases.reduce(0) { $0 + self[.result($1), .kind(kind)] }
        }
        for row in Row.all {
            t[row, .total] = ApplicantKind.allCases.reduce(0) { $0 + t[row, .kind($1)] }
        }
        return t
    }

    /// Adds another table cell by cell (a district is the sum of its agencies).
    public static func + (a: Self, b: Self) -> Self {
        var sum = a
        for (row, columns) in b.cells { for (column, n) in columns { sum[row, column] += n } }
        return sum
    }
}

/// Table 四, 政府信息公开行政复议、行政诉讼情况: fifteen numbers.
public struct AnnualReportTable4: Sendable, Equatable, Codable {
    public enum Proceeding: String, CaseIterable, Sendable, Codable {
        case reconsideration = "reconsideration"
        case lawsuitDirect = "lawsuit_direct"
        case lawsuitAfterReconsideration = "lawsuit_after_reconsideration"

        public var label: String {
            switch self {
            case .reconsideration: return "行政复议"
            case .lawsuitDirect: return "未经复议直接起诉"
            case .lawsuitAfterReconsideration: return "复议后起诉"
            }
        }
    }

    public static let resultColumns: [ReviewResult] = [.upheld, .corrected, .other, .pending]

    /// Counts per proceeding and result; `nil` is the 总计, counted on its own.
    public private(set) var cells: [Proceeding: [ReviewResult?: Int]] = [:]

    public init() {}

    public subscript(proceeding: Proceeding, result: ReviewResult?) -> Int {
        get { cells[proceeding]?[result] ?? 0 }
        set { cells[proceeding, default: [:]][result] = newValue }
    }

    public func withDerivedTotals() -> Self {
        var t = self
        for p in Proceeding.allCases { t[p, nil] = Self.resultColumns.reduce(0) { $0 + self[p, $1] } }
        return t
    }

    public static func + (a: Self, b: Self) -> Self {
        var sum = a
        for (p, results) in b.cells { for (r, n) in results { sum[p, r] += n } }
        return sum
    }
}
