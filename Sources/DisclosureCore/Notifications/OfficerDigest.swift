/// An officer's morning list (issue 17 ¶6): their open cases due within three working days and
/// those already overdue, overdue first. The most asked-for reminder of the FOIA portals abroad.
public struct OfficerDigest: Sendable, Equatable {
    /// "Due within" this many working days, today counted as the first.
    public static let horizon = 3

    public struct Line: Sendable, Equatable {
        public var caseID: Int64
        public var caseNumber: String
        public var subject: String
        public var due: LocalDate
        /// Working days left until `due`; negative once passed.
        public var workingDaysLeft: Int

        public init(caseID: Int64, caseNumber: String, subject: String, due: LocalDate, workingDaysLeft: Int) {
            self.caseID = caseID
            self.caseNumber = caseNumber
            self.subject = subject
            self.due = due
            self.workingDaysLeft = workingDaysLeft
        }
    }

    public var overdue: [Line]
    public var dueSoon: [Line]

    public init(lines: [Line]) {
        let sorted = lines.sorted { ($0.workingDaysLeft, $0.caseNumber) < ($1.workingDaysLeft, $1.caseNumber) }
        overdue = sorted.filter { $0.workingDaysLeft < 0 }
        dueSoon = sorted.filter { $0.workingDaysLeft >= 0 }
    }

    public var isEmpty: Bool { overdue.isEmpty && dueSoon.isEmpty }

    /// One line for the in-app notice.
    public var summary: String {
        var parts: [String] = []
        if !overdue.isEmpty { parts.append("\(overdue.count)件已超期") }
        if !dueSoon.isEmpty { parts.append("\(dueSoon.count)件\(Self.horizon)个工作日内到期") }
        return "今日提醒：" + parts.joined(separator: "，") + "。"
    }

    public func subject(on today: LocalDate) -> String { "依申请公开到期提醒（\(today.chineseDay)）：" + summary.dropFirst(5) }

    public func body(on today: LocalDate) -> String {
        func list(_ lines: [Line]) -> String {
            lines.map { line in
                let when = line.workingDaysLeft < 0 ? "已超期\(-line.workingDaysLeft)个工作日" : line.workingDaysLeft == 0 ? "今天到期" : "剩余\(line.workingDaysLeft)个工作日"
                return "· \(line.caseNumber) \(line.subject)（期限\(line.due.chineseDay)，\(when)）"
            }.joined(separator: "\n")
        }
        var text = "截至\(today.chineseDay)，您承办的案件中：\n"
        if !overdue.isEmpty { text += "\n已超期（\(overdue.count)件）：\n" + list(overdue) + "\n" }
        if !dueSoon.isEmpty { text += "\n\(Self.horizon)个工作日内到期（\(dueSoon.count)件）：\n" + list(dueSoon) + "\n" }
        return text + "\n请登录依申请公开办理系统处理。"
    }
}
