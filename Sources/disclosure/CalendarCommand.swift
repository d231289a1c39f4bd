import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation

/// `disclosure calendar …`: the official working-day calendar from the command line.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days on the official calendar (State Council holiday notices 2019–2026, and the years imported).",
        subcommands: [Workdays.self, Add.self, Import.self])

    /// The built-in years and those imported into the database. A date outside them exits
    /// with status 2 and the year named.
    static func run(_ database: DatabaseOptions, _ body: @escaping (WorkCalendar) throws -> Void) async throws {
        var failure: WorkCalendar.Failure?
        try await reportingFailures {
            try await database.withPool { pool in
                let calendar = try await CalendarStore(pool: pool).calendar()
                do { try body(calendar) } catch let error as WorkCalendar.Failure { failure = error }
            }
        }
        if let failure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(2)
        }
    }

    struct Workdays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every working day from one date to another, both included, one ISO date a line.")

        @Option(help: "First date, YYYY-MM-DD.", transform: parseDate) var from: LocalDate
        @Option(help: "Last date, YYYY-MM-DD.", transform: parseDate) var to: LocalDate
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await CalendarCommand.run(database) { calendar in
                let days = try calendar.workingDays(from: from, through: to)
                print(days.map(\.description).joined(separator: "\n"))
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the N-th working day after DATE (the day itself not counted).")

        @Argument(help: "The starting date, YYYY-MM-DD.", transform: parseDate) var date: LocalDate
        @Argument(help: "How many working days after it.") var days: Int
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard days >= 0 else { throw ValidationError("The number of working days must be 0 or more, not \(days).") }
        }

        func run() async throws {
            try await CalendarCommand.run(database) { calendar in
                print(try calendar.workingDay(days, after: date))
            }
        }
    }

    /// `disclosure calendar import FILE`: adds or replaces years from a State Council notice.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or replace calendar years from a JSON file shaped like shared/data/cn-workcalendar.json.")

        @Argument(help: "The JSON file.") var file: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let years: [CalendarYear]
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                years = try JSONDecoder().decode(CalendarFile.self, from: data).calendarYears()
            } catch let error as WorkCalendar.Failure {
                FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
                throw ExitCode(1)
            } catch let error as DecodingError {
                FileHandle.standardError.write(Data("error: \(file) is not a calendar file: \(CalendarImportMessage.describe(error))\n".utf8))
                throw ExitCode(1)
            } catch {
                FileHandle.standardError.write(Data("error: cannot read \(file): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
            try await reportingFailures {
                try await database.withPool { pool in
                    let store = CalendarStore(pool: pool)
                    try await store.importYears(years)
                    let calendar = try await store.calendar()
                    for year in years {
                        print("imported \(year.year): \(try calendar.workingDayCount(in: year.year)) working days (\(year.notice))")
                    }
                }
            }
        }
    }
}

enum CalendarImportMessage {
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

func parseDate(_ text: String) throws -> LocalDate {
    guard let date = LocalDate(iso: text) else {
        throw ValidationError("\"\(text)\" is not a date; write it as YYYY-MM-DD, e.g. 2024-10-23.")
    }
    return date
}
