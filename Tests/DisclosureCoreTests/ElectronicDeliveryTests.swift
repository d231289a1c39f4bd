import LifecycleTestSupport
import Testing

@testable import DisclosureCore

/// Delivery through the portal: offered where chosen, recorded once, for the reply only.
struct ElectronicDeliveryTests {
    let fixtures = LifecycleFixtures()

    @Test func onlyThePlatformIsOffered() {
        #expect(ElectronicDelivery.offered(deliveryWanted: .platform))
        for method in [DeliveryMethod.post, .email, .inPerson] { #expect(!ElectronicDelivery.offered(deliveryWanted: method)) }
        #expect(!ElectronicDelivery.offered(deliveryWanted: nil))
    }

    @Test func theFirstDownloadOfTheReplyIsItsDeliveryAndNoOtherIs() throws {
        let (replied, _) = try fixtures.build(fixtures.path(to: .replied))
        let day = replied.lastEventOn
        let event = try #require(ElectronicDelivery.onDownload(of: .letter(.reply), snapshot: replied, at: "2026年11月30日 16:05", on: day, by: fixtures.officer))
        let delivered = try Lifecycle.apply(event, to: replied, calendar: fixtures.calendar)
        #expect(delivered.deliveries.map(\.method) == [.platform] && delivered.deliveries[0].reference == "申请人于2026年11月30日 16:05在网上平台下载答复书")
        #expect(ElectronicDelivery.onDownload(of: .letter(.reply), snapshot: delivered, at: "later", on: day, by: fixtures.officer) == nil)
        #expect(ElectronicDelivery.onDownload(of: .letter(.correction), snapshot: replied, at: "t", on: day, by: fixtures.officer) == nil)
        let (open, _) = try fixtures.build(fixtures.path(to: .inProgress))
        #expect(ElectronicDelivery.onDownload(of: .letter(.reply), snapshot: open, at: "t", on: day, by: fixtures.officer) == nil)
    }
}

extension ElectronicDeliveryTests {
    /// The released information is delivered with the reply: its first download counts as the
    /// delivery as the reply's would, once, and only where information was provided.
    @Test func theFirstDownloadOfAReleasedFileIsTheDeliveryToo() throws {
        let (open, _) = try fixtures.build(fixtures.path(to: .inProgress))
        let disclosed = try fixtures.replied(.partial)
        let event = try #require(ElectronicDelivery.onDownload(of: .releasedFile("补偿方案（区分处理）.pdf"), snapshot: disclosed, at: "2026年11月30日 16:05",
                                                               on: disclosed.lastEventOn, by: fixtures.officer))
        let delivered = try Lifecycle.apply(event, to: disclosed, calendar: fixtures.calendar)
        #expect(delivered.deliveries.map(\.reference) == ["申请人于2026年11月30日 16:05在网上平台下载公开的信息“补偿方案（区分处理）.pdf”"])
        #expect(ElectronicDelivery.onDownload(of: .releasedFile("b.pdf"), snapshot: delivered, at: "t", on: delivered.lastEventOn, by: fixtures.officer) == nil)
        #expect(ElectronicDelivery.onDownload(of: .letter(.reply), snapshot: delivered, at: "t", on: delivered.lastEventOn, by: fixtures.officer) == nil)
        #expect(ElectronicDelivery.onDownload(of: .releasedFile("b.pdf"), snapshot: open, at: "t", on: open.lastEventOn, by: fixtures.officer) == nil)
        let withheld = try fixtures.replied(.withholdThirdParty)
        #expect(ElectronicDelivery.onDownload(of: .releasedFile("b.pdf"), snapshot: withheld, at: "t", on: withheld.lastEventOn, by: fixtures.officer) == nil)
    }
}
