import SurveyModel

/// The comparison printed to a terminal: team indices, then every team × dimension with its
/// difference from the baseline, reliability, privacy and method.
public struct ComparisonTableReporter: ReportRenderer {
  public static let identifier = "table"
  public init() {}

  public func render(_ report: ComparisonReport) -> String {
    // Every name, label and message from the inputs is shown, never obeyed, by the terminal.
    let w = ReportWords(report.survey.language)
    let report = w.namingOrganisation(report).mapText { SafeText.terminal($0) }
    var out = ["\(report.survey.title) (\(report.survey.id)): \(w("team-comparison"))"]
    out.append(w.inputLine(report.input))
    if report.cut != "team" { out.append(w("groups", ["cut": report.cut])) }
    out.append("\(w("baseline")): \(w.baseline(report.baseline)).")
    for framework in report.frameworks {
      out.append("")
      out += section(framework, minGroupSize: report.privacy.minGroupSize, words: w)
    }
    out.append("")
    out += ComparisonWords.privacy(report, w).enumerated().map { $0 == 0 ? "\(w("privacy")): \($1)" : "- \($1)" }
    out.append("")
    out += ComparisonWords.method(report, w)
    return out.joined(separator: "\n") + "\n"
  }

  private func section(_ framework: FrameworkComparison, minGroupSize: Int, words w: ReportWords) -> [String] {
    var out = ["== \(framework.name) (\(framework.id) \(framework.version)), \(w("scale")) \(framework.scale.rangeText) =="]
    var summary = TextTable([w("team"), "n", w.indexHeading(framework.indexHeading), w("ci"), w("band")], rightAligned: [1, 2])
    let baseline = " (\(w("baseline-word")))"
    for team in framework.teams + [framework.organisation] {
      if let reason = team.suppression {
        summary.add([team.team, String(team.n), "-", "", "\(w("suppressed")): \(w.suppression(reason, minGroupSize: minGroupSize))"])
      } else if let reason = team.indexSuppression {
        summary.add([team.team + (team.isBaseline ? baseline : ""), String(team.n), "-", "", "\(w("withheld")): \(w.reason(reason))"])
      } else {
        summary.add([
          team.team + (team.isBaseline ? baseline : ""), String(team.n), Format.fixed(team.index, 1),
          ComparisonWords.interval(team.indexInterval, 1), team.band ?? "",
        ])
      }
    }
    out.append(summary.render())
    out.append("")
    var detail = TextTable(
      [w("team"), w("dimension"), "n", w("mean"), w("ci"), w("sd"), w("fav"), w("diff"), w("p-holm"), "d", w("verdict")],
      rightAligned: [2, 3, 5, 6, 7, 8, 9])
    for team in framework.teams where team.suppression == nil {
      for d in team.dimensions {
        if let reason = d.suppression {
          detail.add([team.team, framework.dimensionName(d.id), String(d.n), "-", "", "", "", "", "", "", "\(w("withheld")): \(w.reason(reason))"])
          continue
        }
        let x = d.difference
        detail.add([
          team.team, framework.dimensionName(d.id), String(d.n), Format.fixed(d.mean, 2), ComparisonWords.interval(d.interval, 2),
          Format.fixed(d.sd, 2), Format.fixed(d.favorable, 1), ComparisonWords.signed(x?.difference, 2),
          ComparisonWords.p(x?.adjustedP), ComparisonWords.signed(x?.cohensD, 2),
          x.map { ComparisonWords.verdict($0, w) } ?? d.noDifference ?? (team.isBaseline ? w("baseline-word") : ""),
        ])
      }
    }
    out.append(detail.render())
    out.append("")
    out += reliability(framework, words: w)
    return out
  }

  private func reliability(_ framework: FrameworkComparison, words w: ReportWords) -> [String] {
    var out = [w("reliability-whole") + ":"]
    var table = TextTable(
      [w("dimension"), w("items-col"), "n", w("alpha-pairwise"), w("alpha-listwise"), w("complete"), w("lowest-item-rest")],
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
      out.append(w("alpha-per-team") + ":")
      var perTeam = TextTable([w("team")] + framework.dimensions.map(\.name), rightAligned: Set(1...framework.dimensions.count))
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
      out += warnings.map { "\(w("warning")): \($0)" }
    }
    return out
  }
}
