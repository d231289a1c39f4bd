@testable import DisclosureWeb
import Testing

/// `next` after signing in: a plain path on this site, or the dashboard.
@Suite struct LocalRedirectTests {
    @Test(arguments: ["/", "/cases", "/cases?state=registered&agency=3", "/cases/12#history", "/library?q=%E5%BE%81%E6%94%B6", "/profile?x=a%20b"])
    func localPathsAreKept(_ next: String) {
        #expect(LocalRedirect.target(next) == next)
    }

    @Test(arguments: [
        "/\\evil.example/", "\\\\evil.example", "//evil.example", "///evil.example", "https://evil.example/", "http:/evil.example",
        "javascript:alert(1)", "evil.example", "", " /cases", "/\t/evil.example", "/\n/evil.example", "/cases\r\nSet-Cookie: x=1",
        "/%5Cevil.example/", "%2F%2Fevil.example", "/%2F/evil.example", "/%2Fevil.example", "%2F%5Cevil.example",
        "/%09/evil.example", "/%0D%0ALocation:%20http://evil.example", "/%252F%252Fevil.example", "/%255Cevil.example",
        "/cases?next=http://evil.example", "/%E2%80%A8/evil.example",
    ])
    func everyOtherValueLeadsToTheDashboard(_ next: String) {
        #expect(LocalRedirect.target(next) == "/")
    }

    @Test func absentOrOverlongLeadsToTheDashboard() {
        #expect(LocalRedirect.target(nil) == "/")
        #expect(LocalRedirect.target("/" + String(repeating: "a", count: 2_000)) == "/")
    }
}
