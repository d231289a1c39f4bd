import DisclosureCore
import DisclosureStore
import Hummingbird

/// 工作日历 (管理): the years in use, the reminder to import the coming year's State Council
/// notice, and the import itself: the administrator pastes the notice as published, checks the
/// year it reads as a month grid with its count of working days, and only then saves it; every
/// case whose dates move is recomputed in the same step.
struct CalendarPages: Sendable {
    let pages: Pages

    func register(on router: Router<AppRequestContext>) {
        let adminCalendarGroup = router.group("admin/calendar", context: SignedIn<Administrators>.self)
        adminCalendarGroup.get("") { request, context in
            await pages.respond { try await render(context.identity, text: "", year: nil, notice: nil, error: nil) }
        }
        adminCalendarGroup.post("preview") { request, context in
            await pages.respond { try await preview(context.identity, context.form ?? FormData("")) }
        }
        adminCalendarGroup.post("") { request, context in
            await pages.respond { try await save(context.identity, context.form ?? FormData("")) }
        }
    }

    /// What the 管理 pages say about missing notices today.
    static func reminders(_ calendar: WorkCalendar, today: LocalDate, cases: CaseStore) async throws -> [String] {
        var lines: [String] = []
        if let year = calendar.noticeToImport(on: today) {
            lines.append("尚未导入国务院办公厅关于\(year)年部分节假日安排的通知。通知公布后，请在「工作日历」页面粘贴通知原文导入；在此之前，\(year)年的期限按法定节假日推算，标注为「预计」。")
        }
        if let from = calendar.provisionalFrom(after: today) {
            let count = try await cases.openCasesDue(onOrAfter: from)
            if count > 0 {
                let years = (from.year...(from.year + 1)).filter(calendar.isProvisional(year:)).map { "\($0)年" }.joined(separator: "、")
                lines.append("有\(count)件未办结案件的期限落在\(from.chineseDay)以后，依赖尚未导入通知的\(years)，目前均为预计日期；导入通知后将自动重新计算。")
            }
        }
        return lines
    }

    func render(_ identity: Identity, text: String, year: Int?, notice: String?, error: String?,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let calendar = try await pages.cases.calendars.calendar()
        let today = pages.today()
        let shown = calendar.listedYears(through: today.year + 2).reversed()
        return pages.page.render("calendar", view: CalendarView(
            adminNav: AdminSection.navigation(current: .calendar), notice: notice, error: error, text: text,
            year: year.map(String.init) ?? String(calendar.noticeToImport(on: today) ?? today.year + 1),
            reminders: try await Self.reminders(calendar, today: today, cases: pages.cases),
            years: shown.map { year in
                .init(year: year, days: (try? calendar.workingDayCount(in: year)) ?? 0, notice: calendar.calendarYear(year)?.notice ?? "",
                      provisional: calendar.isProvisional(year: year))
            }
        ), identity: identity, status: status)
    }

    /// What was pasted, read; or the form again, with the problem and the text kept.
    enum Reading {
        case years([CalendarYear], text: String, year: Int?)
        case refused(Response)
    }

    func read(_ identity: Identity, _ form: FormData) async throws -> Reading {
        let text = form["text"] ?? ""
        let yearText = form["year"]?.trimmingCharacters(in: .whitespaces) ?? ""
        var year: Int?
        if !yearText.isEmpty {
            guard let number = Int(yearText), LocalDate.inputYears.contains(number) else {
                return .refused(try await render(identity, text: text, year: nil, notice: nil,
                                                 error: "年份“\(yearText)”无效，请填写1949至2100之间的年份。", status: .unprocessableContent))
            }
            year = number
        }
        guard text.count <= Self.maxText else {
            return .refused(try await render(identity, text: "", year: year, notice: nil, error: "粘贴的内容过长（超过\(Self.maxText)字），请只粘贴通知正文。", status: .unprocessableContent))
        }
        switch Result(catching: { () throws(CalendarImportText.Failure) in try CalendarImportText.read(text, year: year) }) {
        case .success(let years): return .years(years, text: text, year: year)
        case .failure(let error):
            return .refused(try await render(identity, text: text, year: year, notice: nil, error: "未导入：" + error.chineseDescription, status: .unprocessableContent))
        }
    }

    /// A notice is a page or two; a calendar file of many years a few dozen kilobytes.
    static let maxText = 100_000

    func preview(_ identity: Identity, _ form: FormData) async throws -> Response {
        let (years, text, year): ([CalendarYear], String, Int?)
        switch try await read(identity, form) {
        case .refused(let page): return page
        case .years(let read, let pasted, let named): (years, text, year) = (read, pasted, named)
        }
        let current = try await pages.cases.calendars.calendar()
        var proposed = current
        for entry in years { try proposed.add(entry) }
        return pages.page.render("calendar_preview", view: CalendarPreviewView(
            text: text, year: year.map(String.init) ?? "",
            years: try years.map { entry in
                let changed = try proposed.daysDiffering(from: current, from: LocalDate(year: entry.year, month: 1, day: 1)!,
                                                          through: LocalDate(year: entry.year, month: 12, day: 31)!).count
                return .init(
                    year: entry.year, notice: entry.notice, days: try proposed.workingDayCount(in: entry.year),
                    replaces: current.isProvisional(year: entry.year) ? "目前使用的预计日历" : "目前已导入的通知", changed: changed,
                    holidays: entry.holidays.map { .init(name: $0.name, first: $0.first.chineseDay, last: $0.last.chineseDay, single: $0.first == $0.last) },
                    makeup: entry.makeupWorkdays.map(\.chinese),
                    months: try CalendarGrid.months(of: entry, on: proposed))
            }
        ), identity: identity)
    }

    func save(_ identity: Identity, _ form: FormData) async throws -> Response {
        let years: [CalendarYear], text: String, year: Int?
        switch try await read(identity, form) {
        case .refused(let page): return page
        case .years(let read, let pasted, let named): (years, text, year) = (read, pasted, named)
        }
        guard form["confirm"] == "1" else {
            return try await render(identity, text: text, year: year, notice: nil, error: "请先预览核对，再确认导入。", status: .unprocessableContent)
        }
        let outcome = try await pages.cases.calendars.importYears(years, by: identity.user.actor, today: pages.today())
        var notice = "已导入：" + outcome.years.map { "\($0)年" }.joined(separator: "、") + "。"
        if outcome.changedDays == nil {
            notice += "工作日安排与此前相同，没有案件的期限变动。"
        } else {
            notice += "重新计算了\(outcome.examined)件案件，其中\(outcome.moved)件的期限有变动（\(outcome.movedEarlier)件提前），已在各案办理记录中记载，承办人可在工作台查看。"
        }
        return try await render(identity, text: "", year: nil, notice: notice, error: nil)
    }
}

/// A year as twelve month grids, Monday first, each day marked 休 (holiday), 班 (a weekend
/// day worked) or plain.
enum CalendarGrid {
    static func months(of entry: CalendarYear, on calendar: WorkCalendar) throws -> [CalendarPreviewView.Month] {
        var names: [LocalDate: String] = [:]
        for holiday in entry.holidays {
            for n in holiday.first.dayNumber...holiday.last.dayNumber { names[LocalDate(dayNumber: n)] = holiday.name }
        }
        let makeup = Set(entry.makeupWorkdays)
        return try (1...12).map { month in
            let first = LocalDate(year: entry.year, month: month, day: 1)!
            var cells = Array(repeating: CalendarPreviewView.Month.Day.empty, count: first.weekday - 1)
            var day = first
            while day.month == month {
                let working = try calendar.isWorkingDay(day)
                let mark = makeup.contains(day) ? "班" : (!working && !day.isWeekend) || names[day] != nil ? "休" : ""
                cells.append(.init(blank: false, day: day.day, mark: mark.isEmpty ? nil : mark,
                                   title: names[day] ?? (makeup.contains(day) ? "调休上班" : nil),
                                   css: mark == "休" ? "holiday" : mark == "班" ? "makeup" : working ? "work" : "weekend"))
                day = day.adding(days: 1)
            }
            while cells.count % 7 != 0 { cells.append(.empty) }
            let weeks = stride(from: 0, to: cells.count, by: 7).map { CalendarPreviewView.Month.Week(days: Array(cells[$0..<$0 + 7])) }
            let workdays = try calendar.workingDays(from: first, through: day.adding(days: -1)).count
            return .init(month: "\(month)月", weeks: weeks, workdays: workdays)
        }
    }
}
