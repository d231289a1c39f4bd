/// The payloads letters quote, picked out of the history by key path (`source.last(\.feeNotice)`).
extension EventPayload {
    var correctionRequest: CorrectionRequest? { if case .requestCorrection(let r) = self { r } else { nil } }
    var consultationRequest: ConsultationRequest? { if case .startConsultation(let r) = self { r } else { nil } }
    var assistRequest: AssistRequest? { if case .assist(let r) = self { r } else { nil } }
    var feeNotice: FeeNotice? { if case .issueFeeNotice(let n) = self { n } else { nil } }
    var reasonsRequest: Note? { if case .requestReasons(let n) = self { n } else { nil } }
}
