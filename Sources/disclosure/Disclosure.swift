import ArgumentParser

@main
struct Disclosure: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclosure",
        abstract: "Disclosure Desk: case management for applications for government information (依申请公开).",
        subcommands: [Serve.self, Migrate.self, CalendarCommand.self, Deadlines.self, LifecycleCommand.self, Verify.self, DemoCommand.self, UserCommand.self, ReportCommand.self, ImportCommand.self, ExportCommand.self, LibraryCommand.self, AuditCommand.self, BackupCommand.self, RestoreCommand.self, StandbyCommand.self, Bench.self]
    )
}
