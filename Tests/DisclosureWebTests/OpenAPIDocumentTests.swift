import DisclosureCore
import DisclosureStore
@testable import DisclosureWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LibPQ
import Logging
import PostgresTestSupport
import Testing

/// Keeps Resources/openapi.json true: the same routes as the router, the same codes as the
/// domain, and responses to real requests on the demo data shaped as it says.
@Suite struct OpenAPIDocumentTests {
    static let today = LocalDate(iso: "2024-09-20")!
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    func bundled() throws -> JSONValue { try JSONValue.parse(Data(try OpenAPIDocument.load().bytes)) }

    @Test func everyAPIRouteIsDocumentedAndNothingElse() async throws {
        let pool = ConnectionPool(.init(connection: try await TestPostgres.freshDatabase("openapi-routes"), size: 1))
        let router = try await buildRouter(pool: pool, configuration: .init(port: 0, today: { Self.today }), metrics: metricsRegistry)
        let routed = Set(router.routes.filter { $0.path.description.hasPrefix("/api/") }.map { "\($0.method) \($0.path)" })
        let paths = try #require(try bundled()["paths"]?.object)
        let documented = Set(paths.flatMap { path, operations in
            (operations.object ?? [:]).keys.filter(Self.methods.contains).map { "\($0.uppercased()) \(path)" }
        })
        #expect(routed.count >= 12)
        #expect(routed.subtracting(documented).sorted() == [], "routes missing from openapi.json")
        #expect(documented.subtracting(routed).sorted() == [], "operations in openapi.json that no route answers")
    }

    @Test func theDocumentsCodesAreTheDomainsCodes() throws {
        let document = try bundled()
        func codes(_ name: String) -> [String]? { document["components"]?["schemas"]?[name]?["enum"]?.array?.compactMap(\.string) }
        #expect(codes("CaseState") == CaseState.allCases.map(\.rawValue))
        #expect(codes("EventKind") == EventKind.allCases.map(\.rawValue))
        #expect(codes("Channel") == Channel.allCases.map(\.rawValue))
        #expect(codes("ApplicantKind") == ApplicantKind.allCases.map(\.rawValue))
        #expect(codes("Disposition") == Disposition.allCases.map(\.rawValue))
        #expect(codes("ProvisionForm") == ProvisionForm.allCases.map(\.rawValue))
        #expect(codes("DeliveryMethod") == DeliveryMethod.allCases.map(\.rawValue))
        #expect(codes("ConsultedParty") == ConsultedParty.allCases.map(\.rawValue))
        #expect(codes("ConsultationOutcome") == ConsultationOutcome.allCases.map(\.rawValue))
        #expect(codes("ReviewResult") == ReviewResult.allCases.map(\.rawValue))
        #expect(codes("FeeMethod") == FeeMethod.allCases.map(\.rawValue))
        #expect(codes("CommunicationMethod") == CommunicationMethod.allCases.map(\.rawValue))
        #expect(codes("Role") == Role.allCases.map(\.rawValue))
        #expect(codes("DeadlineKind") == Deadline.Kind.allCases.map(\.rawValue))
        #expect(codes("AgencyKind") == Agency.Kind.allCases.map(\.rawValue))
        #expect(codes("LibraryEntryKind") == LibraryEntry.Kind.allCases.map(\.rawValue))

        // One variant of the event request per event a client may send (register is POST /cases).
        let variants = document["components"]?["schemas"]?["EventRequest"]?["oneOf"]?.array ?? []
        let checker = OpenAPISchemaChecker(document: document)
        let sendable = variants.compactMap { $0["$ref"]?.string.flatMap(checker.resolve)?["properties"]?["kind"]?["enum"]?.array?.first?.string }
        #expect(sendable == EventKind.allCases.filter { !$0.isRecordedBySystem && $0 != .register }.map(\.rawValue))

        let listCases = document["paths"]?["/api/v1/cases"]?["get"]?["parameters"]?.array ?? []
        func parameter(_ name: String) -> JSONValue? { listCases.first { $0["name"]?.string == name }?["schema"] }
        #expect(parameter("sort")?["enum"]?.array?.compactMap(\.string) == CaseFilter.Sort.allCases.map(\.rawValue))
        #expect(parameter("page")?["maximum"] == .integer(Int64(CaseFilter.maxPage)))
        #expect(parameter("pageSize")?["maximum"] == .integer(Int64(CaseFilter.maxPageSize)))
        #expect(parameter("reportYear")?["minimum"] == .integer(Int64(LocalDate.inputYears.lowerBound)))
        #expect(parameter("reportYear")?["maximum"] == .integer(Int64(LocalDate.inputYears.upperBound)))
        #expect(parameter("reportColumn")?["enum"]?.array?.compactMap(\.string) == ApplicantKind.allCases.map(\.rawValue) + ["total"])
        // The statistics' topics, which their counts link to the case list with.
        #expect(parameter("topic")?["enum"]?.array?.compactMap(\.string) == Topic.all.map(\.name) + [Topic.other])
        let rows = parameter("reportRow")?["enum"]?.array?.compactMap(\.string) ?? []
        #expect(!rows.isEmpty && rows.allSatisfy { AnnualReportTable3.Row(code: $0) != nil })
    }

    @Test func theCheckerKnowsEveryKeywordTheDocumentUses() throws {
        var unknown: Set<String> = []
        func walk(_ schema: JSONValue) {
            guard let rules = schema.object else { return }
            unknown.formUnion(Set(rules.keys).subtracting(OpenAPISchemaChecker.keywords))
            rules["properties"]?.object?.values.forEach(walk)
            for key in ["items", "additionalProperties"] { rules[key].map(walk) }
            for key in ["oneOf", "anyOf"] { rules[key]?.array?.forEach(walk) }
        }
        let document = try bundled()
        document["components"]?["schemas"]?.object?.values.forEach(walk)
        for operations in (document["paths"]?.object ?? [:]).values {
            for operation in (operations.object ?? [:]).values {
                operation["parameters"]?.array?.forEach { $0["schema"].map(walk) }
                operation["requestBody"]?["content"]?.object?.values.forEach { $0["schema"].map(walk) }
                operation["responses"]?.object?.values.forEach { $0["content"]?.object?.values.forEach { $0["schema"].map(walk) } }
            }
        }
        #expect(unknown.sorted() == [])
    }

    @Test func theCheckerRefusesWhatTheDocumentForbids() throws {
        let checker = OpenAPISchemaChecker(document: try bundled())
        let error = JSONValue.object(["$ref": .string("#/components/schemas/Error")])
        func errorBody(_ inner: [String: JSONValue]) -> JSONValue { .object(["error": .object(inner)]) }
        let good: [String: JSONValue] = ["code": .string("invalid"), "message": .string("m"), "chinese": .string("中")]
        #expect(checker.problems(errorBody(good), against: error) == [])
        #expect(!checker.problems(errorBody(good.filter { $0.key != "chinese" }), against: error).isEmpty)
        #expect(!checker.problems(errorBody(good.merging(["extra": .bool(true)]) { $1 }), against: error).isEmpty)
        #expect(!checker.problems(errorBody(good.merging(["currentVersion": .string("3")]) { $1 }), against: error).isEmpty)
        #expect(!checker.problems(errorBody(good.merging(["allowedEvents": .array([.string("dance")])]) { $1 }), against: error).isEmpty)
        let request = JSONValue.object(["$ref": .string("#/components/schemas/EventRequest")])
        let extension_: JSONValue = .object(["kind": .string("request_extension"), "expectedVersion": .integer(2),
                                             "payload": .object(["workingDays": .integer(10), "reason": .string("r")])])
        #expect(checker.problems(extension_, against: request) == [])
        let tooLong: JSONValue = .object(["kind": .string("request_extension"), "expectedVersion": .integer(2),
                                          "payload": .object(["workingDays": .integer(21), "reason": .string("r")])])
        #expect(!checker.problems(tooLong, against: request).isEmpty)
        #expect(!checker.problems(.object(["kind": .string("recompute_deadlines"), "expectedVersion": .integer(2)]), against: request).isEmpty)
        let date = JSONValue.object(["$ref": .string("#/components/schemas/DateInput")])
        #expect(checker.problems(.string("2100-12-31"), against: date) == [])
        #expect(!checker.problems(.string("2101-01-01"), against: date).isEmpty)
        #expect(!checker.problems(.string("1948-12-31"), against: date).isEmpty)
    }

    /// Representative requests, each as an operation of the document (method and path template).
    struct Call {
        var method: HTTPRequest.Method
        var template: String
        var uri: String
        var token: String?
        var body: String? = nil
        var expect: HTTPResponse.Status
    }

    @Test func responsesToRepresentativeRequestsMatchTheDocument() async throws {
        let configuration = try await TestPostgres.freshDatabase("openapi-responses")
        let pool = ConnectionPool(.init(connection: configuration, size: 2))
        try await Migrator(directory: CasesAPITests.schema).migrate(pool)
        let directory = try await DemoDirectory.seed(pool)
        _ = try await DemoLoader(pool: pool).generate(cases: 40, today: Self.today)
        let housing = try #require(directory.agencies.first { $0.code == "szq-zjj" })
        let office = try #require(directory.agencies.first { $0.code == "szq-bgs" })
        let accounts = AccountStore(pool: pool)
        let officer = try await accounts.createAPIToken(for: directory.officers(of: housing.id)[0], name: "openapi")
        let district = try await accounts.createAPIToken(for: try #require(directory.supervisor(of: office.id)), name: "openapi")
        let app = try await buildApplication(pool: servicePool(configuration), configuration: .init(port: 0, today: { Self.today }), metrics: metricsRegistry,
                                             logger: quietLogger)
        let intake = """
            {"agencyID": \(housing.id), "channel": "registered_post", "arrivedOn": "2024-09-02", "registeredOn": "2024-09-02",
             "subject": "申请公开经七路片区旧城改造征收补偿方案", "description": "请提供该片区房屋征收补偿方案及区政府批准文件",
             "applicant": {"kind": "natural_person", "name": "张三", "idType": "身份证", "idNumber": "370103198001011233",
                           "phone": "13800138000", "address": "济南市市中区经七路1号"}}
            """
        let otherAgency = try #require(directory.agencies.first { $0.code != "szq-zjj" && $0.kind == .department })
        try await app.test(.router) { client in
            var failures: [String] = []
            let served = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(served.status == .ok)
            #expect(served.headers[.contentType]?.hasPrefix("application/json") == true)
            let document = try JSONValue.parse(Data(buffer: served.body))
            #expect(document == (try bundled()))
            let checker = OpenAPISchemaChecker(document: document)

            func run(_ call: Call) async throws -> JSONValue? {
                var headers = HTTPFields()
                if let token = call.token { headers[.authorization] = "Bearer " + token }
                if call.body != nil { headers[.contentType] = "application/json" }
                let response = try await client.execute(uri: call.uri, method: call.method, headers: headers,
                                                        body: call.body.map { ByteBuffer(string: $0) })
                let name = "\(call.method) \(call.uri)"
                if response.status != call.expect { failures.append("\(name): \(response.status.code), expected \(call.expect.code): \(String(buffer: response.body).prefix(300))") }
                guard response.headers[.contentType]?.hasPrefix("application/json") == true else {
                    failures.append("\(name): Content-Type \(response.headers[.contentType] ?? "none")")
                    return nil
                }
                let body = try JSONValue.parse(Data(buffer: response.body))
                guard var documented = document["paths"]?[call.template]?[call.method.rawValue.lowercased()]?["responses"]?["\(response.status.code)"] else {
                    failures.append("\(name): status \(response.status.code) is not documented for \(call.method) \(call.template)")
                    return body
                }
                if let reference = documented["$ref"]?.string { documented = checker.resolve(reference) ?? documented }
                guard let schema = documented["content"]?["application/json"]?["schema"] else {
                    failures.append("\(name): no JSON schema documented for \(response.status.code)")
                    return body
                }
                failures += checker.problems(body, against: schema).map { "\(name) → \(response.status.code): \($0)" }
                return body
            }

            _ = try await run(Call(method: .get, template: "/api/v1/lifecycle", uri: "/api/v1/lifecycle", token: nil, expect: .ok))
            _ = try await run(Call(method: .get, template: "/api/v1/lifecycle", uri: "/api/v1/lifecycle", token: "dd_not-a-token", expect: .unauthorized))
            _ = try await run(Call(method: .get, template: "/api/v1/agencies", uri: "/api/v1/agencies", token: officer, expect: .ok))
            _ = try await run(Call(method: .get, template: "/api/v1/agencies", uri: "/api/v1/agencies", token: nil, expect: .unauthorized))

            // Every demo case, in every state, as the district sees it (masked) and as its own officer does.
            let all = try await run(Call(method: .get, template: "/api/v1/cases", uri: "/api/v1/cases?pageSize=500&sort=due&order=asc", token: district, expect: .ok))
            let ids = all?["cases"]?.array?.compactMap { $0["id"] }.compactMap { if case .integer(let id) = $0 { id } else { nil } } ?? []
            #expect(ids.count == 40)
            for id in ids {
                _ = try await run(Call(method: .get, template: "/api/v1/cases/{id}", uri: "/api/v1/cases/\(id)", token: district, expect: .ok))
            }
            let own = try await run(Call(method: .get, template: "/api/v1/cases", uri: "/api/v1/cases?agency=\(housing.id)&state=registered,in_progress,replied&overdue=false&dueWithin=250&page=1",
                                         token: officer, expect: .ok))
            for id in (own?["cases"]?.array ?? []).prefix(5).compactMap({ $0["id"] }) {
                if case .integer(let id) = id {
                    _ = try await run(Call(method: .get, template: "/api/v1/cases/{id}", uri: "/api/v1/cases/\(id)", token: officer, expect: .ok))
                }
            }
            let cell = "/api/v1/cases?reportYear=2024&reportRow=withhold.third_party&reportColumn=total&receivedFrom=2024-01-01&receivedTo=2024-12-31"
            _ = try await run(Call(method: .get, template: "/api/v1/cases", uri: cell, token: district, expect: .ok))
            _ = try await run(Call(method: .get, template: "/api/v1/cases", uri: "/api/v1/cases?page=0&state=dancing&receivedFrom=2101-01-01", token: officer, expect: .unprocessableContent))
            _ = try await run(Call(method: .get, template: "/api/v1/cases", uri: "/api/v1/cases", token: nil, expect: .unauthorized))
            _ = try await run(Call(method: .get, template: "/api/v1/cases/{id}", uri: "/api/v1/cases/abc", token: officer, expect: .notFound))
            _ = try await run(Call(method: .get, template: "/api/v1/cases/{id}", uri: "/api/v1/cases/999999", token: officer, expect: .notFound))

            // A case registered and worked through the API, with the failures a client meets.
            let created = try await run(Call(method: .post, template: "/api/v1/cases", uri: "/api/v1/cases", token: officer, body: intake, expect: .created))
            let id: Int64 = created.flatMap { if case .integer(let id)? = $0["id"] { id } else { nil } } ?? 0
            _ = try await run(Call(method: .post, template: "/api/v1/cases", uri: "/api/v1/cases", token: officer, body: "{}", expect: .unprocessableContent))
            _ = try await run(Call(method: .post, template: "/api/v1/cases", uri: "/api/v1/cases", token: officer, body: "not json", expect: .unprocessableContent))
            _ = try await run(Call(method: .post, template: "/api/v1/cases", uri: "/api/v1/cases", token: officer,
                                   body: intake.replacingOccurrences(of: "\"agencyID\": \(housing.id)", with: "\"agencyID\": \(otherAgency.id)"), expect: .forbidden))
            let events = "/api/v1/cases/\(id)/events"
            let consult = #"{"kind": "start_consultation", "expectedVersion": 1, "on": "2024-09-09", "payload": {"party": "third_party", "name": "某置业有限公司", "matter": "补偿协议是否涉及商业秘密"}}"#
            _ = try await run(Call(method: .post, template: "/api/v1/cases/{id}/events", uri: events, token: officer, body: consult, expect: .created))
            _ = try await run(Call(method: .post, template: "/api/v1/cases/{id}/events", uri: events, token: officer, body: consult, expect: .conflict))
            _ = try await run(Call(method: .post, template: "/api/v1/cases/{id}/events", uri: events, token: officer,
                                   body: #"{"kind": "archive", "expectedVersion": 2}"#, expect: .conflict))
            _ = try await run(Call(method: .post, template: "/api/v1/cases/{id}/events", uri: events, token: officer,
                                   body: #"{"kind": "request_extension", "expectedVersion": 2, "payload": {"workingDays": 99, "reason": "复杂"}}"#, expect: .unprocessableContent))
            _ = try await run(Call(method: .post, template: "/api/v1/cases/{id}/events", uri: events, token: officer,
                                   body: #"{"kind": "dance", "expectedVersion": 2}"#, expect: .unprocessableContent))
            _ = try await run(Call(method: .post, template: "/api/v1/cases/{id}/events", uri: "/api/v1/cases/999999/events", token: officer,
                                   body: #"{"kind": "flag_complex", "expectedVersion": 1, "payload": {"note": "n"}}"#, expect: .notFound))

            // Intake's look-ups and the library.
            _ = try await run(Call(method: .post, template: "/api/v1/applicants/cases", uri: "/api/v1/applicants/cases", token: officer,
                                   body: #"{"idNumber": "370103198001011233"}"#, expect: .ok))
            _ = try await run(Call(method: .post, template: "/api/v1/applicants/cases", uri: "/api/v1/applicants/cases", token: officer,
                                   body: #"{"name": "\#(String(repeating: "张", count: 101))", "phone": "13800138000"}"#, expect: .unprocessableContent))
            _ = try await run(Call(method: .get, template: "/api/v1/library/search", uri: "/api/v1/library/search?q=a&page=9223372036854775807", token: officer,
                                   expect: .unprocessableContent))
            _ = try await run(Call(method: .get, template: "/api/v1/similar", uri: "/api/v1/similar?text=\(encoded("房屋征收补偿方案"))", token: officer, expect: .ok))
            _ = try await run(Call(method: .get, template: "/api/v1/search/cases", uri: "/api/v1/search/cases?q=\(encoded("征收"))", token: district, expect: .ok))
            _ = try await run(Call(method: .get, template: "/api/v1/library/suggest", uri: "/api/v1/library/suggest?q=cq", token: officer, expect: .ok))
            _ = try await run(Call(method: .get, template: "/api/v1/library/search", uri: "/api/v1/library/search?q=\(encoded("征收"))&page=1", token: officer, expect: .ok))
            _ = try await run(Call(method: .get, template: "/api/v1/library/search", uri: "/api/v1/library/search?q=\(encoded("补偿"))&kind=policy", token: officer, expect: .ok))
            // A question: taken as words, with the words no entry holds.
            _ = try await run(Call(method: .get, template: "/api/v1/library/search", uri: "/api/v1/library/search?q=\(encoded("我想知道征收补偿的标准吗"))", token: officer, expect: .ok))
            // Pinyin, answered with what it spells (didYouMean), and nothing at all (suggestions).
            _ = try await run(Call(method: .get, template: "/api/v1/library/search", uri: "/api/v1/library/search?q=zhengshou", token: officer, expect: .ok))
            _ = try await run(Call(method: .get, template: "/api/v1/library/search", uri: "/api/v1/library/search?q=\(encoded("征地"))", token: officer, expect: .ok))
            _ = try await run(Call(method: .get, template: "/api/v1/library/search", uri: "/api/v1/library/search?q=x", token: nil, expect: .unauthorized))
            #expect(failures == [])
        }
    }

    func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
}
