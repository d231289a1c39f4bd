/// Delivery through the portal (送达, issue 17 ¶5): where the applicant chose to receive the
/// reply on the platform, its letters are downloadable there, and the first download of the
/// reply is its delivery, recorded with the time.
public enum ElectronicDelivery {
    /// Whether the applicant's letters are offered for download in the portal.
    public static func offered(deliveryWanted: DeliveryMethod?) -> Bool { deliveryWanted == .platform }

    /// The delivery event the applicant's download of `kind` records: only the reply, once
    /// the case has been replied to, and only the first time (a platform delivery on record
    /// already is not recorded again).
    public static func onDownload(of kind: LetterKind, snapshot: CaseSnapshot, at time: String, on day: LocalDate, by actor: Actor) -> CaseEvent? {
        guard kind == .reply, snapshot.repliedOn != nil, !snapshot.deliveries.contains(where: { $0.method == .platform }) else { return nil }
        return CaseEvent(.recordDelivery(DeliveryRecord(method: .platform, reference: "申请人于\(time)在网上平台下载答复书")), on: day, by: actor)
    }
}
