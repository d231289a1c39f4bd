/// Asks `condition` every `interval` until it holds, at most `tries` times: for what another
/// process does in its own time (a standby replaying, a server archiving, a service coming back).
/// Gives whether it came to hold.
public func eventually(tries: Int = 100, every interval: Duration = .milliseconds(100), _ condition: () async throws -> Bool) async throws -> Bool {
    for attempt in 1...max(1, tries) {
        if try await condition() { return true }
        if attempt < tries { try await Task.sleep(for: interval) }
    }
    return false
}
