/// Delivery through the portal (送达, issue 17 ¶5): where the applicant chose to receive the
/// reply on the platform, its letters are downloadable there, and the first download of the
/// reply, or of the information released with it, is their delivery, recorded with the time.
public enum ElectronicDelivery {
    /// Whether the applicant's letters are offered for download in the portal.
    public static func offered(deliveryWanted: DeliveryMethod?) -> Bool { deliveryWanted == .platform }

    /// What the applicant downloads in the portal.
    public enum Download: Sendable, Equatable {
        case letter(LetterKind)
        /// A file of the information released with the reply, by its name.
        case releasedFile(String)
    }

    /// The delivery event the applicant's download records: only the reply or the information
    /// released with it, once the case has been replied to, and only the first time (a
    /// platform delivery on record already is not recorded again).
    public static func onDownload(of item: Download, snapshot: CaseSnapshot, at time: String, on day: LocalDate, by actor: Actor) -> CaseEvent? {
        guard snapshot.repliedOn != nil, !snapshot.deliveries.contains(where: { $0.method == .platform }) else { return nil }
        let what: String
        switch item {
        case .letter(.reply): what = "答复书"
        case .letter: return nil
        case .releasedFile(let name):
            guard ReleasedFile.shownToApplicant(snapshot) else { return nil }
            what = "公开的信息“\(name.prefix(60))”"
        }
        return CaseEvent(.recordDelivery(DeliveryRecord(method: .platform, reference: "申请人于\(time)在网上平台下载\(what)")), on: day, by: actor)
    }
}
