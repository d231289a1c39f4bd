/// 公开的信息: a case's released files and the upload form.
struct ReleasedFilesView {
    struct File {
        let id: Int64
        let caseID: Int64
        let name: String
        let kind: String
        let size: String
        let sha256: String
        let uploadedBy: String
        let uploadedAt: String
        /// Who withdrew it when, in words; nil while it stands.
        let withdrawn: String?
        let canWithdraw: Bool
    }

    let id: Int64
    let number: String
    let subject: String
    let notice: String?
    let error: String?
    let canUpload: Bool
    /// The viewer handles the case (and may upload while it is open).
    let handles: Bool
    let open: Bool
    let maxMB: Int
    let maxFiles: Int
    /// Whether and when the applicant downloads them, in words.
    let delivery: String
    let files: [File]
}
