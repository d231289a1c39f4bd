import DisclosureCore

/// approval_form.mustache: the 办理呈批表 for the paper file.
struct ApprovalFormView {
    let id: Int64
    let form: ApprovalForm
}
