/// case.mustache: one case, its next steps first.
struct CasePageView {
    struct Applicant {
        let name: String
        let kind: String
        let idType: String
        let idNumber: String
        let phone: String
        let email: String
        let address: String
    }

    struct DeadlineRow {
        let label: String
        let due: String
        let explanation: String
        let urgency: String
        let urgencyWord: String
        let provisional: String?
    }

    struct Segment {
        let kind: String
        let kindLabel: String
        let after: String
        let through: String
        let open: Bool
        let running: Bool
        let days: Int
        let reason: String
    }

    struct Warning {
        let message: String
        let sequence: Int
    }

    struct Action {
        let href: String
        let label: String
    }

    struct ActionGroup {
        let title: String
        let actions: [Action]
    }

    struct Letter {
        let id: Int64
        let label: String
        let number: String
        let status: String
        let date: String
    }

    struct Communication {
        let on: String
        let method: String
        let summary: String
        let who: String
    }

    /// A history entry: an event, or a letter finalised (with its link).
    struct Entry {
        let sequence: Int?
        let letterID: Int64?
        let label: String
        let on: String
        let who: String
        let details: [String]
    }

    let id: Int64
    let number: String
    let subject: String
    let description: String
    let state: String
    let version: Int
    let notice: String?
    let error: String?
    let agency: String
    let officer: String
    let channel: String
    let arrived: String
    let received: String
    let formWanted: String
    let deliveryWanted: String
    let disposition: String?
    let replied: String
    let repliedLate: Bool
    let applicant: Applicant
    let masked: Bool
    let deadlines: [DeadlineRow]
    let clock: String
    let segments: [Segment]
    let ended: String?
    let toLibrary: Bool
    let complex: String?
    let warnings: [Warning]
    let pending: [String]
    let next: [Action]
    let groups: [ActionGroup]
    let hasActions: Bool
    let letters: [Letter]
    let communications: [Communication]
    /// What the applicant was told by e-mail and SMS, and whether it reached them.
    let notifications: [Notification]
    let events: [Entry]

    struct Notification {
        let purpose: String
        let channel: String
        let recipient: String
        let state: String
        let failed: Bool
    }
}
