import DisclosureCore
import LibPQ

/// The demo district: 济南市市中区 with its government office, twelve departments and fourteen
/// street offices, an officer and a supervisor in each, and an administrator and an auditor.
/// Seeding twice changes nothing.
public struct DemoDirectory: Sendable {
    public var agencies: [Agency]
    public var users: [User]

    public func officers(of agency: Int64) -> [User] { users.filter { $0.agencyID == agency && $0.role == .officer } }
    public func supervisor(of agency: Int64) -> User? { users.first { $0.agencyID == agency && $0.role == .supervisor } }

    static let departments: [(code: String, name: String, short: String)] = [
        ("fgj", "济南市市中区发展和改革局", "市中区发改局"),
        ("jtj", "济南市市中区教育和体育局", "市中区教体局"),
        ("mzj", "济南市市中区民政局", "市中区民政局"),
        ("sfj", "济南市市中区司法局", "市中区司法局"),
        ("czj", "济南市市中区财政局", "市中区财政局"),
        ("rsj", "济南市市中区人力资源和社会保障局", "市中区人社局"),
        ("zjj", "济南市市中区住房和城乡建设局", "市中区住建局"),
        ("cgj", "济南市市中区城市管理局", "市中区城管局"),
        ("nyj", "济南市市中区农业农村局", "市中区农业农村局"),
        ("wjj", "济南市市中区卫生健康局", "市中区卫健局"),
        ("yjj", "济南市市中区应急管理局", "市中区应急局"),
        ("scj", "济南市市中区市场监督管理局", "市中区市场监管局"),
    ]

    static let streets: [(code: String, name: String)] = [
        ("dgy", "大观园街道"), ("gsq", "杆石桥街道"), ("slc", "四里村街道"), ("wjz", "魏家庄街道"),
        ("eqxc", "二七新村街道"), ("qls", "七里山街道"), ("lls", "六里山街道"), ("syl", "舜玉路街道"),
        ("ly", "泺源街道"), ("wgz", "王官庄街道"), ("sg", "舜耕街道"), ("bms", "白马山街道"),
        ("qx", "七贤街道"), ("slh", "十六里河街道"),
    ]

    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
    static let givenNames = ["芳", "强", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东", "丽娜", "志强", "海燕", "文博", "雪梅", "国栋", "春燕"]

    public static func seed(_ pool: ConnectionPool) async throws -> DemoDirectory {
        let directory = DirectoryStore(pool: pool)
        if try await directory.agency(code: "szq") == nil {
            let district = "济南市市中区人民政府"
            let government = try await directory.addAgency(code: "szq", name: district, shortName: "市中区政府", kind: .government,
                                                           parentID: nil, reconsiderationBody: "济南市人民政府",
                                                           caseNumberFormat: "市中区政府依申〔{year}〕第{seq:4}号")
            _ = try await directory.addAgency(code: "szq-bgs", name: "济南市市中区人民政府办公室", shortName: "市中区政府办",
                                              kind: .office, parentID: government.id, reconsiderationBody: district)
            for d in departments {
                _ = try await directory.addAgency(code: "szq-" + d.code, name: d.name, shortName: d.short, kind: .department,
                                                  parentID: government.id, reconsiderationBody: district)
            }
            for s in streets {
                _ = try await directory.addAgency(code: "szq-" + s.code, name: "济南市市中区" + s.name + "办事处", shortName: s.name,
                                                  kind: .street, parentID: government.id, reconsiderationBody: district,
                                                  caseNumberFormat: "{short}依申〔{year}〕{seq:3}号")
            }
            var n = 0
            func name() -> String {
                defer { n += 1 }
                return String(surnames[(n * 7) % surnames.count]) + givenNames[(n * 5) % givenNames.count]
            }
            for agency in try await directory.agencies() {
                let code = agency.code.replacingOccurrences(of: "szq-", with: "").replacingOccurrences(of: "szq", with: "qzf")
                _ = try await directory.addUser(username: "\(code).officer", name: name(), role: .officer, agencyID: agency.id)
                if agency.kind != .street || agency.code.hasSuffix("qls") {
                    _ = try await directory.addUser(username: "\(code).officer2", name: name(), role: .officer, agencyID: agency.id)
                }
                _ = try await directory.addUser(username: "\(code).supervisor", name: name(), role: .supervisor, agencyID: agency.id)
            }
            let office = try await directory.agency(code: "szq-bgs")!
            _ = try await directory.addUser(username: "admin", name: "系统管理员", role: .administrator, agencyID: office.id)
            _ = try await directory.addUser(username: "security", name: "安全管理员", role: .securityAdministrator, agencyID: office.id)
            _ = try await directory.addUser(username: "auditor", name: name(), role: .auditor, agencyID: office.id)
        }
        return DemoDirectory(agencies: try await directory.agencies(), users: try await directory.users())
    }
}
