import ArgumentParser
import DisclosureCore
import Foundation

/// `disclosure calendar …`: the official working-day calendar from the command line.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days on the official calendar (State Council holiday notices 2019–2026).",
        subcommands: [Workdays.self, Add.self])

    /// A date outside the calendar's years exits with status 2 and the year named.
    static func run(_ body: (WorkCalendar) throws -> Void) throws {
        let calendar = try WorkCalendar(CalendarYear.official)
        do {
            try body(calendar)
        } catch let failure as WorkCalendar.Failure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(2)
        }
    }

    struct Workdays: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every working day from one date to another, both included, one ISO date a line.")

        @Option(help: "First date, YYYY-MM-DD.", transform: parseDate) var from: LocalDate
        @Option(help: "Last date, YYYY-MM-DD.", transform: parseDate) var to: LocalDate

        func run() throws {
            try CalendarCommand.run { calendar in
                let days = try calendar.workingDays(from: from, through: to)
                print(days.map(\.description).joined(separator: "\n"))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the N-th working day after DATE (the day itself not counted).")

        @Argument(help: "The starting date, YYYY-MM-DD.", transform: parseDate) var date: LocalDate
        @Argument(help: "How many working days after it.") var days: Int

        func validate() throws {
            guard days >= 0 else { throw ValidationError("The number of working days must be 0 or more, not \(days).") }
        }

        func run() throws {
            try CalendarCommand.run { calendar in
                print(try calendar.workingDay(days, after: date))
            }
        }
    }
}

func parseDate(_ text: String) throws -> LocalDate {
    guard let date = LocalDate(iso: text) else {
        throw ValidationError("\"\(text)\" is not a date; write it as YYYY-MM-DD, e.g. 2024-10-23.")
    }
    return date
}
