import ArgumentParser
import DisclosureCore
import DisclosureStore
import DisclosureWeb
import Foundation

/// `disclosure report annual --year Y [--agency CODE] --format html|csv|json`.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The annual report's tables 三 and 四.", subcommands: [Annual.self])

    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print tables 三 and 四 for a year, for one agency or the district; exits 1 if a check fails.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case html, csv, json }

        @Option(help: "The report year.") var year: Int
        @Option(help: "The agency's code (e.g. szq-zjj); the whole district if left out.") var agency: String?
        @Option(help: "html, csv or json.") var format: Format = .html
        @Option(help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (2000...2100).contains(year) else { throw ValidationError("--year must be a year such as 2024, not \(year).") }
        }

        func run() async throws {
            var failed = false
            try await reportingFailures {
                let report = try await database.withPool { pool in
                    let found: Agency?
                    if let code = agency {
                        guard let a = try await DirectoryStore(pool: pool).agency(code: code) else {
                            throw ValidationError("There is no agency with the code \(code).")
                        }
                        found = a
                    } else {
                        found = nil
                    }
                    return try await ReportStore(pool: pool).report(year: year, agency: found)
                }
                let bytes: [UInt8]
                switch format {
                case .html: bytes = Array(ReportDocument.standaloneHTML(report).utf8)
                case .csv: bytes = ReportDocument.csv(report)
                case .json: bytes = Array(ReportDocument.json(report))
                }
                if let output {
                    try Data(bytes).write(to: URL(fileURLWithPath: output))
                } else {
                    FileHandle.standardOutput.write(Data(bytes))
                }
                for check in report.checks where !check.passed {
                    FileHandle.standardError.write(Data("\(check.warningOnly ? "warning" : "check failed"): \(check.message)\n".utf8))
                }
                failed = !report.publishable
            }
            if failed { throw ExitCode(1) }
        }
    }
}
