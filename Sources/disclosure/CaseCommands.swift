import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure lifecycle --mermaid`: the state diagram, drawn from the transition table.
struct LifecycleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycle", abstract: "Print the case lifecycle: states and the events allowed in each.")

    @Flag(help: "Print the state diagram in Mermaid syntax (for the README).")
    var mermaid = false

    func run() throws {
        if mermaid {
            print(Lifecycle.mermaid(), terminator: "")
            return
        }
        for state in CaseState.allCases {
            print("\(state.rawValue) (\(state.label)): \(Lifecycle.allowedEvents(in: state).map(\.rawValue).joined(separator: ", "))")
        }
    }
}

/// `disclosure deadlines [--within N]`: open cases due within N working days, and overdue ones.
struct Deadlines: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List open cases that are overdue or due within N working days, earliest first.")

    @Option(help: "Working days ahead (default 3).") var within = 3
    @Option(help: "Only this agency (its code, e.g. szq-zjj).") var agency: String?
    @OptionGroup var today: TodayOption
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (0...250).contains(within) else { throw ValidationError("--within must be between 0 and 250 working days, not \(within).") }
    }

    func run() async throws {
        try await reportingFailures {
            try await database.withPool { pool in
                let store = CaseStore(pool: pool, calendars: CalendarStore(pool: pool))
                let directory = DirectoryStore(pool: pool)
                let agencies = Dictionary(uniqueKeysWithValues: try await directory.agencies().map { ($0.id, $0) })
                var base = CaseFilter()
                base.sort = .due
                base.descending = false
                base.pageSize = CaseFilter.maxPageSize
                if let code = agency {
                    guard let found = agencies.values.first(where: { $0.code == code }) else {
                        throw ValidationError("There is no agency with the code \(code); `disclosure deadlines` lists them with --agency.")
                    }
                    base.agencyIDs = [found.id]
                }
                let now = today.value
                var overdue = base
                overdue.overdue = true
                var soon = base
                soon.dueWithinWorkingDays = within
                for (title, filter) in [("Overdue", overdue), ("Due within \(within) working days", soon)] {
                    var all: [CaseSummary] = []
                    var page = filter
                    while true {
                        let result = try await store.list(page, today: now, scope: .everything(reason: "the operator's command line"))
                        all += result.cases
                        if all.count >= result.total || result.cases.isEmpty { break }
                        page.page += 1
                    }
                    print("\(title) on \(now): \(all.count)")
                    if let years = Set(all.compactMap(\.provisional).flatMap(\.years)).sorted().nilIfEmpty {
                        print("  (provisional) the notice for \(years.map(String.init).joined(separator: ", ")) is not imported: those dates are computed from the statutory holidays and will be recomputed on import")
                    }
                    for c in all {
                        let agencyName = agencies[c.agencyID]?.shortName ?? "?"
                        let due = c.due(on: now)
                        print("  \(c.nextDue?.description ?? "—")  \(due?.english ?? "")  \(c.caseNumber)  \(c.state.label)  \(agencyName)  \(c.subject)")
                    }
                }
            }
        }
    }
}

/// `disclosure verify`: replays every case's history and reports cases whose stored snapshot differs.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay every case's events and report any case whose stored snapshot differs (exit 1 if any).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            let report = try await database.withPool { pool in
                try await CaseStore(pool: pool, calendars: CalendarStore(pool: pool)).verify()
            }
            for mismatch in report.mismatches { print("\(mismatch.caseNumber) (case \(mismatch.caseID)): \(mismatch.problem)") }
            print("Checked \(report.checked) cases: \(report.mismatches.isEmpty ? "every snapshot matches its history" : "\(Set(report.mismatches.map(\.caseID)).count) differ").")
            if !report.mismatches.isEmpty { throw ExitCode(1) }
        }
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
