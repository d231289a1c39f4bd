import DisclosureCore
import Foundation
import LibPQ

/// Library documents for `bench search`: titles and bodies of about 700 characters assembled from
/// the demo's vocabulary (the district's places, topics and the regulation's wording), loaded
/// with COPY over two connections (the pair index is computed by PostgreSQL as rows arrive).
public enum DemoSearchCorpus {
    static let sentences = [
        "根据《中华人民共和国政府信息公开条例》的规定，本机关对申请人提出的政府信息公开申请进行了审查。",
        "经检索，申请人所需信息属于本机关在履行行政管理职能过程中制作或者获取的政府信息。",
        "该项目的房屋征收补偿方案已经区人民政府批准并予以公布，被征收人可以在征收现场查阅。",
        "城乡最低生活保障标准每年根据经济社会发展水平和物价变动情况适时调整，并向社会公布。",
        "建设工程规划许可证及附图已在自然资源和规划部门网站公示，公众可以查询。",
        "对于涉及商业秘密、个人隐私的信息，行政机关应当书面征求第三方的意见。",
        "申请人对答复不服的，可以依法申请行政复议或者提起行政诉讼。",
        "老旧小区改造项目的预算、招标文件和施工合同由住房和城乡建设部门负责管理。",
        "食品安全监督抽检结果按照规定定期向社会公布，消费者可以登录市场监管部门网站查询。",
        "违法建设的拆除决定书应当载明认定的事实、依据和履行期限。",
        "义务教育阶段学校招生划片范围由教育行政部门会同有关街道办事处确定。",
        "财政预算、决算和三公经费按照规定在部门网站公开，接受社会监督。",
        "耕地地力保护补贴资金直接发放到农户的一卡通账户。",
        "燃气管道安全隐患排查整治情况定期向社会通报。",
        "环境影响评价文件的批复内容包括项目的建设地点、规模和污染防治措施。",
    ]

    /// Adds `count` documents; returns the time PostgreSQL took to take them in.
    public static func load(_ pool: ConnectionPool, count: Int, seed: UInt64 = 7) async throws {
        let agencies = try await DirectoryStore(pool: pool).agencies().map(\.id)
        let topics = DemoTexts.topics
        let chunk = 20_000
        let chunks = (count + chunk - 1) / chunk
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<2 {
                group.addTask {
                    var index = lane
                    while index < chunks {
                        var r = DemoRandom(seed: seed &+ UInt64(index))
                        var bytes: [UInt8] = []
                        for _ in (index * chunk)..<min(count, (index + 1) * chunk) {
                            let topic = r.pick(topics)
                            let year = r.int(2019...2026)
                            let title = DemoTexts.fill(r.pick(topic.subjects), year: year, &r)
                            var body = title + "。"
                            while body.count < 650 { body += r.chance(0.3) ? DemoTexts.fill(r.pick(topic.subjects), year: year, &r) + "。" : r.pick(sentences) }
                            let kind = r.pick(LibraryEntry.Kind.allCases).rawValue
                            CopyText.appendRow([kind, title, body, topic.name, String(r.pick(agencies)), String(year)], to: &bytes)
                        }
                        let payload = bytes
                        _ = try await pool.withConnection { connection in
                            try await connection.copyIn("COPY library_entries (kind, title, body, topic, agency_id, year) FROM STDIN") { try await $0.write(payload) }
                        }
                        index += 2
                    }
                }
            }
            try await group.waitForAll()
        }
        try await pool.withConnection { try await $0.executeScript("VACUUM ANALYZE library_entries") }
    }
}
