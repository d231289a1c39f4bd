/// The subjects people ask about (热点), recognised from words in the request: a case counts
/// under the first topic whose words its subject contains. An editable list in a later step;
/// these are the topics of the district's own work plan.
public struct Topic: Sendable, Equatable {
    public var name: String
    public var words: [String]

    public static let all: [Topic] = [
        Topic(name: "征地拆迁", words: ["征收", "拆迁", "征地", "安置", "棚户区", "旧城改造"]),
        Topic(name: "国土空间规划", words: ["规划", "用地", "出让", "地块"]),
        Topic(name: "社会保障", words: ["低保", "养老", "社会保险", "津贴", "补贴", "救助"]),
        Topic(name: "住房保障", words: ["公共租赁", "公租房", "老旧小区", "加装电梯", "住房"]),
        Topic(name: "教育", words: ["学校", "招生", "学区", "教育"]),
        Topic(name: "市场监管", words: ["行政处罚", "食品安全", "投诉举报", "抽检"]),
        Topic(name: "城市管理", words: ["违法建设", "占道", "垃圾", "城管"]),
        Topic(name: "财政预算", words: ["预算", "决算", "三公", "财政资金", "债务"]),
        Topic(name: "生态环境", words: ["环境影响", "环评", "扬尘", "污染"]),
        Topic(name: "安全生产", words: ["安全生产", "事故", "燃气", "隐患"]),
        Topic(name: "农业农村", words: ["耕地", "承包", "村集体", "农业"]),
        Topic(name: "卫生健康", words: ["卫生", "计划生育", "医疗", "健康"]),
    ]

    public static let other = "其他"

    public static func classify(_ subject: String) -> String {
        all.first { topic in topic.words.contains { subject.contains($0) } }?.name ?? other
    }
}
