import ArgumentParser

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print their figures beside a reference measured in the same run.",
        subcommands: [BenchService.self, BenchPortal.self, BenchDB.self, BenchLifecycle.self, BenchCaseList.self, BenchReport.self, BenchSearch.self, BenchRelevance.self, BenchRecompute.self, BenchAdmin.self])
}
