import SurveyModel

/// The teams × dimensions heatmap, as an HTML table so that any name wraps inside its cell:
/// each cell is coloured by the team's difference from the baseline, marked ▲/▼ when the
/// difference is meaningful, outlined with dashes when the team is too small for a verdict, and
/// hatched when the team is suppressed (no number at all).
struct HeatmapChart {
  let framework: FrameworkComparison
  let minGroupSize: Int
  /// The report's words (headings, cell notes).
  var words = ReportWords(nil)

  func html() -> String {
    let e = HTMLText.escape
    let columns = framework.dimensions
    var out =
      "<div class=\"table-wrap\"><table class=\"heatmap\"><caption class=\"sr-only\">\(HTMLText.words(words("html.heatmap-caption")))</caption><thead><tr><th scope=\"col\" class=\"team\">\(HTMLText.words(words("team")))</th>"
    out +=
      columns.map { "<th scope=\"col\">\(e($0.name))</th>" }.joined()
      + "<th scope=\"col\">\(e(words.indexHeading(framework.indexHeading)))</th></tr></thead><tbody>"
    for team in framework.teams + [framework.organisation] {
      let isOrganisation = team == framework.organisation
      out +=
        "<tr><th scope=\"row\" class=\"team\(isOrganisation ? " org" : "")\"><span class=\"name\">\(HTMLText.name(team.team))</span><span class=\"sub\">n = \(team.n)</span></th>"
      if let reason = team.suppression {
        out +=
          "<td class=\"hatched\" colspan=\"\(columns.count + 1)\">\(HTMLText.words(words("suppressed"))): \(e(words.suppression(reason, minGroupSize: minGroupSize)))</td></tr>"
        continue
      }
      for dimension in team.dimensions { out += cell(team: team, dimension: dimension, isOrganisation: isOrganisation) }
      out +=
        "<td class=\"index\"><span class=\"main\">\(Format.fixed(team.index, 1))</span><span class=\"sub\">\(e(ComparisonWords.interval(team.indexInterval, 1)))</span></td></tr>"
    }
    return out + "</tbody></table></div>"
  }

  private func cell(team: TeamComparison, dimension: DimensionComparison, isOrganisation: Bool) -> String {
    let e = HTMLText.escape
    let cap = (framework.scale.max - framework.scale.min) / 4
    let difference = dimension.difference
    let value = difference.map { $0.difference / cap } ?? 0
    let fill = difference == nil ? "#ffffff" : DivergingPalette.color(value)
    let textColor = difference != nil && DivergingPalette.needsLightText(value) ? "#ffffff" : "#000000"
    var css = "cell"
    let w = words
    var title = "\(team.team), \(framework.dimensionName(dimension.id)): \(w("html.mean")) \(Format.fixed(dimension.mean, 2))"
    var lines = [team.isBaseline ? w("baseline-word") : (isOrganisation ? w("html.whole-organisation") : "")]
    if dimension.suppression != nil { lines = [w("withheld")] }
    var marker = ""
    if let difference {
      title +=
        ", \(ComparisonWords.signed(difference.difference, 2)) \(w("html.vs-baseline")), \(ComparisonWords.verdict(difference, w)) (Holm p \(ComparisonWords.p(difference.adjustedP)))"
      lines = [ComparisonWords.signed(difference.difference, 2)]
      switch difference.verdict {
      case .higher: marker = " ▲"
      case .lower: marker = " ▼"
      case .tooSmall:
        css += " dashed"
        if let mdd = difference.minimumDetectable { lines.append(w("html.detects", ["size": Format.fixed(mdd, 2)])) }
      case .noClearDifference, .untestable: break
      }
      if difference.smallSample { lines.append(w("html.few-signal")) }
      if difference.verdict == .untestable { lines.append(w("untestable")) }
      if difference.verdict.isMeaningful { css += " meaningful" }
    }
    return
      "<td class=\"\(css)\" style=\"background:\(fill);color:\(textColor)\" title=\"\(e(title))\"><span class=\"main\">\(Format.fixed(dimension.mean, 2))\(marker)</span>"
      + lines.filter { !$0.isEmpty }.map { "<span class=\"sub\">\(e($0))</span>" }.joined() + "</td>"
  }
}
