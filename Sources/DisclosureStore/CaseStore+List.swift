import DisclosureCore
import LibPQ

extension CaseStore {
    /// `reads`: the pool to read from, a hot standby's (`ReadRouter`); the store's own by default.
    public func list(_ filter: CaseFilter, today: LocalDate, scope: Scope, on reads: ConnectionPool? = nil) async throws -> CasePage {
        let pool = reads ?? self.pool
        // Prepared, the list's statements went to PostgreSQL's generic plan after five runs,
        // which cannot see which agency or officer a parameter names: an officer's open cases
        // took 186 ms by intersecting two bitmaps and sorting 3,300 rows, where the plan for
        // the values reads 20 rows of an index in order (1.9 ms). Planned for their values,
        // every time, as pgbench's plain statements are.
        return try await scope.run { try await StatementSettings.adding(Query.Setting("plan_cache_mode", "force_custom_plan")) {
            var conditions: [Query] = [scope.condition(on: "c.agency_id")]
            let open: Query = "c.state NOT IN ('replied', 'closed')"
            // Every open state is written as the partial indexes on open cases are (Schema 0027).
            if Set(filter.states) == Self.openStates {
                conditions.append(open)
            } else if filter.states.count == 1 {
                conditions.append("c.state = \(filter.states[0].rawValue)")
            } else if !filter.states.isEmpty {
                conditions.append("c.state = ANY(\(filter.states.map(\.rawValue)))")
            }
            if filter.agencyIDs.count == 1 {
                conditions.append("c.agency_id = \(filter.agencyIDs[0])")
            } else if !filter.agencyIDs.isEmpty {
                conditions.append("c.agency_id = ANY(\(filter.agencyIDs))")
            }
            if let officer = filter.officerID { conditions.append("c.officer_id = \(officer)") }
            if let kind = filter.applicantKind { conditions.append("c.applicant_kind = \(kind.rawValue)") }
            if let disposition = filter.disposition { conditions.append("c.disposition = \(disposition.rawValue)") }
            if let channel = filter.channel { conditions.append("c.channel = \(channel.rawValue)") }
            if let from = filter.receivedFrom { conditions.append("c.received_on >= \(from)") }
            if let to = filter.receivedTo { conditions.append("c.received_on <= \(to)") }
            if let from = filter.dueFrom { conditions.append("c.next_due >= \(from)") }
            if let to = filter.dueTo { conditions.append("c.next_due <= \(to)") }
            if let from = filter.disposedFrom { conditions.append("c.disposed_on >= \(from)") }
            if let to = filter.disposedTo { conditions.append("c.disposed_on <= \(to)") }
            if filter.repliedLate { conditions.append("c.replied_late") }
            if let topic = filter.topic { conditions.append("\(TopicClassification.of("c.subject")) = \(topic)") }
            if filter.overdue { conditions.append("\(open) AND c.next_due < \(today)") }
            let calendar = try await calendars.calendar()
            if let days = filter.dueWithinWorkingDays {
                let limit = try calendar.workingDay(days, after: today)
                conditions.append("\(open) AND c.next_due >= \(today) AND c.next_due <= \(limit)")
            }
            if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                for word in text.split(separator: " ") {
                    conditions.append("c.subject ILIKE \("%" + Self.escapeLike(String(word)) + "%")")
                }
            }
            // As Schema 0027's partial index is written. Asking each case for its latest event
            // took 180 ms for one agency's in-progress cases at a million.
            if filter.returnedForRevision { conditions.append("c.state = 'in_progress' AND c.snapshot ? 'draft'") }
            if let cell = filter.reportCell { conditions.append(Self.condition(cell)) }
            if filter.flaggedComplex { conditions.append("\(open) AND c.snapshot ? 'complex'") }
            if filter.extensionPending { conditions.append("\(open) AND c.snapshot->'extensionRequest'->>'decision' = 'pending'") }
            let whereClause = Query.joined(conditions, separator: " AND ")
            let order: Query
            switch (filter.sort, filter.descending) {
            case (.received, true): order = "c.received_on DESC, c.id DESC"
            case (.received, false): order = "c.received_on, c.id"
            case (.due, true): order = "c.next_due DESC NULLS LAST, c.id DESC"
            case (.due, false): order = "c.next_due NULLS LAST, c.id"
            case (.number, true): order = "c.id DESC"
            case (.number, false): order = "c.id"
            case (.updated, true): order = "c.updated_at DESC, c.id DESC"
            case (.updated, false): order = "c.updated_at, c.id"
            }
            let size = min(max(1, filter.pageSize), CaseFilter.maxPageSize)
            let page = min(max(1, filter.page), CaseFilter.maxPage)
            // The page and the count as two statements at once: a count over the whole window
            // beside the page (count(*) OVER ()) made PostgreSQL sort every matching row, 4 s for
            // a district's million cases, where the page alone reads fifty from an index.
            async let counted = pool.query("SELECT count(*) FROM cases c WHERE \(whereClause)")
            let rows = try await pool.query("""
                SELECT c.id, c.case_number, c.state, c.agency_id, c.officer_id, c.applicant_kind, c.channel, c.subject,
                       c.received_on, c.reply_due, c.next_due, c.disposition, c.disposed_on, c.replied_late, c.version,
                       CASE WHEN c.state IN ('pending_signoff', 'to_issue') THEN c.snapshot->'draft'->>'disposition' END,
                       CASE WHEN c.snapshot->'extensionRequest'->>'decision' = 'pending'
                            THEN (c.snapshot->'extensionRequest'->>'workingDays')::int END
                FROM cases c WHERE \(whereClause) ORDER BY \(order) LIMIT \(size) OFFSET \((page - 1) * size)
                """)
            let cases = try rows.map { try Self.summary($0).reading(on: today, calendar: calendar) }
            let total = try await counted.single().decode(Int.self, at: 0)
            return CasePage(cases: cases, total: total, page: page, pageSize: size)
        } }
    }

    static let openStates = Set(CaseState.allCases.filter(\.isOpen))

    /// The cases a cell of table 三 counts, by the same rules as ReportStore.table3.
    static func condition(_ cell: ReportCell) -> Query {
        let start = LocalDate(year: cell.year, month: 1, day: 1)!, end = LocalDate(year: cell.year, month: 12, day: 31)!
        let row: Query
        switch cell.row {
        case .received: row = "c.received_on BETWEEN \(start) AND \(end)"
        case .carriedOver: row = "c.received_on < \(start) AND (c.disposed_on IS NULL OR c.disposed_on >= \(start))"
        case .result(let d): row = "c.disposition = \(d.rawValue) AND c.disposed_on BETWEEN \(start) AND \(end)"
        case .resultTotal: row = "c.disposed_on BETWEEN \(start) AND \(end)"
        case .carriedForward: row = "c.received_on <= \(end) AND (c.disposed_on IS NULL OR c.disposed_on > \(end))"
        }
        guard let kind = cell.kind else { return row }
        return "\(row) AND c.applicant_kind = \(kind.rawValue)"
    }

    /// Open cases per state among those the viewer sees. Open only: counting an agency's
    /// 90,000 answered and archived cases as well took 125 ms at a million under load, for
    /// figures no one works from (the list counts them when asked).
    public func openStateCounts(scope: Scope) async throws -> [CaseState: Int] {
        try await scope.run {
            var counts: [CaseState: Int] = [:]
            for row in try await pool.query("""
                SELECT state, count(*) FROM cases WHERE state NOT IN ('replied', 'closed') AND \(scope.condition(on: "agency_id")) GROUP BY state
                """) {
                if let state = CaseState(rawValue: try row.decode(String.self, at: 0)) { counts[state] = try row.decode(Int.self, at: 1) }
            }
            return counts
        }
    }

    /// Open cases with a date owed on or after `day` (the reply date or the earliest date owed):
    /// those whose deadlines rely on a year without a notice, for the 管理 page's reminder.
    public func openCasesDue(onOrAfter day: LocalDate) async throws -> Int {
        try await Scope.everything(reason: "counting every agency's open cases for the calendar reminder").run {
            try await pool.query("""
                SELECT count(*) FROM cases WHERE state NOT IN ('replied', 'closed') AND (next_due >= \(day) OR reply_due >= \(day))
                """).single().decode(Int.self, at: 0)
        }
    }

    /// Per agency: open cases, those due within `soonDays` working days, and those overdue.
    public func overview(scope: Scope, today: LocalDate, soonDays: Int = 3) async throws -> [(agencyID: Int64, open: Int, soon: Int, overdue: Int)] {
        try await scope.run {
            let limit = try await calendars.calendar().workingDay(soonDays, after: today)
            return try await pool.query("""
                SELECT agency_id, count(*), count(*) FILTER (WHERE next_due >= \(today) AND next_due <= \(limit)),
                       count(*) FILTER (WHERE next_due < \(today))
                FROM cases WHERE state NOT IN ('replied', 'closed') AND \(scope.condition(on: "agency_id")) GROUP BY agency_id ORDER BY agency_id
                """).map { (try $0.decode(Int64.self, at: 0), try $0.decode(Int.self, at: 1), try $0.decode(Int.self, at: 2), try $0.decode(Int.self, at: 3)) }
        }
    }

    /// A case-list row from the columns id … version in the order `list` selects them, and the
    /// proposal and the extension days waiting for a decision where the query adds them.
    static func summary(_ row: Row) throws -> CaseSummary {
        CaseSummary(
            id: try row.decode(Int64.self, at: 0), caseNumber: try row.decode(String.self, at: 1),
            state: CaseState(rawValue: try row.decode(String.self, at: 2)) ?? .registered,
            agencyID: try row.decode(Int64.self, at: 3), officerID: try row.decode(Int64?.self, at: 4),
            applicantKind: ApplicantKind(rawValue: try row.decode(String.self, at: 5)) ?? .naturalPerson,
            channel: Channel(rawValue: try row.decode(String.self, at: 6)) ?? .inPerson,
            subject: try row.decode(String.self, at: 7), receivedOn: try row.decode(LocalDate.self, at: 8),
            replyDue: try row.decode(LocalDate?.self, at: 9), nextDue: try row.decode(LocalDate?.self, at: 10),
            disposition: try row.decode(String?.self, at: 11).flatMap(Disposition.init(rawValue:)),
            disposedOn: try row.decode(LocalDate?.self, at: 12), repliedLate: try row.decode(Bool.self, at: 13),
            version: try row.decode(Int.self, at: 14),
            proposedDisposition: try row.columnCount > 15 ? row.decode(String?.self, at: 15).flatMap(Disposition.init(rawValue:)) : nil,
            extensionRequestedDays: try row.columnCount > 16 ? row.decode(Int?.self, at: 16) : nil)
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
