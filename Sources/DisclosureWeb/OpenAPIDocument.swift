import Foundation
import Hummingbird

/// The OpenAPI document of `/api/v1` (Resources/openapi.json), served as it is at
/// `GET /api/v1/openapi.json` without sign-in, for client authors and for the fuzzing step of
/// Deploy/test. It is written by hand; OpenAPIDocumentTests keeps it true to the router's routes,
/// the domain's codes and the responses the API gives.
struct OpenAPIDocument: Sendable {
    static let route = "api/v1/openapi.json"
    let bytes: [UInt8]

    static func load() throws -> OpenAPIDocument {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else {
            throw APIError(status: .internalServerError, code: "openapi", message: "The OpenAPI document is missing from the program's resources.",
                           chinese: "程序缺少API说明文档。")
        }
        return OpenAPIDocument(bytes: Array(try Data(contentsOf: url)))
    }

    func register(on router: Router<some RequestContext>) {
        router.get(RouterPath(Self.route)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
