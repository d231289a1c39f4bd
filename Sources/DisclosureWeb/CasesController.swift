import DisclosureCore
import DisclosureStore
import Foundation
import HTTPTypes
import Hummingbird
import LibPQ

/// The case API under `/api/v1` (issue 3). Every change goes through `CaseStore`, and so through
/// the one lifecycle function; this layer only translates HTTP.
struct CasesController: Sendable {
    let store: CaseStore
    let directory: DirectoryStore
    let audit: AuditRecorder
    let today: @Sendable () -> LocalDate
    let reads: ReadRouter
    /// Earlier-case lookups per user: enough for a busy intake desk, far too few to complete a
    /// masked identity number or phone by trying.
    let lookups: RateLimit

    func register(on router: Router<AppRequestContext>) {
        let api = router.group("api/v1")
        api.post("cases") { request, context in await respond { try await intake(request, try caller(context)) } }
        api.get("cases") { request, context in await respond { try await list(request, try caller(context)) } }
        api.get("cases/:id") { _, context in await respond { try await show(id: try caseID(context), try caller(context)) } }
        api.post("cases/:id/events") { request, context in await respond { try await append(request, id: try caseID(context), try caller(context)) } }
        api.get("agencies") { _, context in await respond { _ = try caller(context); return JSONBody.response(.ok, try await directory.agencies()) } }
        api.get("lifecycle") { _, _ in await respond { JSONBody.response(.ok, LifecycleJSON()) } }
        api.post("applicants/cases") { request, context in await respond { try await earlier(request, try caller(context)) } }
    }

    func respond(_ body: () async throws -> Response) async -> Response {
        do { return try await body() } catch { return APIError.from(error).response }
    }

    func caseID(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("A case id is a number.", "案件编号应为数字。") }
        return id
    }

    /// The signed-in caller: the browser's session or a personal API token.
    func caller(_ context: AppRequestContext) throws -> Viewer {
        guard let identity = context.identity else {
            throw APIError.unauthenticated("Sign in first: send a personal API token as Authorization: Bearer …, or use the browser's session.")
        }
        return identity.viewer
    }

    func intake(_ request: Request, _ viewer: Viewer) async throws -> Response {
        let data = try await RequestJSON.data(request)
        let intake = try RequestJSON.decode(Intake.self, from: data)
        let now = today()
        let record = try await store.register(intake, by: viewer.user.actor, today: now, scope: viewer.scope,
                                              key: try idempotencyKey(request, data, viewer))
        var response = try await written(record, viewer, today: now)
        response.headers[.location] = "/api/v1/cases/\(record.id)"
        return response
    }

    /// The `Idempotency-Key` header of a write, bound to what was asked (method, path, body).
    func idempotencyKey(_ request: Request, _ body: Data, _ viewer: Viewer) throws -> IdempotencyKey? {
        guard let key = request.headers[.idempotencyKey] else { return nil }
        return try IdempotencyKey(userID: viewer.user.id, key: key,
                                  request: "\(request.method.rawValue) \(request.uri.path)\n" + String(decoding: body, as: UTF8.self))
    }

    /// The answer to a write: the case as it now stands, 201 — also when the write was made
    /// earlier under the same idempotency key, which `Idempotent-Replayed: true` tells.
    func written(_ record: CaseStore.Record, _ viewer: Viewer, today now: LocalDate) async throws -> Response {
        let detail = try await store.detail(record.id, viewer: viewer)
        try await audit.identityNumberShown(detail, to: viewer.user, via: "api")
        var response = JSONBody.response(.created, try CaseDetailJSON(detail, today: now))
        if record.replayed { response.headers[.idempotentReplayed] = "true" }
        return response
    }

    func show(id: Int64, _ viewer: Viewer) async throws -> Response {
        let detail = try await store.detail(id, viewer: viewer)
        try await audit.identityNumberShown(detail, to: viewer.user, via: "api")
        return JSONBody.response(.ok, try CaseDetailJSON(detail, today: today()))
    }

    func append(_ request: Request, id: Int64, _ viewer: Viewer) async throws -> Response {
        let data = try await RequestJSON.data(request)
        let body = try RequestJSON.decode(EventRequest.self, from: data)
        let now = today()
        let event = CaseEvent(body.payload, on: body.on ?? now, by: viewer.user.actor)
        let record = try await store.append(event, to: id, expectedVersion: body.expectedVersion, today: now, scope: viewer.scope,
                                            key: try idempotencyKey(request, data, viewer))
        return try await written(record, viewer, today: now)
    }

    /// `POST /api/v1/applicants/cases` with `{"idNumber": …}` or `{"name": …, "phone": …}`: the
    /// applicant's earlier cases. A POST, so that identity numbers stay out of URLs and logs.
    func earlier(_ request: Request, _ viewer: Viewer) async throws -> Response {
        struct Lookup: Decodable { var idNumber: String?; var name: String?; var phone: String? }
        let lookup = try RequestJSON.decode(Lookup.self, from: try await RequestJSON.data(request))
        let problems = TextLimits.problems(in: lookup)
        guard problems.isEmpty else { throw APIError.invalid(problems) }
        guard try await lookups.take(for: viewer.user.id) else {
            throw APIError(status: .tooManyRequests, code: "rate_limited",
                           message: "Too many lookups of earlier cases; try again in a few minutes.", chinese: "查询历史申请过于频繁，请几分钟后再试。")
        }
        let cases = try await store.earlierCases(idNumber: lookup.idNumber, name: lookup.name, phone: lookup.phone, scope: viewer.scope)
        return JSONBody.response(.ok, ["cases": cases])
    }

    func list(_ request: Request, _ viewer: Viewer) async throws -> Response {
        let filter = try CaseFilterQuery.parse(request.uri.queryParameters)
        let page = try await reads.read(for: viewer.user.id) { try await store.list(filter, today: today(), scope: viewer.scope, on: $0) }
        return CaseListJSON(cases: page.cases, total: page.total, page: page.page, pageSize: page.pageSize).response
    }
}

/// `GET /api/v1/lifecycle`: the states, events and transitions, for clients that draw buttons.
struct LifecycleJSON: Encodable {
    struct StateJSON: Encodable { var code: String; var label: String; var allowedEvents: [String] }
    struct EventJSON: Encodable { var code: String; var label: String }
    var states = CaseState.allCases.map { StateJSON(code: $0.rawValue, label: $0.label, allowedEvents: Lifecycle.allowedEvents(in: $0).map(\.rawValue)) }
    var events = EventKind.allCases.map { EventJSON(code: $0.rawValue, label: $0.label) }
}

extension HTTPField.Name {
    /// A client's name for a write, so that sending it again applies it once (issue 16).
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// On the answer to a write made earlier under the same key.
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
