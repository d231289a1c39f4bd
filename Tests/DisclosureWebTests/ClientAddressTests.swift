@testable import DisclosureWeb
import Testing

/// Which address the audit trail records for a request.
@Suite struct ClientAddressTests {
    @Test func theProxyOnThisMachineIsBelievedAndNobodyElse() {
        #expect(ClientAddress.of(peer: "203.0.113.9", forwardedFor: nil) == "203.0.113.9")
        // A client far away cannot name another address.
        #expect(ClientAddress.of(peer: "203.0.113.9", forwardedFor: "10.1.1.1") == "203.0.113.9")
        // nginx on this machine appends the address it saw: the last entry, not what the client sent before it.
        #expect(ClientAddress.of(peer: "127.0.0.1", forwardedFor: "10.1.1.1, 198.51.100.7") == "198.51.100.7")
        #expect(ClientAddress.of(peer: "::1", forwardedFor: "2001:db8::1") == "2001:db8::1")
        #expect(ClientAddress.of(peer: "127.0.0.1", forwardedFor: "<script>") == "127.0.0.1")
        #expect(ClientAddress.of(peer: nil, forwardedFor: "198.51.100.7") == nil)
    }
}
