import SurveyModel

/// The comparison printed to a terminal: team indices, then every team × dimension with its
/// difference from the baseline, reliability, privacy and method.
public struct ComparisonTableReporter: ReportRenderer {
  public static let identifier = "table"
  public init() {}

  public func render(_ report: ComparisonReport) -> String {
    // Every name, label and message from the inputs is shown, never obeyed, by the terminal.
    let report = report.mapText { SafeText.terminal($0) }
    let input = report.input
    var out = ["\(report.survey.title) (\(report.survey.id)): team comparison"]
    out.append(
      "\(input.file): \(Counted.rows(read: input.rowsRead, used: input.rowsUsed, rejected: input.rowsRejected))"
        + (input.rejectsFile.map { " (see \($0))" } ?? ""))
    if report.cut != "team" { out.append("Groups: --by \(report.cut) (each decided with every cut of the organisation).") }
    out.append("Baseline: \(report.baseline.description).")
    for framework in report.frameworks {
      out.append("")
      out += section(framework, minGroupSize: report.privacy.minGroupSize)
    }
    out.append("")
    out += ComparisonWords.privacy(report).enumerated().map { $0 == 0 ? "Privacy: \($1)" : "- \($1)" }
    out.append("")
    out += ComparisonWords.method(report)
    return out.joined(separator: "\n") + "\n"
  }

  private func section(_ framework: FrameworkComparison, minGroupSize: Int) -> [String] {
    var out = ["== \(framework.name) (\(framework.id) \(framework.version)), scale \(framework.scale.rangeText) =="]
    var summary = TextTable(["Team", "n", framework.indexHeading, "95% CI", "Band"], rightAligned: [1, 2])
    for team in framework.teams + [framework.organisation] {
      if let reason = team.suppression {
        summary.add([team.team, String(team.n), "-", "", "suppressed: \(ComparisonWords.suppression(reason, minGroupSize: minGroupSize))"])
      } else if let reason = team.indexSuppression {
        summary.add([team.team + (team.isBaseline ? " (baseline)" : ""), String(team.n), "-", "", "withheld: \(reason.words)"])
      } else {
        summary.add([
          team.team + (team.isBaseline ? " (baseline)" : ""), String(team.n), Format.fixed(team.index, 1),
          ComparisonWords.interval(team.indexInterval, 1), team.band ?? "",
        ])
      }
    }
    out.append(summary.render())
    out.append("")
    var detail = TextTable(
      ["Team", "Dimension", "n", "Mean", "95% CI", "SD", "Fav %", "Diff", "p (Holm)", "d", "Verdict"],
      rightAligned: [2, 3, 5, 6, 7, 8, 9])
    for team in framework.teams where team.suppression == nil {
      for d in team.dimensions {
        if let reason = d.suppression {
          detail.add([team.team, framework.dimensionName(d.id), String(d.n), "-", "", "", "", "", "", "", "withheld: \(reason.words)"])
          continue
        }
        let x = d.difference
        detail.add([
          team.team, framework.dimensionName(d.id), String(d.n), Format.fixed(d.mean, 2), ComparisonWords.interval(d.interval, 2),
          Format.fixed(d.sd, 2), Format.fixed(d.favorable, 1), ComparisonWords.signed(x?.difference, 2),
          ComparisonWords.p(x?.adjustedP), ComparisonWords.signed(x?.cohensD, 2),
          x.map(ComparisonWords.verdict) ?? d.noDifference ?? (team.isBaseline ? "baseline" : ""),
        ])
      }
    }
    out.append(detail.render())
    out.append("")
    out += reliability(framework)
    return out
  }

  private func reliability(_ framework: FrameworkComparison) -> [String] {
    var out = ["Reliability (whole sample):"]
    var table = TextTable(
      ["Dimension", "Items", "n", "Alpha pairwise [95% CI]", "Alpha listwise [95% CI]", "Complete", "Lowest item-rest r"],
      rightAligned: [1, 2, 5])
    var warnings: [String] = []
    for scale in framework.reliability {
      let lowest = scale.itemStatistics.filter { $0.itemRest != nil }.min { $0.itemRest! < $1.itemRest! }
      table.add([
        framework.dimensionName(scale.dimension), String(scale.items.count), String(scale.respondents), ComparisonWords.alpha(scale.pairwise),
        ComparisonWords.alpha(scale.listwise), String(scale.completeRespondents),
        lowest.map { "\($0.item) \(Format.fixed($0.itemRest, 2))" } ?? "",
      ])
      warnings += scale.itemStatistics.compactMap(\.warning)
    }
    out.append(table.render())
    let teams = framework.teams.filter { !$0.reliability.isEmpty }
    if !teams.isEmpty {
      out.append("")
      out.append("Alpha (pairwise) per team:")
      var perTeam = TextTable(["Team"] + framework.dimensions.map(\.name), rightAligned: Set(1...framework.dimensions.count))
      for team in teams {
        perTeam.add(
          [team.team]
            + framework.dimensions.map { dimension in
              team.reliability.first { $0.dimension == dimension.id }?.pairwise.map { Format.fixed($0.alpha, 2) } ?? "n/a"
            })
        warnings += team.reliability.flatMap { $0.itemStatistics.compactMap { $0.warning.map { "\(team.team): \($0)" } } }
      }
      out.append(perTeam.render())
    }
    if !warnings.isEmpty {
      out.append("")
      out += warnings.map { "warning: \($0)" }
    }
    return out
  }
}
