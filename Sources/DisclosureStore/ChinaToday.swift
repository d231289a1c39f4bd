import DisclosureCore
import Foundation

/// Today's date in China (UTC+8, no daylight saving): the legal day every deadline counts from.
/// Injected wherever "today" matters, so tests can fix it.
public enum ChinaToday {
    public static func now(_ instant: Date = Date()) -> LocalDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return LocalDate(year: 1970, month: 1, day: 1)!.adding(days: days)
    }
}
