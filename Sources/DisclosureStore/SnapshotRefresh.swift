import DisclosureCore
import Foundation
import LibPQ

/// Replays cases under a calendar and writes back every case whose snapshot the replay
/// changes: after a holiday notice is imported (the dates move, and the case records an entry
/// saying so), and after an upgrade whose code computes snapshots differently (silently: the
/// history is the same, only its projection is rebuilt). Runs on one connection, inside the
/// caller's transaction, so an import and its recomputation are one change or none.
struct SnapshotRefresh: Sendable {
    /// The entry appended to a case whose dates moved.
    struct Recording: Sendable {
        var year: Int
        var notice: String
        var actor: Actor
        var on: LocalDate
    }

    struct Outcome: Sendable, Equatable {
        /// Cases replayed.
        var examined = 0
        /// Cases whose dates moved, each with an entry in its history (when recording).
        var moved = 0
        /// Of those, cases with a date now earlier than before.
        var movedEarlier = 0
        /// The cases whose stored snapshot changed, in id order.
        var rewrittenIDs: [Int64] = []
    }

    let calendar: WorkCalendar
    let recording: Recording?
    var batchSize = 2000

    /// One case replayed: its new snapshot and the entry it gets, if it changed, already
    /// written as the JSON rows the batch's statements take.
    struct Rewrite: Sendable {
        var id: Int64
        var entry: CaseEvent?
        var earlier: Bool
        var row: String
        var entryRow: String?
        /// The record tables whose rows hold a date that moved.
        var tables: Set<CaseProjections.Table>
    }

    /// Every case `candidates` selects is replayed and written back on `connection`, in the
    /// caller's transaction. The histories are read on `reader`, a second connection, and each
    /// batch is read, replayed and written while its neighbours are at the other steps: done one
    /// after the other, the three took about a third of the time each (25 s against 15 s for
    /// 107,000 cases). The caller holds the calendar's exclusive lock, which every write of a
    /// case waits for, so the rows read are the rows rewritten.
    func run(_ connection: Connection, reading reader: Connection, candidates: Query) async throws -> Outcome {
        // These statements are costly enough in the planner's eyes for PostgreSQL to JIT them,
        // which took 150 ms of a 210 ms read of 2,000 histories (measured on 1,000,000 cases).
        try await connection.execute("SET LOCAL jit = off")
        try await reader.execute("SET jit = off")
        do {
            let outcome = try await replayAll(connection, reader, candidates)
            try await reader.execute("RESET jit")
            return outcome
        } catch {
            _ = try? await reader.execute("RESET jit")
            throw error
        }
    }

    private func replayAll(_ connection: Connection, _ reader: Connection, _ candidates: Query) async throws -> Outcome {
        let histories = CaseHistories(run: { try await reader.query($0) })
        let ids = try await histories.ids(where: candidates)
        let batches = stride(from: 0, to: ids.count, by: batchSize).map { Array(ids[$0..<min(ids.count, $0 + batchSize)]) }
        var outcome = Outcome()
        var next = batches.first.map { first in Task { try await histories.batch(ids: first) } }
        var writing: Task<Void, any Error>?
        do {
            for index in batches.indices {
                guard let batch = try await next?.value else { break }
                next = index + 1 < batches.count ? Task { [batch = batches[index + 1]] in try await histories.batch(ids: batch) } : nil
                outcome.examined += batch.count
                let rewrites = try await replay(batch)
                try await writing?.value
                writing = nil
                guard !rewrites.isEmpty else { continue }
                outcome.rewrittenIDs += rewrites.map(\.id)
                outcome.moved += rewrites.filter { $0.entry != nil }.count
                outcome.movedEarlier += rewrites.filter(\.earlier).count
                writing = Task { try await write(rewrites, connection) }
            }
            try await writing?.value
        } catch {
            // The connections go back to the pool with nothing of ours still running on them.
            _ = try? await next?.value
            _ = try? await writing?.value
            throw error
        }
        return outcome
    }

    /// Replays a batch on every core: decoding and replaying histories is the work here.
    func replay(_ batch: [CaseHistories.Entry]) async throws -> [Rewrite] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch.count / 200))
        let size = (batch.count + parts - 1) / parts
        return try await withThrowingTaskGroup(of: [Rewrite].self) { group in
            for start in stride(from: 0, to: batch.count, by: size) {
                let slice = Array(batch[start..<min(batch.count, start + size)])
                group.addTask { try slice.compactMap(rewrite) }
            }
            var all: [Rewrite] = []
            for try await part in group { all += part }
            return all.sorted { $0.id < $1.id }
        }
    }

    func rewrite(_ entry: CaseHistories.Entry) throws -> Rewrite? {
        guard let history = try entry.events() else { return nil }
        var replayed: CaseSnapshot
        do { replayed = try Lifecycle.replay(history, calendar: calendar) } catch {
            throw RefreshError.historyDoesNotReplay(caseNumber: entry.caseNumber, error)
        }
        let stored = try entry.stored()
        guard replayed != stored else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let changes = stored.deadlineChanges(to: replayed)
        guard let recording, !changes.isEmpty else {
            return Rewrite(id: entry.id, entry: nil, earlier: false, row: try CaseColumns.record(id: entry.id, replayed, encoder: encoder),
                           tables: Set(CaseProjections.Table.allCases))
        }
        let event = CaseEvent(.recomputeDeadlines(DeadlineRecomputation(year: recording.year, notice: recording.notice, changes: changes)),
                              on: max(recording.on, replayed.lastEventOn), by: recording.actor)
        replayed = try Lifecycle.apply(event, to: replayed, calendar: calendar)
        let entryRow = "{\"case_id\":\(entry.id),\"seq\":\(replayed.version),\"kind\":\(JSONText.string(event.kind.rawValue)),\"occurred_on\":\"\(event.on)\","
            + "\"actor_id\":\(event.actor.userID),\"actor_role\":\(JSONText.string(event.actor.role.rawValue)),"
            + "\"payload\":" + String(decoding: try encoder.encode(PayloadBox(event.payload)), as: UTF8.self) + "}"
        return Rewrite(id: entry.id, entry: event, earlier: changes.contains(where: \.isEarlier),
                       row: try CaseColumns.record(id: entry.id, replayed, encoder: encoder), entryRow: entryRow,
                       tables: Set(changes.compactMap { CaseProjections.table(holding: $0.kind) }))
    }

    /// The batch in a few statements, whatever its size: the rows, the entries, the records.
    func write(_ rewrites: [Rewrite], _ connection: Connection) async throws {
        let rows = "[" + rewrites.map(\.row).joined(separator: ",") + "]"
        let assignments = Query.joined(CaseColumns.derived.map { "\(identifier: $0.name) = v.\(identifier: $0.name)" } + ["snapshot = v.snapshot"], separator: ", ")
        try await connection.execute("""
            UPDATE cases c SET \(assignments)
            FROM jsonb_to_recordset(\(rows)::jsonb) AS v(\(CaseColumns.recordType)) WHERE c.id = v.id
            """)
        let entries = rewrites.compactMap(\.entryRow)
        if !entries.isEmpty {
            try await connection.execute("""
                INSERT INTO case_events (case_id, seq, kind, occurred_on, actor_id, actor_role, payload)
                SELECT * FROM jsonb_to_recordset(\("[" + entries.joined(separator: ",") + "]")::jsonb)
                    AS e(case_id bigint, seq int, kind text, occurred_on date, actor_id bigint, actor_role text, payload jsonb)
                """)
        }
        for table in CaseProjections.Table.allCases {
            let ids = rewrites.filter { $0.tables.contains(table) }.map(\.id)
            guard !ids.isEmpty else { continue }
            for statement in table.rebuild("c.id = ANY(\(ids))") { try await connection.execute(statement) }
        }
    }
}

enum RefreshError: Error, CustomStringConvertible {
    case historyDoesNotReplay(caseNumber: String, any Error)

    var description: String {
        switch self {
        case .historyDoesNotReplay(let number, let error): return "The history of \(number) does not replay under the new calendar: \(error)"
        }
    }

    var chineseDescription: String {
        switch self {
        case .historyDoesNotReplay(let number, let error):
            let detail = (error as? LifecycleError)?.chineseDescription ?? "\(error)"
            return "按新的工作日历无法重新计算案件\(number)的办理记录：\(detail)"
        }
    }
}
