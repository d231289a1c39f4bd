import Foundation
import NIOCore
import ServiceLifecycle

/// One sentence for a user, whatever went wrong.
enum UserMessage {
    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError, error.errnoCode == EADDRINUSE {
            return "The web port is already in use by another program; choose another with --port or HTTP_PORT."
        }
        if let error = error as? IOError, error.errnoCode == EADDRNOTAVAIL {
            return "The web address cannot be used on this machine; check --host or HTTP_HOST."
        }
        if let error = error as? ServiceGroupError {
            return "The service stopped: \(error)"
        }
        let text = String(describing: error)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
