import DisclosureCore
import Foundation
import LibPQ

/// The applicant's letters in the portal, and the delivery their first download records.
extension PortalStore {
    /// How the applicant asked to receive the information, as they submitted it.
    public func deliveryWanted(_ tracked: Tracked) async throws -> DeliveryMethod? {
        try await StatementSettings.adding(.init("dd.portal_code", tracked.code.text)) {
            try await pool.query("SELECT application->>'deliveryWanted' FROM portal_submissions WHERE id = \(tracked.id)")
                .first?.decode(String?.self, at: 0).flatMap(DeliveryMethod.init(rawValue:))
        }
    }

    /// A final letter to the applicant of `tracked`'s case; nil for any other document.
    public func letter(_ id: Int64, of tracked: Tracked) async throws -> Document? {
        guard let caseID = tracked.caseID else { return nil }
        return try await ownCase(caseID).scope.run {
            try await pool.query("""
                SELECT \(DocumentStore.columns) FROM documents
                WHERE id = \(id) AND case_id = \(caseID) AND status = 'final' AND kind = ANY(\(LetterKind.toApplicant.map(\.rawValue)))
                """).first.map(DocumentStore.document)
        }
    }

    /// One released file of `tracked`'s case and its content, when the applicant may download it.
    public func releasedFile(_ id: Int64, of tracked: Tracked) async throws -> (info: ReleasedFileStore.Info, content: Data)? {
        guard let caseID = tracked.caseID else { return nil }
        let current = try await ownCase(caseID)
        guard ReleasedFile.shownToApplicant(current.snapshot),
              let file = try await ReleasedFileStore(pool: pool).file(id, scope: current.scope),
              file.info.caseID == caseID, !file.info.isWithdrawn else { return nil }
        return file
    }

    /// Records the delivery the download of `item` makes, if it makes one (the first download
    /// of the reply or of a released file). Two downloads at once record it once.
    public func recordDownload(_ item: ElectronicDelivery.Download, by tracked: Tracked, today: LocalDate, at time: String) async throws {
        guard let caseID = tracked.caseID else { return }
        for _ in 0..<3 {
            let current = try await ownCase(caseID)
            guard let event = ElectronicDelivery.onDownload(of: item, snapshot: current.snapshot, at: time, on: today, by: try await portalActor()) else { return }
            do {
                _ = try await cases.append(event, to: caseID, expectedVersion: current.snapshot.version, today: today, scope: current.scope)
                return
            } catch LifecycleError.staleVersion {
                continue
            }
        }
    }
}
