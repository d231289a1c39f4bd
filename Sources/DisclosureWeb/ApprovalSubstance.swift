import DisclosureCore
import DisclosureStore

/// What a supervisor approves, shown on the approval's form: the request itself and what the
/// decision will change, computed by the lifecycle before anything is recorded.
enum ApprovalSubstance {
    static func rows(_ kind: EventKind, _ detail: CaseDetail, today: LocalDate, by actor: Actor) -> [CaseFactsView.Line] {
        let s = detail.snapshot
        var rows: [(String, String)] = []
        func due(_ date: LocalDate?) -> String {
            guard let date else { return "暂停计算中" }
            guard let reading = try? DueReading(due: date, today: today, calendar: detail.calendar, countedFrom: s.receivedOn) else { return date.chinese }
            return "\(date.chinese)（\(reading.chinese)）"
        }
        switch kind {
        case .approveExtension, .rejectExtension:
            guard let request = s.extensionRequest, request.decision == .pending else { return [] }
            rows = [("申请延长", "\(request.workingDays)个工作日"), ("提出日期", request.requestedOn.chinese), ("延期理由", request.reason),
                    ("当前答复期限", due(s.clock.due))]
            let approved = try? Lifecycle.apply(CaseEvent(.approveExtension(Note()), on: today, by: actor), to: s, calendar: detail.calendar)
            if let approved {
                rows.append((kind == .approveExtension ? "批准后的答复期限" : "如批准，答复期限为", due(approved.clock.due)))
            }
        case .approveDelay:
            rows = [("要求说明理由之日", s.reasonsRequestedOn?.chinese ?? "—"), ("当前答复期限", due(s.clock.due))]
        case .requestExtension:
            rows = [("当前答复期限", due(s.clock.due)), ("答复期限共", "\(s.clock.allowance)个工作日")]
        case .reply where s.state == .toIssue:
            rows = CaseFacts.proposal(s.draft ?? ReplyDraft(disposition: .disclose)).map { ($0.label, $0.value) }
            rows.append(("答复期限", due(s.clock.due)))
        default:
            return []
        }
        return rows.map { CaseFactsView.Line(label: $0.0, value: $0.1) }
    }
}
