import Testing

@testable import DisclosureCore

/// What the portal refuses before anything is stored, and the intake a confirmation registers.
struct PortalApplicationTests {
    func application(_ change: (inout PortalApplication) -> Void = { _ in }) -> PortalApplication {
        var application = PortalApplication(
            agencyID: 9,
            applicant: Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233",
                                 phone: "13800000000", email: "zhang@example.com", address: "济南市市中区经七路1号"),
            subject: "经七路拆迁补偿标准", description: "2024年经七路片区房屋征收补偿方案及补偿标准文件", formWanted: .electronic, deliveryWanted: .platform)
        change(&application)
        return application
    }

    func fields(_ application: PortalApplication) -> [String] { application.problems().map(\.field) }

    @Test func aCompleteApplicationHasNoProblems() {
        #expect(application().problems().isEmpty)
    }

    @Test func everyArticle29FieldIsRequired() {
        #expect(fields(application { $0.applicant.idNumber = nil; $0.applicant.idType = nil }) == ["applicant.idNumber"])
        #expect(fields(application { $0.subject = "  " }) == ["subject"])
        #expect(fields(application { $0.description = "" }) == ["description"])
        #expect(fields(application { $0.formWanted = nil }) == ["formWanted"])
        #expect(fields(application { $0.deliveryWanted = nil }) == ["deliveryWanted"])
        #expect(fields(application { $0.applicant.name = "" }) == ["applicant.name"])
        let problem = application { $0.description = "" }.problems()[0]
        #expect(problem.chinese.contains("条例第二十九条"))
    }

    @Test func theRouteChosenNeedsItsContact() {
        #expect(fields(application { $0.deliveryWanted = .email; $0.applicant.email = nil }) == ["applicant.email"])
        #expect(fields(application { $0.deliveryWanted = .post; $0.applicant.address = " " }) == ["applicant.address"])
        #expect(fields(application { $0.deliveryWanted = .platform; $0.applicant.address = nil; $0.applicant.email = nil }).isEmpty)
    }

    @Test func textsAreBounded() {
        #expect(fields(application { $0.subject = String(repeating: "征", count: 301) }) == ["subject"])
        #expect(fields(application { $0.description = String(repeating: "征", count: 10_001) }) == ["description"])
        #expect(fields(application { $0.applicant.name = String(repeating: "张", count: 101) }) == ["applicant.name"])
    }

    @Test func theCaseIsReceivedOnTheDayOfConfirmation() throws {
        let submitted = try #require(LocalDate(year: 2026, month: 11, day: 27)), confirmed = try #require(LocalDate(year: 2026, month: 11, day: 30))
        let intake = application().intake(submittedOn: submitted, confirmedOn: confirmed, receiptCode: "20261127-7KQ4MX")
        #expect(intake.channel == .online)
        #expect(intake.arrivedOn == submitted && intake.receivedOn == confirmed && intake.registeredOn == confirmed)
        #expect(intake.receiptNote?.contains("20261127-7KQ4MX") == true)
        #expect(intake.receiptNote?.contains("2026年11月30日确认收到") == true)
        #expect(intake.problems(today: confirmed).isEmpty)
        #expect(intake.applicant?.idNumber == "370103198001011233" && intake.agencyID == 9 && intake.deliveryWanted == .platform)
    }
}
