import Foundation

/// A value written into a link's query string: letters, digits and the unreserved marks of
/// URLs stay as they are (a username's ".", a code's "_"), everything else percent-encoded.
enum QueryValue {
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func encoded(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
}
