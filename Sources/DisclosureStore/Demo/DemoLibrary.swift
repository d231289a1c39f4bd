import DisclosureCore
import LibPQ

/// A starting library for the demo: standard texts, policy documents, frequent questions and
/// typical cases, the kind of material the district plan asks staff to have at hand.
enum DemoLibrary {
    static let entries: [LibraryEntry] = [
        LibraryEntry(kind: .standardText, title: "政府信息公开申请答复书（予以公开）",
                     body: "XXX：\n本机关于X年X月X日收到您提交的政府信息公开申请。经审查，您申请获取的信息属于公开范围，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，现予以提供。\n如对本答复不服，可以自收到本答复书之日起60日内向X申请行政复议，或者在6个月内向人民法院提起行政诉讼。",
                     topic: "其他", year: 2024, disposition: .disclose, legalBasis: "条例第三十六条第（二）项", tags: ["答复书", "予以公开"]),
        LibraryEntry(kind: .standardText, title: "补正申请告知书",
                     body: "XXX：\n本机关于X年X月X日收到您提交的政府信息公开申请。因申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请您于收到本告知书之日起15个工作日内对以下内容作出补正：所需信息的名称、文号或者其他特征性描述。逾期未补正的，视为放弃申请。",
                     year: 2024, legalBasis: "条例第三十条", tags: ["补正告知书"]),
        LibraryEntry(kind: .standardText, title: "不予公开告知书（保护第三方合法权益）",
                     body: "经征求第三方意见，第三方认为公开会损害其商业秘密，不同意公开。根据《中华人民共和国政府信息公开条例》第十五条、第三十二条的规定，决定不予公开。申请人对本答复不服的，应当先依法申请行政复议。",
                     year: 2024, disposition: .withholdThirdParty, legalBasis: "条例第十五条、第三十二条", tags: ["不予公开", "第三方"]),
        LibraryEntry(kind: .policy, title: "中华人民共和国政府信息公开条例（节选）",
                     body: "第二十七条 除行政机关主动公开的政府信息外，公民、法人或者其他组织可以向地方各级人民政府、对外以自己名义履行行政管理职能的县级以上人民政府部门申请获取相关政府信息。\n第三十条 政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性告知申请人作出补正。\n第三十三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。",
                     topic: "其他", year: 2019, tags: ["条例"]),
        LibraryEntry(kind: .policy, title: "政府信息公开信息处理费管理办法",
                     body: "按件计收：申请人的一个政府信息公开申请中申请公开政府信息的数量，同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件的部分，收费标准为100元/件；31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。\n按量计收：30页以下（含30页）的，不收费；31—100页的部分，收费标准为10元/页；101—200页的部分，收费标准为20元/页；201页以上的部分，收费标准为40元/页。",
                     topic: "财政预算", year: 2020, legalBasis: "国办函〔2020〕109号", tags: ["信息处理费", "收费"]),
        LibraryEntry(kind: .faq, title: "申请房屋征收补偿方案应当向哪个机关提出？",
                     body: "房屋征收补偿方案由作出房屋征收决定的区人民政府制定并公布，可以向区人民政府或者其确定的房屋征收部门申请公开。已经主动公开的，行政机关会告知获取的方式和途径。",
                     topic: "征地拆迁", year: 2024, tags: ["拆迁", "征收补偿方案"]),
        LibraryEntry(kind: .faq, title: "城乡低保标准在哪里可以查到？",
                     body: "城乡最低生活保障标准由市人民政府确定并主动公开，可在区民政局网站的政府信息公开专栏查询；也可以向区民政局申请公开具体的审批材料。",
                     topic: "社会保障", year: 2024, tags: ["低保"]),
        LibraryEntry(kind: .faq, title: "答复期限从哪一天开始计算？",
                     body: "自行政机关收到申请之日起计算，收到申请的当天不计入。当面提交的，以提交之日为收到申请之日；以邮寄方式提交的，以签收之日为收到申请之日；需要补正的，自收到补正后的申请之日起重新计算。征求第三方意见和等待缴费的时间不计入答复期限。",
                     topic: "其他", year: 2024, tags: ["答复期限", "工作日"]),
        LibraryEntry(kind: .typicalCase, title: "申请公开旧城改造项目征收补偿方案，予以公开",
                     body: "某某申请公开经七路片区旧城改造项目房屋征收补偿方案。区住建局经检索，该方案已由区政府主动公开，遂告知申请人获取方式并提供了纸质件。\n要点：已主动公开的信息，应当告知获取的方式和途径（条例第三十六条第（一）项）。",
                     topic: "征地拆迁", year: 2024, disposition: .disclose, tags: ["典型案例", "拆迁"]),
        LibraryEntry(kind: .typicalCase, title: "申请公开他人房屋补偿协议，部分公开",
                     body: "某某申请公开同一片区其他住户的房屋补偿协议。区住建局征求第三方意见，第三方不同意公开其个人信息。经审查，对协议中的补偿标准等内容予以公开，对姓名、身份证号、房屋面积等个人信息作区分处理。\n要点：区分处理的，只计部分公开一种情形。",
                     topic: "征地拆迁", year: 2024, disposition: .partial, tags: ["典型案例", "区分处理", "第三方"]),
        LibraryEntry(kind: .typicalCase, title: "一个月内提交同类申请八十件，要求说明理由",
                     body: "某某一个月内向区政府提交同类政府信息公开申请八十件。区政府办公室依据条例第三十五条要求其说明理由，申请人未说明理由，遂决定不予处理。\n要点：申请数量、频次明显超过合理范围的，可以要求说明理由；理由不合理的，告知不予处理。",
                     topic: "其他", year: 2025, disposition: .notProcessedExcessive, tags: ["典型案例", "说明理由"]),
    ]

    /// Adds the entries to an empty library.
    static func seed(_ pool: ConnectionPool) async throws {
        guard try await pool.query("SELECT 1 FROM library_entries LIMIT 1").isEmpty else { return }
        let library = LibraryStore(pool: pool)
        for entry in entries { try await library.add(entry, by: nil) }
        try await library.refreshTerms()
    }
}
