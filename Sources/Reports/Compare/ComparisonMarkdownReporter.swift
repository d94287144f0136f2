import SurveyModel

/// The comparison as a Markdown document (GitHub-flavoured tables), for wikis and pull requests.
public struct ComparisonMarkdownReporter: ReportRenderer {
  public static let identifier = "md"
  public init() {}

  public func render(_ report: ComparisonReport) -> String {
    let w = ReportWords(report.survey.language)
    let report = w.namingOrganisation(report)
    let input = report.input
    let baseline = " (\(w("baseline-word")))"
    var out = ["# \(escape(report.survey.title)): \(w("team-comparison"))", ""]
    out.append("\(escape(w.file(input))): \(w.rows(input)). \(w("baseline")): \(escape(w.baseline(report.baseline))).")
    for framework in report.frameworks {
      out += ["", "## \(escape(framework.name)) (\(framework.id) \(framework.version)), \(w("scale")) \(framework.scale.rangeText)", ""]
      out += table(
        [w("team"), "n", w.indexHeading(framework.indexHeading), w("ci"), w("band")],
        rows: (framework.teams + [framework.organisation]).map { team in
          if let reason = team.suppression {
            return [
              escape(team.team), String(team.n), "–", "",
              "*\(w("suppressed")): \(w.suppression(reason, minGroupSize: report.privacy.minGroupSize))*",
            ]
          }
          if let reason = team.indexSuppression {
            return [escape(team.team) + (team.isBaseline ? baseline : ""), String(team.n), "–", "", "*\(w("withheld")): \(w.reason(reason))*"]
          }
          return [
            escape(team.team) + (team.isBaseline ? baseline : ""), String(team.n), Format.fixed(team.index, 1),
            ComparisonWords.interval(team.indexInterval, 1), escape(team.band ?? ""),
          ]
        })
      out += ["", "### \(w("dimensions"))", ""]
      out += table(
        [w("team"), w("dimension"), "n", w("mean"), w("ci"), w("sd"), w("fav-neu-unfav"), w("diff"), w("p-holm"), "d", w("verdict")],
        rows: framework.teams.filter { $0.suppression == nil }.flatMap { team in
          team.dimensions.map { d in
            if let reason = d.suppression {
              return [
                escape(team.team), escape(framework.dimensionName(d.id)), String(d.n), "–", "", "", "", "", "", "",
                "*\(w("withheld")): \(w.reason(reason))*",
              ]
            }
            let x = d.difference
            let verdict =
              x.map { ($0.verdict.isMeaningful ? "**\(ComparisonWords.verdict($0, w))**" : ComparisonWords.verdict($0, w)) }
              ?? (team.isBaseline ? w("baseline-word") : "")
            return [
              escape(team.team), escape(framework.dimensionName(d.id)), String(d.n), Format.fixed(d.mean, 2), ComparisonWords.interval(d.interval, 2),
              Format.fixed(d.sd, 2),
              "\(Format.fixed(d.favorable, 0)) / \(Format.fixed(d.neutral, 0)) / \(Format.fixed(d.unfavorable, 0))",
              ComparisonWords.signed(x?.difference, 2), ComparisonWords.p(x?.adjustedP), ComparisonWords.signed(x?.cohensD, 2), verdict,
            ]
          }
        })
      out += ["", "### \(w("reliability-whole"))", ""]
      out += table(
        [w("dimension"), w("items-col"), "n", w("a-pairwise"), w("a-listwise"), w("complete"), w("item-rest")],
        rows: framework.reliability.map { scale in
          [
            escape(framework.dimensionName(scale.dimension)), String(scale.items.count), String(scale.respondents),
            ComparisonWords.alpha(scale.pairwise),
            ComparisonWords.alpha(scale.listwise), String(scale.completeRespondents),
            scale.itemStatistics.map { item in
              escape(item.item) + " " + (item.itemRest.map { Format.fixed($0, 2) } ?? "n/a")
                + (item.alphaIfDeleted.map { " (\(Format.fixed($0, 2)))" } ?? "") + (item.warning == nil ? "" : " ⚠")
            }.joined(separator: ", "),
          ]
        })
      let warnings =
        framework.reliability.flatMap { $0.itemStatistics.compactMap(\.warning) }
        + framework.teams.flatMap { team in team.reliability.flatMap { $0.itemStatistics.compactMap { $0.warning.map { "\(team.team): \($0)" } } } }
      if !warnings.isEmpty { out += [""] + warnings.map { "- ⚠ \(escape($0))" } }
    }
    out += ["", "## \(w("privacy"))", ""] + ComparisonWords.privacy(report, w).map { "- \(escape($0))" }
    out += ["", "## \(w("method"))", ""] + ComparisonWords.method(report, w).map { "- \($0)" }
    return out.joined(separator: "\n") + "\n"
  }

  private func table(_ header: [String], rows: [[String]]) -> [String] {
    let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
    return [line(header), "|" + header.map { _ in " --- |" }.joined()] + rows.map(line)
  }

  /// Escapes user text (team, dimension and item names, warnings) so that it can break neither
  /// a table cell nor start Markdown markup.
  /// Text from the inputs as a Markdown cell: no markup, no formula, no control characters.
  private func escape(_ text: String) -> String {
    SafeText.markdownCell(text)
  }
}
