import SurveyModel

/// The drivers as one self-contained HTML page: per group a priority matrix (impact against
/// score, inline SVG) backed by a table of every number.
public struct DriversHTMLReporter: ReportRenderer {
  public static let identifier = "html"
  public init() {}

  public func render(_ report: DriversReport) -> String {
    let e = HTMLText.escape
    let w = ReportWords(report.survey.language)
    let css = """

      .matrix text { font-size: 13px; fill: var(--ink); }
      .matrix .dot-label { font-weight: 700; }
      .matrix .cut { stroke: var(--muted); stroke-dasharray: 4 3; }
      .matrix .quadrant { font-size: 12px; fill: var(--muted); }
      td.name, th.name { max-width: 22rem; overflow-wrap: anywhere; }
      """
    var out =
      HTMLText.pageStart(
        title: w("drivers.html-title", ["title": report.survey.title]), generator: "cultivar drivers", extraCSS: css, language: w.language)
        + """
        <header>
        <h1>\(e(report.survey.title)): \(HTMLText.words(w("drivers.what-drives"))) <bdi>\(e(DriverWords.outcomeName(report, w)))</bdi></h1>
        <p class="meta">\(e(w.file(report.input))): \(e(w.rows(report.input))) · \(HTMLText.words(w("drivers.framework-word"))): <bdi>\(e(report.framework.name))</bdi></p>
        </header>

        """
    for group in report.groups {
      out +=
        "<section class=\"card\"><h2><bdi>\(e(w.group(group.group)))</bdi></h2>\n<p>\(e(DriverWords.group(group, method: report.method, w)))</p>\n"
      if group.suppression == nil, group.source == .own, group.rSquared != nil {
        out += matrix(group, w) + table(group, report.method, w)
      }
      out += "</section>\n"
    }
    out +=
      "<section class=\"card\" id=\"method\"><h2>\(HTMLText.words(w("method")))</h2><ul>"
      + DriverWords.method(report, w).map { "<li>\(e($0))</li>" }.joined()
      + "<li>\(e(DriverWords.privacy(report.privacy, w)))</li></ul></section>\n"
    out += "<footer>\(HTMLText.words(w("drivers.footer")))</footer>\n</main>\n</body>\n</html>\n"
    return out
  }

  /// Impact (share of R²) across, score (POMP) up; dashed lines at the cut points.
  private func matrix(_ group: DriverGroup, _ words: ReportWords) -> String {
    let e = HTMLText.escape
    let n = HTMLText.number
    let width = 640.0
    let height = 400.0
    let left = 56.0
    let bottom = 44.0
    let top = 16.0
    let right = 24.0
    let maxShare = max(group.drivers.compactMap(\.share).max() ?? 0, 1 / Double(max(group.drivers.count, 1))) * 1.15
    func x(_ share: Double) -> Double { left + share / maxShare * (width - left - right) }
    func y(_ pomp: Double) -> Double { top + (100 - pomp) / 100 * (height - top - bottom) }
    let scores = group.drivers.compactMap(\.scorePOMP)
    let scoreCut = scores.isEmpty ? 50 : scores.reduce(0, +) / Double(scores.count)
    let impactCut = 1 / Double(max(group.drivers.count, 1))
    var svg =
      "<figure><div class=\"chart-wrap\">" + HTMLText.svgOpen("matrix", width: width, height: height, label: words("drivers.matrix-label"))
      + "\n"
    svg +=
      "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(width - left - right))\" height=\"\(n(height - top - bottom))\" fill=\"none\" stroke=\"currentColor\"/>\n"
    svg += "<line class=\"cut\" x1=\"\(n(x(impactCut)))\" x2=\"\(n(x(impactCut)))\" y1=\"\(n(top))\" y2=\"\(n(height - bottom))\"/>\n"
    svg += "<line class=\"cut\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(scoreCut)))\" y2=\"\(n(y(scoreCut)))\"/>\n"
    svg +=
      "<text class=\"quadrant\" x=\"\(n(width - right - 6))\" y=\"\(n(height - bottom - 6))\" text-anchor=\"end\">\(HTMLText.words(words("drivers.act-first")))</text>"
    svg +=
      "<text class=\"quadrant\" x=\"\(n(width - right - 6))\" y=\"\(n(top + 16))\" text-anchor=\"end\">\(HTMLText.words(words("drivers.protect")))</text>"
    svg += "<text class=\"quadrant\" x=\"\(n(left + 6))\" y=\"\(n(height - bottom - 6))\">\(HTMLText.words(words("drivers.monitor")))</text>"
    svg += "<text class=\"quadrant\" x=\"\(n(left + 6))\" y=\"\(n(top + 16))\">\(HTMLText.words(words("drivers.maintain")))</text>\n"
    svg +=
      "<text x=\"\(n((left + width - right) / 2))\" y=\"\(n(height - 8))\" text-anchor=\"middle\">\(HTMLText.words(words("drivers.axis-impact")))</text>"
    svg +=
      "<text transform=\"rotate(-90)\" x=\"\(n(-(top + height - bottom) / 2))\" y=\"16\" text-anchor=\"middle\">\(HTMLText.words(words("drivers.axis-score")))</text>\n"
    // Dots are numbered (the table below names them); each number goes where it overlaps no
    // other label, trying right, left, above and below the dot, then further down.
    var placed: [LabelBox] = [
      LabelBox(x: width - right - 80, y: height - bottom - 20, width: 74, height: 16),
      LabelBox(x: width - right - 70, y: top + 2, width: 64, height: 16),
      LabelBox(x: left + 4, y: height - bottom - 20, width: 64, height: 16), LabelBox(x: left + 4, y: top + 2, width: 70, height: 16),
    ]
    for (i, d) in group.drivers.enumerated() {
      guard let share = d.share, let pomp = d.scorePOMP else { continue }
      let (cx, cy) = (x(share), y(pomp))
      let label = String(i + 1)
      let w = 8.0 * Double(label.count) + 2
      let h = 15.0
      let tries =
        [(cx + 8, cy - 8), (cx - 8 - w, cy - 8), (cx - w / 2, cy - 8 - h), (cx - w / 2, cy + 8)] + (1...40).map { (cx + 8, cy - 8 + Double($0) * h) }
      let inside = tries.map { LabelBox(x: $0.0, y: $0.1, width: w, height: h) }.filter {
        $0.x >= left && $0.x + $0.width <= width - right && $0.y >= top && $0.y + $0.height <= height - bottom
      }
      let spot = inside.first { box in !placed.contains { $0.overlaps(box) } } ?? inside.first ?? LabelBox(x: cx + 8, y: cy - 8, width: w, height: h)
      placed.append(spot)
      svg +=
        "<g><title>\(i + 1). \(e(d.target.name)): \(HTMLText.words(words("drivers.share-lower"))) \(Format.fixed(share * 100, 0))%, POMP \(Format.fixed(pomp, 1)), \(HTMLText.words(DriverWords.quadrant(d.quadrant, words)))</title>"
      svg += "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"5\" fill=\"currentColor\"/>"
      svg += "<text class=\"dot-label\" x=\"\(n(spot.x + 1))\" y=\"\(n(spot.y + 12))\">\(label)</text></g>\n"
    }
    return svg
      + "</svg></div><figcaption>\(HTMLText.words(words("drivers.matrix-caption")))</figcaption></figure>\n"
  }

  /// A label's box in chart coordinates, for placing labels without overlap.
  private struct LabelBox {
    var x: Double, y: Double, width: Double, height: Double
    func overlaps(_ other: LabelBox) -> Bool {
      x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }
  }

  private func table(_ group: DriverGroup, _ method: DriverMethod, _ w: ReportWords) -> String {
    let e = HTMLText.escape
    var rows = ""
    for (i, d) in group.drivers.enumerated() {
      let ci = d.correlationInterval.map { "[\(Format.fixed($0.lower, 2)), \(Format.fixed($0.upper, 2))]" } ?? ""
      let wci = d.weightInterval.map { "[\(Format.fixed($0.lower, 3)), \(Format.fixed($0.upper, 3))]" } ?? ""
      let p = d.adjustedP.map { $0 < 0.001 ? "&lt;0.001" : Format.fixed($0, 3) } ?? ""
      rows +=
        "<tr><td class=\"num\">\(i + 1)</td><td class=\"name\"><bdi>\(e(d.target.name))</bdi></td><td>\(Format.fixed(d.correlation, 2))\(DriverWords.significant(d, method) ? "*" : "")</td><td>\(ci)</td><td>\(p)</td>"
        + "<td>\(Format.fixed(d.rawWeight, 3))</td><td>\(d.share.map { Format.fixed($0 * 100, 0) + "%" } ?? "")</td><td>\(wci)</td>"
        + "<td>\(Format.fixed(d.scorePOMP, 1))</td><td>\(HTMLText.words(DriverWords.quadrant(d.quadrant, w)))</td></tr>\n"
    }
    return
      "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th>#</th><th class=\"name\">\(HTMLText.words(w("drivers.driver")))</th><th>r</th><th>\(HTMLText.words(w("ci")))</th><th>p (Holm)</th><th>\(HTMLText.words(w("drivers.weight")))</th><th>\(HTMLText.words(w("drivers.share")))</th><th>\(HTMLText.words(w("drivers.weight-ci")))</th><th>POMP</th><th>\(HTMLText.words(w("drivers.priority")))</th></tr></thead><tbody>\n"
      + rows + "</tbody></table></div><p class=\"meta\">\(HTMLText.words(w("drivers.significant")))</p>\n"
  }
}
