import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird

/// 案例库: search for every signed-in user, new entries by supervisors and administrators, and
/// the same as JSON under /api/v1/library.
struct LibraryPages: Sendable {
    let pages: Pages
    let library: LibraryStore
    let similar: SimilarStore

    func register(on router: Router<AppRequestContext>) {
        let libraryGroup = router.group("library", context: SignedIn<Anyone>.self)
        registerCaseRoutes(on: router)
        libraryGroup.get("") { request, context in await pages.respond { try await search(request, context.identity) } }
        libraryGroup.get("new") { request, context in
            await pages.respond { try await form(try editor(request, context), values: [:], errors: [:], summary: nil) }
        }
        libraryGroup.post("new") { request, context in await pages.respond { try await add(try editor(request, context), context.form ?? FormData("")) } }
        libraryGroup.get(":id") { request, context in
            await pages.respond {
                let identity = context.identity
                guard let id = context.parameters.get("id", as: Int64.self), let entry = try await library.entry(id) else {
                    return Page.message(status: .notFound, title: "找不到条目", text: "案例库中没有这个条目。")
                }
                return pages.page.render("library_entry", view: LibraryEntryView(
                    id: id, title: entry.title, kind: entry.kind.label, topic: entry.topic ?? "", year: entry.year.map(String.init) ?? "",
                    legalBasis: entry.legalBasis.flatMap { $0.isEmpty ? nil : $0 }, tags: entry.tags.isEmpty ? nil : entry.tags.joined(separator: "、"),
                    paragraphs: entry.body.split(whereSeparator: \.isNewline).map(String.init),
                    shownInPortal: try await library.isShownInPortal(id), canShow: identity.user.role == .supervisor
                ), identity: identity)
            }
        }
        // A supervisor chooses which entries applicants see in the portal (issue 17).
        libraryGroup.post(":id/portal") { request, context in
            await pages.respond {
                guard context.identity.user.role == .supervisor else { throw ForbiddenError(text: "只有审核人可以决定条目是否在网上申请平台展示。") }
                guard let id = context.parameters.get("id", as: Int64.self), try await library.entry(id) != nil else {
                    return Page.message(status: .notFound, title: "找不到条目", text: "案例库中没有这个条目。")
                }
                try await library.show(id, inPortal: context.form?["show"] == "yes")
                return Page.redirect("/library/\(id)")
            }
        }
        router.get("api/v1/similar") { request, context in
            do {
                guard let identity = context.identity else { throw APIError.unauthenticated() }
                let matches = try await similar.similar(to: request.uri.queryParameters.get("text") ?? "", scope: identity.viewer.scope)
                return JSONBody.response(.ok, ["matches": matches.map { SimilarJSON(id: $0.id, title: $0.title, detail: $0.detail, kind: $0.isCase ? "case" : "library") }])
            } catch { return APIError.from(error).response }
        }
        router.get("api/v1/search/cases") { request, context in
            do {
                guard let identity = context.identity else { throw APIError.unauthenticated() }
                let found = try await similar.searchCases(request.uri.queryParameters.get("q") ?? "", scope: identity.viewer.scope)
                return CaseListJSON(cases: found.cases, total: found.total, page: 1, pageSize: found.cases.count).response
            } catch { return APIError.from(error).response }
        }
        router.get("api/v1/library/suggest") { request, context in
            do {
                guard context.identity != nil else { throw APIError.unauthenticated() }
                return JSONBody.response(.ok, ["suggestions": try await library.suggest(request.uri.queryParameters.get("q") ?? "")])
            } catch { return APIError.from(error).response }
        }
        router.get("api/v1/library/search") { request, context in
            do {
                guard let identity = context.identity else { throw APIError.unauthenticated() }
                let (q, active, page) = (request.uri.queryParameters.get("q") ?? "", try filters(request), try page(request))
                let results = try await pages.reads.read(for: identity.user.id) {
                    try await library.reading($0).search(q, filters: active, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
                }
                return JSONBody.response(.ok, SearchJSON(results))
            } catch { return APIError.from(error).response }
        }
    }

    func editor(_ request: Request, _ context: some PageRequestContext) throws -> Identity {
        let identity = context.identity
        guard identity.user.role == .supervisor || identity.user.role == .administrator else { throw RedirectError(location: "/library") }
        return identity
    }

    func filters(_ request: Request) throws -> LibraryStore.Filters {
        let q = request.uri.queryParameters
        return LibraryStore.Filters(kind: q.get("kind").flatMap(LibraryEntry.Kind.init(rawValue:)), topic: q.get("topic").flatMap { $0.isEmpty ? nil : $0 },
                                    year: try q.number("year", in: LocalDate.inputYears, meaning: "a year", chinese: "年份"), agencyID: try q.id("agency"))
    }

    static let pageSize = 20

    /// The results page asked for (`?page=`), from 1 to the last a search can reach.
    func page(_ request: Request) throws -> Int {
        try request.uri.queryParameters.page(max: LibraryStore.maxOffset / Self.pageSize)
    }

    func search(_ request: Request, _ identity: Identity) async throws -> Response {
        let query = request.uri.queryParameters.get("q") ?? ""
        let active = try filters(request)
        let page = try page(request)
        let results = try await pages.reads.read(for: identity.user.id) {
            try await library.reading($0).search(query, filters: active, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
        }
        func link(page n: Int) -> String {
            var items = (request.uri.query ?? "").split(separator: "&").map(String.init).filter { !$0.hasPrefix("page=") }
            items.append("page=\(n)")
            return "/library?" + items.joined(separator: "&")
        }
        // Cases are searched as the library was: by the respelling when the query's characters found nothing.
        let cases = try await similar.searchCases(results.didYouMean ?? query, scope: identity.viewer.scope, limit: 10)
        let names = try await pages.agencyNames()
        func label(_ facet: String, _ value: String) -> String {
            switch facet {
            case "kind": return LibraryEntry.Kind(rawValue: value)?.label ?? value
            case "agency": return Int64(value).flatMap { names[$0] } ?? value
            case "disposition": return Disposition(rawValue: value)?.shortLabel ?? value
            case "year": return value + "年"
            default: return value
            }
        }
        let facetTitles = [("kind", "种类"), ("topic", "主题"), ("year", "年份"), ("agency", "机关"), ("disposition", "办理结果")]
        let encodedQuery = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return pages.page.render("library", view: LibraryView(
            q: query, searched: !Highlighter.terms(query).isEmpty,
            words: results.words.isEmpty ? nil : results.words.joined(separator: " "),
            unmatched: results.unmatched.isEmpty ? nil : results.unmatched.joined(separator: "、"),
            didYouMean: results.didYouMean.map { .init(term: $0, href: "/library?q=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) },
            total: results.total, exact: results.isExact,
            previous: page > 1 ? link(page: page - 1) : nil,
            next: results.hits.count == Self.pageSize && page * Self.pageSize < results.total ? link(page: page + 1) : nil,
            caseTotal: cases.total,
            cases: cases.cases.map { .init(id: $0.id, number: $0.caseNumber, subject: $0.subject, state: $0.state.label) },
            suggestions: results.suggestions.map { .init(term: $0, href: "/library?q=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) },
            canAdd: identity.user.role == .supervisor || identity.user.role == .administrator,
            hits: results.hits.map { hit in
                .init(id: hit.entry.id ?? 0, title: hit.entry.title, kind: hit.entry.kind.label, topic: hit.entry.topic ?? "",
                      year: hit.entry.year.map { "\($0)年" } ?? "", snippet: hit.snippet.map { .init(text: $0.text, marked: $0.marked) },
                      missing: hit.missing.isEmpty ? nil : hit.missing.joined(separator: "、"))
            },
            facets: facetTitles.compactMap { key, title in
                guard let values = results.facets[key], !values.isEmpty else { return nil }
                let parameter = key == "agency" ? "agency" : key
                return LibraryView.Facet(title: title, values: values.prefix(12).map {
                    .init(label: label(key, $0.value), count: $0.count,
                          href: "/library?q=\(encodedQuery)&\(parameter)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
                })
            }
        ), identity: identity)
    }

    func form(_ identity: Identity, values: [String: String], errors: [String: String], summary: String?) async throws -> Response {
        let topics = try await library.topics()
        return pages.page.render("library_new", view: LibraryNewView(
            summary: summary,
            kinds: SelectOption.all(LibraryEntry.Kind.self, label: \.label) { values["kind"] == $0.rawValue },
            topics: topics.map { SelectOption(value: $0, label: $0, selected: values["topic"] == $0) },
            year: FormInput(values["year"], error: errors["year"]), title: FormInput(values["title"], error: errors["title"]),
            body: FormInput(values["body"], error: errors["body"]),
            legalBasis: values["legalBasis"] ?? "", tags: values["tags"] ?? ""
        ), identity: identity, status: summary == nil ? .ok : .unprocessableContent)
    }

    func add(_ identity: Identity, _ form: FormData) async throws -> Response {
        var values: [String: String] = [:]
        for name in ["kind", "title", "body", "topic", "year", "legalBasis", "tags"] { values[name] = form[name] }
        let entry = LibraryEntry(kind: form["kind"].flatMap(LibraryEntry.Kind.init(rawValue:)) ?? .policy, title: form["title"] ?? "",
                                 body: form.all("body").last ?? "", topic: form["topic"], agencyID: identity.user.agencyID,
                                 year: form["year"].flatMap { Int($0) }, legalBasis: form["legalBasis"],
                                 tags: (form["tags"] ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == " " }).map(String.init))
        do {
            let id = try await library.add(entry, by: identity.user)
            return Page.redirect("/library/\(id)")
        } catch let error as LifecycleError {
            guard case .invalid(let problems) = error else { throw error }
            var errors: [String: String] = [:]
            for p in problems { errors[p.field, default: ""] += p.chinese }
            return try await self.form(identity, values: values, errors: errors, summary: "未保存：" + problems.map(\.chinese).joined())
        }
    }
}

/// The search results as JSON.
struct SearchJSON: Encodable {
    struct Hit: Encodable {
        var id: Int64
        var kind: String
        var title: String
        var topic: String?
        var year: Int?
        var snippet: [Segment]
        /// The query's words this hit does not hold, when the query was taken as words.
        var missing: [String]
    }
    struct Segment: Encodable { var text: String; var marked: Bool }
    struct Facet: Encodable { var value: String; var count: Int }

    var total: Int
    /// False when `total` and the facets are estimates ("about"): counted in a sample when there
    /// are very many hits, or an upper bound for a phrase with very many candidates.
    var totalIsExact: Bool
    var hits: [Hit]
    var facets: [String: [Facet]]
    /// When the query taken whole found nothing: the words it was searched for instead (entries
    /// holding the most of them first), and those no entry holds. Both empty otherwise.
    var words: [String]
    var unmatched: [String]
    /// When the query's characters found nothing: the respelled query whose hits these are.
    var didYouMean: String?
    /// When nothing at all is found: terms that do find entries.
    var suggestions: [String]

    init(_ r: LibraryStore.Results) {
        total = r.total
        totalIsExact = r.isExact
        hits = r.hits.map { Hit(id: $0.entry.id ?? 0, kind: $0.entry.kind.rawValue, title: $0.entry.title, topic: $0.entry.topic,
                                year: $0.entry.year, snippet: $0.snippet.map { Segment(text: $0.text, marked: $0.marked) }, missing: $0.missing) }
        facets = r.facets.mapValues { $0.map { Facet(value: $0.value, count: $0.count) } }
        words = r.words
        unmatched = r.unmatched
        didYouMean = r.didYouMean
        suggestions = r.suggestions
    }
}

struct SimilarJSON: Encodable {
    var id: Int64
    var title: String
    var detail: String
    var kind: String
}
