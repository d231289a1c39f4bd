import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation

/// `disclosure calendar …`: the official working-day calendar from the command line.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days on the official calendar: the State Council holiday notices built in and imported, and provisional years computed from the statutory holidays where no notice is imported yet.",
        subcommands: [Workdays.self, Add.self, Years.self, Import.self])

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
                let due = try calendar.workingDay(days, after: date)
                print(due)
                if let provisional = calendar.provisional(countingFrom: date, through: due) {
                    FileHandle.standardError.write(Data("note: provisional (预计). \(provisional.reasonEnglish)\n".utf8))
                }
            }
        }
    }

    struct Years: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the years of the calendar: each notice imported or built in, and the provisional years up to two years ahead.")

        @OptionGroup var today: TodayOption
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await CalendarCommand.run(database) { calendar in
                let now = today.value
                for year in calendar.listedYears(through: now.year + 2) {
                    let source = calendar.isProvisional(year: year) ? "provisional (预计)" : "notice"
                    print("\(year)  \(try calendar.workingDayCount(in: year)) working days  \(source)  \(calendar.calendarYear(year)?.notice ?? "")")
                }
                if let year = calendar.noticeToImport(on: now) {
                    print("The State Council's notice for \(year) is not imported yet: disclosure calendar import NOTICE.txt --year \(year)")
                }
            }
        }
    }

    /// `disclosure calendar import FILE`: adds or replaces years from a State Council notice,
    /// pasted into a text file as published, or from a calendar file in JSON.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or replace calendar years from the text of a State Council holiday notice, or from a JSON file shaped like cn-workcalendar.json.",
            discussion: """
                The notice's text as published (「一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。……」) is read for its \
                holidays and make-up working days; the year is taken from --year or from the notice's title. What was read \
                is printed; with --check nothing is saved. Importing recomputes every case whose dates the year moves, and \
                records the change in its history (by --by, default the first administrator).
                """)

        @Argument(help: "The notice as a text file, or a JSON calendar file.") var file: String
        @Option(help: "The year the notice is for (default: the year its title names).") var year: Int?
        @Flag(help: "Only read and print the year; save nothing.") var check = false
        @Option(help: "The administrator recorded as making the change in the cases' histories (a username).") var by: String?
        @OptionGroup var today: TodayOption
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let year, !LocalDate.inputYears.contains(year) { throw ValidationError("--year must be between 1949 and 2100, not \(year).") }
        }

        func run() async throws {
            let years: [CalendarYear]
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                guard data.count <= 1_000_000 else { throw ValidationError("\(file) is larger than 1 MB; a notice is a page or two.") }
                years = try CalendarImportText.read(String(decoding: data, as: UTF8.self), year: year)
            } catch let error as CalendarImportText.Failure {
                FileHandle.standardError.write(Data("error: \(file): \(error)\n".utf8))
                throw ExitCode(1)
            } catch let error as ValidationError {
                throw error
            } catch {
                FileHandle.standardError.write(Data("error: cannot read \(file): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
            for entry in years {
                print("\(entry.year): \(entry.ownWorkingDays) working days (\(entry.notice))")
                for holiday in entry.holidays { print("  holiday  \(holiday.first)\(holiday.first == holiday.last ? "" : " to \(holiday.last)")  \(holiday.name)") }
                for day in entry.makeupWorkdays { print("  working  \(day)  (a weekend day worked)") }
            }
            if check { return }
            try await reportingFailures {
                try await database.withPool { pool in
                    let directory = DirectoryStore(pool: pool)
                    let actor: Actor?
                    if let by {
                        guard let user = try await directory.user(username: by), user.role == .administrator else {
                            throw ValidationError("There is no active administrator called \(by).")
                        }
                        actor = user.actor
                    } else {
                        actor = try await directory.users().first { $0.role == .administrator }?.actor
                    }
                    let outcome = try await CalendarStore(pool: pool).importYears(years, by: actor, today: today.value)
                    print("imported \(outcome.years.map(String.init).joined(separator: ", "))", terminator: "")
                    if outcome.changedDays == nil {
                        print(": no working day changed, no case recomputed")
                    } else {
                        print(": \(outcome.examined) cases recomputed, \(outcome.moved) with dates moved (\(outcome.movedEarlier) earlier), each recorded in its history")
                    }
                }
            }
        }
    }

}

func parseDate(_ text: String) throws -> LocalDate {
    switch LocalDate.input(text) {
    case .success(let date): return date
    case .failure(.notADate): throw ValidationError("\"\(text)\" is not a date; write it as YYYY-MM-DD, e.g. 2024-10-23.")
    case .failure(let problem): throw ValidationError("\(problem).")
    }
}
