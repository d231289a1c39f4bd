import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation

/// `disclosure import ledger FILE`: historical cases from an office's ledger (台账) CSV.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Bring data in.", subcommands: [Ledger.self])

    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a ledger CSV (columns in the README). Every line is checked; any bad line stops it and nothing is imported.")

        @Argument(help: "The CSV file (UTF-8, with or without BOM).") var file: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let bytes: [UInt8]
            do { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file))) } catch {
                FileHandle.standardError.write(Data("error: cannot read \(file): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
            var failure: LedgerStore.ImportFailure?
            try await reportingFailures {
                try await database.withPool { pool in
                    do {
                        let count = try await LedgerStore(pool: pool).importFile(bytes)
                        print("imported \(count) cases from \(file)")
                    } catch let error as LedgerStore.ImportFailure {
                        failure = error
                    }
                }
            }
            if let failure {
                FileHandle.standardError.write(Data("error: \(file) was not imported; nothing was stored.\n\(failure.description)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

/// `disclosure export ledger --year Y`: the same CSV, for the cases a year's report counts.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write data out.", subcommands: [Ledger.self])

    struct Ledger: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the ledger CSV of every case the year's report counts (received by its end, not disposed before it began).")

        @Option(help: "The report year.") var year: Int?
        @Flag(help: "Every case instead of one year's.") var all = false
        @Option(help: "Only this agency (its code).") var agency: String?
        @Option(help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (year == nil) == all else { throw ValidationError("Give either --year Y or --all.") }
        }

        func run() async throws {
            try await reportingFailures {
                let bytes = try await database.withPool { pool in
                    var id: Int64?
                    if let agency {
                        guard let found = try await DirectoryStore(pool: pool).agency(code: agency) else {
                            throw ValidationError("There is no agency with the code \(agency).")
                        }
                        id = found.id
                    }
                    return try await LedgerStore(pool: pool).export(year: year, agency: id)
                }
                if let output { try Data(bytes).write(to: URL(fileURLWithPath: output)) } else { FileHandle.standardOutput.write(Data(bytes)) }
            }
        }
    }
}
