import SurveyModel

/// The teams × dimensions heatmap: each cell is coloured by the team's difference from the
/// baseline, marked ▲/▼ when the difference is meaningful, outlined with dashes when the team is
/// too small for a verdict, and hatched when the team is suppressed (no number at all).
struct HeatmapChart {
  let framework: FrameworkComparison
  let minGroupSize: Int

  private let labelWidth = 190.0, cellWidth = 118.0, cellHeight = 46.0, top = 34.0

  func svg() -> String {
    let columns = framework.dimensions
    let rows = framework.teams + [framework.organisation]
    let width = labelWidth + cellWidth * Double(columns.count + 1) + 4
    let height = top + cellHeight * Double(rows.count) + 4
    var out = "<svg class=\"heatmap\" viewBox=\"0 0 \(HTMLText.number(width)) \(HTMLText.number(height))\" role=\"img\" aria-label=\"Heatmap of each team's difference from the baseline per dimension\" xmlns=\"http://www.w3.org/2000/svg\">"
    out += "<defs><pattern id=\"hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#eceff1\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#b0bec5\" stroke-width=\"3\"/></pattern></defs>"
    for (c, dimension) in columns.enumerated() {
      out += HTMLText.text(dimension.name, x: labelWidth + cellWidth * (Double(c) + 0.5), y: top - 12, anchor: "middle", cssClass: "col-label")
    }
    out += HTMLText.text("Index", x: labelWidth + cellWidth * (Double(columns.count) + 0.5), y: top - 12, anchor: "middle", cssClass: "col-label")
    for (r, team) in rows.enumerated() {
      let y = top + cellHeight * Double(r)
      let isOrganisation = r == rows.count - 1
      out += HTMLText.text(team.team, x: labelWidth - 10, y: y + cellHeight / 2 - 2, anchor: "end", cssClass: isOrganisation ? "row-label org" : "row-label")
      out += HTMLText.text("n = \(team.n)", x: labelWidth - 10, y: y + cellHeight / 2 + 13, anchor: "end", cssClass: "row-sub")
      if let reason = team.suppression {
        let w = cellWidth * Double(columns.count + 1) - 4
        out += "<rect x=\"\(HTMLText.number(labelWidth + 2))\" y=\"\(HTMLText.number(y + 2))\" width=\"\(HTMLText.number(w))\" height=\"\(HTMLText.number(cellHeight - 4))\" fill=\"url(#hatch)\" rx=\"4\"/>"
        out += HTMLText.text("suppressed: \(ComparisonWords.suppression(reason, minGroupSize: minGroupSize))", x: labelWidth + w / 2, y: y + cellHeight / 2 + 5, anchor: "middle", cssClass: "suppressed-label")
        continue
      }
      for (c, dimension) in team.dimensions.enumerated() {
        out += cell(team: team, dimension: dimension, x: labelWidth + cellWidth * Double(c), y: y, isOrganisation: isOrganisation)
      }
      out += indexCell(team, x: labelWidth + cellWidth * Double(columns.count), y: y)
    }
    return out + "</svg>"
  }

  private func cell(team: TeamComparison, dimension: DimensionComparison, x: Double, y: Double, isOrganisation: Bool) -> String {
    let cap = (framework.scale.max - framework.scale.min) / 4
    let difference = dimension.difference
    let value = difference.map { $0.difference / cap } ?? 0
    let fill = difference == nil ? "#ffffff" : DivergingPalette.color(value)
    let light = difference != nil && DivergingPalette.needsLightText(value)
    let textColor = light ? "#ffffff" : "#1b1f23"
    let dashed = difference?.verdict == .tooSmall
    var title = "\(team.team), \(framework.dimensionName(dimension.id)): mean \(Format.fixed(dimension.mean, 2))"
    var second = team.isBaseline ? "baseline" : (isOrganisation ? "whole organisation" : "")
    if dimension.suppression != nil { second = "withheld" }
    var marker = ""
    if let difference {
      title += ", \(ComparisonWords.signed(difference.difference, 2)) vs baseline, \(ComparisonWords.verdict(difference)) (Holm p \(ComparisonWords.p(difference.adjustedP)))"
      second = ComparisonWords.signed(difference.difference, 2)
      if difference.verdict == .higher { marker = "▲" } else if difference.verdict == .lower { marker = "▼" }
    }
    if dashed, let mdd = difference?.minimumDetectable { second = "\(ComparisonWords.signed(difference?.difference, 2)) · detects ≥\(Format.fixed(mdd, 2))" }
    var out = "<g class=\"cell\"><title>\(HTMLText.escape(title))</title>"
    out += "<rect x=\"\(HTMLText.number(x + 2))\" y=\"\(HTMLText.number(y + 2))\" width=\"\(HTMLText.number(cellWidth - 4))\" height=\"\(HTMLText.number(cellHeight - 4))\" rx=\"4\" fill=\"\(fill)\""
    out += dashed ? " stroke=\"#37474f\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>" : (marker.isEmpty ? " stroke=\"#cfd8dc\" stroke-width=\"1\"/>" : " stroke=\"#1b1f23\" stroke-width=\"2\"/>")
    out += HTMLText.text(Format.fixed(dimension.mean, 2) + (marker.isEmpty ? "" : " \(marker)"), x: x + cellWidth / 2, y: y + 21, anchor: "middle", cssClass: "cell-main", fill: textColor)
    out += HTMLText.text(second, x: x + cellWidth / 2, y: y + 36, anchor: "middle", cssClass: "cell-sub", fill: textColor)
    return out + "</g>"
  }

  private func indexCell(_ team: TeamComparison, x: Double, y: Double) -> String {
    var out = "<rect x=\"\(HTMLText.number(x + 2))\" y=\"\(HTMLText.number(y + 2))\" width=\"\(HTMLText.number(cellWidth - 4))\" height=\"\(HTMLText.number(cellHeight - 4))\" rx=\"4\" fill=\"#ffffff\" stroke=\"#90a4ae\" stroke-width=\"1\"/>"
    out += HTMLText.text(Format.fixed(team.index, 1), x: x + cellWidth / 2, y: y + 21, anchor: "middle", cssClass: "cell-main")
    out += HTMLText.text(ComparisonWords.interval(team.indexInterval, 1), x: x + cellWidth / 2, y: y + 36, anchor: "middle", cssClass: "cell-sub")
    return out
  }
}
