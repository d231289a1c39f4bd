/// CSV as Excel reads it: quoted where needed, and never a formula.
public enum CSVWriter {
    public static func field(_ text: String) -> String {
        let text = defused(text)
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }

    /// A text Excel or WPS would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, or a tab or
    /// return before one) is written after an apostrophe, which shows it as typed (OWASP's
    /// CSV injection advice). A plain number such as -3 stays a number.
    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r＝＋－＠".unicodeScalars.contains(first), Double(text) == nil else { return text }
        return "'" + text
    }
}
