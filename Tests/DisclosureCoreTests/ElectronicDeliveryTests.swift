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
        let event = try #require(ElectronicDelivery.onDownload(of: .reply, snapshot: replied, at: "2026年11月30日 16:05", on: day, by: fixtures.officer))
        let delivered = try Lifecycle.apply(event, to: replied, calendar: fixtures.calendar)
        #expect(delivered.deliveries.map(\.method) == [.platform] && delivered.deliveries[0].reference == "申请人于2026年11月30日 16:05在网上平台下载答复书")
        #expect(ElectronicDelivery.onDownload(of: .reply, snapshot: delivered, at: "later", on: day, by: fixtures.officer) == nil)
        #expect(ElectronicDelivery.onDownload(of: .correction, snapshot: replied, at: "t", on: day, by: fixtures.officer) == nil)
        let (open, _) = try fixtures.build(fixtures.path(to: .inProgress))
        #expect(ElectronicDelivery.onDownload(of: .reply, snapshot: open, at: "t", on: day, by: fixtures.officer) == nil)
    }
}
