/// Letter numbers of domain.md §8: `市中区住建局补正〔2024〕第3号`, counted per agency, kind and
/// year. Counting is the store's job; this only writes the number.
public enum LetterNumber {
    public static func format(shortName: String, kind: LetterKind, year: Int, sequence: Int) -> String {
        "\(shortName)\(kind.numberWord)〔\(year)〕第\(sequence)号"
    }
}
