import SurveyModel

/// One team's profile: its mean on each dimension with the confidence interval, against the
/// baseline's mean on the same dimension (a hollow diamond). Dots are purple when meaningfully
/// higher, orange when lower, grey otherwise.
struct ProfileChart {
  let framework: FrameworkComparison
  let team: TeamComparison
  /// The report's words (the chart's label).
  var words = ReportWords(nil)

  private let labelWidth = 150.0, plotWidth = 196.0, rowHeight = 27.0, top = 12.0

  func svg() -> String {
    let scale = framework.scale
    func x(_ value: Double) -> Double { labelWidth + (value - scale.min) / (scale.max - scale.min) * plotWidth }
    let height = top + rowHeight * Double(team.dimensions.count) + 22
    var out = HTMLText.svgOpen("profile", width: labelWidth + plotWidth + 16, height: height, label: words("html.profile-label", ["team": team.team]))
    var tick = scale.min
    while tick <= scale.max + 0.001 {
      out +=
        "<line x1=\"\(HTMLText.number(x(tick)))\" y1=\"\(HTMLText.number(top - 4))\" x2=\"\(HTMLText.number(x(tick)))\" y2=\"\(HTMLText.number(height - 18))\" class=\"grid\"/>"
      out += HTMLText.text(Format.fixed(tick, 0), x: x(tick), y: height - 5, anchor: "middle", cssClass: "axis")
      tick += max(1, ((scale.max - scale.min) / 5).rounded())
    }
    for (r, dimension) in team.dimensions.enumerated() {
      let y = top + rowHeight * (Double(r) + 0.5)
      out += HTMLText.label(
        framework.dimensionName(dimension.id), fitting: 20, x: labelWidth - 8, y: y + 4, anchor: "end", cssClass: "row-label small")
      guard let mean = dimension.mean else { continue }
      if let interval = dimension.interval {
        out +=
          "<line x1=\"\(HTMLText.number(x(max(scale.min, interval.lower))))\" y1=\"\(HTMLText.number(y))\" x2=\"\(HTMLText.number(x(min(scale.max, interval.upper))))\" y2=\"\(HTMLText.number(y))\" class=\"ci\"/>"
      }
      if let baseline = dimension.difference?.baselineMean {
        let bx = x(baseline)
        out +=
          "<path d=\"M \(HTMLText.number(bx)) \(HTMLText.number(y - 6)) L \(HTMLText.number(bx + 6)) \(HTMLText.number(y)) L \(HTMLText.number(bx)) \(HTMLText.number(y + 6)) L \(HTMLText.number(bx - 6)) \(HTMLText.number(y)) Z\" class=\"baseline-mark\"/>"
      }
      let verdict = dimension.difference?.verdict
      let dotClass = verdict == .higher ? "dot higher" : (verdict == .lower ? "dot lower" : "dot neutral")
      out +=
        "<circle cx=\"\(HTMLText.number(x(mean)))\" cy=\"\(HTMLText.number(y))\" r=\"5\" class=\"\(dotClass)\"><title>\(HTMLText.escape("\(framework.dimensionName(dimension.id)): \(Format.fixed(mean, 2)) \(ComparisonWords.interval(dimension.interval, 2))"))</title></circle>"
    }
    return out + "</svg>"
  }
}
