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
        /// Cases whose stored snapshot changed.
        var rewritten = 0
        /// Cases whose dates moved, each with an entry in its history (when recording).
        var moved = 0
        /// Of those, cases with a date now earlier than before.
        var movedEarlier = 0
        /// The cases rewritten, in id order.
        var rewrittenIDs: [Int64] = []
    }

    let calendar: WorkCalendar
    let recording: Recording?
    var batchSize = 2000

    /// One case replayed: its new snapshot and the entry it gets, if it changed.
    struct Rewrite: Sendable {
        var id: Int64
        var snapshot: CaseSnapshot
        var entry: CaseEvent?
        var earlier: Bool
    }

    func run(_ connection: Connection, candidates: Query) async throws -> Outcome {
        let histories = CaseHistories(run: { try await connection.query($0) }, condition: candidates, batchSize: batchSize, locking: true)
        var outcome = Outcome()
        var after: Int64 = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        while true {
            let batch = try await histories.batch(after: after)
            guard let last = batch.last else { break }
            after = last.id
            outcome.examined += batch.count
            let rewrites = try await replay(batch)
            guard !rewrites.isEmpty else { continue }
            outcome.rewritten += rewrites.count
            outcome.rewrittenIDs += rewrites.map(\.id)
            outcome.moved += rewrites.filter { $0.entry != nil }.count
            outcome.movedEarlier += rewrites.filter(\.earlier).count
            try await write(rewrites, connection, encoder: encoder)
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
        guard let history = entry.events else { return nil }
        var replayed: CaseSnapshot
        do { replayed = try Lifecycle.replay(history, calendar: calendar) } catch {
            throw RefreshError.historyDoesNotReplay(caseNumber: entry.caseNumber, error)
        }
        guard replayed != entry.stored else { return nil }
        let changes = entry.stored.deadlineChanges(to: replayed)
        guard let recording, !changes.isEmpty else { return Rewrite(id: entry.id, snapshot: replayed, entry: nil, earlier: false) }
        let event = CaseEvent(.recomputeDeadlines(DeadlineRecomputation(year: recording.year, notice: recording.notice, changes: changes)),
                              on: max(recording.on, replayed.lastEventOn), by: recording.actor)
        replayed = try Lifecycle.apply(event, to: replayed, calendar: calendar)
        return Rewrite(id: entry.id, snapshot: replayed, entry: event, earlier: changes.contains(where: \.isEarlier))
    }

    /// The batch in three statements, whatever its size: the rows, the entries, the records.
    func write(_ rewrites: [Rewrite], _ connection: Connection, encoder: JSONEncoder) async throws {
        let rows = "[" + (try rewrites.map { try CaseColumns.record(id: $0.id, $0.snapshot, encoder: encoder) }).joined(separator: ",") + "]"
        let assignments = Query.joined(CaseColumns.derived.map { "\(identifier: $0.name) = v.\(identifier: $0.name)" } + ["snapshot = v.snapshot"], separator: ", ")
        try await connection.execute("""
            UPDATE cases c SET \(assignments)
            FROM jsonb_to_recordset(\(rows)::jsonb) AS v(\(CaseColumns.recordType)) WHERE c.id = v.id
            """)
        let entries = rewrites.compactMap { rewrite in rewrite.entry.map { (rewrite.id, rewrite.snapshot.version, $0) } }
        if !entries.isEmpty {
            let events = "[" + (try entries.map { id, sequence, event in
                "{\"case_id\":\(id),\"seq\":\(sequence),\"kind\":\(JSONText.string(event.kind.rawValue)),\"occurred_on\":\"\(event.on)\","
                    + "\"actor_id\":\(event.actor.userID),\"actor_role\":\(JSONText.string(event.actor.role.rawValue)),"
                    + "\"payload\":" + String(decoding: try encoder.encode(PayloadBox(event.payload)), as: UTF8.self) + "}"
            }).joined(separator: ",") + "]"
            try await connection.execute("""
                INSERT INTO case_events (case_id, seq, kind, occurred_on, actor_id, actor_role, payload)
                SELECT * FROM jsonb_to_recordset(\(events)::jsonb)
                    AS e(case_id bigint, seq int, kind text, occurred_on date, actor_id bigint, actor_role text, payload jsonb)
                """)
        }
        let ids = rewrites.map(\.id)
        for table in CaseProjections.Table.allCases {
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
