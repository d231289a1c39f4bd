import DisclosureCore
import Foundation

/// What an administrator gives to import a year: the State Council notice's text as published
/// (the usual way), or a calendar file in JSON shaped like cn-workcalendar.json. Read and
/// checked here for the 管理 page and `disclosure calendar import` alike; nothing is saved.
public enum CalendarImportText {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notice(HolidayNotice.Failure)
        case file(WorkCalendar.Failure)
        case notJSON(String)
        case yearNeeded
        case invalid(year: Int, [FieldProblem])

        public var description: String {
            switch self {
            case .notice(let failure): return failure.description
            case .file(let failure): return failure.description
            case .notJSON(let detail): return "The calendar file cannot be read: \(detail)."
            case .yearNeeded: return "Say which year the notice is for."
            case .invalid(let year, let problems): return "The calendar for \(year) is not right: \(problems.map(\.message).joined(separator: "; "))."
            }
        }

        public var chineseDescription: String {
            switch self {
            case .notice(let failure): return failure.chineseDescription
            case .file(let failure): return failure.chineseDescription
            case .notJSON(let detail): return "日历文件（JSON）格式不正确（\(detail)）；也可以直接粘贴国务院办公厅节假日安排通知的原文。"
            case .yearNeeded: return "请填写通知所属的年份。"
            case .invalid(let year, let problems):
                return "按通知读出的\(year)年日历有误，未保存：" + problems.map(\.chinese).joined(separator: "；") + "。请对照通知原文核对。"
            }
        }
    }

    /// The years in `text`: a JSON calendar file when it starts with `{`, otherwise the notice
    /// for `year` (or for the year its title names).
    public static func read(_ text: String, year: Int?) throws(Failure) -> [CalendarYear] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") {
            let file: CalendarFile
            do { file = try JSONDecoder().decode(CalendarFile.self, from: Data(trimmed.utf8)) } catch let error as DecodingError {
                throw .notJSON(describe(error))
            } catch {
                throw .notJSON("\(error)")
            }
            do { return try file.calendarYears() } catch { throw .file(error) }
        }
        guard let year = year ?? HolidayNotice.yearNamed(in: trimmed) else { throw .yearNeeded }
        let read: CalendarYear
        do { read = try HolidayNotice.read(text, year: year) } catch { throw .notice(error) }
        let problems = read.problems
        guard problems.isEmpty else { throw .invalid(year: year, problems) }
        return [read]
    }

    /// Where a calendar file went wrong, by its path of keys.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\((context.codingPath + [key]).map(\.stringValue).joined(separator: ".")) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "it is not valid JSON" : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
