import DisclosureCore
import DisclosureStore
import Foundation
import Hummingbird
import LibPQ

/// Every failure of the JSON API as `{"error": {"code", "message", "chinese", …}}`, in words a
/// user understands, in English and in Chinese; nothing half-saved (the store's transactions
/// see to that), no stack traces.
struct APIError: Error {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var chinese: String
    var problems: [FieldProblem]? = nil
    var allowedEvents: [EventKind]? = nil
    var currentVersion: Int? = nil

    struct Body: Encodable {
        struct Inner: Encodable {
            var code: String
            var message: String
            var chinese: String
            var problems: [FieldProblem]?
            var allowedEvents: [String]?
            var currentVersion: Int?
        }
        var error: Inner
    }

    var response: Response {
        JSONBody.response(status, Body(error: .init(code: code, message: message, chinese: chinese, problems: problems,
                                                     allowedEvents: allowedEvents?.map(\.rawValue), currentVersion: currentVersion)))
    }

    static func invalid(_ problems: [FieldProblem]) -> APIError {
        APIError(status: .unprocessableContent, code: "invalid",
                 message: problems.count == 1 ? problems[0].message : "\(problems.count) fields need attention.",
                 chinese: problems.count == 1 ? problems[0].chinese : "有\(problems.count)处需要修改：" + problems.map(\.chinese).joined(), problems: problems)
    }

    static func notFound(_ message: String, _ chinese: String) -> APIError { APIError(status: .notFound, code: "not_found", message: message, chinese: chinese) }

    static func unauthenticated(_ message: String = "Sign in first.") -> APIError {
        APIError(status: .unauthorized, code: "unauthenticated", message: message, chinese: "请先登录，或在请求中提供有效的个人API令牌。")
    }

    /// Translates what the layers below throw.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as LifecycleError:
            switch error {
            case .notAllowed(_, _, let allowed):
                return APIError(status: .conflict, code: "not_allowed", message: error.description, chinese: error.chineseDescription, allowedEvents: allowed)
            case .staleVersion(_, let actual):
                return APIError(status: .conflict, code: "stale_version", message: error.description, chinese: error.chineseDescription, currentVersion: actual)
            case .invalid(let problems):
                return .invalid(problems)
            case .forbidden:
                return APIError(status: .forbidden, code: "forbidden", message: error.description, chinese: error.chineseDescription)
            case .calendar(let failure):
                return .calendar(failure)
            }
        case let error as WorkCalendar.Failure:
            return .calendar(error)
        case let error as CaseStoreError:
            if case .notYourAgency = error { return APIError(status: .forbidden, code: "forbidden", message: error.description, chinese: error.chineseDescription) }
            return .notFound(error.description, error.chineseDescription)
        case let error as PortalError:
            switch error {
            case .submissionNotFound: return .notFound(error.description, error.chineseDescription)
            case .alreadyConfirmed: return APIError(status: .conflict, code: "already_confirmed", message: error.description, chinese: error.chineseDescription)
            case .withdrawn: return APIError(status: .conflict, code: "withdrawn", message: error.description, chinese: error.chineseDescription)
            }
        case let error as DocumentError:
            switch error {
            case .notFound: return .notFound("No such letter, or it belongs to a case you may not see.", error.chineseDescription)
            case .alreadyFinal: return APIError(status: .conflict, code: "final", message: "The letter is final and can no longer be changed.", chinese: error.chineseDescription)
            case .unfilled, .emptyBody: return .invalid([FieldProblem("body", "The letter's text is empty or still has a gap to fill.", error.chineseDescription)])
            }
        case let error as IdempotencyKeyReused:
            return APIError(status: .unprocessableContent, code: "idempotency_key_reused", message: error.description, chinese: error.chineseDescription)
        case let error as CaseNumberFormat.Failure:
            return .invalid([FieldProblem("caseNumberFormat", error.description, error.chineseDescription)])
        case PostgresError.conflict:
            // A uniqueness the checks above did not foresee (two requests at once): the server's words stay in the log.
            return APIError(status: .conflict, code: "conflict", message: "This conflicts with something already stored (a name or number already in use). Reload and try again.",
                            chinese: "与已保存的内容冲突（名称或编号已被使用）。请刷新后重试。")
        case PostgresError.invalid:
            // A value every check above should have bounded; the server's words stay in the log.
            return APIError(status: .unprocessableContent, code: "invalid", message: "A value in the request is outside what can be stored (too large, too long or not a valid date).",
                            chinese: "请求中的某个值超出了允许的范围（过大、过长或不是有效日期）。")
        case PostgresError.server(let fields) where fields.sqlState.hasPrefix("53"):
            // Class 53, insufficient resources: above all 53100, the disk is full. Waiting will
            // not help, someone must make room; the transaction rolled back whole.
            return APIError(status: .serviceUnavailable, code: "database_full",
                            message: "The database server has run out of disk space (or memory); nothing was saved. Tell the administrator.",
                            chinese: "数据库服务器磁盘空间（或内存）不足，本次操作未保存。请联系系统管理员。")
        case is PostgresError:
            return APIError(status: .serviceUnavailable, code: "database", message: "The database could not complete the request. Try again; if it persists, tell the administrator.",
                            chinese: "数据库暂时无法完成请求，请稍后重试；如仍有问题，请联系系统管理员。")
        default:
            return APIError(status: .internalServerError, code: "internal", message: "Something went wrong on the server: \(error)",
                            chinese: "服务器出错，操作未完成。请稍后重试；如仍有问题，请联系系统管理员。")
        }
    }

    /// A date beyond the years working days are counted in (the only calendar failure left:
    /// a year without a notice is counted on its provisional calendar).
    static func calendar(_ failure: WorkCalendar.Failure) -> APIError {
        APIError(status: .unprocessableContent, code: "calendar", message: failure.description, chinese: failure.chineseDescription)
    }
}

/// Decodes a JSON body, turning decoding failures into one problem per field.
enum RequestJSON {
    static let maxBytes = 2 * 1024 * 1024

    static func data(_ request: Request) async throws -> Data {
        do {
            var body = try await request.body.collect(upTo: maxBytes)
            return body.readData(length: body.readableBytes) ?? Data()
        } catch {
            throw APIError(status: .contentTooLarge, code: "too_large", message: "The request body is larger than 2 MB.", chinese: "请求内容超过2 MB。")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError.invalid([problem(error)])
        }
    }

    static func problem(_ error: DecodingError) -> FieldProblem {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[").replacingOccurrences(of: "payload.super", with: "payload")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldProblem(path(context.codingPath + [key]), "This field is required.", "此项为必填项。")
        case .valueNotFound(_, let context):
            return FieldProblem(path(context.codingPath), "This field is required and cannot be null.", "此项为必填项，不能为空。")
        case .typeMismatch(let type, let context):
            return FieldProblem(path(context.codingPath), "Expected \(describe(type)).", "此项的数据类型不正确。")
        case .dataCorrupted(let context):
            if let problem = context.underlyingError as? LocalDate.InputProblem {
                return FieldProblem(path(context.codingPath), problem.description + ".", problem.chineseDescription + "。")
            }
            if context.codingPath.isEmpty { return FieldProblem("body", "The body is not valid JSON.", "请求内容不是有效的JSON。") }
            guard context.debugDescription.hasPrefix("Cannot initialize") else {
                return FieldProblem(path(context.codingPath), context.debugDescription, "此项的值无法识别（\(context.debugDescription)）。")
            }
            let field = context.codingPath.last?.stringValue ?? ""
            let allowed = allowedValues[field].map { " Use one of: " + $0.joined(separator: ", ") + "." } ?? ""
            let allowedChinese = allowedValues[field].map { "可选值：" + $0.joined(separator: "、") + "。" } ?? ""
            return FieldProblem(path(context.codingPath), "This is not one of the allowed values." + allowed, "此项的值不在允许的范围内。" + allowedChinese)
        @unknown default:
            return FieldProblem("body", "The body could not be read.", "无法读取请求内容。")
        }
    }

    /// Fields whose name alone says which list of codes they take.
    static let allowedValues: [String: [String]] = [
        "channel": Channel.allCases.map(\.rawValue),
        "disposition": Disposition.allCases.map(\.rawValue),
        "provision": ProvisionForm.allCases.map(\.rawValue),
        "formWanted": ProvisionForm.allCases.map(\.rawValue),
        "deliveryWanted": DeliveryMethod.allCases.map(\.rawValue),
        "party": ConsultedParty.allCases.map(\.rawValue),
        "outcome": ConsultationOutcome.allCases.map(\.rawValue),
        "result": ReviewResult.allCases.map(\.rawValue),
        "role": Role.allCases.map(\.rawValue),
    ]

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Int.Type, is Int64.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        default: return type is any Collection.Type ? "a list" : "an object"
        }
    }
}
