import DisclosureCore
import Testing

/// What someone who does not handle a case sees of its applicant.
@Suite struct ApplicantTests {
    @Test func theMaskedApplicantHidesTheEmailAddressAsItHidesThePhone() {
        let applicant = Applicant(kind: .naturalPerson, name: "张三", idType: "身份证", idNumber: "370103198001011233",
                                  phone: "13812345600", email: "zhangsan1978@example.cn", address: "济南市市中区经七路1号")
        let masked = applicant.masked()
        #expect(masked.phone == "138******00")
        // The mailbox's name hidden but for its ends, the provider kept.
        #expect(masked.email == "zh********78@example.cn")
        #expect(Applicant(kind: .commercial, name: "某公司", email: "li@x.cn").masked().email == "**@x.cn")
        #expect(Applicant(kind: .commercial, name: "某公司", email: "wang@x.cn").masked().email == "w**g@x.cn")
        #expect(Applicant(kind: .commercial, name: "某公司", email: "no-at-sign").masked().email == "no********")
        #expect(Applicant(kind: .commercial, name: "某公司").masked().email == nil)
    }
}
