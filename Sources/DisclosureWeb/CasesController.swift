import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird
import LibPQ

/// The case API under `/api/v1` (issue 3). Every change goes through `CaseStore`, and so through
/// the one lifecycle function; this layer only translates HTTP.
struct CasesController: Sendable {
    let store: CaseStore
    let directory: DirectoryStore
    let today: @Sendable () -> LocalDate

    func register(on router: Router<some RequestContext>) {
        let api = router.group("api/v1")
        api.post("cases") { request, _ in await respond { try await intake(request) } }
        api.get("cases") { request, _ in await respond { try await list(request) } }
        api.get("cases/:id") { request, context in await respond { try await show(request, id: try caseID(context)) } }
        api.post("cases/:id/events") { request, context in await respond { try await append(request, id: try caseID(context)) } }
        api.get("agencies") { _, _ in await respond { JSONBody.response(.ok, try await directory.agencies()) } }
        api.get("lifecycle") { _, _ in await respond { JSONBody.response(.ok, LifecycleJSON()) } }
    }

    func respond(_ body: () async throws -> Response) async -> Response {
        do { return try await body() } catch { return APIError.from(error).response }
    }

    func caseID(_ context: some RequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw APIError.notFound("A case id is a number.") }
        return id
    }

    /// Until sign-in arrives (issue 4) the caller names their account in `X-Disclosure-User`;
    /// the role and agency come from the database, never from the request.
    func caller(_ request: Request) async throws -> User {
        guard let name = request.headers[.init("X-Disclosure-User")!], !name.isEmpty else {
            throw APIError(status: .unauthorized, code: "unauthenticated", message: "Say who you are: send your username in the X-Disclosure-User header.")
        }
        guard let user = try await directory.user(username: name) else {
            throw APIError(status: .unauthorized, code: "unauthenticated", message: "There is no active user \"\(name)\".")
        }
        return user
    }

    func intake(_ request: Request) async throws -> Response {
        let user = try await caller(request)
        let intake = try RequestJSON.decode(Intake.self, from: try await RequestJSON.data(request))
        let now = today()
        let record = try await store.register(intake, by: user.actor, today: now)
        let detail = try await store.detail(record.id, viewer: user)
        var response = JSONBody.response(.created, CaseDetailJSON(detail, today: now))
        response.headers[.location] = "/api/v1/cases/\(record.id)"
        return response
    }

    func show(_ request: Request, id: Int64) async throws -> Response {
        let user = try await caller(request)
        return JSONBody.response(.ok, CaseDetailJSON(try await store.detail(id, viewer: user), today: today()))
    }

    func append(_ request: Request, id: Int64) async throws -> Response {
        let user = try await caller(request)
        let body = try RequestJSON.decode(EventRequest.self, from: try await RequestJSON.data(request))
        let now = today()
        let event = CaseEvent(body.payload, on: body.on ?? now, by: user.actor)
        let record = try await store.append(event, to: id, expectedVersion: body.expectedVersion, today: now)
        return JSONBody.response(.created, CaseDetailJSON(try await store.detail(record.id, viewer: user), today: now))
    }

    func list(_ request: Request) async throws -> Response {
        _ = try await caller(request)
        let filter = try CaseFilterQuery.parse(request.uri.queryParameters)
        let page = try await store.list(filter, today: today())
        return JSONBody.response(.ok, CaseListJSON(cases: page.cases, total: page.total, page: page.page, pageSize: page.pageSize))
    }
}

/// `GET /api/v1/lifecycle`: the states, events and transitions, for clients that draw buttons.
struct LifecycleJSON: Encodable {
    struct StateJSON: Encodable { var code: String; var label: String; var allowedEvents: [String] }
    struct EventJSON: Encodable { var code: String; var label: String }
    var states = CaseState.allCases.map { StateJSON(code: $0.rawValue, label: $0.label, allowedEvents: Lifecycle.allowedEvents(in: $0).map(\.rawValue)) }
    var events = EventKind.allCases.map { EventJSON(code: $0.rawValue, label: $0.label) }
}
