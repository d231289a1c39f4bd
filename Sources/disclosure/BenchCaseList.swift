import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure bench list`: the case lists people open all day, on the database at hand (the
/// 1,000,000-case one of `demo generate`), through the case store as the owner (row-level
/// security does not apply) and as the service's role (it does), side by side in one run.
struct BenchCaseList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Time the case lists with and without row-level security, side by side.")

    @Option(help: "Runs of each list; the median is printed.") var runs: Int = 15
    @OptionGroup var today: TodayOption
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await reportingFailures {
            try await database.withPools { owner, service in
                let directory = DirectoryStore(pool: owner)
                let agencies = try await directory.agencies()
                guard let housing = agencies.first(where: { $0.code == "szq-zjj" }),
                      let officer = try await directory.users().first(where: { $0.agencyID == housing.id && $0.role == .officer }) else {
                    throw ValidationError("The database has no demo district; run `disclosure demo generate` first.")
                }
                let cases = try await owner.query("SELECT count(*) FROM cases").single().decode(Int.self, at: 0)
                let mine = Scope.agencies([housing.id])
                var byDue = CaseFilter()
                byDue.officerID = officer.id
                byDue.states = CaseState.allCases.filter(\.isOpen)
                byDue.sort = .due
                byDue.descending = false
                var overdue = CaseFilter()
                overdue.overdue = true
                let lists: [(String, CaseFilter, Scope)] = [
                    ("an officer's open cases by due date", byDue, mine),
                    ("an agency's cases, newest first", CaseFilter(), mine),
                    ("an agency's overdue cases", overdue, mine),
                    ("every agency's cases, newest first", CaseFilter(), .everything(reason: "the district office's supervisors")),
                ]
                print("bench list: \(cases) cases; page 1 of 50 with its total, median of \(runs) runs each, alternating; "
                      + "without: as the owner, with: as disclosure_service with the scope on every statement")
                let stores = [CaseStore(pool: owner, calendars: CalendarStore(pool: owner)), CaseStore(pool: service, calendars: CalendarStore(pool: service))]
                var totals = [0.0, 0.0]
                for (title, filter, scope) in lists {
                    var times: [[Double]] = [[], []]
                    var found: [Int] = [0, 0]
                    for run in 0...runs {
                        for (i, store) in stores.enumerated() {
                            let start = ContinuousClock.now
                            found[i] = try await store.list(filter, today: today.value, scope: scope).total
                            // The first run of each warms the caches and prepares the statements.
                            if run > 0 { times[i].append((ContinuousClock.now - start).seconds * 1000) }
                        }
                    }
                    guard found[0] == found[1] else { throw ValidationError("\(title): \(found[0]) cases as the owner but \(found[1]) as the service") }
                    let (without, with) = (median(times[0]), median(times[1]))
                    totals[0] += without
                    totals[1] += with
                    print(title.padding(toLength: 40, withPad: " ", startingAt: 0)
                          + String(format: "%8d cases   without %8.2f ms   with %8.2f ms   %+6.1f %%", found[0], without, with, (with / without - 1) * 100))
                }
                print(String(format: "all four lists                                        without %8.2f ms   with %8.2f ms   %+6.1f %% (goal: under 10 %% slower)",
                             totals[0], totals[1], (totals[1] / totals[0] - 1) * 100))
            }
        }
    }
}
