/// The State Council holiday notices of 2019–2026 (2024–2026 as in the project's cn-workcalendar.json;
/// 2019–2023 from those years' notices, checked date by date against the public holiday-cn data
/// set). Each year also carries the working-day total the notices give, which the tests check.
extension CalendarYear {
    public static let official: [CalendarYear] = [
        CalendarYear(
            year: 2019,
            notice: "国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号，2018年12月4日）；劳动节按国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕3号，2019年3月22日）调整为5月1日至4日放假调休，4月28日（星期日）、5月5日（星期日）上班。元旦假期自2018年12月30日起，2018年12月29日（星期六）上班",
            holidays: [
                .init(name: "元旦", first: .init(iso: "2018-12-30")!, last: .init(iso: "2019-01-01")!),
                .init(name: "春节", first: .init(iso: "2019-02-04")!, last: .init(iso: "2019-02-10")!),
                .init(name: "清明节", first: .init(iso: "2019-04-05")!, last: .init(iso: "2019-04-05")!),
                .init(name: "劳动节", first: .init(iso: "2019-05-01")!, last: .init(iso: "2019-05-04")!),
                .init(name: "端午节", first: .init(iso: "2019-06-07")!, last: .init(iso: "2019-06-07")!),
                .init(name: "中秋节", first: .init(iso: "2019-09-13")!, last: .init(iso: "2019-09-13")!),
                .init(name: "国庆节", first: .init(iso: "2019-10-01")!, last: .init(iso: "2019-10-07")!),
            ],
            makeupWorkdays: [.init(iso: "2018-12-29")!, .init(iso: "2019-02-02")!, .init(iso: "2019-02-03")!, .init(iso: "2019-04-28")!, .init(iso: "2019-05-05")!, .init(iso: "2019-09-29")!, .init(iso: "2019-10-12")!]),
        CalendarYear(
            year: 2020,
            notice: "国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号，2019年11月21日）；春节假期按国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号，2020年1月26日）延长至2月2日，2月3日（星期一）起正常上班，原定2月1日（星期六）上班因此不再上班",
            holidays: [
                .init(name: "元旦", first: .init(iso: "2020-01-01")!, last: .init(iso: "2020-01-01")!),
                .init(name: "春节", first: .init(iso: "2020-01-24")!, last: .init(iso: "2020-02-02")!),
                .init(name: "清明节", first: .init(iso: "2020-04-04")!, last: .init(iso: "2020-04-06")!),
                .init(name: "劳动节", first: .init(iso: "2020-05-01")!, last: .init(iso: "2020-05-05")!),
                .init(name: "端午节", first: .init(iso: "2020-06-25")!, last: .init(iso: "2020-06-27")!),
                .init(name: "国庆节、中秋节", first: .init(iso: "2020-10-01")!, last: .init(iso: "2020-10-08")!),
            ],
            makeupWorkdays: [.init(iso: "2020-01-19")!, .init(iso: "2020-04-26")!, .init(iso: "2020-05-09")!, .init(iso: "2020-06-28")!, .init(iso: "2020-09-27")!, .init(iso: "2020-10-10")!]),
        CalendarYear(
            year: 2021,
            notice: "国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号，2020年11月25日）",
            holidays: [
                .init(name: "元旦", first: .init(iso: "2021-01-01")!, last: .init(iso: "2021-01-03")!),
                .init(name: "春节", first: .init(iso: "2021-02-11")!, last: .init(iso: "2021-02-17")!),
                .init(name: "清明节", first: .init(iso: "2021-04-03")!, last: .init(iso: "2021-04-05")!),
                .init(name: "劳动节", first: .init(iso: "2021-05-01")!, last: .init(iso: "2021-05-05")!),
                .init(name: "端午节", first: .init(iso: "2021-06-12")!, last: .init(iso: "2021-06-14")!),
                .init(name: "中秋节", first: .init(iso: "2021-09-19")!, last: .init(iso: "2021-09-21")!),
                .init(name: "国庆节", first: .init(iso: "2021-10-01")!, last: .init(iso: "2021-10-07")!),
            ],
            makeupWorkdays: [.init(iso: "2021-02-07")!, .init(iso: "2021-02-20")!, .init(iso: "2021-04-25")!, .init(iso: "2021-05-08")!, .init(iso: "2021-09-18")!, .init(iso: "2021-09-26")!, .init(iso: "2021-10-09")!]),
        CalendarYear(
            year: 2022,
            notice: "国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号，2021年10月25日）",
            holidays: [
                .init(name: "元旦", first: .init(iso: "2022-01-01")!, last: .init(iso: "2022-01-03")!),
                .init(name: "春节", first: .init(iso: "2022-01-31")!, last: .init(iso: "2022-02-06")!),
                .init(name: "清明节", first: .init(iso: "2022-04-03")!, last: .init(iso: "2022-04-05")!),
                .init(name: "劳动节", first: .init(iso: "2022-04-30")!, last: .init(iso: "2022-05-04")!),
                .init(name: "端午节", first: .init(iso: "2022-06-03")!, last: .init(iso: "2022-06-05")!),
                .init(name: "中秋节", first: .init(iso: "2022-09-10")!, last: .init(iso: "2022-09-12")!),
                .init(name: "国庆节", first: .init(iso: "2022-10-01")!, last: .init(iso: "2022-10-07")!),
            ],
            makeupWorkdays: [.init(iso: "2022-01-29")!, .init(iso: "2022-01-30")!, .init(iso: "2022-04-02")!, .init(iso: "2022-04-24")!, .init(iso: "2022-05-07")!, .init(iso: "2022-10-08")!, .init(iso: "2022-10-09")!]),
        CalendarYear(
            year: 2023,
            notice: "国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号，2022年12月8日）。元旦假期自2022年12月31日起",
            holidays: [
                .init(name: "元旦", first: .init(iso: "2022-12-31")!, last: .init(iso: "2023-01-02")!),
                .init(name: "春节", first: .init(iso: "2023-01-21")!, last: .init(iso: "2023-01-27")!),
                .init(name: "清明节", first: .init(iso: "2023-04-05")!, last: .init(iso: "2023-04-05")!),
                .init(name: "劳动节", first: .init(iso: "2023-04-29")!, last: .init(iso: "2023-05-03")!),
                .init(name: "端午节", first: .init(iso: "2023-06-22")!, last: .init(iso: "2023-06-24")!),
                .init(name: "中秋节、国庆节", first: .init(iso: "2023-09-29")!, last: .init(iso: "2023-10-06")!),
            ],
            makeupWorkdays: [.init(iso: "2023-01-28")!, .init(iso: "2023-01-29")!, .init(iso: "2023-04-23")!, .init(iso: "2023-05-06")!, .init(iso: "2023-06-25")!, .init(iso: "2023-10-07")!, .init(iso: "2023-10-08")!]),
        CalendarYear(
            year: 2024,
            notice: "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）",
            holidays: [
                .init(name: "元旦", first: .init(iso: "2024-01-01")!, last: .init(iso: "2024-01-01")!),
                .init(name: "春节", first: .init(iso: "2024-02-10")!, last: .init(iso: "2024-02-17")!),
                .init(name: "清明节", first: .init(iso: "2024-04-04")!, last: .init(iso: "2024-04-06")!),
                .init(name: "劳动节", first: .init(iso: "2024-05-01")!, last: .init(iso: "2024-05-05")!),
                .init(name: "端午节", first: .init(iso: "2024-06-10")!, last: .init(iso: "2024-06-10")!),
                .init(name: "中秋节", first: .init(iso: "2024-09-15")!, last: .init(iso: "2024-09-17")!),
                .init(name: "国庆节", first: .init(iso: "2024-10-01")!, last: .init(iso: "2024-10-07")!),
            ],
            makeupWorkdays: [.init(iso: "2024-02-04")!, .init(iso: "2024-02-18")!, .init(iso: "2024-04-07")!, .init(iso: "2024-04-28")!, .init(iso: "2024-05-11")!, .init(iso: "2024-09-14")!, .init(iso: "2024-09-29")!, .init(iso: "2024-10-12")!]),
        CalendarYear(
            year: 2025,
            notice: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）",
            holidays: [
                .init(name: "元旦", first: .init(iso: "2025-01-01")!, last: .init(iso: "2025-01-01")!),
                .init(name: "春节", first: .init(iso: "2025-01-28")!, last: .init(iso: "2025-02-04")!),
                .init(name: "清明节", first: .init(iso: "2025-04-04")!, last: .init(iso: "2025-04-06")!),
                .init(name: "劳动节", first: .init(iso: "2025-05-01")!, last: .init(iso: "2025-05-05")!),
                .init(name: "端午节", first: .init(iso: "2025-05-31")!, last: .init(iso: "2025-06-02")!),
                .init(name: "国庆节、中秋节", first: .init(iso: "2025-10-01")!, last: .init(iso: "2025-10-08")!),
            ],
            makeupWorkdays: [.init(iso: "2025-01-26")!, .init(iso: "2025-02-08")!, .init(iso: "2025-04-27")!, .init(iso: "2025-09-28")!, .init(iso: "2025-10-11")!]),
        CalendarYear(
            year: 2026,
            notice: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日；文号未核实）",
            holidays: [
                .init(name: "元旦", first: .init(iso: "2026-01-01")!, last: .init(iso: "2026-01-03")!),
                .init(name: "春节", first: .init(iso: "2026-02-15")!, last: .init(iso: "2026-02-23")!),
                .init(name: "清明节", first: .init(iso: "2026-04-04")!, last: .init(iso: "2026-04-06")!),
                .init(name: "劳动节", first: .init(iso: "2026-05-01")!, last: .init(iso: "2026-05-05")!),
                .init(name: "端午节", first: .init(iso: "2026-06-19")!, last: .init(iso: "2026-06-21")!),
                .init(name: "中秋节", first: .init(iso: "2026-09-25")!, last: .init(iso: "2026-09-27")!),
                .init(name: "国庆节", first: .init(iso: "2026-10-01")!, last: .init(iso: "2026-10-07")!),
            ],
            makeupWorkdays: [.init(iso: "2026-01-04")!, .init(iso: "2026-02-14")!, .init(iso: "2026-02-28")!, .init(iso: "2026-05-09")!, .init(iso: "2026-09-20")!, .init(iso: "2026-10-10")!]),
    ]
}
