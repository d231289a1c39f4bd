/// Server settings that travel with statements, for row-level security keyed on a setting.
///
/// The pool sends statements that waited together as one pipeline and one implicit
/// transaction, so a setting made once per transaction (`SET LOCAL`) would be shared by callers
/// with different settings, and one made per session would outlive its caller. Instead every
/// statement carries its settings: it is sent right after `SELECT set_config(name, value, true)`
/// in the same transaction, so it is answered under its own settings whatever it was batched
/// with, and they end with the transaction.
public enum StatementSettings {
    /// The settings of every statement sent from this task (and its child tasks) that does not
    /// carry its own; captured when the statement is handed to a connection or the pool.
    @TaskLocal public static var current: [Query.Setting] = []

    /// Runs `body` with `setting` beside the settings already current.
    public static func adding<T>(_ setting: Query.Setting, _ body: () async throws -> T) async rethrows -> T {
        try await $current.withValue(current.filter { $0.name != setting.name } + [setting], operation: body)
    }
}

extension Query {
    public struct Setting: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// This statement, to run under `settings`.
    public func with(settings: [Setting]) -> Query {
        var copy = self
        copy.settings = settings
        return copy
    }

    /// The task's settings, unless the statement carries its own.
    func withTaskSettings() -> Query {
        settings.isEmpty && !StatementSettings.current.isEmpty ? with(settings: StatementSettings.current) : self
    }

    /// `SELECT set_config($1, $2, true), …` for the settings, if there are any.
    var settingsStatement: (sql: String, binds: [PostgresBind])? {
        guard !settings.isEmpty else { return nil }
        let calls = settings.indices.map { "set_config($\($0 * 2 + 1), $\($0 * 2 + 2), true)" }
        return ("SELECT " + calls.joined(separator: ", "), settings.flatMap { [$0.name.postgresBind, $0.value.postgresBind] })
    }

    /// What goes on the wire for this statement: its settings, then itself.
    var wire: [(sql: String, binds: [PostgresBind])] {
        (settingsStatement.map { [$0] } ?? []) + [(sql, binds)]
    }
}
