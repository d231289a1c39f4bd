import DisclosureStore

/// apply.mustache: the portal's application form.
struct ApplyView {
    /// An agency to apply to, with what it holds and where it publishes.
    struct AgencyGuide {
        let id: Int64
        let name: String
        let guide: String
        let publishedURL: String?
    }

    let summary: String?
    let agencies: [SelectOption]
    let agencyError: String?
    let guides: [AgencyGuide]
    let kinds: [SelectOption]
    let kindError: String?
    let name: FormInput
    let idTypes: [SelectOption]
    let idType: FormInput
    let idNumber: FormInput
    let phone: FormInput
    let email: FormInput
    let address: FormInput
    let subject: FormInput
    let description: FormInput
    let forms: [SelectOption]
    let formError: String?
    let deliveries: [SelectOption]
    let deliveryError: String?
    let attachmentsError: String?
    let maxFiles: Int
    let challengeToken: String
    let challengeQuestion: String
    let challengeError: String?
    /// "先查一查": what was looked up without the script, and what was found.
    let look: String
    let looked: Bool
    let answers: [PublicAnswerJSON]
}

/// A published answer offered while an application is written (JSON for portal.js, and the
/// same list on the form without it).
struct PublicAnswerJSON: Encodable {
    let title: String
    let kind: String
    let url: String

    init(_ answer: PortalStore.PublicAnswer) {
        title = answer.title
        kind = answer.kind.label
        url = "/apply/answers/\(answer.id)"
    }
}

/// portal_answers.mustache: the public case library, a page of it or what a lookup found.
struct PortalAnswersView {
    struct Row {
        let title: String
        let kind: String
        let excerpt: String
        let url: String
    }

    let query: String
    let searched: Bool
    /// How many entries are shown to the public (when listing, not searching).
    let total: Int
    let answers: [Row]
    let previous: String?
    let next: String?
    let pageText: String?
}

/// portal_answer.mustache: a library entry shown to the public.
struct PortalAnswerView {
    let title: String
    let kind: String
    let paragraphs: [String]
}

/// apply_receipt.mustache: what the applicant gets on submitting, shown once.
struct ApplyReceiptView {
    let code: String
    let password: String
    let agency: String
    let subject: String
    let submittedOn: String
    let files: Int
}

/// track.mustache: the code and password form.
struct TrackFormView {
    let summary: String?
    let code: String
}

/// track_result.mustache: where an application stands, in plain words.
struct TrackResultView {
    struct Letter {
        let id: Int64
        let title: String
        let number: String
        let date: String
        /// Offered for download (the applicant chose the platform).
        let downloadable: Bool
    }

    let code: String
    let agency: String
    let subject: String
    let status: String
    let explanation: String
    let submittedOn: String
    let receivedOn: String?
    let caseNumber: String?
    let replyDue: String?
    let stoppedBecause: String?
    let repliedOn: String?
    let letters: [Letter]
    let hasLetters: Bool
    /// The information released with the reply, to download (the applicant chose the platform).
    struct File {
        let id: Int64
        let name: String
        let kind: String
        let size: String
    }
    let files: [File]
    /// The page's own messages: what was just done, or why it was refused.
    let notice: String?
    let problem: String?
    let csrf: String
    let canWithdraw: Bool
    /// While a correction notice waits: its last day and what it asks.
    let correctionDue: String?
    let correctionItems: [String]
}

/// submissions.mustache: the agency's queue of online submissions waiting for confirmation.
struct SubmissionsView {
    struct Row {
        let id: Int64
        let code: String
        let agency: String
        let applicant: String
        let subject: String
        let submittedAt: String
        let age: String
        let overdue: Bool
        let files: Int
    }

    let rows: [Row]
    let today: String
}

/// submission.mustache: one online submission, for the officer who confirms it.
struct SubmissionView {
    struct Field {
        let label: String
        let value: String
    }
    struct File {
        let id: Int64
        let name: String
        let kind: String
        let size: String
    }

    let id: Int64
    let code: String
    let agency: String
    let submittedAt: String
    let age: String
    let fields: [Field]
    let subject: String
    let description: String
    let files: [File]
    let caseID: Int64?
    let confirmedOn: String?
    let withdrawnAt: String?
    let today: String
}

/// portal_confirm.mustache: the step before an applicant's action that cannot be undone.
struct PortalConfirmView {
    let heading: String
    let text: String
    let action: String
    let button: String
    let back: String
    let csrf: String
}

/// portal_letter.mustache: a final letter as its applicant reads and prints it.
struct PortalLetterView {
    let id: Int64
    let title: String
    let number: String?
    let recipient: String
    let paragraphs: [String]
    let signer: String
    let date: String
}
