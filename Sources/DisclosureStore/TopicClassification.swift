import DisclosureCore
import LibPQ

/// `Topic.classify` in SQL: the first topic whose words the subject contains, else 其他. One
/// expression for the statistics' counts and the case list's `topic` filter, so that a count's
/// link finds exactly the cases it counted.
enum TopicClassification {
    static func of(_ subject: Query) -> Query {
        var expression: Query = "CASE"
        for topic in Topic.all {
            expression = "\(expression) WHEN \(subject) LIKE ANY(\(topic.words.map { "%" + $0 + "%" })) THEN \(topic.name)"
        }
        return "\(expression) ELSE \(Topic.other) END"
    }
}
