import DisclosureCore
import LibPQ

/// Statistics for supervisors (issue 5): counts, time to reply, breakdowns, hot topics,
/// information several applicants asked for (candidates for proactive disclosure, Art. 44)
/// and applicants with many applications in a month (evidence for Art. 35).
public struct StatisticsStore: Sendable {
    let pool: ConnectionPool
    let calendars: CalendarStore

    public init(pool: ConnectionPool, calendars: CalendarStore) {
        self.pool = pool
        self.calendars = calendars
    }

    /// The same figures read from another server's copy (a hot standby); the calendar as before.
    public func reading(_ other: ConnectionPool) -> StatisticsStore {
        StatisticsStore(pool: other, calendars: calendars)
    }

    public typealias Breakdown = (label: String, key: String, count: Int)

    public struct Summary: Sendable {
        public var received = 0, finished = 0, carriedOver = 0, overdueNow = 0, repliedLate = 0
        public var medianWorkingDays: Int?
        public var p90WorkingDays: Int?
        public var receivedByMonth = [Int](repeating: 0, count: 12)
        public var finishedByMonth = [Int](repeating: 0, count: 12)
        /// Each breakdown's rows: the label shown, the code a case filter takes (channel,
        /// applicant kind, agency id, topic name, disposition; "" for none) and the count.
        public var byChannel: [Breakdown] = []
        public var byKind: [Breakdown] = []
        public var byAgency: [Breakdown] = []
        public var byTopic: [Breakdown] = []
        public var byDisposition: [Breakdown] = []
        /// Topic → cases per month.
        public var topicHeat: [(topic: String, months: [Int])] = []
        /// The same request from several applicants (依申请转主动 candidates).
        public var askedBySeveral: [(subject: String, applicants: Int)] = []
        /// Applicants with many applications in one month.
        public var frequentApplicants: [(name: String, month: Int, count: Int)] = []
    }

    public func summary(year: Int, scope: Scope, today: LocalDate, frequentThreshold: Int = 10) async throws -> Summary {
        try await scope.run {
            let start = LocalDate(year: year, month: 1, day: 1)!, end = LocalDate(year: year, month: 12, day: 31)!
            let visible = scope.condition(on: "c.agency_id")
            var s = Summary()
            let counts = try await pool.query("""
                SELECT count(*) FILTER (WHERE c.received_on BETWEEN \(start) AND \(end)),
                       count(*) FILTER (WHERE c.disposed_on BETWEEN \(start) AND \(end)),
                       count(*) FILTER (WHERE c.received_on < \(start) AND (c.disposed_on IS NULL OR c.disposed_on >= \(start))),
                       count(*) FILTER (WHERE c.state NOT IN ('replied', 'closed') AND c.next_due < \(today)),
                       count(*) FILTER (WHERE c.replied_late AND c.disposed_on BETWEEN \(start) AND \(end))
                FROM cases c WHERE \(visible)
                """).single()
            (s.received, s.finished, s.carriedOver, s.overdueNow, s.repliedLate) = try counts.decode(Int.self, Int.self, Int.self, Int.self, Int.self)

            // Working days from receipt to reply, for the cases replied in the year.
            let calendar = try await calendars.calendar()
            var days: [Int] = []
            for row in try await pool.query("""
                SELECT c.received_on, c.disposed_on FROM cases c
                WHERE \(visible) AND c.disposed_on BETWEEN \(start) AND \(end) AND c.state IN ('replied', 'closed') AND c.snapshot ? 'repliedOn'
                """) {
                let (received, replied) = try row.decode(LocalDate.self, LocalDate.self)
                if let n = try? calendar.workingDaysElapsed(after: received, through: replied) { days.append(n) }
            }
            days.sort()
            if !days.isEmpty {
                // The lower median: a whole number of working days, as officers count them.
                s.medianWorkingDays = days[(days.count - 1) / 2]
                s.p90WorkingDays = days[min(days.count - 1, Int((Double(days.count) * 0.9).rounded(.up)) - 1)]
            }

            for row in try await pool.query("""
                SELECT extract(month FROM c.received_on)::int, count(*) FROM cases c WHERE \(visible) AND c.received_on BETWEEN \(start) AND \(end) GROUP BY 1
                """) { s.receivedByMonth[try row.decode(Int.self, at: 0) - 1] = try row.decode(Int.self, at: 1) }
            for row in try await pool.query("""
                SELECT extract(month FROM c.disposed_on)::int, count(*) FROM cases c WHERE \(visible) AND c.disposed_on BETWEEN \(start) AND \(end) GROUP BY 1
                """) { s.finishedByMonth[try row.decode(Int.self, at: 0) - 1] = try row.decode(Int.self, at: 1) }

            func breakdown(_ column: Query, _ label: (String) -> String) async throws -> [Breakdown] {
                try await pool.query("""
                    SELECT \(column)::text, count(*) FROM cases c WHERE \(visible) AND c.received_on BETWEEN \(start) AND \(end) GROUP BY 1 ORDER BY 2 DESC
                    """).map {
                    let key = try $0.decode(String?.self, at: 0) ?? ""
                    return (label(key), key, try $0.decode(Int.self, at: 1))
                }
            }
            s.byChannel = try await breakdown("c.channel") { Channel(rawValue: $0)?.label ?? $0 }
            s.byKind = try await breakdown("c.applicant_kind") { ApplicantKind(rawValue: $0)?.label ?? $0 }
            let names = Dictionary(uniqueKeysWithValues: try await DirectoryStore(pool: pool).agencies().map { (String($0.id), $0.shortName) })
            s.byAgency = try await breakdown("c.agency_id") { names[$0] ?? $0 }
            s.byDisposition = try await pool.query("""
                SELECT c.disposition, count(*) FROM cases c WHERE \(visible) AND c.disposed_on BETWEEN \(start) AND \(end) GROUP BY 1 ORDER BY 2 DESC
                """).map {
                let key = try $0.decode(String?.self, at: 0) ?? ""
                return (Disposition(rawValue: key)?.shortLabel ?? "—", key, try $0.decode(Int.self, at: 1))
            }

            // Topics: classified in SQL from the same word lists, one CASE over the year's subjects.
            let topicCase = TopicClassification.of("c.subject")
            var heat: [String: [Int]] = [:]
            for row in try await pool.query("""
                SELECT \(topicCase), extract(month FROM c.received_on)::int, count(*) FROM cases c
                WHERE \(visible) AND c.received_on BETWEEN \(start) AND \(end) GROUP BY 1, 2
                """) {
                let (topic, month, n) = try row.decode(String.self, Int.self, Int.self)
                heat[topic, default: [Int](repeating: 0, count: 12)][month - 1] += n
            }
            s.topicHeat = heat.map { ($0.key, $0.value) }.sorted { $0.months.reduce(0, +) > $1.months.reduce(0, +) }
            s.byTopic = s.topicHeat.map { ($0.topic, $0.topic, $0.months.reduce(0, +)) }

            s.askedBySeveral = try await pool.query("""
                SELECT c.subject, count(DISTINCT c.applicant_id) FROM cases c
                WHERE \(visible) AND c.received_on BETWEEN \(start) AND \(end) GROUP BY c.subject
                HAVING count(DISTINCT c.applicant_id) >= 3 ORDER BY 2 DESC, 1 LIMIT 30
                """).map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1)) }
            // One person is one identity number (or, without one, one name and phone): every
            // intake and portal confirmation files a new applicant row. Online submissions not
            // yet confirmed count too (issue 17); confirmed ones are cases already.
            s.frequentApplicants = try await pool.query("""
                WITH applications AS (
                    SELECT coalesce(nullif(a.id_number, ''), a.name || '|' || coalesce(a.phone, '')) AS who, a.name, c.received_on AS day
                    FROM cases c JOIN applicants a ON a.id = c.applicant_id
                    WHERE \(visible) AND c.received_on BETWEEN \(start) AND \(end)
                    UNION ALL
                    SELECT coalesce(nullif(s.application->'applicant'->>'idNumber', ''), s.applicant_name || '|' || coalesce(s.application->'applicant'->>'phone', '')),
                           s.applicant_name, s.submitted_on
                    FROM portal_submissions s
                    WHERE s.case_id IS NULL AND \(scope.condition(on: "s.agency_id")) AND s.submitted_on BETWEEN \(start) AND \(end))
                SELECT min(name), extract(month FROM day)::int, count(*) FROM applications
                GROUP BY who, 2 HAVING count(*) >= \(frequentThreshold) ORDER BY 3 DESC, 1 LIMIT 30
                """).map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1), try $0.decode(Int.self, at: 2)) }
            return s
        }
    }
}
