import CLibPQ
import Foundation

/// How to open a connection: a `DATABASE_URL`/conninfo string or keyword parameters, plus the
/// session settings every connection of ours carries.
public struct ConnectionConfiguration: Sendable {
    /// libpq keyword parameters (host, port, dbname, user, password, …). A `dbname` holding a
    /// URL or conninfo string is expanded by libpq.
    public var parameters: [(String, String)]
    public var applicationName: String
    /// Seconds libpq waits for the server to answer a connection attempt.
    public var connectTimeoutSeconds: Int
    /// Milliseconds after which the server cancels a statement; 0 disables it.
    public var statementTimeoutMilliseconds: Int

    public init(
        parameters: [(String, String)],
        applicationName: String = "disclosure",
        connectTimeoutSeconds: Int = 5,
        statementTimeoutMilliseconds: Int = 30_000
    ) {
        self.parameters = parameters
        self.applicationName = applicationName
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
    }

    /// The same server and database, signed in as another role (trusted or with its own
    /// password from the environment, as libpq finds it).
    public func `as`(user: String) -> ConnectionConfiguration {
        var copy = self
        copy.parameters = parameters.filter { $0.0 != "user" } + [("user", user)]
        return copy
    }

    /// A configuration from a `postgresql://…` URL or a `key=value` conninfo string. The string
    /// is checked here so that a typo is reported as such instead of as a failed connection.
    public init(url: String, applicationName: String = "disclosure") throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorMessage) else {
            let message = errorMessage.map { String(cString: $0) } ?? "unrecognised format"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError.invalidConfiguration(message.oneLine)
        }
        PQconninfoFree(options)
        self.init(parameters: [("dbname", url)], applicationName: applicationName)
    }

    /// The keyword/value pairs handed to `PQconnectdbParams`. Ours come first so that a URL can
    /// still override them; a URL in `dbname` is expanded in place.
    var keywordValues: [(String, String)] {
        var pairs: [(String, String)] = [
            ("application_name", applicationName),
            ("connect_timeout", String(connectTimeoutSeconds)),
            ("client_encoding", "UTF8"),
        ]
        pairs.append(contentsOf: parameters)
        return pairs
    }

    /// The same connection as one libpq connection string, for PostgreSQL's own programs
    /// (`pg_dump --dbname=…`): each value quoted, as libpq's conninfo syntax asks.
    /// A URL in `dbname` is written out as its parts: a program expands the string it is given,
    /// but not a URL inside it.
    public var conninfo: String {
        keywordValues.flatMap { key, value in key == "dbname" ? Self.parts(value) ?? [(key, value)] : [(key, value)] }
            .map { key, value in "\(key)='" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'" }
            .joined(separator: " ")
    }

    /// The parts of a URL or connection string, as libpq reads them; nil for a plain name.
    static func parts(_ text: String) -> [(String, String)]? {
        guard text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") || text.contains("="),
              let options = PQconninfoParse(text, nil) else { return nil }
        defer { PQconninfoFree(options) }
        var parts: [(String, String)] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { parts.append((String(cString: keyword), String(cString: value))) }
            option += 1
        }
        return parts
    }

    /// Sent once after connecting: the settings every decoder relies on.
    var sessionSetup: String {
        """
        SET statement_timeout = \(statementTimeoutMilliseconds);
        SET TimeZone = 'UTC';
        SET DateStyle = 'ISO, YMD';
        SET IntervalStyle = 'iso_8601';
        SET extra_float_digits = 3;
        SET bytea_output = 'hex'
        """
    }
}

extension String {
    /// libpq messages can span lines ("connection to server … failed: FATAL: …"); users get one.
    var oneLine: String {
        split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
