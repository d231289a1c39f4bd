import Foundation

/// Runs a program to completion with posix_spawn and waitpid, its output going to a file.
/// Foundation's Process was seen leaving children unreaped (and callers waiting forever) when
/// several ran at once from background threads; this is the plain POSIX way, and it blocks the
/// calling thread, so call it off Swift's cooperative pool.
public enum ChildProcess {
    public struct Failure: Error {
        public let status: Int32
        public let output: String
    }

    /// Runs `executable` and returns what it printed (stdout and stderr together).
    @discardableResult
    public static func run(
        _ executable: String, _ arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        let outputPath = NSTemporaryDirectory() + "child-\(UUID().uuidString).out"
        defer { unlink(outputPath) }
        let pid = try start(executable, arguments, environment: environment, outputPath: outputPath)
        let code = waitForExit(pid)
        let output = ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard code == 0 else { throw Failure(status: code, output: output) }
        return output
    }

    /// Starts `executable` with its output going to `outputPath` and returns its process id.
    public static func start(
        _ executable: String, _ arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        outputPath: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // Dispatch's threads block every signal, and a spawned child inherits the mask: pgbench
        // then never hears its own timer and SIGTERM cannot stop a server. Start from a clean
        // mask with default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw Failure(status: -1, output: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// Waits for a started child and returns its exit status (128 + the signal if killed).
    public static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return exitCode(status)
    }

    /// The exit status of a finished child, or nil while it runs; does not wait.
    public static func exitStatusIfFinished(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid ? exitCode(status) : nil
    }

    private static func exitCode(_ status: Int32) -> Int32 {
        let exited = (status & 0x7f) == 0
        return exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
