import SurveyModel

/// The ranking of team indices (on the index's declared range) with their confidence intervals, highest first, with the
/// organisation's index as a reference line. Suppressed teams are listed without a position.
struct RankingChart {
  let framework: FrameworkComparison
  /// The report's words (labels of the chart).
  var words = ReportWords(nil)

  private let labelWidth = 190.0, plotWidth = 520.0, rowHeight = 28.0, top = 30.0

  func svg() -> String {
    let shown = framework.teams.filter { $0.suppression == nil && $0.index != nil }.sorted { ($0.index!, $1.team) > ($1.index!, $0.team) }
    let hidden = framework.teams.filter { $0.suppression != nil }
    let values =
      shown.flatMap { [$0.index!, $0.indexInterval?.lower ?? $0.index!, $0.indexInterval?.upper ?? $0.index!] }
      + [framework.organisation.index].compactMap { $0 }
    let range = framework.indexRange ?? -100...100
    let step = range.upperBound - range.lowerBound <= 20 ? 1.0 : 10.0
    let low = max(range.lowerBound, (((values.min() ?? range.lowerBound) - step / 2) / step).rounded(.down) * step)
    let high = min(range.upperBound, (((values.max() ?? range.upperBound) + step / 2) / step).rounded(.up) * step)
    let span = max(high - low, step)
    func x(_ value: Double) -> Double { labelWidth + (value - low) / span * plotWidth }
    let rows = shown.count + hidden.count
    let height = top + rowHeight * Double(max(rows, 1)) + 30
    var out = HTMLText.svgOpen("ranking", width: labelWidth + plotWidth + 90, height: height, label: words("html.ranking-label"))
    var tick = low
    while tick <= low + span + 0.001 {
      out +=
        "<line x1=\"\(HTMLText.number(x(tick)))\" y1=\"\(HTMLText.number(top - 6))\" x2=\"\(HTMLText.number(x(tick)))\" y2=\"\(HTMLText.number(height - 24))\" class=\"grid\"/>"
      out += HTMLText.text(Format.fixed(tick, 0), x: x(tick), y: height - 8, anchor: "middle", cssClass: "axis")
      tick += step
    }
    if let organisation = framework.organisation.index, framework.organisation.suppression == nil {
      out +=
        "<line x1=\"\(HTMLText.number(x(organisation)))\" y1=\"\(HTMLText.number(top - 14))\" x2=\"\(HTMLText.number(x(organisation)))\" y2=\"\(HTMLText.number(height - 24))\" class=\"reference\"/>"
      out += HTMLText.text(
        words("html.organisation", ["value": Format.fixed(organisation, 1)]), x: x(organisation), y: top - 18, anchor: "middle", cssClass: "axis")
    }
    for (r, team) in shown.enumerated() {
      let y = top + rowHeight * (Double(r) + 0.5)
      let index = team.index!
      out +=
        "<g><title>\(HTMLText.escape("\(team.team): \(words.indexLabel(framework.indexLabel)) \(Format.fixed(index, 1)) \(ComparisonWords.interval(team.indexInterval, 1))"))</title>"
      out += HTMLText.label(team.team, fitting: 24, x: labelWidth - 10, y: y + 4, anchor: "end", cssClass: "row-label")
      if let interval = team.indexInterval {
        out +=
          "<line x1=\"\(HTMLText.number(x(interval.lower)))\" y1=\"\(HTMLText.number(y))\" x2=\"\(HTMLText.number(x(interval.upper)))\" y2=\"\(HTMLText.number(y))\" class=\"ci\"/>"
        for end in [interval.lower, interval.upper] {
          out +=
            "<line x1=\"\(HTMLText.number(x(end)))\" y1=\"\(HTMLText.number(y - 5))\" x2=\"\(HTMLText.number(x(end)))\" y2=\"\(HTMLText.number(y + 5))\" class=\"ci\"/>"
        }
      }
      out +=
        "<circle cx=\"\(HTMLText.number(x(index)))\" cy=\"\(HTMLText.number(y))\" r=\"5.5\" class=\"\(team.isBaseline ? "dot baseline" : "dot")\"/>"
      out += HTMLText.text(Format.fixed(index, 1), x: labelWidth + plotWidth + 12, y: y + 4, cssClass: "value") + "</g>"
    }
    for (r, team) in hidden.enumerated() {
      let y = top + rowHeight * (Double(shown.count + r) + 0.5)
      out += HTMLText.label(team.team, fitting: 24, x: labelWidth - 10, y: y + 4, anchor: "end", cssClass: "row-label muted")
      out += HTMLText.text(words("suppressed"), x: labelWidth + 6, y: y + 4, cssClass: "suppressed-label")
    }
    return out + "</svg>"
  }
}
