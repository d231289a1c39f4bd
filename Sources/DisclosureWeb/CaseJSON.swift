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
    }

    struct SegmentJSON: Encodable {
        var kind: ReplyClock.Segment.Kind
        var after: LocalDate
        var through: LocalDate?
        var workingDays: Int
        var reason: String
    }

    struct LedgerJSON: Encodable {
        var allowance: Int
        var used: Int
        var remaining: Int
        var stopped: Bool
        var replyDue: LocalDate?
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

    init(_ detail: CaseDetail, today: LocalDate) {
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
        ledger = LedgerJSON(
            allowance: s.clock.allowance, used: s.clock.used, remaining: s.clock.remaining, stopped: s.clock.isStopped,
            replyDue: s.clock.due, delayedUntil: s.clock.delayedUntil,
            segments: s.clock.segments.map { .init(kind: $0.kind, after: $0.after, through: $0.through, workingDays: $0.workingDays, reason: $0.reason) })
        deadlines = detail.deadlines.map { .init(kind: $0.kind, label: $0.kind.label, due: $0.due, explanation: $0.explanation, overdue: $0.due < today) }
        allowedEvents = detail.allowedEvents
        events = detail.events.map {
            .init(sequence: $0.sequence, kind: $0.event.kind, label: $0.event.kind.label, on: $0.event.on, actor: $0.event.actor,
                  recordedAt: $0.recordedAt, payload: PayloadJSON(payload: $0.event.payload))
        }
    }
}

struct CaseListJSON: Encodable {
    var cases: [CaseSummary]
    var total: Int
    var page: Int
    var pageSize: Int
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
