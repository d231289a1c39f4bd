/// The 24 solar terms (节气): the days on which the sun's apparent geocentric ecliptic longitude
/// reaches a multiple of 15°, as the day falls in China time (UTC+8). 清明 (15°) is a public
/// holiday whose date moves between 4 and 5 April, so it is computed rather than typed in.
public enum SolarTerm {
    /// The day (China time, UTC+8) on which the sun's apparent geocentric ecliptic longitude
    /// reaches 15° (清明) in `year`. Valid 1949...2101.
    public static func qingming(_ year: Int) -> LocalDate { day(longitude: 15, year: year) }

    /// The day (China time) on which the sun's apparent longitude reaches `longitude` degrees
    /// (0 春分, 15 清明, … 270 冬至, 285 小寒, … 345 惊蛰) in Gregorian `year`; each term falls
    /// once a year. Valid 1949...2101 (the astronomy holds to the day well beyond that, but the
    /// prediction of ΔT is the limit in the future).
    public static func day(longitude: Int, year: Int) -> LocalDate {
        precondition(longitude % 15 == 0 && (0..<360).contains(longitude), "a solar term is a multiple of 15° in 0..<360, not \(longitude)")
        return LocalDate(dayNumber: dayNumber(longitude: longitude, year: year))
    }

    /// `day(longitude:year:)` as a `LocalDate.dayNumber`.
    static func dayNumber(longitude: Int, year: Int) -> Int {
        Ephemeris.chinaDayNumber(jde: jde(longitude: Double(longitude), year: year))
    }

    /// The instant (Julian Ephemeris Day, TT) at which the sun's apparent longitude reaches
    /// `longitude` in Gregorian `year`. Terms from 285° (小寒, early January) on fall before the
    /// March equinox, the rest after it.
    static func jde(longitude: Double, year: Int) -> Double {
        let marchEquinox = Ephemeris.julianDay(year: year, month: 3, day: 20.5)
        var jde = marchEquinox + (longitude < 285 ? longitude : longitude - 360) * (365.2422 / 360)
        // Newton's method, the sun's speed taken as its mean motion with the equation of centre.
        // The low-accuracy sun (0.01°) gets within 15 minutes cheaply; from there one or two
        // steps with the full theory bring the error under a second.
        for _ in 0..<3 { jde += daysToReach(longitude, from: Ephemeris.sunApproximateLongitude(jde: jde), at: jde) }
        for _ in 0..<5 {
            let step = daysToReach(longitude, from: Ephemeris.sunApparentLongitude(jde: jde), at: jde)
            jde += step
            if abs(step) < 1e-5 { break }
        }
        return jde
    }

    private static func daysToReach(_ target: Double, from longitude: Double, at jde: Double) -> Double {
        let meanAnomaly = 357.52911 + 0.98560028 * (jde - Ephemeris.j2000)
        let degreesPerDay = 0.98560028 * (1 + 0.03342 * Ephemeris.cos(degrees: meanAnomaly) + 0.0007 * Ephemeris.cos(degrees: 2 * meanAnomaly))
        return (target - longitude).remainder(dividingBy: 360) / degreesPerDay
    }
}

/// The astronomy the Chinese calendar needs, in pure Swift: this module imports nothing, and the
/// standard library has no trigonometry, so sine and cosine are computed here too.
enum Ephemeris {
    static let j2000 = 2_451_545.0
    /// The Julian Day of 1970-01-01 00:00 UT, where `LocalDate.dayNumber` counts from.
    static let unixEpoch = 2_440_587.5

    // MARK: Trigonometry

    /// Sine of an angle in radians. Arguments of VSOP87 terms reach a few tens of thousands of
    /// radians and lose nothing that matters (1e-12 rad) in the division by 2π.
    static func sin(radians x: Double) -> Double { sin(turns: x / (2 * .pi)) }
    static func cos(radians x: Double) -> Double { sin(turns: x / (2 * .pi) + 0.25) }
    static func sin(degrees: Double) -> Double { sin(turns: degrees / 360) }
    static func cos(degrees: Double) -> Double { sin(turns: degrees / 360 + 0.25) }

    /// Sine of an angle in whole turns, good to about 1e-16: the whole turns are dropped, the
    /// rest is taken to within ±π/4 of a multiple of π/2, and there the Taylor series converges
    /// fast (the first neglected term is below 5e-17). Integer conversion rather than
    /// `rounded()`, which calls into the C maths library.
    static func sin(turns t: Double) -> Double {
        let fraction = t - Double(Int(t))  // -1 < fraction < 1
        let quadrant = Int(fraction * 4 + (fraction < 0 ? -0.5 : 0.5))  // nearest quarter turn
        let x = (fraction - Double(quadrant) * 0.25) * (2 * .pi)
        switch quadrant & 3 {
        case 0: return sinSeries(x)
        case 1: return cosSeries(x)
        case 2: return -sinSeries(x)
        default: return -cosSeries(x)
        }
    }

    /// The greatest integer not above `x`, again without the C maths library.
    static func floor(_ x: Double) -> Int {
        let truncated = Int(x)
        return Double(truncated) > x ? truncated - 1 : truncated
    }

    /// Taylor series to x¹⁵ and x¹⁶, nested so each factor divides by the next two integers.
    private static func sinSeries(_ x: Double) -> Double {
        let x2 = x * x
        return x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72 * (1 - x2 / 110 * (1 - x2 / 156 * (1 - x2 / 210)))))))
    }

    private static func cosSeries(_ x: Double) -> Double {
        let x2 = x * x
        return 1 - x2 / 2 * (1 - x2 / 12 * (1 - x2 / 30 * (1 - x2 / 56 * (1 - x2 / 90 * (1 - x2 / 132 * (1 - x2 / 182 * (1 - x2 / 240)))))))
    }

    // MARK: Time

    /// The Julian Day at the start of `day` (which may carry a fraction) of a Gregorian month.
    static func julianDay(year: Int, month: Int, day: Double) -> Double {
        unixEpoch + Double(LocalDate(year: year, month: month, day: 1)!.dayNumber) + day - 1
    }

    /// ΔT = TT − UT in seconds, by the polynomials of Espenak and Meeus (NASA's *Five Millennium
    /// Canon of Solar Eclipses*, 2006). Measured values for 1949–2025 lie within a few seconds
    /// of these (the 2005–2050 one runs about 5 s ahead by 2025); for later years they are a
    /// prediction, as the official calendar's own ΔT is.
    static func deltaT(jde: Double) -> Double {
        let y = 2000 + (jde - j2000) / 365.25
        switch y {
        case ..<1961:
            let t = y - 1950
            return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547
        case ..<1986:
            let t = y - 1975
            return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718
        case ..<2005:
            let t = y - 2000
            return 63.86 + t * (0.3345 + t * (-0.060374 + t * (0.0017275 + t * (0.000651814 + t * 0.00002373599))))
        case ..<2050:
            let t = y - 2000
            return 62.92 + 0.32217 * t + 0.005589 * t * t
        default:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u - 0.5628 * (2150 - y)
        }
    }

    /// The China-time (UTC+8) day, as a `LocalDate.dayNumber`, in which an instant given in TT
    /// falls: the calendar is reckoned in civil time, so ΔT is taken off first.
    static func chinaDayNumber(jde: Double) -> Int {
        let ut = jde - deltaT(jde: jde) / 86_400
        return floor(ut - unixEpoch + 8.0 / 24)
    }

    // MARK: The sun

    /// The sun's apparent geocentric longitude in degrees (0..<360), referred to the true
    /// equinox of date (Meeus, *Astronomical Algorithms*, 2nd ed., ch. 25 "higher accuracy" and
    /// ch. 32): the earth's heliocentric longitude from VSOP87 as truncated in Meeus's Appendix
    /// III (about 1″, i.e. 25 s of time), turned round by 180°, moved to the FK5 frame (−0.09033″),
    /// plus nutation in longitude, minus aberration (−20.4898″/R). The latitude β stays under
    /// 1.2″ and enters only through the FK5 term 0.03916″·(cos λ + sin λ)·tan β, a few
    /// millionths of an arcsecond, so it is left out.
    static func sunApparentLongitude(jde: Double) -> Double {
        let tau = (jde - j2000) / 365_250  // Julian millennia, as VSOP87 counts
        var heliocentric = 0.0  // radians; Horner in τ from L5 down to L0
        for power in stride(from: earthLongitude.count - 1, through: 0, by: -1) {
            let series = earthLongitude[power]
            var sum = 0.0
            for i in series.indices { sum += series[i].a * cos(radians: series[i].b + series[i].c * tau) }
            heliocentric = heliocentric * tau + sum * 1e-8
        }
        let arcseconds = -0.09033 + nutationInLongitude(jde: jde) - 20.4898 / earthSunDistance(tau: tau)
        return normalized(heliocentric * (180 / .pi) + 180 + arcseconds / 3600)
    }

    /// The sun's apparent longitude to about 0.01° (Meeus ch. 25, low accuracy): mean longitude
    /// plus the equation of centre, less aberration and the main term of nutation.
    static func sunApproximateLongitude(jde: Double) -> Double {
        let t = (jde - j2000) / 36_525
        let meanLongitude = 280.46646 + t * (36_000.76983 + t * 0.0003032)
        let m = 357.52911 + t * (35_999.05029 - t * 0.0001537)
        let centre = (1.914602 - t * (0.004817 + t * 0.000014)) * sin(degrees: m)
            + (0.019993 - t * 0.000101) * sin(degrees: 2 * m) + 0.000289 * sin(degrees: 3 * m)
        let node = 125.04 - 1934.136 * t
        return normalized(meanLongitude + centre - 0.00569 - 0.00478 * sin(degrees: node))
    }

    private static func normalized(_ degrees: Double) -> Double {
        let reduced = degrees.truncatingRemainder(dividingBy: 360)
        return reduced < 0 ? reduced + 360 : reduced
    }

    /// Earth–sun distance in AU, only for the aberration: the leading VSOP87 terms give it to
    /// 3e-5 AU, which moves the aberration by under 0.001″.
    private static func earthSunDistance(tau: Double) -> Double {
        let r0 = 1.00013989 + 0.01670700 * cos(radians: 3.0984635 + 6283.07585 * tau)
            + 0.00013956 * cos(radians: 3.05525 + 12566.1517 * tau)
        let r1 = 0.00103019 * cos(radians: 1.10749 + 6283.07585 * tau)
        return r0 + r1 * tau
    }

    /// Nutation in longitude, Δψ, in arcseconds: the 13 largest terms of the IAU 1980 theory
    /// (Meeus table 22.A, down to 0.0123″); the 50 left out add up to a few hundredths of an
    /// arcsecond, about a second of time for the sun.
    static func nutationInLongitude(jde: Double) -> Double {
        let t = (jde - j2000) / 36_525
        // Mean elongation of the moon, anomalies of sun and moon, moon's argument of latitude,
        // and the longitude of its ascending node, in degrees.
        let d = 297.85036 + t * (445_267.111480 + t * (-0.0019142 + t / 189_474))
        let m = 357.52772 + t * (35_999.050340 + t * (-0.0001603 - t / 300_000))
        let mm = 134.96298 + t * (477_198.867398 + t * (0.0086972 + t / 56_250))
        let f = 93.27191 + t * (483_202.017538 + t * (-0.0036825 + t / 327_270))
        let om = 125.04452 + t * (-1934.136261 + t * (0.0020708 + t / 450_000))
        var sum = 0.0
        let terms = nutationTerms
        for i in terms.indices {
            let row = terms[i]
            let argument = row.d * d + row.m * m + row.mm * mm + row.f * f + row.om * om
            sum += (row.a + row.b * t) * sin(degrees: argument)
        }
        return sum * 1e-4
    }

    /// Multiples of D, M, M′, F, Ω and the coefficient of the sine, (a + b·T) × 0.0001″.
    private static let nutationTerms = nutationTable.map {
        NutationTerm(d: Double($0.0), m: Double($0.1), mm: Double($0.2), f: Double($0.3), om: Double($0.4), a: $0.5, b: $0.6)
    }
    private struct NutationTerm { let d, m, mm, f, om, a, b: Double }
    private static let nutationTable: [(Int, Int, Int, Int, Int, Double, Double)] = [
        (0, 0, 0, 0, 1, -171_996, -174.2),
        (-2, 0, 0, 2, 2, -13_187, -1.6),
        (0, 0, 0, 2, 2, -2274, -0.2),
        (0, 0, 0, 0, 2, 2062, 0.2),
        (0, 1, 0, 0, 0, 1426, -3.4),
        (0, 0, 1, 0, 0, 712, 0.1),
        (-2, 1, 0, 2, 2, -517, 1.2),
        (0, 0, 0, 2, 1, -386, -0.4),
        (0, 0, 1, 2, 2, -301, 0),
        (-2, -1, 0, 2, 2, 217, -0.5),
        (-2, 0, 1, 0, 0, -158, 0),
        (-2, 0, 0, 2, 1, 129, 0.1),
        (0, 0, -1, 2, 2, 123, 0),
    ]

    /// VSOP87D series for the earth's heliocentric longitude as abridged in Meeus, *Astronomical
    /// Algorithms*, Appendix III: L = Σₙ τⁿ Σ A cos(B + C τ), A in 1e-8 rad, B in rad, C in rad
    /// per Julian millennium. L0…L5 have 64, 34, 20, 7, 3 and 1 terms.
    private static let earthLongitude = earthLongitudeTable.map { $0.map { Wave(a: $0.0, b: $0.1, c: $0.2) } }
    /// One periodic term; the tables are written as tuples and turned into these once, because
    /// iterating arrays of tuples is several times slower in a debug build.
    struct Wave { let a, b, c: Double }
    private static let earthLongitudeTable: [[(Double, Double, Double)]] = [
        [
            (175_347_046, 0, 0), (3_341_656, 4.6692568, 6283.07585), (34894, 4.6261, 12566.1517),
            (3497, 2.7441, 5753.3849), (3418, 2.8289, 3.5231), (3136, 3.6277, 77713.7715),
            (2676, 4.4181, 7860.4194), (2343, 6.1352, 3930.2097), (1324, 0.7425, 11506.7698),
            (1273, 2.0371, 529.6910), (1199, 1.1096, 1577.3435), (990, 5.233, 5884.927),
            (902, 2.045, 26.298), (857, 3.508, 398.149), (780, 1.179, 5223.694),
            (753, 2.533, 5507.553), (505, 4.583, 18849.228), (492, 4.205, 775.523),
            (357, 2.920, 0.067), (317, 5.849, 11790.629), (284, 1.899, 796.298),
            (271, 0.315, 10977.079), (243, 0.345, 5486.778), (206, 4.806, 2544.314),
            (205, 1.869, 5573.143), (202, 2.458, 6069.777), (156, 0.833, 213.299),
            (132, 3.411, 2942.463), (126, 1.083, 20.775), (115, 0.645, 0.980),
            (103, 0.636, 4694.003), (102, 0.976, 15720.839), (102, 4.267, 7.114),
            (99, 6.21, 2146.17), (98, 0.68, 155.42), (86, 5.98, 161000.69),
            (85, 1.30, 6275.96), (85, 3.67, 71430.70), (80, 1.81, 17260.15),
            (79, 3.04, 12036.46), (75, 1.76, 5088.63), (74, 3.50, 3154.69),
            (74, 4.68, 801.82), (70, 0.83, 9437.76), (62, 3.98, 8827.39),
            (61, 1.82, 7084.90), (57, 2.78, 6286.60), (56, 4.39, 14143.50),
            (56, 3.47, 6279.55), (52, 0.19, 12139.55), (52, 1.33, 1748.02),
            (51, 0.28, 5856.48), (49, 0.49, 1194.45), (41, 5.37, 8429.24),
            (41, 2.40, 19651.05), (39, 6.17, 10447.39), (37, 6.04, 10213.29),
            (37, 2.57, 1059.38), (36, 1.71, 2352.87), (36, 1.78, 6812.77),
            (33, 0.59, 17789.85), (30, 0.44, 83996.85), (30, 2.74, 1349.87),
            (25, 3.16, 4690.48),
        ],
        [
            (628_331_966_747, 0, 0), (206_059, 2.678235, 6283.07585), (4303, 2.6351, 12566.1517),
            (425, 1.590, 3.523), (119, 5.796, 26.298), (109, 2.966, 1577.344),
            (93, 2.59, 18849.23), (72, 1.14, 529.69), (68, 1.87, 398.15),
            (67, 4.41, 5507.55), (59, 2.89, 5223.69), (56, 2.17, 155.42),
            (45, 0.40, 796.30), (36, 0.47, 775.52), (29, 2.65, 7.11),
            (21, 5.34, 0.98), (19, 1.85, 5486.78), (19, 4.97, 213.30),
            (17, 2.99, 6275.96), (16, 0.03, 2544.31), (16, 1.43, 2146.17),
            (15, 1.21, 10977.08), (12, 2.83, 1748.02), (12, 3.26, 5088.63),
            (12, 5.27, 1194.45), (12, 2.08, 4694.00), (11, 0.77, 553.57),
            (10, 1.30, 6286.60), (10, 4.24, 1349.87), (9, 2.70, 242.73),
            (9, 5.64, 951.72), (8, 5.30, 2352.87), (6, 2.65, 9437.76),
            (6, 4.67, 4690.48),
        ],
        [
            (52919, 0, 0), (8720, 1.0721, 6283.0758), (309, 0.867, 12566.152),
            (27, 0.05, 3.52), (16, 5.19, 26.30), (16, 3.68, 155.42),
            (10, 0.76, 18849.23), (9, 2.06, 77713.77), (7, 0.83, 775.52),
            (5, 4.66, 1577.34), (4, 1.03, 7.11), (4, 3.44, 5573.14),
            (3, 5.14, 796.30), (3, 6.05, 5507.55), (3, 1.19, 242.73),
            (3, 6.12, 529.69), (3, 0.31, 398.15), (3, 2.28, 553.57),
            (2, 4.38, 5223.69), (2, 3.75, 0.98),
        ],
        [
            (289, 5.844, 6283.076), (35, 0, 0), (17, 5.49, 12566.15),
            (3, 5.20, 155.42), (1, 4.72, 3.52), (1, 5.30, 18849.23),
            (1, 5.97, 242.73),
        ],
        [(114, 3.142, 0), (8, 4.13, 6283.08), (1, 3.84, 12566.15)],
        [(1, 3.14, 0)],
    ]
}
