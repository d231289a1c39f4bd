import DisclosureCore
import DisclosureStore
import Foundation

/// Adds the web application's entries to the audit trail, with the client's address that
/// `AuditMiddleware` found for the request being handled. A failure to record is thrown, so
/// that data whose showing must be recorded (an export, a full identity number) is not shown.
struct AuditRecorder: Sendable {
    let store: AuditStore

    /// The client of the request this task is handling; set by `AuditMiddleware`.
    @TaskLocal static var client: String?

    func record(_ kind: AuditKind, by user: User?, subject: String?, detail: [String: String] = [:]) async throws {
        try await record(kind, actor: user.map(AuditActor.init), subject: subject, detail: detail)
    }

    /// For someone known only by the name typed at sign-in: `actor: .typed(username)`.
    func record(_ kind: AuditKind, actor: AuditActor?, subject: String?, detail: [String: String] = [:]) async throws {
        try await store.record(kind, by: actor, subject: subject, detail: detail, client: Self.client)
    }

    /// One entry per view of a case whose applicant's identity number is shown in full (a page,
    /// or an API answer that carries the case).
    func identityNumberShown(_ detail: CaseDetail, to user: User, via: String) async throws {
        guard detail.personalDataShown, let number = detail.applicant.idNumber, !number.isEmpty else { return }
        try await record(.identityNumberViewed, by: user, subject: detail.caseNumber,
                         detail: ["caseID": String(detail.id), "idType": detail.applicant.idType ?? "", "via": via])
    }
}

/// Where a request came from, as far as this server can tell.
enum ClientAddress {
    /// The peer's address; when the peer is a proxy on this machine (nginx in front), the address
    /// that proxy appended to X-Forwarded-For, which is the only entry it vouches for.
    static func of(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, isLoopback(peer), let forwardedFor,
              let last = forwardedFor.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              !last.isEmpty, last.count <= 45, last.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
        else { return peer }
        return last
    }

    static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}
