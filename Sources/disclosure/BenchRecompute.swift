import ArgumentParser
import DisclosureCore
import DisclosureStore
import Foundation
import LibPQ

/// `disclosure bench recompute`: a year's holiday notice imported over the database at hand
/// (the 1,000,000-case one of `demo generate`), with every case whose dates it moves replayed,
/// rewritten and given its history entry; beside a plain SQL UPDATE of the same rows and an
/// INSERT of one entry each, measured in the same run. Both run inside transactions that are
/// rolled back: the database is left as it was.
struct BenchRecompute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recompute", abstract: "Time importing a year's notice (recomputing the cases it moves) beside a plain UPDATE of the same rows.")

    @Option(help: "A notice text or JSON calendar file to import (default: a sample notice for 2027, not the official one).") var notice: String?
    @Option(help: "The year of --notice, if its title does not name it.") var year: Int?
    @Option(help: "Runs of each; the median is printed.") var runs: Int = 3
    @OptionGroup var today: TodayOption
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let years: [CalendarYear]
        do {
            let text = try notice.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? SampleNotice.text2027
            years = try CalendarImportText.read(text, year: notice == nil ? 2027 : year)
        } catch let error as CalendarImportText.Failure {
            throw ValidationError("The notice cannot be read: \(error)")
        }
        try await reportingFailures {
            try await database.withPool { pool in
                let directory = DirectoryStore(pool: pool)
                guard let admin = try await directory.users().first(where: { $0.role == .administrator }) else {
                    throw ValidationError("The database has no administrator; run `disclosure demo generate` first.")
                }
                let calendars = CalendarStore(pool: pool)
                let (cases, open) = try await pool.query("SELECT count(*), count(*) FILTER (WHERE state NOT IN ('replied', 'closed')) FROM cases")
                    .single().decode(Int.self, Int.self)
                let first = LocalDate(year: years.map(\.year).min()! - 1, month: 12, day: 29)!
                let reaching = try await CaseStore(pool: pool, calendars: calendars).openCasesDue(onOrAfter: first)
                print("bench recompute: \(cases) cases, \(open) open, \(reaching) open with a date from \(first) on; importing \(years.map(\.year).map(String.init).joined(separator: ", ")) (\(years[0].notice.prefix(40))…); median of \(runs) runs, each rolled back")

                var recomputeTimes: [Double] = [], plainTimes: [Double] = []
                var outcome: CalendarStore.ImportOutcome?
                for _ in 0..<max(1, runs) {
                    try await pool.withConnection { connection in
                        try await connection.execute("BEGIN")
                        let start = ContinuousClock.now
                        outcome = try await calendars.importYears(years, by: admin.actor, today: today.value, connection)
                        recomputeTimes.append((ContinuousClock.now - start).seconds)
                        try await connection.execute("ROLLBACK")
                    }
                    let ids = outcome?.rewrittenCaseIDs ?? []
                    try await pool.withConnection { connection in
                        try await connection.execute("BEGIN")
                        let start = ContinuousClock.now
                        // The same rows, rewritten by SQL alone: their dates, version and snapshot, and one entry each.
                        try await connection.execute("""
                            UPDATE cases SET version = version + 1, reply_due = reply_due + 1, next_due = next_due + 1,
                                snapshot = jsonb_set(snapshot, '{version}', to_jsonb(version + 1))
                            WHERE id = ANY(\(ids))
                            """)
                        try await connection.execute("""
                            INSERT INTO case_events (case_id, seq, kind, occurred_on, actor_id, actor_role, payload)
                            SELECT id, version, 'recompute_deadlines', \(today.value), \(admin.id), 'administrator', '{"changes": []}'::jsonb
                            FROM cases WHERE id = ANY(\(ids))
                            """)
                        plainTimes.append((ContinuousClock.now - start).seconds)
                        try await connection.execute("ROLLBACK")
                    }
                }
                let result = outcome!
                let recompute = median(recomputeTimes), plain = median(plainTimes)
                print(String(format: "recompute and record  %7.2f s   %d cases replayed, %d rewritten, %d with dates moved (%d earlier), each with its entry",
                             recompute, result.examined, result.rewrittenCaseIDs.count, result.moved, result.movedEarlier))
                if result.rewrittenCaseIDs.isEmpty {
                    print("plain SQL UPDATE      (no case's dates move under this notice: nothing to compare)")
                } else {
                    print(String(format: "plain SQL UPDATE      %7.2f s   the same %d rows and one entry each   ratio %.1f×",
                                 plain, result.rewrittenCaseIDs.count, recompute / plain))
                }
            }
        }
    }
}

/// A notice for 2027 written in the State Council's form for the bench: not the official
/// arrangement, which had not been published when this was written. Its 元旦 runs to Monday
/// 4 January, which the provisional calendar counts as a working day, so nearly every date
/// from January on moves: the most a notice can ask of the recomputation.
enum SampleNotice {
    static let text2027 = """
        国务院办公厅关于2027年部分节假日安排的通知（示例，非正式通知）
        一、元旦：1月1日（周五）至4日（周一）放假调休，共4天。
        二、春节：2月5日（周五）至13日（周六）放假调休，共9天。1月31日（周日）、2月20日（周六）上班。
        三、清明节：4月3日（周六）至5日（周一）放假，共3天。
        四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）上班。
        五、端午节：6月9日（周三）放假，共1天。
        六、中秋节：9月15日（周三）放假，共1天。
        七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
        """
}
