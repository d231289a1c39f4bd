import DisclosureCore
import DisclosureStore
import Hummingbird

/// 管理 › 案例库主题与同义词: the library's topics and the pairs of words that find each other
/// (拆迁 finds 征收).
extension AdminPages {
    /// What the word forms show again after a refusal, by field (term, synonym, topic).
    struct WordsForm: Sendable {
        var values: [String: String] = [:]
        var errors: [String: String] = [:]
    }

    static let wordLimit = 60

    func registerWords(on adminGroup: RouterGroup<SignedIn<Administrators>>) {
        adminGroup.get("words") { request, context in
            await pages.respond { try await words(context.identity, notice: Self.notice(request)) }
        }
        adminGroup.post("synonyms") { request, context in
            await pages.respond {
                let identity = context.identity
                let form = context.form ?? FormData("")
                let term = form["term"] ?? "", synonym = form["synonym"] ?? ""
                let removing = form["action"] == "remove"
                var typed = WordsForm(values: removing ? [:] : ["term": term, "synonym": synonym])
                for (field, word) in [("term", term), ("synonym", synonym)] where word.count > Self.wordLimit {
                    typed.errors[field] = "最多\(Self.wordLimit)个字。"
                }
                if typed.errors.isEmpty {
                    do {
                        if removing { try await library.removeSynonym(term, synonym) } else { try await library.addSynonym(term, synonym) }
                    } catch let error as LifecycleError {
                        typed.errors["synonym"] = UIText.describe(error)
                    }
                }
                guard typed.errors.isEmpty else {
                    return try await words(identity, typed: typed, error: "未更新同义词：请按标出的提示修改。", status: .unprocessableContent)
                }
                return Page.redirect(AdminSection.words.path + "?done=synonyms")
            }
        }
        adminGroup.post("topics") { request, context in
            await pages.respond {
                let identity = context.identity
                let name = context.form?["name"] ?? ""
                var typed = WordsForm(values: ["topic": name])
                if name.count > TextLimits.limit(for: "topic") {
                    typed.errors["topic"] = "最多\(TextLimits.limit(for: "topic"))个字。"
                } else {
                    do { try await library.addTopic(name) } catch let error as LifecycleError { typed.errors["topic"] = UIText.describe(error) }
                }
                guard typed.errors.isEmpty else {
                    return try await words(identity, typed: typed, error: "未增加主题：请按标出的提示修改。", status: .unprocessableContent)
                }
                return Page.redirect(AdminSection.words.path + "?done=topics")
            }
        }
    }

    func words(_ identity: Identity, typed: WordsForm = WordsForm(), notice: String = "", error: String = "",
               status: HTTPResponse.Status = .ok) async throws -> Response {
        let synonyms = try await library.synonyms()
        let view = AdminWordsView(synonyms: synonyms.map { .init(term: $0.term, synonym: $0.synonym) }, synonymCount: synonyms.count,
                                  topics: try await library.topics().joined(separator: "、"), typed: typed.values, errors: typed.errors,
                                  wordLimit: Self.wordLimit, topicLimit: TextLimits.limit(for: "topic"))
        return section(.words, view, identity: identity, notice: notice, error: error, status: status)
    }
}
