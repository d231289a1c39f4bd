import DisclosureCore
import DisclosureStore

/// How the case page offers its events: where each leads, in which group, and which ask first.
enum CaseActions {
    struct Group {
        let title: String
        let kinds: [EventKind]
    }

    static let grouping: [(String, Set<EventKind>)] = [
        ("答复", [.submitForSignoff, .signOff, .returnForRevision, .reply, .recordDelivery, .archive, .reopen]),
        ("补正、征求意见与协办", [.requestCorrection, .correctionReceived, .correctionLapsed, .startConsultation, .consultationAnswered,
                          .consultationLapsed, .assist, .assistReturned]),
        ("期限与收费", [.requestExtension, .approveExtension, .rejectExtension, .requestReasons, .approveDelay, .issueFeeNotice, .feePaid, .feeLapsed]),
        ("其他", [.transfer, .withdraw, .flagComplex, .recordCommunication, .recordReview, .recordLitigation, .correctEntry]),
    ]

    static func groups(_ kinds: [EventKind]) -> [Group] {
        grouping.compactMap { title, members in
            let inGroup = kinds.filter(members.contains)
            return inGroup.isEmpty ? nil : Group(title: title, kinds: inGroup)
        }
    }

    /// The proposal and the sign-off carry the reply letter: they have pages of their own.
    static func ownPage(_ kind: EventKind) -> String? {
        switch kind {
        case .submitForSignoff: return "proposal"
        case .signOff, .returnForRevision: return "signoff"
        default: return nil
        }
    }

    static func href(_ kind: EventKind, caseID: Int64) -> String {
        "/cases/\(caseID)/" + (ownPage(kind) ?? "events/\(kind.rawValue)")
    }

    /// The button's words: the sign-off page decides both ways; the reply after sign-off is issuing.
    static func label(_ kind: EventKind, _ c: CaseSnapshot) -> String {
        switch kind {
        case .submitForSignoff: return "拟稿并提交审签"
        case .signOff: return "审签答复"
        case .returnForRevision: return c.state == .toIssue ? "撤回签发并退回修改" : "退回修改"
        case .reply where c.state == .toIssue: return "发出答复"
        default: return kind.label
        }
    }

    /// Steps that end the case ask first (without JavaScript): they cannot be taken back, only
    /// followed by another entry.
    static func confirmationText(_ kind: EventKind) -> String? {
        switch kind {
        case .withdraw:
            return "撤回后本案办结，办理结果计为「\(Disposition.otherOther.shortLabel)」，不再计算期限。办理记录不能删除，如需继续办理只能「\(EventKind.reopen.label)」。"
        case .archive:
            return "归档后本案办结，不再出现在待办列表中。办理记录不能删除，如需继续办理只能「\(EventKind.reopen.label)」。"
        default: return nil
        }
    }
}

/// The case's history with its finalised letters, newest first: each at the moment it was recorded.
enum History {
    static func entries<Entry>(_ events: [StoredEvent], letters: [Document], event: (StoredEvent) -> Entry, letter: (Document) -> Entry) -> [Entry] {
        let entries: [(at: Double, order: Int, entry: Entry)] =
            events.map { ($0.recordedAt.timeIntervalSince1970, $0.sequence, event($0)) }
            + letters.compactMap { d in d.finalisedAt.map { ($0.timeIntervalSince1970, Int.max, letter(d)) } }
        return entries.sorted { ($0.at, $0.order) > ($1.at, $1.order) }.map(\.entry)
    }
}
