/// statistics.mustache: 统计, every count with the link to the cases it counts (none where no
/// case filter reproduces it).
struct StatisticsView {
    struct Year {
        let value: Int
        let selected: Bool
    }

    struct Count {
        let count: String
        let label: String
        let link: String?
    }

    struct Breakdown {
        let title: String
        let rows: [Count]
    }

    struct Month {
        let month: String
    }

    struct HeatRow {
        struct Cell {
            let count: Int
            let shade: String
            let link: String?
        }

        let topic: String
        let cells: [Cell]
    }

    struct Several {
        let subject: String
        let applicants: Int
    }

    struct Frequent {
        let name: String
        let month: Int
        let count: Int
    }

    let year: Int
    let years: [Year]
    let cards: [Count]
    /// The charts, drawn on the server as SVG.
    let monthChart: String
    let finishedChart: String
    let topicChart: String
    let agencyChart: String
    let breakdowns: [Breakdown]
    let months: [Month]
    let heat: [HeatRow]
    let several: [Several]
    let frequent: [Frequent]
}
