import Testing

@testable import DisclosureCore

/// The tracking page's words for each state.
struct PortalProgressTests {
    @Test func beforeConfirmationItIsPending() {
        #expect(PortalProgress(state: nil).title == "待确认")
        #expect(PortalProgress(state: nil).explanation.contains("确认之日为收到申请之日"))
    }

    @Test func theOfficesOwnStepsReadAsUnderway() {
        for state in [CaseState.registered, .inProgress, .pendingSignoff, .toIssue] {
            #expect(PortalProgress(state: state).title == "办理中")
        }
    }

    @Test func everyStateHasWordsAndNoCode() {
        for state in CaseState.allCases {
            let progress = PortalProgress(state: state)
            #expect(!progress.title.isEmpty && !progress.explanation.isEmpty)
            #expect(!progress.title.contains(state.rawValue) && !progress.explanation.contains("_"))
        }
        #expect(PortalProgress(state: .awaitingCorrection).explanation.contains("暂停计算"))
        #expect(PortalProgress(state: .replied).title == "已答复")
    }
}
