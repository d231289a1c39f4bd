import Hummingbird
import Testing

@testable import DisclosureWeb

/// Reading a multipart/form-data body within bounds: every part a browser sends, and nothing
/// from a body that is cut off, has too many parts or too long a field.
struct MultipartFormTests {
    let boundary = "----b0und4ry"

    func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text.replacingOccurrences(of: "\n", with: "\r\n")) }

    @Test func fieldsAndFilesAreReadAndAnEmptyFileInputIsNot() throws {
        let form = try MultipartForm.parse(body("""
            --\(boundary)
            Content-Disposition: form-data; name="_csrf"

            token
            --\(boundary)
            Content-Disposition: form-data; name="file"; filename="方案%22一%22.pdf"
            Content-Type: application/pdf

            %PDF-1
            --\(boundary)
            Content-Disposition: form-data; name="file"; filename=""
            Content-Type: application/octet-stream


            --\(boundary)--

            """), boundary: boundary)
        #expect(form["_csrf"] == "token")
        #expect(form.files == [MultipartForm.File(field: "file", fileName: "方案\"一\".pdf", contentType: "application/pdf", bytes: Array("%PDF-1".utf8))])
    }

    @Test func aBodyCutOffBeforeItsEndIsRefusedWhole() {
        let cut = """
            --\(boundary)
            Content-Disposition: form-data; name="_csrf"

            token
            --\(boundary)
            Content-Disposition: form-data; name="file"; filename="a.pdf"

            %PDF-1 and then the connection
            """
        #expect(throws: MultipartForm.Failure.malformed) { try MultipartForm.parse(body(cut), boundary: boundary) }
    }

    @Test func tooManyPartsOrTooLongAFieldIsRefused() {
        let part = "--\(boundary)\nContent-Disposition: form-data; name=\"x\"\n\ny\n"
        let many = String(repeating: part, count: MultipartForm.maxParts + 1) + "--\(boundary)--\n"
        #expect(throws: MultipartForm.Failure.tooLarge) { try MultipartForm.parse(body(many), boundary: boundary) }
        let long = "--\(boundary)\nContent-Disposition: form-data; name=\"x\"\n\n" + String(repeating: "y", count: MultipartForm.maxFieldBytes + 1) + "\n--\(boundary)--\n"
        #expect(throws: MultipartForm.Failure.tooLarge) { try MultipartForm.parse(body(long), boundary: boundary) }
    }

    @Test func theBoundaryIsTakenFromTheContentTypeWithinItsLength() {
        #expect(MultipartForm.boundary(of: "multipart/form-data; boundary=\"abc\"") == "abc")
        #expect(MultipartForm.boundary(of: "Multipart/Form-Data;charset=utf-8; boundary=xyz") == "xyz")
        #expect(MultipartForm.boundary(of: "multipart/form-data; boundary=" + String(repeating: "a", count: 71)) == nil)
        #expect(MultipartForm.boundary(of: "application/x-www-form-urlencoded") == nil)
        #expect(MultipartForm.boundary(of: nil) == nil)
    }
}
