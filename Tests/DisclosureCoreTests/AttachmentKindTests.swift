import Testing

@testable import DisclosureCore

/// Attachments are recognised by their bytes, and refused with a reason when they are not
/// what the portal accepts.
struct AttachmentKindTests {
    static let pdf = Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]

    func refusal(_ name: String, _ type: String?, _ bytes: [UInt8]) -> String? {
        do {
            _ = try AttachmentKind.check(fileName: name, declaredType: type, bytes: bytes)
            return nil
        } catch LifecycleError.invalid(let problems) {
            return problems.first?.chinese
        } catch { return "\(error)" }
    }

    @Test func theThreeKindsAreKnownByTheirContent() throws {
        #expect(try AttachmentKind.check(fileName: "a.pdf", declaredType: "application/pdf", bytes: Self.pdf) == .pdf)
        #expect(try AttachmentKind.check(fileName: "a.jpg", declaredType: "image/jpeg", bytes: Self.jpeg) == .jpeg)
        #expect(try AttachmentKind.check(fileName: "a.jpg", declaredType: "image/jpg", bytes: Self.jpeg) == .jpeg)
        #expect(try AttachmentKind.check(fileName: "a.png", declaredType: "image/png; charset=binary", bytes: Self.png) == .png)
        // A browser that cannot tell says octet-stream; the content decides.
        #expect(try AttachmentKind.check(fileName: "scan", declaredType: "application/octet-stream", bytes: Self.png) == .png)
    }

    @Test func aMislabelledFileIsRefused() {
        #expect(refusal("身份证.pdf", "application/pdf", Self.png)?.contains("与文件内容（PNG）不符") == true)
        #expect(refusal("x.png", "image/png", Self.pdf)?.contains("与文件内容（PDF）不符") == true)
    }

    @Test func otherContentIsRefusedWhateverItsName() {
        let html = Array("<html><script>alert(1)</script>".utf8)
        #expect(refusal("证明.pdf", "application/pdf", html)?.contains("不是PDF、JPEG或PNG文件") == true)
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]
        #expect(refusal("材料.docx", nil, zip)?.contains("不是PDF、JPEG或PNG文件") == true)
    }

    @Test func emptyAndOversizedFilesAreRefused() {
        #expect(refusal("空.pdf", "application/pdf", [])?.contains("空文件") == true)
        let large = Self.pdf + [UInt8](repeating: 0x20, count: AttachmentKind.maxBytes)
        #expect(refusal("大.pdf", "application/pdf", large)?.contains("超过5MB") == true)
        let limit = Self.pdf + [UInt8](repeating: 0x20, count: AttachmentKind.maxBytes - Self.pdf.count)
        #expect(refusal("刚好.pdf", "application/pdf", limit) == nil)
    }
}
