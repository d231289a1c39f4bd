/// The Chinese lunisolar calendar (农历) as China reckons it (UTC+8): months begin on the day of
/// the new moon, numbered by the principal solar terms (中气), with the leap-month rule of
/// GB/T 33661-2017.
///
/// The rule, as the standard states it: the day (China time) of a new moon (朔) is the first of a
/// month; the month that holds the winter solstice (冬至) is the eleventh; if from one eleventh
/// month to the next (exclusive) there are 13 months, the first of them that holds no principal
/// term is the leap month and takes the number of the month before it. Holidays such as 春节,
/// 端午 and 中秋 hang on these dates, so they are computed from the sun and moon rather than
/// typed in, the way the Purple Mountain Observatory computes the official calendar.
///
/// The new moons and terms here agree with independent ephemerides to within about 15 s. From
/// 1949 to 2101 every new moon, and every principal term next to the first day of a month, falls
/// at least two minutes from China midnight, except the new moons of 2057-09-28 (computed
/// 23:59:58) and 2097-08-07 (23:59:40). Those two, and 2089-09-04 (23:57:36), are the ones the
/// Hong Kong Observatory flags as undecidable this far ahead: ΔT, the slowing of the earth's
/// rotation, cannot be predicted to a minute decades out. This calendar starts those months on
/// the day computed, as 寿星天文历 (sxtwl) does; ICU starts two of them a day later.
public enum ChineseLunisolar {
    /// The lunar years whose months are tabulated.
    public static let years: ClosedRange<Int> = 1949...2101

    /// The Gregorian day (China time) of `day` of the ordinary (non-leap) lunar month `month` of
    /// the lunar year whose 正月初一 falls in Gregorian year `lunarYear`. Valid for lunarYear
    /// 1949...2101; traps for a year outside that, a month outside 1...12 or a day the month does
    /// not have (30 in a 29-day month).
    public static func date(lunarYear: Int, month: Int, day: Int) -> LocalDate {
        precondition(years.contains(lunarYear), "the lunar calendar is tabulated for \(years), not \(lunarYear)")
        precondition((1...12).contains(month), "a lunar month is 1...12, not \(month)")
        // Months 11 and 12 of a lunar year follow the winter solstice of its Gregorian year;
        // months 1 to 10 precede it, in the span that opened at the previous solstice.
        let span = spans[lunarYear - years.lowerBound + (month >= 11 ? 1 : 0)]
        let position = (month + 1) % 12  // 11 → 0, 12 → 1, 1 → 2, …, 10 → 11
        let index = span.leap.map { position >= $0 ? position + 1 : position } ?? position
        let first = span.starts[index], length = span.starts[index + 1] - first
        precondition((1...length).contains(day), "lunar month \(month) of \(lunarYear) has \(length) days, not day \(day)")
        return LocalDate(dayNumber: first + day - 1)
    }

    /// The months from the eleventh month that holds one winter solstice to the one that holds
    /// the next: the day numbers on which they begin, with the first day of the next span last
    /// (so 13 or 14 entries), and the index of the leap month when there are 13 months.
    struct Span: Sendable {
        let starts: [Int]
        let leap: Int?
    }

    /// The span opening at the winter solstice of each Gregorian year from 1948 (which holds
    /// months 1–10 of lunar year 1949) to 2101 (months 11–12 of lunar year 2101), computed once.
    static let spans: [Span] = {
        let solsticeYears = (years.lowerBound - 1)...(years.upperBound + 1)
        let solstices = solsticeYears.map { SolarTerm.dayNumber(longitude: 270, year: $0) }
        let moons = newMoonDays(from: solstices.first! - 40, through: solstices.last! + 40)
        var spans: [Span] = []
        var i = 0  // index in `moons` of the month that holds the current solstice
        while moons[i + 1] <= solstices[0] { i += 1 }
        for (n, year) in solsticeYears.dropLast().enumerated() {
            var j = i + 1
            while moons[j + 1] <= solstices[n + 1] { j += 1 }
            let starts = Array(moons[i...j])
            spans.append(Span(starts: starts, leap: starts.count == 14 ? leapIndex(starts, afterSolsticeOf: year) : nil))
            i = j
        }
        return spans
    }()

    /// In a 13-month span, the first month that holds no principal term. The principal terms
    /// after the opening solstice are 300°, 330°, 0°, … in the next Gregorian year; a month can
    /// hold two (a short month near perihelion), so the terms are walked alongside the months.
    private static func leapIndex(_ starts: [Int], afterSolsticeOf year: Int) -> Int {
        func principalTerm(_ k: Int) -> Int {  // k·30° past the opening solstice
            SolarTerm.dayNumber(longitude: (270 + 30 * k) % 360, year: year + 1)
        }
        var k = 1
        var next = principalTerm(k)
        for month in 0..<(starts.count - 1) {
            let end = starts[month + 1]
            if month > 0 && next >= end { return month }
            while next < end && k < 12 {
                k += 1
                next = principalTerm(k)
            }
        }
        preconditionFailure("13 lunar months after the solstice of \(year) and each holds a principal term")
    }

    /// The China-time days of the new moons in a range of days, in order.
    private static func newMoonDays(from first: Int, through last: Int) -> [Int] {
        var k = Double(Ephemeris.floor((Ephemeris.unixEpoch + Double(first) - 2_451_550.09766) / 29.530588861))
        var days: [Int] = []
        while true {
            let day = Ephemeris.chinaDayNumber(jde: newMoon(k))
            if day > last { return days }
            if day >= first { days.append(day) }
            k += 1
        }
    }

    /// The instant (JDE, TT) of new moon number `k`, counted from that of 2000-01-06, by Meeus,
    /// *Astronomical Algorithms*, 2nd ed., ch. 49: the mean lunation plus the periodic terms in
    /// the anomalies of sun and moon, the moon's argument of latitude and node, and the 14
    /// planetary arguments. Meeus puts its error against the full ELP-2000/82 theory at a few
    /// seconds, under 20 s at most; the calendar needs the day, and no new moon but the three
    /// named above comes within two minutes of midnight.
    static func newMoon(_ k: Double) -> Double {
        let t = k / 1236.85  // Julian centuries from J2000
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t
        let mean = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4
        let e = 1 - 0.002516 * t - 0.0000074 * t2  // the shrinking eccentricity of the earth's orbit
        let m = 2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3  // sun's mean anomaly
        let mm = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4  // moon's
        let f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4
        let om = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3
        var correction = 0.0
        let periodicTerms = periodicTerms, planetaryTerms = planetaryTerms
        for i in periodicTerms.indices {
            let term = periodicTerms[i]
            let argument = Double(term.m) * m + Double(term.mm) * mm + Double(term.f) * f + Double(term.om) * om
            var amplitude = term.days
            for _ in 0..<term.e { amplitude *= e }
            correction += amplitude * Ephemeris.sin(degrees: argument)
        }
        for i in planetaryTerms.indices {
            let term = planetaryTerms[i]
            correction += term.days * Ephemeris.sin(degrees: term.a0 + term.perLunation * k + term.t2 * t2)
        }
        return mean + correction
    }

    /// Meeus table 49 for the new moon: days × Eᵉ × sin(m·M + m′·M′ + f·F + o·Ω).
    private static let periodicTerms: [(days: Double, e: Int, m: Int, mm: Int, f: Int, om: Int)] = [
        (-0.40720, 0, 0, 1, 0, 0), (0.17241, 1, 1, 0, 0, 0), (0.01608, 0, 0, 2, 0, 0),
        (0.01039, 0, 0, 0, 2, 0), (0.00739, 1, -1, 1, 0, 0), (-0.00514, 1, 1, 1, 0, 0),
        (0.00208, 2, 2, 0, 0, 0), (-0.00111, 0, 0, 1, -2, 0), (-0.00057, 0, 0, 1, 2, 0),
        (0.00056, 1, 1, 2, 0, 0), (-0.00042, 0, 0, 3, 0, 0), (0.00042, 1, 1, 0, 2, 0),
        (0.00038, 1, 1, 0, -2, 0), (-0.00024, 1, -1, 2, 0, 0), (-0.00017, 0, 0, 0, 0, 1),
        (-0.00007, 0, 2, 1, 0, 0), (0.00004, 0, 0, 2, -2, 0), (0.00004, 0, 3, 0, 0, 0),
        (0.00003, 0, 1, 1, -2, 0), (0.00003, 0, 0, 2, 2, 0), (-0.00003, 0, 1, 1, 2, 0),
        (0.00003, 0, -1, 1, 2, 0), (-0.00002, 0, -1, 1, -2, 0), (-0.00002, 0, 1, 3, 0, 0),
        (0.00002, 0, 0, 4, 0, 0),
    ]

    /// Meeus's additional corrections for all phases: days × sin(a0 + perLunation·k + t2·T²).
    private static let planetaryTerms: [(days: Double, a0: Double, perLunation: Double, t2: Double)] = [
        (0.000325, 299.77, 0.107408, -0.009173), (0.000165, 251.88, 0.016321, 0),
        (0.000164, 251.83, 26.651886, 0), (0.000126, 349.42, 36.412478, 0),
        (0.000110, 84.66, 18.206239, 0), (0.000062, 141.74, 53.303771, 0),
        (0.000060, 207.14, 2.453732, 0), (0.000056, 154.84, 7.306860, 0),
        (0.000047, 34.52, 27.261239, 0), (0.000042, 207.19, 0.121824, 0),
        (0.000040, 291.34, 1.844379, 0), (0.000037, 161.72, 24.198154, 0),
        (0.000035, 239.56, 25.513099, 0), (0.000023, 331.55, 3.592518, 0),
    ]
}
