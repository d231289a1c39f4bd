/// Small server-side SVG charts: no script, printable, readable by screen readers through the
/// title and the table beside each chart. Each bar with a link leads to the cases it counts.
/// Text is 12px or more at the chart's drawn size, and the page never scales a chart down
/// (style.css: svg.chart), so that the labels stay readable.
enum SVGChart {
    struct Item: Sendable {
        var label: String
        var value: Int
        var link: String?
    }

    static let labelSize = 13, valueSize = 12

    /// Vertical bars, one per label (the twelve months, say).
    static func columns(_ values: [Item], title: String, width: Int = 600, height: Int = 190) -> String {
        let top = max(1, values.map(\.value).max() ?? 1)
        let band = Double(width - 40) / Double(max(1, values.count))
        var svg = open(title, width: width, height: height + 30)
        for (i, item) in values.enumerated() {
            let h = Double(height - 24) * Double(item.value) / Double(top)
            let x = 30 + Double(i) * band
            let bar = "<rect x=\"\(fmt(x + band * 0.15))\" y=\"\(fmt(Double(height) - h))\" width=\"\(fmt(band * 0.7))\" height=\"\(fmt(h))\" fill=\"#0b3d75\"/>"
                + "<text x=\"\(fmt(x + band / 2))\" y=\"\(fmt(Double(height) - h - 4))\" font-size=\"\(valueSize)\" text-anchor=\"middle\" fill=\"#1f2328\">\(item.value)</text>"
            svg += linked(bar, item, title: "\(item.label)：\(item.value)件")
            svg += "<text x=\"\(fmt(x + band / 2))\" y=\"\(height + 18)\" font-size=\"\(labelSize)\" text-anchor=\"middle\" fill=\"#1f2328\">\(HTMLText.escape(item.label))</text>"
        }
        return svg + "<line x1=\"30\" y1=\"\(height)\" x2=\"\(width - 10)\" y2=\"\(height)\" stroke=\"#57606a\"/></svg>"
    }

    /// Horizontal bars for categories, largest first.
    static func bars(_ values: [Item], title: String, width: Int = 560) -> String {
        let top = max(1, values.map(\.value).max() ?? 1)
        let row = 24, labelWidth = 170
        let height = max(row, values.count * row) + 8
        var svg = open(title, width: width, height: height)
        for (i, item) in values.enumerated() {
            let w = Double(width - labelWidth - 50) * Double(item.value) / Double(top)
            let y = i * row + 4
            // Twelve characters fit the label column at 13px; the whole label is the bar's title.
            let short = item.label.count > 12 ? String(item.label.prefix(11)) + "…" : item.label
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" font-size=\"\(labelSize)\" text-anchor=\"end\" fill=\"#1f2328\">\(HTMLText.escape(short))</text>"
            let bar = "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(fmt(w))\" height=\"16\" fill=\"#0b3d75\"/>"
                + "<text x=\"\(fmt(Double(labelWidth) + w + 4))\" y=\"\(y + 15)\" font-size=\"\(valueSize)\" fill=\"#1f2328\">\(item.value)</text>"
            svg += linked(bar, item, title: "\(item.label)：\(item.value)件")
        }
        return svg + "</svg>"
    }

    /// A group, not an image: an image's children are hidden from screen readers, and these hold links.
    static func open(_ title: String, width: Int, height: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"group\" aria-label=\"\(HTMLText.escape(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" class=\"chart\"><title>\(HTMLText.escape(title))</title>"
    }

    /// The bar and its number inside a link to the cases, when there is one.
    static func linked(_ bar: String, _ item: Item, title: String) -> String {
        guard let link = item.link else { return bar }
        return "<a href=\"\(HTMLText.escape(link))\"><title>\(HTMLText.escape(title))</title>\(bar)</a>"
    }

    static func fmt(_ x: Double) -> String { String((x * 10).rounded() / 10) }
}
