/// Small server-side SVG charts: no script, printable, readable by screen readers through the
/// title and the table beside each chart.
enum SVGChart {
    /// Vertical bars, one per label (the twelve months, say).
    static func columns(_ values: [(String, Int)], title: String, width: Int = 560, height: Int = 180) -> String {
        let top = max(1, values.map(\.1).max() ?? 1)
        let band = Double(width - 40) / Double(max(1, values.count))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(Page.escape(title))\" viewBox=\"0 0 \(width) \(height + 30)\" width=\"\(width)\" height=\"\(height + 30)\" class=\"chart\"><title>\(Page.escape(title))</title>"
        for (i, (label, value)) in values.enumerated() {
            let h = Double(height - 20) * Double(value) / Double(top)
            let x = 30 + Double(i) * band
            svg += "<rect x=\"\(fmt(x + band * 0.15))\" y=\"\(fmt(Double(height) - h))\" width=\"\(fmt(band * 0.7))\" height=\"\(fmt(h))\" fill=\"#0b3d75\"/>"
            svg += "<text x=\"\(fmt(x + band / 2))\" y=\"\(fmt(Double(height) - h - 4))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1f2328\">\(value)</text>"
            svg += "<text x=\"\(fmt(x + band / 2))\" y=\"\(height + 16)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1f2328\">\(Page.escape(label))</text>"
        }
        return svg + "<line x1=\"30\" y1=\"\(height)\" x2=\"\(width - 10)\" y2=\"\(height)\" stroke=\"#57606a\"/></svg>"
    }

    /// Horizontal bars for categories, largest first.
    static func bars(_ values: [(String, Int)], title: String, width: Int = 560) -> String {
        let top = max(1, values.map(\.1).max() ?? 1)
        let row = 22, labelWidth = 170
        let height = max(row, values.count * row) + 8
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(Page.escape(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" class=\"chart\"><title>\(Page.escape(title))</title>"
        for (i, (label, value)) in values.enumerated() {
            let w = Double(width - labelWidth - 50) * Double(value) / Double(top)
            let y = i * row + 4
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" font-size=\"12\" text-anchor=\"end\" fill=\"#1f2328\">\(Page.escape(String(label.prefix(14))))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(fmt(w))\" height=\"14\" fill=\"#0b3d75\"/>"
            svg += "<text x=\"\(fmt(Double(labelWidth) + w + 4))\" y=\"\(y + 14)\" font-size=\"12\" fill=\"#1f2328\">\(value)</text>"
        }
        return svg + "</svg>"
    }

    static func fmt(_ x: Double) -> String { String((x * 10).rounded() / 10) }
}
