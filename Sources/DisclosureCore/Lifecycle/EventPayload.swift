/// An event's content, one case per `EventKind`.
public enum EventPayload: Sendable, Equatable {
    case register(Registration)
    case requestCorrection(CorrectionRequest)
    case correctionReceived(Note)
    case correctionLapsed(Note)
    case startConsultation(ConsultationRequest)
    case consultationAnswered(ConsultationAnswer)
    case consultationLapsed(ItemReference)
    case assist(AssistRequest)
    case assistReturned(ItemReference)
    case transfer(Transfer)
    case requestReasons(Note)
    case approveDelay(DelayApproval)
    case issueFeeNotice(FeeNotice)
    case feePaid(FeePayment)
    case feeLapsed(Note)
    case requestExtension(ExtensionRequest)
    case approveExtension(Note)
    case rejectExtension(Note)
    case submitForSignoff(ReplyDraft)
    case signOff(Note)
    case returnForRevision(Note)
    case reply(ReplyDraft)
    case recordDelivery(DeliveryRecord)
    case withdraw(Note)
    case archive(Note)
    case recordReview(ReviewRecord)
    case recordLitigation(LitigationRecord)
    case reopen(Note)
    case recordCommunication(Communication)
    /// 疑难复杂: any officer flags a case for the supervisors, with the reason.
    case flagComplex(Note)
    case correctEntry(EntryCorrection)
    case recomputeDeadlines(DeadlineRecomputation)

    public var kind: EventKind {
        switch self {
        case .register: return .register
        case .requestCorrection: return .requestCorrection
        case .correctionReceived: return .correctionReceived
        case .correctionLapsed: return .correctionLapsed
        case .startConsultation: return .startConsultation
        case .consultationAnswered: return .consultationAnswered
        case .consultationLapsed: return .consultationLapsed
        case .assist: return .assist
        case .assistReturned: return .assistReturned
        case .transfer: return .transfer
        case .requestReasons: return .requestReasons
        case .approveDelay: return .approveDelay
        case .issueFeeNotice: return .issueFeeNotice
        case .feePaid: return .feePaid
        case .feeLapsed: return .feeLapsed
        case .requestExtension: return .requestExtension
        case .approveExtension: return .approveExtension
        case .rejectExtension: return .rejectExtension
        case .submitForSignoff: return .submitForSignoff
        case .signOff: return .signOff
        case .returnForRevision: return .returnForRevision
        case .reply: return .reply
        case .recordDelivery: return .recordDelivery
        case .withdraw: return .withdraw
        case .archive: return .archive
        case .recordReview: return .recordReview
        case .recordLitigation: return .recordLitigation
        case .reopen: return .reopen
        case .recordCommunication: return .recordCommunication
        case .flagComplex: return .flagComplex
        case .correctEntry: return .correctEntry
        case .recomputeDeadlines: return .recomputeDeadlines
        }
    }

    /// Decodes the payload of `kind` from a decoder positioned at the payload object.
    public static func decode(_ kind: EventKind, from decoder: any Decoder) throws -> EventPayload {
        func body<T: Decodable>(_: T.Type = T.self) throws -> T { try T(from: decoder) }
        switch kind {
        case .register: return .register(try body())
        case .requestCorrection: return .requestCorrection(try body())
        case .correctionReceived: return .correctionReceived(try body())
        case .correctionLapsed: return .correctionLapsed(try body())
        case .startConsultation: return .startConsultation(try body())
        case .consultationAnswered: return .consultationAnswered(try body())
        case .consultationLapsed: return .consultationLapsed(try body())
        case .assist: return .assist(try body())
        case .assistReturned: return .assistReturned(try body())
        case .transfer: return .transfer(try body())
        case .requestReasons: return .requestReasons(try body())
        case .approveDelay: return .approveDelay(try body())
        case .issueFeeNotice: return .issueFeeNotice(try body())
        case .feePaid: return .feePaid(try body())
        case .feeLapsed: return .feeLapsed(try body())
        case .requestExtension: return .requestExtension(try body())
        case .approveExtension: return .approveExtension(try body())
        case .rejectExtension: return .rejectExtension(try body())
        case .submitForSignoff: return .submitForSignoff(try body())
        case .signOff: return .signOff(try body())
        case .returnForRevision: return .returnForRevision(try body())
        case .reply: return .reply(try body())
        case .recordDelivery: return .recordDelivery(try body())
        case .withdraw: return .withdraw(try body())
        case .archive: return .archive(try body())
        case .recordReview: return .recordReview(try body())
        case .recordLitigation: return .recordLitigation(try body())
        case .reopen: return .reopen(try body())
        case .recordCommunication: return .recordCommunication(try body())
        case .flagComplex: return .flagComplex(try body())
        case .correctEntry: return .correctEntry(try body())
        case .recomputeDeadlines: return .recomputeDeadlines(try body())
        }
    }

    /// Encodes the payload's fields (without its kind).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .register(let p): try p.encode(to: encoder)
        case .requestCorrection(let p): try p.encode(to: encoder)
        case .correctionReceived(let p), .correctionLapsed(let p), .requestReasons(let p), .feeLapsed(let p),
             .approveExtension(let p), .rejectExtension(let p), .signOff(let p), .returnForRevision(let p),
             .withdraw(let p), .archive(let p), .reopen(let p), .flagComplex(let p):
            try p.encode(to: encoder)
        case .startConsultation(let p): try p.encode(to: encoder)
        case .consultationAnswered(let p): try p.encode(to: encoder)
        case .consultationLapsed(let p), .assistReturned(let p): try p.encode(to: encoder)
        case .assist(let p): try p.encode(to: encoder)
        case .transfer(let p): try p.encode(to: encoder)
        case .approveDelay(let p): try p.encode(to: encoder)
        case .issueFeeNotice(let p): try p.encode(to: encoder)
        case .feePaid(let p): try p.encode(to: encoder)
        case .requestExtension(let p): try p.encode(to: encoder)
        case .submitForSignoff(let p), .reply(let p): try p.encode(to: encoder)
        case .recordDelivery(let p): try p.encode(to: encoder)
        case .recordReview(let p): try p.encode(to: encoder)
        case .recordLitigation(let p): try p.encode(to: encoder)
        case .recordCommunication(let p): try p.encode(to: encoder)
        case .correctEntry(let p): try p.encode(to: encoder)
        case .recomputeDeadlines(let p): try p.encode(to: encoder)
        }
    }
}

/// One entry of a case's history: what happened, on which legal date, recorded by whom.
public struct CaseEvent: Sendable, Equatable, Codable {
    public var payload: EventPayload
    /// The legal date of the event (a notice sent, an answer received, a reply issued).
    public var on: LocalDate
    public var actor: Actor

    public var kind: EventKind { payload.kind }

    public init(_ payload: EventPayload, on: LocalDate, by actor: Actor) {
        self.payload = payload
        self.on = on
        self.actor = actor
    }

    enum CodingKeys: String, CodingKey { case kind, on, actor, payload }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(EventKind.self, forKey: .kind)
        on = try container.decode(LocalDate.self, forKey: .on)
        actor = try container.decode(Actor.self, forKey: .actor)
        payload = try EventPayload.decode(kind, from: container.superDecoder(forKey: .payload))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(on, forKey: .on)
        try container.encode(actor, forKey: .actor)
        try payload.encode(to: container.superEncoder(forKey: .payload))
    }
}
