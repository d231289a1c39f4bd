/// Entries that record what happened around the case without moving its clock: transfer,
/// reconsideration and lawsuit, communication, the complex flag, corrections of entries, and
/// dates recomputed under a newly imported calendar.
extension Lifecycle {
    static func transfer(_ transfer: Transfer, _ c: inout CaseSnapshot, _ s: Step) throws {
        if transfer.toAgencyID == c.agencyID {
            throw s.invalid("toAgencyID", "The case is already with this agency.", "案件已由该机关办理，无需转办。")
        }
        if transfer.reason.allSatisfy(\.isWhitespace) {
            throw s.invalid("reason", "Say why the case is transferred.", "请说明转办的理由。")
        }
        c.agencyID = transfer.toAgencyID
        c.officerID = transfer.toOfficerID
        c.transferredOn = s.on
    }

    static func recordReview(_ review: ReviewRecord, _ c: inout CaseSnapshot, _ s: Step) throws {
        if review.reference.allSatisfy(\.isWhitespace) || review.body.allSatisfy(\.isWhitespace) {
            throw s.invalid("reference", "Give the reconsideration's reference and the reconsideration body.",
                                         "请填写行政复议的案号和复议机关。")
        }
        upsert(review, into: &c.reviews, key: \.reference)
    }

    static func recordLitigation(_ lawsuit: LitigationRecord, _ c: inout CaseSnapshot, _ s: Step) throws {
        if lawsuit.reference.allSatisfy(\.isWhitespace) || lawsuit.court.allSatisfy(\.isWhitespace) {
            throw s.invalid("reference", "Give the lawsuit's case number and the court.",
                                         "请填写行政诉讼的案号和受理法院。")
        }
        upsert(lawsuit, into: &c.litigations, key: \.reference)
    }

    static func recordCommunication(_ communication: Communication, _ s: Step) throws {
        if communication.summary.allSatisfy(\.isWhitespace) {
            throw s.invalid("summary", "Summarise what was said.", "请概括沟通的内容。")
        }
    }

    static func flagComplex(_ note: Note, _ c: inout CaseSnapshot, _ s: Step) throws {
        guard let reason = note.note, !reason.allSatisfy(\.isWhitespace) else {
            throw s.invalid("note", "Say what makes the case complex.", "请说明案件疑难复杂的原因。")
        }
        c.complex = .init(on: s.on, reason: reason)
    }

    static func correctEntry(_ correction: EntryCorrection, _ c: CaseSnapshot, _ s: Step) throws {
        if !(1..<c.version).contains(correction.sequence) {
            throw s.invalid("sequence", "There is no entry \(correction.sequence) to correct; entries are numbered 1 to \(c.version - 1).",
                                        "没有第\(correction.sequence)条记录可以更正；本案的记录编号为1至\(c.version - 1)。")
        }
        if correction.note.allSatisfy(\.isWhitespace) {
            throw s.invalid("note", "Say what the entry got wrong and what is right.", "请写明原记录哪里有误、正确的内容是什么。")
        }
    }

    /// The dates themselves come from replaying the history under the new calendar; the entry
    /// says, for the history, which dates moved and why.
    static func recomputeDeadlines(_ recomputation: DeadlineRecomputation, _ s: Step) throws {
        if recomputation.changes.isEmpty {
            throw s.invalid("changes", "A recomputation records the dates that moved; none did.", "重新计算期限的记录须列明变动的日期。")
        }
    }

    static func upsert<T>(_ item: T, into list: inout [T], key: KeyPath<T, String>) {
        if let index = list.firstIndex(where: { $0[keyPath: key] == item[keyPath: key] }) { list[index] = item } else { list.append(item) }
    }
}
