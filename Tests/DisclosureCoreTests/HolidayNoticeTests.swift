import DisclosureCore
import Testing

/// The State Council holiday notices of 2019–2026, pasted as published, must read to the years in
/// `CalendarYear.official`; variants of pasting must read the same; faulty texts must be refused
/// with the line and its text.
@Suite struct HolidayNoticeTests {
    typealias Failure = HolidayNotice.Failure

    // MARK: - Fixtures: the notices as published

    /// 国办发明电〔2018〕15号, as on the State Council's web site (paragraphs indented with
    /// ideographic spaces). The May Day holiday was later changed by 国办发明电〔2019〕3号.
    static let notice2019 = """
        国务院办公厅关于2019年部分节假日安排的通知
        国办发明电〔2018〕15号

        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2019年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        　　一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
        　　二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。
        　　三、清明节：4月5日放假，与周末连休。
        　　四、劳动节：5月1日放假。
        　　五、端午节：6月7日放假，与周末连休。
        　　六、中秋节：9月13日放假，与周末连休。
        　　七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
        　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

        　　　　　　　　　　　　　　　　　　　　国务院办公厅
        　　　　　　　　　　　　　　　　　　　　2018年12月4日
        """

    /// 国办发明电〔2019〕3号: the May Day adjustment. Its item has no holiday name; it amends one
    /// holiday and is refused as a year's notice.
    static let adjustment2019 = """
        国务院办公厅关于调整
        2019年劳动节假期安排的通知
        国办发明电〔2019〕3号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        经国务院批准，现将调整2019年劳动节放假安排通知如下。
        一、2019年5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。
        二、各地区、各部门要抓紧做好本地区、本领域的劳动节假期调整落实工作，采取有效措施，保障交通运力，加强旅游服务，丰富产品供给，强化综合调控，确保平稳运行。
        三、劳动节期间，要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2019年3月22日
        """

    /// 国办发明电〔2019〕16号. The Spring Festival holiday was later extended by 国办发明电〔2020〕1号.
    static let notice2020 = """
        国务院办公厅关于2020年部分节假日安排的通知
        国办发明电〔2019〕16号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2020年元旦、春节、清明节、劳动节、端午节、国庆节和中秋节放假调休日期的具体安排通知如下。
        　　一、元旦：2020年1月1日放假，共1天。
        　　二、春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。
        　　三、清明节：4月4日至6日放假调休，共3天。
        　　四、劳动节：5月1日至5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。
        　　五、端午节：6月25日至27日放假调休，共3天。6月28日（星期日）上班。
        　　六、国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。
        　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2019年11月21日
        """

    /// 国办发明电〔2020〕1号: the Spring Festival extension, refused as a year's notice.
    static let extension2020 = """
        国务院办公厅关于延长2020年春节假期的通知
        国办发明电〔2020〕1号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        经国务院批准，为加强新型冠状病毒感染的肺炎疫情防控工作，有效减少人员聚集，阻断疫情传播，更好保障人民群众生命安全和身体健康，现将延长2020年春节假期的具体安排通知如下。
        一、延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。
        二、各地大专院校、中小学、幼儿园推迟开学，具体时间由教育部门另行通知。
        三、因疫情防控不能休假的职工，应根据《中华人民共和国劳动法》规定安排补休，未休假期的工资报酬应按照有关政策保障落实。
        国务院办公厅
        2020年1月26日
        """

    /// 国办发明电〔2020〕27号.
    static let notice2021 = """
        国务院办公厅关于2021年部分节假日安排的通知
        国办发明电〔2020〕27号

        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

        　　经国务院批准，现将2021年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。

        　　一、元旦：2021年1月1日至3日放假，共3天。

        　　二、春节：2月11日至17日放假调休，共7天。2月7日（星期日）、2月20日（星期六）上班。

        　　三、清明节：4月3日至5日放假调休，共3天。

        　　四、劳动节：5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。

        　　五、端午节：6月12日至14日放假，共3天。

        　　六、中秋节：9月19日至21日放假调休，共3天。9月18日（星期六）上班。

        　　七、国庆节：10月1日至7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。

        　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

        国务院办公厅
        2020年11月25日
        """

    /// 国办发明电〔2021〕11号.
    static let notice2022 = """
        国务院办公厅关于2022年部分节假日安排的通知
        国办发明电〔2021〕11号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2022年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        　　一、元旦：2022年1月1日至3日放假，共3天。
        　　二、春节：1月31日至2月6日放假调休，共7天。1月29日（星期六）、1月30日（星期日）上班。
        　　三、清明节：4月3日至5日放假调休，共3天。4月2日（星期六）上班。
        　　四、劳动节：4月30日至5月4日放假调休，共5天。4月24日（星期日）、5月7日（星期六）上班。
        　　五、端午节：6月3日至5日放假，共3天。
        　　六、中秋节：9月10日至12日放假，共3天。
        　　七、国庆节：10月1日至7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。
        　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2021年10月25日
        """

    /// 国办发明电〔2022〕16号, as the State Council Gazette (国务院公报 2023年第1号) prints it: the
    /// title broken over two lines.
    static let notice2023 = """
        国务院办公厅关于2023年
        部分节假日安排的通知
        国办发明电〔2022〕16号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        经国务院批准，现将2023年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
        二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
        三、清明节：4月5日放假，共1天。
        四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
        五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
        六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。
        节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2022年12月8日
        """

    /// 国办发明电〔2023〕7号: the Spring Festival item ends with a note naming a date (除夕, 2月9日)
    /// that is neither a holiday nor a working day.
    static let notice2024 = """
        国务院办公厅关于2024年部分节假日安排的通知
        国办发明电〔2023〕7号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2024年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        　　一、元旦：1月1日放假，与周末连休。
        　　二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
        　　三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
        　　四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
        　　五、端午节：6月10日放假，与周末连休。
        　　六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
        　　七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
        　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2023年10月25日
        """

    /// 国办发明电〔2024〕12号: a long preamble on the revised holiday rules (with dates and
    /// 「放假」 in it), 「周三」 weekday notes, lunar notes, and 「放假1天，不调休」.
    static let notice2025 = """
        国务院办公厅关于2025年部分节假日安排的通知
        国办发明电〔2024〕12号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经党中央、国务院批准，根据2024年11月修订的《全国年节及纪念日放假办法》，自2025年1月1日起，全体公民放假的假日增加2天，其中春节、劳动节各增加1天。据此对放假调休原则作进一步优化完善，除个别特殊情形外，春节自农历除夕起放假调休8天，国庆节自10月1日起放假调休7天，劳动节放假调休5天，元旦、清明节、端午节、中秋节分别放假调休或连休3天（如逢周三则只在当日放假），国庆节放假如逢中秋节则合并放假8天。
        　　按照上述原则，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        　　一、元旦：1月1日（周三）放假1天，不调休。
        　　二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
        　　三、清明节：4月4日（周五）至6日（周日）放假，共3天。
        　　四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
        　　五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
        　　六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
        　　节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2024年11月12日
        """

    /// 国办发明电〔2025〕7号 (the number as cited by those who forwarded it; `CalendarYear.official`
    /// leaves it unverified): a closing paragraph that starts with 「鼓励」.
    static let notice2026 = """
        国务院办公厅关于2026年部分节假日安排的通知
        国办发明电〔2025〕7号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
        　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
        　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
        　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
        　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
        　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
        　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
        　　鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2025年11月4日
        """

    static let published: [Int: String] = [
        2019: notice2019, 2020: notice2020, 2021: notice2021, 2022: notice2022,
        2023: notice2023, 2024: notice2024, 2025: notice2025, 2026: notice2026,
    ]

    /// The `notice` each reads to: title, document number, date.
    static let titles: [Int: String] = [
        2019: "国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号，2018年12月4日）",
        2020: "国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号，2019年11月21日）",
        2021: "国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号，2020年11月25日）",
        2022: "国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号，2021年10月25日）",
        2023: "国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号，2022年12月8日）",
        2024: "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）",
        2025: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）",
        2026: "国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025年11月4日）",
    ]

    // MARK: - Helpers

    func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    func official(_ year: Int) -> CalendarYear { CalendarYear.official.first { $0.year == year }! }

    /// Every day off, each holiday range expanded.
    func days(_ holidays: [CalendarYear.Holiday]) -> Set<LocalDate> {
        Set(holidays.flatMap { h in (h.first.dayNumber...h.last.dayNumber).map(LocalDate.init(dayNumber:)) })
    }

    func outcome(_ text: String, year: Int) -> Result<CalendarYear, Failure> {
        do throws(Failure) { return .success(try HolidayNotice.read(text, year: year)) } catch { return .failure(error) }
    }

    func refusal(_ text: String, year: Int) -> Failure? {
        if case .failure(let failure) = outcome(text, year: year) { return failure }
        return nil
    }

    /// The 1-based number and trimmed text of the first line of `text` containing `fragment`.
    func line(_ fragment: String, in text: String) -> (number: Int, text: String) {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let index = lines.firstIndex { $0.contains(fragment) }!
        let line = lines[index]
        let start = line.firstIndex { !$0.isWhitespace } ?? line.endIndex
        let end = line.lastIndex { !$0.isWhitespace }.map(line.index(after:)) ?? start
        return (index + 1, String(line[start..<end]))
    }

    /// The failure names the line by number and quotes its text, in both languages.
    func expectNamesLine(_ failure: Failure?, _ number: Int, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let failure else {
            Issue.record("no failure", sourceLocation: sourceLocation)
            return
        }
        #expect(failure.line == number, sourceLocation: sourceLocation)
        #expect(failure.text == text, sourceLocation: sourceLocation)
        #expect(failure.chineseDescription.contains("第\(number)行"), "\(failure.chineseDescription)", sourceLocation: sourceLocation)
        #expect(failure.chineseDescription.contains(text), "\(failure.chineseDescription)", sourceLocation: sourceLocation)
        #expect(failure.description.contains("ine \(number)"), "\(failure.description)", sourceLocation: sourceLocation)
        #expect(failure.description.contains(text), "\(failure.description)", sourceLocation: sourceLocation)
    }

    // MARK: - The published notices

    @Test(arguments: [2021, 2022, 2023, 2024, 2025, 2026])
    func readsThePublishedNoticeToTheOfficialYear(year: Int) throws {
        let read = try HolidayNotice.read(Self.published[year]!, year: year)
        let expected = official(year)
        #expect(read.year == year)
        #expect(days(read.holidays) == days(expected.holidays))
        #expect(Set(read.makeupWorkdays) == Set(expected.makeupWorkdays))
        // Names, ranges and order too, as the notice lists them.
        #expect(read.holidays == expected.holidays)
        #expect(read.makeupWorkdays == expected.makeupWorkdays)
        #expect(read.problems.isEmpty, "\(read.problems)")
    }

    @Test(arguments: 2019...2026)
    func namesTheNoticeWithNumberAndDate(year: Int) throws {
        let read = try HolidayNotice.read(Self.published[year]!, year: year)
        #expect(read.notice == Self.titles[year]!)
        // As CalendarYear.official names it, except where official adds the later changes
        // (2019, 2020, 2023's remark) or leaves the number unverified (2026).
        if year != 2026 { #expect(official(year).notice.hasPrefix(read.notice), "\(read.notice)") }
    }

    /// The 2019 notice as published gave May Day one day and no make-up days; official carries the
    /// adjustment of 国办发明电〔2019〕3号 (1–4 May off, Sundays 28 April and 5 May worked).
    @Test func reads2019AsPublishedBeforeTheMayDayAdjustment() throws {
        let read = try HolidayNotice.read(Self.notice2019, year: 2019)
        let expected = official(2019)
        #expect(days(read.holidays) == days(expected.holidays).subtracting([d("2019-05-02"), d("2019-05-03"), d("2019-05-04")]))
        #expect(Set(read.makeupWorkdays) == Set(expected.makeupWorkdays).subtracting([d("2019-04-28"), d("2019-05-05")]))
        #expect(read.holidays.first { $0.name == "劳动节" } == .init(name: "劳动节", first: d("2019-05-01"), last: d("2019-05-01")))
        // New Year's holiday and its working Saturday reach into 2018.
        #expect(read.holidays[0] == .init(name: "元旦", first: d("2018-12-30"), last: d("2019-01-01")))
        #expect(read.makeupWorkdays[0] == d("2018-12-29"))
        // Every other holiday as official.
        #expect(read.holidays.filter { $0.name != "劳动节" } == expected.holidays.filter { $0.name != "劳动节" })
        #expect(read.problems.isEmpty, "\(read.problems)")
    }

    /// The 2020 notice as published ended the Spring Festival on 30 January with Saturday 1 February
    /// worked; official carries the extension of 国办发明电〔2020〕1号 (to 2 February, 1 February off).
    @Test func reads2020AsPublishedBeforeTheSpringFestivalExtension() throws {
        let read = try HolidayNotice.read(Self.notice2020, year: 2020)
        let expected = official(2020)
        #expect(days(read.holidays) == days(expected.holidays).subtracting([d("2020-01-31"), d("2020-02-01"), d("2020-02-02")]))
        #expect(Set(read.makeupWorkdays) == Set(expected.makeupWorkdays).union([d("2020-02-01")]))
        #expect(read.holidays.first { $0.name == "春节" } == .init(name: "春节", first: d("2020-01-24"), last: d("2020-01-30")))
        #expect(read.holidays.filter { $0.name != "春节" } == expected.holidays.filter { $0.name != "春节" })
        #expect(read.problems.isEmpty, "\(read.problems)")
    }

    /// Each year read from its notice makes a working calendar with the same working-day total as
    /// official (2019 and 2020 differ by the later changes, checked above day by day).
    @Test(arguments: [2021, 2022, 2023, 2024, 2025, 2026])
    func workingDayTotalsMatchOfficial(year: Int) throws {
        let read = try HolidayNotice.read(Self.published[year]!, year: year)
        let fromNotice = try WorkCalendar([read])
        let fromOfficial = try WorkCalendar([official(year)])
        #expect(try fromNotice.workingDayCount(in: year) == fromOfficial.workingDayCount(in: year))
    }

    @Test func amendingNoticesAreRefusedAsAYearsArrangement() {
        let adjustment = refusal(Self.adjustment2019, year: 2019)
        #expect(adjustment == .amendmentNotice(line: 1, text: "国务院办公厅关于调整2019年劳动节假期安排的通知"))
        #expect(adjustment?.chineseDescription.contains("调整") == true)
        let extension2020 = refusal(Self.extension2020, year: 2020)
        #expect(extension2020 == .amendmentNotice(line: 1, text: "国务院办公厅关于延长2020年春节假期的通知"))
        // Without its title the preamble still tells.
        let untitled = Self.extension2020.split(separator: "\n").dropFirst().joined(separator: "\n")
        #expect(refusal(untitled, year: 2020) == .amendmentNotice(line: 3, text: line("现将延长", in: untitled).text))
    }

    @Test func namesTheYearOfATextFromItsTitleOrPreamble() {
        for (year, text) in Self.published { #expect(HolidayNotice.yearNamed(in: text) == year) }
        let untitled = Self.notice2021.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
        #expect(HolidayNotice.yearNamed(in: untitled) == 2021)
        #expect(HolidayNotice.yearNamed(in: Self.adjustment2019) == 2019)
        let items = Self.notice2026.split(separator: "\n").filter { $0.contains("日（周") }.joined(separator: "\n")
        #expect(HolidayNotice.yearNamed(in: items) == nil)
        #expect(HolidayNotice.yearNamed(in: "") == nil)
    }

    // MARK: - Ways of pasting

    @Test func readsHalfWidthPunctuation() throws {
        var text = Self.notice2026
        for (full, half) in [("（", "("), ("）", ")"), ("，", ","), ("：", ":"), ("。", "."), ("〔", "["), ("〕", "]")] {
            text = text.replacing(full, with: half)
        }
        #expect(text.contains("1月1日(周四)至3日(周六)放假调休,共3天.1月4日(周日)上班."))
        #expect(try HolidayNotice.read(text, year: 2026) == HolidayNotice.read(Self.notice2026, year: 2026))
    }

    @Test func readsFullWidthDigits() throws {
        var text = Self.notice2025
        for (ascii, full) in zip("0123456789", "０１２３４５６７８９") {
            text = text.replacing(String(ascii), with: String(full))
        }
        #expect(text.contains("１月２８日（农历除夕、周二）"))
        #expect(try HolidayNotice.read(text, year: 2025) == HolidayNotice.read(Self.notice2025, year: 2025))
    }

    @Test func readsExtraBlankLinesSpacesAndWindowsLineEnds() throws {
        let text = """
             国务院办公厅关于 2024 年部分节假日安排的通知\r
            \r
            \r
            国办发明电 〔2023〕 7 号\r
            \r
            各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\r
            \u{3000}\u{3000}经国务院批准，现将 2024 年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。\r
            \r
            \u{3000}\u{3000}一、 元旦： 1月1日 放假， 与周末连休。 \r
            \r
            \r
            \u{3000}\u{3000}二、春节： 2 月 10 日至 17 日放假调休，共 8 天。 2月4日 （星期日）、 2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。\r
            \t三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。\u{00A0}\r
            四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。\r
            \r
            五、端午节：6月10日放假，与周末连休。\r
            六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。\u{200B}\r
            七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。\r
            \r
            \r
            国务院办公厅\r
            2023年10月25日\r
            \r
            """
        let read = try HolidayNotice.read(text, year: 2024)
        #expect(read == (try HolidayNotice.read(Self.notice2024, year: 2024)))
        #expect(read.notice == Self.titles[2024]!)
    }

    /// A PDF breaks items where the page is full: mid-sentence, between sentences, and with the
    /// page number between.
    static let split2026 = """
        国务院办公厅关于2026年部分节假日安排的通知
        国办发明电〔2025〕7号
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。
        1月4日（周日）上班。
        　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、
        周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
        　　三、清明节：4月4日（周六）至6日（周一）放假，共3
        — 2 —
        天。
        　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
        　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
        　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
        　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、
        10月10日（周六）上班。
        　　鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
        国务院办公厅
        2025年11月4日
        """

    @Test func readsItemsSplitAcrossLines() throws {
        let read = try HolidayNotice.read(Self.split2026, year: 2026)
        #expect(read == (try HolidayNotice.read(Self.notice2026, year: 2026)))
        #expect(days(read.holidays) == days(official(2026).holidays))
        #expect(read.makeupWorkdays == official(2026).makeupWorkdays)
    }

    /// A fault in the second half of a split item names the line it is on.
    @Test func aFaultInASplitItemNamesItsOwnLine() {
        let text = Self.split2026.replacing("周一）放假调休，共9天", with: "周二）放假调休，共9天")
        let at = line("周二）放假调休，共9天", in: text)
        #expect(at.number == 8)
        #expect(refusal(text, year: 2026) == .wrongWeekday(line: 8, text: at.text, date: d("2026-02-23"), stated: 2))
        expectNamesLine(refusal(text, year: 2026), 8, at.text)
    }

    @Test func readsTheItemsAloneUnderTheStandardTitle() throws {
        let items = Self.notice2022.split(separator: "\n").filter { $0.contains("：") && $0.contains("日") && !$0.contains("各省") }
        #expect(items.count == 7)
        let read = try HolidayNotice.read(items.joined(separator: "\n"), year: 2022)
        #expect(read.notice == "国务院办公厅关于2022年部分节假日安排的通知")
        #expect(read.holidays == official(2022).holidays)
        #expect(read.makeupWorkdays == official(2022).makeupWorkdays)
    }

    @Test func readsTheTextWithoutTitleAndPreamble() throws {
        // From the first item to the date: title, number, addressees and preamble left off.
        let lines = Self.notice2022.split(separator: "\n", omittingEmptySubsequences: false)
        let text = lines.drop { !$0.contains("一、元旦") }.joined(separator: "\n")
        let read = try HolidayNotice.read(text, year: 2022)
        #expect(read.notice == "国务院办公厅关于2022年部分节假日安排的通知（2021年10月25日）")
        #expect(read.holidays == official(2022).holidays)
        #expect(read.makeupWorkdays == official(2022).makeupWorkdays)
    }

    /// Copied from a government web page: the metadata table, a newswire line, the title in it.
    @Test func readsAWebPageWithItsSurroundings() throws {
        let text = """
            政务公开 > 政策公开 > 政策文件
            [主题分类] 综合政务/其他
            [发文机构] 国务院办公厅
            [成文日期] 2021-10-25
            [发文字号] 国办发明电[2021]11号
            新华社北京10月25日电 国务院办公厅关于2022年部分节假日安排的通知，全文如下：
            各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
            经国务院批准，现将2022年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
            一、元旦：2022年1月1日至3日放假，共3天。
            二、春节：1月31日至2月6日放假调休，共7天。1月29日(星期六)、1月30日(星期日)上班。
            三、清明节：4月3日至5日放假调休，共3天。4月2日(星期六)上班。
            四、劳动节：4月30日至5月4日放假调休，共5天。4月24日(星期日)、5月7日(星期六)上班。
            五、端午节：6月3日至5日放假，共3天。
            六、中秋节：9月10日至12日放假，共3天。
            七、国庆节：10月1日至7日放假调休，共7天。10月8日(星期六)、10月9日(星期日)上班。
            节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
            国务院办公厅
            2021年10月25日
            [ 责编：张倩 ]
            相关阅读
            """
        let read = try HolidayNotice.read(text, year: 2022)
        #expect(read.notice == Self.titles[2022]!)
        #expect(read.holidays == official(2022).holidays)
        #expect(read.makeupWorkdays == official(2022).makeupWorkdays)
    }

    /// Older wording: 「放假1天。」 and a day off in lieu (「4月7日（星期一）补休」), from the 2014 notice.
    @Test func readsOlderWordingWithADayOffInLieu() throws {
        let text = """
            国务院办公厅关于2014年部分节假日安排的通知
            一、元旦：1月1日放假1天。
            二、春节：1月31日至2月6日放假调休，共7天。1月26日（星期日）、2月8日（星期六）上班。
            三、清明节：4月5日放假，4月7日（星期一）补休。
            四、劳动节：5月1日至3日放假调休，共3天。5月4日（星期日）上班。
            五、端午节：6月2日放假，与周末连休。
            六、中秋节：9月8日放假，与周末连休。
            七、国庆节：10月1日至7日放假调休，共7天。9月28日（星期日）、10月11日（星期六）上班。
            """
        let read = try HolidayNotice.read(text, year: 2014)
        #expect(read.holidays[0] == .init(name: "元旦", first: d("2014-01-01"), last: d("2014-01-01")))
        // Saturday 5 April, the Sunday, and Monday 7 April in lieu: one holiday.
        #expect(read.holidays[2] == .init(name: "清明节", first: d("2014-04-05"), last: d("2014-04-07")))
        #expect(read.makeupWorkdays == [d("2014-01-26"), d("2014-02-08"), d("2014-05-04"), d("2014-09-28"), d("2014-10-11")])
        #expect(read.problems.isEmpty, "\(read.problems)")
    }

    /// Items past 七: 八、九、十、十一、 (and 「共」 without its comma).
    @Test func readsItemsNumberedPastSeven() throws {
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]
        let text = numerals.enumerated().map { i, n in "\(n)、节日\(n)：\(i + 1)月5日放假共1天。" }.joined(separator: "\n")
        let read = try HolidayNotice.read(text, year: 2027)
        #expect(read.holidays.count == 11)
        #expect(read.holidays.last == .init(name: "节日十一", first: d("2027-11-05"), last: d("2027-11-05")))
    }

    /// What the year's checks catch (overlap, a make-up day on a weekday) is read without a crash.
    @Test func readsWhatCalendarYearChecksLater() throws {
        let text = """
            一、元旦：1月1日至3日放假，共3天。1月2日（周六）上班。
            二、春节：1月2日至4日放假，共3天。1月6日（周三）上班。
            """
        let read = try HolidayNotice.read(text, year: 2027)
        #expect(read.makeupWorkdays == [d("2027-01-02"), d("2027-01-06")])
        #expect(!read.problems.isEmpty)
    }

    // MARK: - Faulty texts

    @Test func aTypoInAnItemNamesTheLine() {
        let text = Self.notice2026.replacing("至6日（周一）放假，共3天", with: "至6日（周一）放家，共3天")
        let at = line("放家", in: text)
        #expect(at.number == 7)
        #expect(at.text == "三、清明节：4月4日（周六）至6日（周一）放家，共3天。")
        let failure = refusal(text, year: 2026)
        #expect(failure == .unreadableLine(line: 7, text: at.text))
        expectNamesLine(failure, 7, at.text)
        #expect(failure?.chineseDescription == "第7行无法识别：「三、清明节：4月4日（周六）至6日（周一）放家，共3天。」请对照通知原文核对。")
    }

    @Test(arguments: [
        ("三、清明节：4月4日", "三、清明节4月4日"),             // colon lost
        ("三、清明节：4月4日", "三、清明节：4月4曰"),           // 日 mistyped
        ("9月20日（周日）、10月10日", "9月20日（周日）、10月10日（周八）"),  // no such weekday
        ("5月9日（周六）上班", "5月9日（周六）上斑"),            // 上班 mistyped
        ("三、清明节：", "三清明节："),                      // number lost: looks like an item, is not one
        ("三、清明节：", "清明节："),
    ])
    func unreadableLinesAreNamed(original: String, typo: String) {
        let text = Self.notice2026.replacing(original, with: typo)
        let at = line(typo, in: text)
        #expect(refusal(text, year: 2026) == .unreadableLine(line: at.number, text: at.text))
        expectNamesLine(refusal(text, year: 2026), at.number, at.text)
    }

    @Test func aWrongWeekdayNamesTheLine() {
        let text = Self.notice2026.replacing("1月1日（周四）", with: "1月1日（周五）")
        let at = line("1月1日（周五）", in: text)
        #expect(at.number == 5)
        let failure = refusal(text, year: 2026)
        #expect(failure == .wrongWeekday(line: 5, text: at.text, date: d("2026-01-01"), stated: 5))
        expectNamesLine(failure, 5, at.text)
        #expect(failure?.chineseDescription.contains("2026年1月1日是星期四，原文写作星期五") == true)
        #expect(failure?.description.contains("2026-01-01 as a Friday, but it is a Thursday") == true)
        // 「星期」 as well as 「周」.
        let long = Self.notice2024.replacing("2月18日（星期日）", with: "2月18日（星期一）")
        #expect(refusal(long, year: 2024) == .wrongWeekday(line: line("2月18日（星期一）", in: long).number,
                                                            text: line("2月18日（星期一）", in: long).text, date: d("2024-02-18"), stated: 1))
    }

    @Test func aWrongDayCountNamesTheLine() {
        let text = Self.notice2026.replacing("至6日（周一）放假，共3天", with: "至6日（周一）放假，共4天")
        let at = line("共4天", in: text)
        let failure = refusal(text, year: 2026)
        #expect(failure == .wrongDayCount(line: at.number, text: at.text, holiday: "清明节", stated: 4, counted: 3))
        expectNamesLine(failure, at.number, at.text)
        #expect(failure?.chineseDescription.contains("清明节按所列日期共3天，原文写作4天") == true)
        // 「放假1天」 is counted too.
        let one = Self.notice2025.replacing("放假1天，不调休", with: "放假2天，不调休")
        #expect(refusal(one, year: 2025) == .wrongDayCount(line: line("放假2天", in: one).number, text: line("放假2天", in: one).text,
                                                           holiday: "元旦", stated: 2, counted: 1))
    }

    @Test func theNoticeOfAnotherYearIsRefused() {
        let failure = refusal(Self.notice2026, year: 2027)
        #expect(failure == .noticeForOtherYear(line: 1, text: "国务院办公厅关于2026年部分节假日安排的通知", noticeYear: 2026, year: 2027))
        #expect(failure?.chineseDescription == "粘贴的是2026年的节假日安排通知，不是2027年的（第1行：「国务院办公厅关于2026年部分节假日安排的通知」）；请粘贴2027年的通知，或将年份改为2026年。")
        #expect(failure?.description.contains("2026, not 2027") == true)
        // The Gazette's split title, and the preamble when there is no title.
        #expect(refusal(Self.notice2023, year: 2024) == .noticeForOtherYear(line: 1, text: "国务院办公厅关于2023年部分节假日安排的通知", noticeYear: 2023, year: 2024))
        let untitled = Self.notice2021.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
        let preamble = line("现将2021年", in: untitled)
        #expect(refusal(untitled, year: 2022) == .noticeForOtherYear(line: preamble.number, text: preamble.text, noticeYear: 2021, year: 2022))
    }

    @Test func itemsOfAnotherYearAreRecognisedByTheirWeekdays() {
        let items = Self.notice2026.split(separator: "\n").filter { $0.contains("日（周") }.joined(separator: "\n")
        let failure = refusal(items, year: 2027)
        #expect(failure == .weekdaysFitOtherYear(line: 1, text: "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。", noticeYear: 2026, year: 2027))
        #expect(failure?.chineseDescription.contains("可能是2026年的通知") == true)
    }

    @Test func aDateOfAnotherYearIsRefused() {
        // The 2021 items, without title and preamble, read for 2022: 「2021年1月1日」 says otherwise.
        let items = Self.notice2021.split(separator: "\n").filter { $0.contains("、") && $0.contains("日") && !$0.contains("各省") && !$0.contains("现将") }.joined(separator: "\n")
        let at = line("2021年1月1日", in: items)
        let failure = refusal(items, year: 2022)
        #expect(failure == .dateNotInYear(line: at.number, text: at.text, date: d("2021-01-01"), year: 2022))
        expectNamesLine(failure, at.number, at.text)
    }

    @Test func aDateThatDoesNotExistIsRefused() {
        let text = Self.notice2026.replacing("2月28日（周六）上班", with: "2月30日（周六）上班")
        let at = line("2月30日", in: text)
        let failure = refusal(text, year: 2026)
        #expect(failure == .dateDoesNotExist(line: at.number, text: at.text, written: "2026年2月30日"))
        expectNamesLine(failure, at.number, at.text)
        #expect(failure?.chineseDescription.contains("日期2026年2月30日不存在") == true)
        // 29 February only in a leap year; 31 April never.
        #expect(refusal(Self.notice2026.replacing("至6日（周一）", with: "至31日（周一）"), year: 2026)
                == .dateDoesNotExist(line: 7, text: "三、清明节：4月4日（周六）至31日（周一）放假，共3天。", written: "2026年4月31日"))
    }

    @Test func datesAndYearsOutside1949To2100AreRefused() {
        #expect(refusal(Self.notice2026, year: 1900) == .yearOutOfRange(year: 1900))
        #expect(refusal(Self.notice2026, year: 2101) == .yearOutOfRange(year: 2101))
        #expect(refusal("", year: 1900) == .yearOutOfRange(year: 1900))
        #expect(Failure.yearOutOfRange(year: 1900).chineseDescription == "年份1900超出范围，只能导入1949年至2100年的节假日安排，请核对年份。")
        let text = "一、元旦：1800年12月31日至1月1日放假调休，共2天。"
        let failure = refusal(text, year: 2026)
        #expect(failure == .dateOutOfRange(line: 1, text: text, written: "1800年12月31日"))
        expectNamesLine(failure, 1, text)
        let signed = Self.notice2026.replacing("2025年11月4日", with: "2025年11月31日")
        #expect(line("2025年11月31日", in: signed).number == 14)
        #expect(refusal(signed, year: 2026) == .dateDoesNotExist(line: 14, text: "2025年11月31日", written: "2025年11月31日"))
    }

    @Test func anEmptyTextIsRefused() {
        #expect(refusal("", year: 2027) == .emptyText(year: 2027))
        #expect(refusal("\n  \n\u{3000}\u{3000}\r\n\t", year: 2027) == .emptyText(year: 2027))
        #expect(Failure.emptyText(year: 2027).chineseDescription == "粘贴的内容是空的，请粘贴《国务院办公厅关于2027年部分节假日安排的通知》全文。")
    }

    @Test func theWrongDocumentIsRefused() {
        let closing = Self.notice2026.split(separator: "\n").filter { !$0.contains("、") || $0.contains("鼓励") }.joined(separator: "\n")
        #expect(!closing.contains("元旦："))
        #expect(refusal(closing, year: 2026) == .noItems(year: 2026))
        #expect(refusal("国务院办公厅关于印发2027年政务公开工作要点的通知\n各省、自治区、直辖市人民政府：\n现将……印发给你们，请认真贯彻落实。", year: 2027) == .noItems(year: 2027))
    }

    @Test func aMissingItemIsNamed() {
        let text = Self.notice2026.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("三、清明节") }.joined(separator: "\n")
        let at = line("四、劳动节", in: text)
        let failure = refusal(text, year: 2026)
        #expect(failure == .itemOutOfSequence(line: at.number, text: at.text, expected: 3, found: 4))
        expectNamesLine(failure, at.number, at.text)
        #expect(failure?.chineseDescription.contains("序号「四、」接不上前文，此处应为「三、」") == true)
    }

    @Test func aBackwardRangeIsNamed() {
        let text = Self.notice2026.replacing("10月1日（周四）至7日（周三）", with: "10月7日（周三）至1日（周四）")
        let at = line("10月7日（周三）至1日", in: text)
        let failure = refusal(text, year: 2026)
        #expect(failure == .rangeBackwards(line: at.number, text: at.text, first: d("2026-10-07"), last: d("2026-10-01")))
        expectNamesLine(failure, at.number, at.text)
    }

    @Test func theFirstFaultInTheTextIsReported() {
        let text = Self.notice2026
            .replacing("5月9日（周六）上班", with: "5月9日（周日）上班")        // line 8
            .replacing("至6日（周一）放假，共3天", with: "至6日（周一）放家，共3天")  // line 7
        #expect(refusal(text, year: 2026)?.line == 7)
    }

    // MARK: - Messages

    @Test func everyFailureSpeaksBothLanguages() {
        let text = "三、清明节：4月4日至6日放家，共3天。"
        let all: [Failure] = [
            .yearOutOfRange(year: 1900), .emptyText(year: 2027), .noItems(year: 2027),
            .amendmentNotice(line: 1, text: "国务院办公厅关于调整2019年劳动节假期安排的通知"),
            .noticeForOtherYear(line: 1, text: "国务院办公厅关于2026年部分节假日安排的通知", noticeYear: 2026, year: 2027),
            .weekdaysFitOtherYear(line: 1, text: text, noticeYear: 2026, year: 2027),
            .unreadableLine(line: 3, text: text),
            .itemOutOfSequence(line: 3, text: text, expected: 2, found: 3),
            .dateDoesNotExist(line: 3, text: text, written: "2027年2月30日"),
            .dateOutOfRange(line: 3, text: text, written: "1800年1月1日"),
            .dateNotInYear(line: 3, text: text, date: d("2026-01-01"), year: 2027),
            .wrongWeekday(line: 3, text: text, date: d("2027-01-01"), stated: 4),
            .wrongDayCount(line: 3, text: text, holiday: "清明节", stated: 4, counted: 3),
            .rangeBackwards(line: 3, text: text, first: d("2027-10-07"), last: d("2027-10-01")),
        ]
        for failure in all {
            let chinese = failure.chineseDescription
            #expect(chinese.hasSuffix("。"), "\(chinese)")
            #expect(!chinese.contains { $0.isASCII && $0.isLetter }, "English in \(chinese)")
            #expect(chinese.contains("请"), "\(chinese)")
            let english = failure.description
            #expect(english.hasSuffix("."), "\(english)")
            #expect(english.first?.isUppercase == true, "\(english)")
            #expect(english != chinese)
            if let line = failure.line, let text = failure.text {
                #expect(chinese.contains("第\(line)行") && chinese.contains("「\(text)」"), "\(chinese)")
                #expect(english.contains("ine \(line)") && english.contains("“\(text)”"), "\(english)")
            }
        }
        #expect(Failure.unreadableLine(line: 3, text: text).chineseDescription == "第3行无法识别：「三、清明节：4月4日至6日放家，共3天。」请对照通知原文核对。")
        #expect(Failure.unreadableLine(line: 3, text: text).description == "Line 3 could not be read as a holiday item: “三、清明节：4月4日至6日放家，共3天。”; check it against the published notice.")
        #expect(Failure.itemOutOfSequence(line: 9, text: "", expected: 10, found: 12).chineseDescription.contains("「十二、」接不上前文，此处应为「十、」"))
    }
}
