import LifecycleTestSupport
import Testing

@testable import DisclosureCore

/// The released files' rules: what may be put up, under which name, when the list is fixed,
/// and when the applicant sees it.
struct ReleasedFileTests {
    let fixtures = LifecycleFixtures()
    static let pdf: [UInt8] = Array("%PDF-1.4\n".utf8)

    @Test func aFileIsCheckedByItsBytesWithinTwentyMegabytes() throws {
        // Larger than an applicant's attachment may be, still accepted.
        let scan = Self.pdf + [UInt8](repeating: 0, count: 6 * 1024 * 1024)
        #expect(try ReleasedFile.check(fileName: "补偿方案.pdf", declaredType: "application/pdf", bytes: scan).kind == .pdf)
        let tooLarge = Self.pdf + [UInt8](repeating: 0, count: 20 * 1024 * 1024)
        #expect(throws: LifecycleError.invalid([FieldProblem("file", "补偿方案.pdf is larger than 20 MB.", "“补偿方案.pdf”超过20MB，请压缩或分开提交。")])) {
            try ReleasedFile.check(fileName: "补偿方案.pdf", declaredType: "application/pdf", bytes: tooLarge)
        }
        #expect(throws: LifecycleError.self) { try ReleasedFile.check(fileName: "a.pdf", declaredType: "application/pdf", bytes: Array("<html>".utf8)) }
        #expect(throws: LifecycleError.self) { try ReleasedFile.check(fileName: "a.pdf", declaredType: "image/png", bytes: Self.pdf) }
        #expect(throws: LifecycleError.self) { try ReleasedFile.check(fileName: "a.pdf", declaredType: nil, bytes: []) }
    }

    @Test func theNameKeptHasNoFolderNoControlCharactersAndAnEnd() throws {
        #expect(try ReleasedFile.check(fileName: "C:\\Users\\王芳\\补偿方案.pdf", declaredType: nil, bytes: Self.pdf).name == "补偿方案.pdf")
        #expect(try ReleasedFile.check(fileName: "../../etc/批复.pdf", declaredType: nil, bytes: Self.pdf).name == "批复.pdf")
        #expect(try ReleasedFile.check(fileName: " 方案\u{0}\r\n二.pdf ", declaredType: nil, bytes: Self.pdf).name == "方案二.pdf")
        #expect(try ReleasedFile.check(fileName: "", declaredType: nil, bytes: Self.pdf).name == "公开的信息.pdf")
        #expect(try ReleasedFile.check(fileName: "///", declaredType: nil, bytes: [0xFF, 0xD8, 0xFF, 0xE0]).name == "公开的信息.jpg")
        let long = String(repeating: "长", count: 300) + ".pdf"
        #expect(try ReleasedFile.check(fileName: long, declaredType: nil, bytes: Self.pdf).name.count == ReleasedFile.maxNameLength)
    }

    @Test func filesComeAndGoWhileTheCaseIsOpenOnly() throws {
        let (open, _) = try fixtures.build(fixtures.path(to: .inProgress))
        #expect(ReleasedFile.additionRefusal(state: open.state, filesSoFar: 0) == nil)
        #expect(ReleasedFile.additionRefusal(state: open.state, filesSoFar: ReleasedFile.maxFiles - 1) == nil)
        #expect(ReleasedFile.additionRefusal(state: open.state, filesSoFar: ReleasedFile.maxFiles)?.chinese == "每件案件最多上传50个公开信息文件。")
        #expect(ReleasedFile.withdrawalRefusal(state: open.state) == nil)
        for state in [CaseState.replied, .closed] {
            #expect(ReleasedFile.additionRefusal(state: state, filesSoFar: 0) != nil)
            #expect(ReleasedFile.withdrawalRefusal(state: state) != nil)
        }
    }

    @Test func theApplicantSeesThemOnceTheReplyProvidesInformation() throws {
        let (open, _) = try fixtures.build(fixtures.path(to: .inProgress))
        #expect(!ReleasedFile.shownToApplicant(open))
        for (disposition, shown) in [(Disposition.disclose, true), (.partial, true), (.withholdThirdParty, false), (.unavailableNotHeld, false)] {
            let replied = try fixtures.replied(disposition)
            #expect(ReleasedFile.shownToApplicant(replied) == shown, "\(disposition)")
        }
    }
}

extension ReleasedFileTests {
    @Test func theOfficerIsRemindedToPutFilesUpForAnApplicantOnThePlatform() throws {
        let (open, _) = try fixtures.build(fixtures.path(to: .inProgress))
        #expect(ReleasedFile.reminder(open, deliveryWanted: .platform, filesSoFar: 0)?.contains("「公开的信息」") == true)
        #expect(ReleasedFile.reminder(open, deliveryWanted: .platform, filesSoFar: 1) == nil)
        #expect(ReleasedFile.reminder(open, deliveryWanted: .post, filesSoFar: 0) == nil)
        #expect(ReleasedFile.reminder(open, deliveryWanted: nil, filesSoFar: 0) == nil)
        let (partial, _) = try fixtures.build(fixtures.path(to: .pendingSignoff))
        #expect(ReleasedFile.reminder(partial, deliveryWanted: .platform, filesSoFar: 0) != nil, "a partial disclosure proposed")
        let withholding = try fixtures.build(fixtures.path(to: .inProgress) + [.submitForSignoff(ReplyDraft(
            disposition: .withholdThirdParty, legalBasis: "第十五条", reasons: "涉及第三方合法权益"))]).0
        #expect(ReleasedFile.reminder(withholding, deliveryWanted: .platform, filesSoFar: 0) == nil)
        #expect(ReleasedFile.reminder(try fixtures.replied(.disclose), deliveryWanted: .platform, filesSoFar: 0) == nil)
    }
}
