import DisclosureCore
import DisclosureStore
import Foundation

/// The JSON shapes of the case API. Codes are paired with their Chinese labels so a client
/// can show either.
struct CaseDetailJSON: Encodable {
    struct EventJSON: Encodable {
        var sequence: Int
        var kind: EventKind
        var label: String
        var on: LocalDate
        var actor: Actor
        var recordedAt: Date
        var payload: PayloadJSON
    }

    struct PayloadJSON: Encodable {
        var payload: EventPayload
        func encode(to encoder: any Encoder) throws { try payload.encode(to: encoder) }
    }

    struct DeadlineJSON: Encodable {
        var kind: Deadline.Kind
        var label: String
        var due: LocalDate
        var explanation: String
        var overdue: Bool
        /// Working days after today up to the due day; negative once it has passed.
        var workingDaysLeft: Int
        /// 今天到期, 明天到期, 剩余3个工作日, 已逾期2个工作日 (with 预计 where provisional).
        var status: String
        var statusEnglish: String
        /// The date relies on a year whose holiday notice is not imported (预计).
        var provisional: Bool
        var provisionalReason: String?
        var provisionalReasonEnglish: String?
    }

    struct SegmentJSON: Encodable {
        var kind: ReplyClock.Segment.Kind
        var after: LocalDate
        /// nil for the segment still going on; its working days are counted through today.
        var through: LocalDate?
        var workingDays: Int
        var reason: String
    }

    /// The reply clock as it stands today.
    struct LedgerJSON: Encodable {
        var allowance: Int
        /// Working days used in the current period, through today while the clock runs.
        var used: Int
        /// allowance − used; negative once overdue.
        var remaining: Int
        var stopped: Bool
        /// The day the reply was issued or the case closed, which ended the clock.
        var endedOn: LocalDate?
        var replyDue: LocalDate?
        var replyDueProvisional: Bool
        var delayedUntil: LocalDate?
        var segments: [SegmentJSON]
    }

    var id: Int64
    var caseNumber: String
    var state: CaseState
    var stateLabel: String
    var version: Int
    var description: String
    var applicant: Applicant
    var personalDataShown: Bool
    var snapshot: CaseSnapshot
    var ledger: LedgerJSON
    var deadlines: [DeadlineJSON]
    var allowedEvents: [EventKind]
    var events: [EventJSON]

    init(_ detail: CaseDetail, today: LocalDate) throws {
        let s = detail.snapshot
        id = detail.id
        caseNumber = detail.caseNumber
        state = s.state
        stateLabel = s.state.label
        version = s.version
        description = detail.description
        applicant = detail.applicant
        personalDataShown = detail.personalDataShown
        snapshot = s
        let clock = try detail.clock(on: today)
        ledger = LedgerJSON(
            allowance: s.clock.allowance, used: clock.used, remaining: clock.remaining, stopped: s.clock.isStopped,
            endedOn: s.clock.endedOn, replyDue: s.clock.due, replyDueProvisional: detail.replyDueProvisional != nil,
            delayedUntil: s.clock.delayedUntil,
            segments: clock.segments.map { .init(kind: $0.kind, after: $0.after, through: $0.through, workingDays: $0.workingDays, reason: $0.reason) })
        deadlines = try zip(detail.deadlines, detail.dueReadings(on: today)).map { deadline, due in
            .init(kind: deadline.kind, label: deadline.kind.label, due: deadline.due, explanation: deadline.explanation, overdue: due.urgency == .overdue,
                  workingDaysLeft: due.workingDaysLeft, status: due.chinese, statusEnglish: due.english, provisional: due.provisional != nil,
                  provisionalReason: due.provisional?.reason, provisionalReasonEnglish: due.provisional?.reasonEnglish)
        }
        allowedEvents = detail.allowedEvents
        events = detail.events.map {
            .init(sequence: $0.sequence, kind: $0.event.kind, label: $0.event.kind.label, on: $0.event.on, actor: $0.event.actor,
                  recordedAt: $0.recordedAt, payload: PayloadJSON(payload: $0.event.payload))
        }
    }
}

/// `POST /cases/{id}/events`: the event, the version the client saw, and its date (default today).
struct EventRequest: Decodable {
    var kind: EventKind
    var payload: EventPayload
    var expectedVersion: Int
    var on: LocalDate?

    enum CodingKeys: String, CodingKey { case kind, payload, expectedVersion, on }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .kind)
        guard let kind = EventKind(rawValue: text) else {
            throw APIError.invalid([FieldProblem("kind", "\"\(text)\" is not an event; use one of: \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")).",
                                                   "“\(text)”不是有效的事项类型；可选：\(EventKind.allCases.map(\.rawValue).joined(separator: "、"))。")])
        }
        if kind.isRecordedBySystem {
            throw APIError.invalid([FieldProblem("kind", "\(text) is recorded by the system when a calendar year is imported, not by a request.",
                                                   "「\(kind.label)」由系统在导入工作日历时自动记录，不能手工提交。")])
        }
        self.kind = kind
        expectedVersion = try container.decode(Int.self, forKey: .expectedVersion)
        on = try container.decodeIfPresent(LocalDate.self, forKey: .on)
        // Events whose fields are all optional may leave the payload out.
        let payloadDecoder = container.contains(.payload)
            ? try container.superDecoder(forKey: .payload)
            : try JSONDecoder().decode(DecoderCapture.self, from: Data("{}".utf8)).decoder
        payload = try EventPayload.decode(kind, from: payloadDecoder)
    }
}

private struct DecoderCapture: Decodable {
    let decoder: any Decoder
    init(from decoder: any Decoder) { self.decoder = decoder }
}
