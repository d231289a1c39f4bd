/// calendar_preview.mustache: the notice as read, each year as twelve month grids, to confirm.
struct CalendarPreviewView {
    struct Holiday {
        let name: String
        let first: String
        let last: String
        let single: Bool
    }

    /// One month's grid, Monday first, in weeks of seven cells.
    struct Month {
        struct Week {
            let days: [Day]
        }

        /// A day of the month, or a blank cell before the first or after the last.
        struct Day {
            let blank: Bool
            let day: Int
            /// 休 or 班; nil on an ordinary day.
            let mark: String?
            /// The holiday's name or 调休上班, shown on hover.
            let title: String?
            let css: String

            static let empty = Day(blank: true, day: 0, mark: nil, title: nil, css: "")
        }

        let month: String
        let weeks: [Week]
        let workdays: Int
    }

    struct Year {
        let year: Int
        let notice: String
        let days: Int
        let replaces: String
        let changed: Int
        let holidays: [Holiday]
        let makeup: [String]
        let months: [Month]
    }

    /// What was pasted and the year named, sent again when confirmed.
    let text: String
    let year: String
    let years: [Year]
}
