import Foundation
import Hummingbird

/// The stylesheet (and any other file in Resources/public), read once and served under /static/.
struct StaticFiles: Sendable {
    let files: [String: (type: String, bytes: [UInt8])]

    static func load() throws -> StaticFiles {
        guard let folder = Bundle.module.url(forResource: "public", withExtension: nil, subdirectory: "Resources") else {
            return StaticFiles(files: [:])
        }
        var files: [String: (String, [UInt8])] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream"
            files[name] = (type, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        return StaticFiles(files: files)
    }

    func register(on router: Router<some RequestContext>) {
        router.get("static/:name") { _, context in
            guard let name = context.parameters.get("name"), let file = files[name] else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=3600"],
                            body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
    }
}
