import DisclosureCore

/// Words and templates for demo applications that read like the real ones a district receives.
enum DemoTexts {
    static let roads = ["经七路", "经十路", "舜耕路", "英雄山路", "二环南路", "玉函路", "阳光新路", "建设路", "郎茂山路", "党杨路",
                        "兴隆大街", "馆驿街", "魏家庄路", "纬二路", "纬六路", "大观园商埠区", "七里山路", "六里山路", "舜玉路", "王官庄路"]
    static let places = ["七里山", "王官庄", "舜玉", "郎茂山", "南辛庄", "八里桥", "杆石桥", "四里村", "魏家庄", "二七新村",
                         "六里山", "白马山", "十六里河", "党家", "兴隆", "陡沟", "大观园", "泺源", "七贤", "舜耕"]
    static let estates = ["小区", "片区", "社区", "村", "地块"]
    static let companies = ["鲁信", "泉城", "华强", "恒远", "齐鲁", "舜和", "金鼎", "宏达", "瑞丰", "明湖", "德润", "同泰"]
    static let industries = ["置业", "建设工程", "物业管理", "商贸", "餐饮管理", "环保科技", "建材", "房地产开发", "医药连锁", "教育咨询"]

    struct Topic {
        let name: String
        let subjects: [String]
        let reason: String
    }

    /// {road} {place} {estate} {year} {company} are filled in.
    static let topics: [Topic] = [
        Topic(name: "征地拆迁", subjects: [
            "申请公开{place}{estate}旧城改造项目房屋征收决定及补偿安置方案",
            "申请公开{road}道路拓宽工程房屋征收范围、补偿标准及评估报告",
            "申请公开{place}村集体土地征收的批准文件及征地补偿安置方案",
            "申请公开{year}年{place}棚户区改造项目房屋征收补偿资金拨付情况",
        ], reason: "本人房屋位于征收范围内，需了解补偿依据"),
        Topic(name: "国土空间规划", subjects: [
            "申请公开{place}{estate}控制性详细规划及其调整的批复文件",
            "申请公开{road}沿线{company}项目建设工程规划许可证及附图",
            "申请公开{place}地块国有建设用地使用权出让合同及规划条件",
        ], reason: "该项目与本人居住的小区相邻，关系到采光和通行"),
        Topic(name: "社会保障", subjects: [
            "申请公开{year}年{place}街道城乡最低生活保障对象名单及保障标准",
            "申请公开{year}年度城乡居民基本养老保险缴费补贴标准及文件依据",
            "申请公开{year}年{place}街道高龄津贴、残疾人两项补贴发放明细",
            "申请公开{year}年灵活就业人员社会保险补贴申领条件及审核结果",
        ], reason: "本人符合相关条件，需了解政策及办理情况"),
        Topic(name: "住房保障", subjects: [
            "申请公开{year}年公共租赁住房配租名单、轮候规则及分配结果",
            "申请公开{place}{estate}老旧小区改造项目预算、招标文件及施工合同",
            "申请公开{place}{estate}加装电梯项目财政补助资金的审批及拨付情况",
        ], reason: "本人系该小区业主，关注改造资金使用"),
        Topic(name: "教育", subjects: [
            "申请公开{year}年{place}片区小学、初中招生划片范围及划片依据",
            "申请公开{place}新建学校项目的立项批复、环评文件及建设进度",
            "申请公开{year}年区级教育经费预算执行情况及学生资助名单",
        ], reason: "孩子即将入学，需了解学区划分依据"),
        Topic(name: "市场监管", subjects: [
            "申请公开对{company}{industry}有限公司作出的行政处罚决定书",
            "申请公开{year}年{place}辖区食品安全监督抽检结果及处理情况",
            "申请公开{company}{industry}有限公司投诉举报的调查处理结果",
        ], reason: "本人曾向该企业购买商品并发生纠纷"),
        Topic(name: "城市管理", subjects: [
            "申请公开{road}{place}{estate}违法建设拆除决定书及执法依据",
            "申请公开{road}占道经营整治方案及执法记录",
            "申请公开{place}{estate}垃圾分类设施建设项目的资金来源及验收材料",
        ], reason: "该事项影响本人正常生活"),
        Topic(name: "财政预算", subjects: [
            "申请公开{year}年区级部门预算、决算及“三公”经费使用情况",
            "申请公开{year}年{place}{estate}改造项目财政资金拨付明细",
            "申请公开{year}年区政府债务限额及使用情况",
        ], reason: "作为纳税人，监督财政资金使用"),
        Topic(name: "生态环境", subjects: [
            "申请公开{company}{industry}有限公司建设项目环境影响评价文件及批复",
            "申请公开{year}年{road}沿线扬尘污染治理方案及处罚情况",
        ], reason: "该项目距离本人住所较近，担心环境影响"),
        Topic(name: "安全生产", subjects: [
            "申请公开{company}{industry}有限公司安全生产事故调查报告",
            "申请公开{year}年{place}辖区燃气管道安全隐患排查整治情况",
        ], reason: "事故与本人亲属有关"),
        Topic(name: "农业农村", subjects: [
            "申请公开{year}年{place}耕地地力保护补贴发放名单及标准",
            "申请公开{place}村集体经济组织土地承包经营权流转合同",
        ], reason: "本人系该村村民，关系切身利益"),
        Topic(name: "卫生健康", subjects: [
            "申请公开{year}年{place}社区卫生服务中心财政补助资金使用情况",
            "申请公开{year}年计划生育特别扶助对象名单及发放标准",
        ], reason: "本人需了解相关待遇"),
    ]

    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎")
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥建国志强海燕文博雪梅国栋春燕鹏飞晓东")

    static func personName(_ r: inout DemoRandom) -> String {
        String(r.pick(surnames)) + String(r.pick(given)) + (r.chance(0.6) ? String(r.pick(given)) : "")
    }

    static func applicantName(_ kind: ApplicantKind, _ r: inout DemoRandom) -> String {
        switch kind {
        case .naturalPerson: return personName(&r)
        case .commercial: return "济南\(r.pick(companies))\(r.pick(industries))有限公司"
        case .research: return r.pick(["山东大学", "山东师范大学", "济南大学", "山东财经大学"]) + r.pick(["公共管理学院", "法学院", "城市发展研究院", "政府治理研究中心"])
        case .nonprofit: return "济南市\(r.pick(places))\(r.pick(["社区公益服务中心", "志愿者协会", "环保公益协会", "助老服务社"]))"
        case .legalServices: return "山东\(r.pick(companies))\(r.pick(["律师事务所", "法律服务所"]))"
        case .otherOrg: return "\(r.pick(places))\(r.pick(estates))\(r.pick(["业主委员会", "居民委员会", "村民委员会"]))"
        }
    }

    static func fill(_ template: String, year: Int, _ r: inout DemoRandom) -> String {
        template.replacingOccurrences(of: "{road}", with: r.pick(roads))
            .replacingOccurrences(of: "{place}", with: r.pick(places))
            .replacingOccurrences(of: "{estate}", with: r.pick(estates))
            .replacingOccurrences(of: "{year}", with: String(year - r.int(0...1)))
            .replacingOccurrences(of: "{company}", with: r.pick(companies))
            .replacingOccurrences(of: "{industry}", with: r.pick(industries))
    }

    static func identityNumber(_ r: inout DemoRandom) -> String {
        let birth = LocalDate(year: 1950, month: 1, day: 1)!.adding(days: r.int(0...18_000))
        let area = r.pick(["370103", "370102", "370104", "370105", "370112"])
        let body = area + String(birth.year) + pad2(birth.month) + pad2(birth.day) + String(r.int(100...999))
        return body + String(ChineseIdentityNumber.checkCharacter(body)!)
    }

    static func phone(_ r: inout DemoRandom) -> String {
        r.pick(["138", "139", "150", "153", "186", "187", "177", "135"]) + String(r.int(10_000_000...99_999_999))
    }

    static func address(_ r: inout DemoRandom) -> String {
        "济南市市中区\(r.pick(roads))\(r.int(1...300))号\(r.pick(places))\(r.pick(["小区", "花园", "新村", "家园"]))\(r.int(1...30))号楼\(r.int(1...6))单元\(r.int(101...1802))室"
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
