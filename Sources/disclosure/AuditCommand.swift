import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation

/// `disclosure audit verify|list`: the audit trail from the command line.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit trail's hash chain, or list its latest entries.",
        subcommands: [VerifyTrail.self, ListTrail.self])

    struct VerifyTrail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute the audit trail's chain; name the first changed, deleted or reordered row (exit status 1).")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            try await reportingFailures {
                let result = try await database.withPool { try await AuditStore(pool: $0).verify() }
                if let broken = result.firstBreak {
                    print("audit trail broken at row \(broken.rowID) (\(broken.kind.rawValue)): \(broken.reason)")
                    throw ExitCode(1)
                }
                let last = result.lastID.map { "; last row \($0), hash \(result.lastHash ?? "")" } ?? ""
                print("audit trail intact: \(result.rows) rows\(last)")
            }
        }
    }

    struct ListTrail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the latest entries, newest first.")

        @Option(help: "How many entries (1–\(AuditFilter.maxPageSize)).") var limit = 20
        @Option(help: "Only this kind: \(AuditKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: String?
        @Option(help: "Only entries of this username.") var user: String?
        @Option(help: "Only entries about this subject (a case number, username, export …).") var subject: String?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard (1...AuditFilter.maxPageSize).contains(limit) else { throw ValidationError("--limit must be from 1 to \(AuditFilter.maxPageSize), not \(limit).") }
            if let kind, AuditKind(rawValue: kind) == nil { throw ValidationError("--kind must be one of \(AuditKind.allCases.map(\.rawValue).joined(separator: ", ")), not \(kind).") }
        }

        func run() async throws {
            try await reportingFailures {
                var filter = AuditFilter()
                filter.pageSize = limit
                filter.kind = kind.flatMap(AuditKind.init(rawValue:))
                filter.username = user
                filter.subject = subject
                let page = try await database.withPool { try await AuditStore(pool: $0).entries(filter) }
                let formatter = ISO8601DateFormatter()
                formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3_600)
                for e in page.entries {
                    let detail = e.detail.keys.sorted().map { "\($0)=\(e.detail[$0]!)" }.joined(separator: " ")
                    print([String(e.id), formatter.string(from: e.at), e.code, e.actorUsername ?? "-", e.subject ?? "-", e.client ?? "-", detail]
                        .joined(separator: "\t"))
                }
            }
        }
    }
}
