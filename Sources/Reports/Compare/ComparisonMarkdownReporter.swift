import SurveyModel

/// The comparison as a Markdown document (GitHub-flavoured tables), for wikis and pull requests.
public struct ComparisonMarkdownReporter: ReportRenderer {
  public static let identifier = "md"
  public init() {}

  public func render(_ report: ComparisonReport) -> String {
    let input = report.input
    var out = ["# \(escape(report.survey.title)): team comparison", ""]
    out.append(
      "\(escape(input.file)): \(Counted.rows(read: input.rowsRead, used: input.rowsUsed, rejected: input.rowsRejected)). Baseline: \(escape(report.baseline.description))."
    )
    for framework in report.frameworks {
      out += ["", "## \(escape(framework.name)) (\(framework.id) \(framework.version)), scale \(framework.scale.rangeText)", ""]
      out += table(
        ["Team", "n", framework.indexHeading, "95% CI", "Band"],
        rows: (framework.teams + [framework.organisation]).map { team in
          if let reason = team.suppression {
            return [
              escape(team.team), String(team.n), "–", "",
              "*suppressed: \(ComparisonWords.suppression(reason, minGroupSize: report.privacy.minGroupSize))*",
            ]
          }
          if let reason = team.indexSuppression {
            return [escape(team.team) + (team.isBaseline ? " (baseline)" : ""), String(team.n), "–", "", "*withheld: \(reason.words)*"]
          }
          return [
            escape(team.team) + (team.isBaseline ? " (baseline)" : ""), String(team.n), Format.fixed(team.index, 1),
            ComparisonWords.interval(team.indexInterval, 1), escape(team.band ?? ""),
          ]
        })
      out += ["", "### Dimensions", ""]
      out += table(
        ["Team", "Dimension", "n", "Mean", "95% CI", "SD", "Fav / Neu / Unfav %", "Diff", "p (Holm)", "d", "Verdict"],
        rows: framework.teams.filter { $0.suppression == nil }.flatMap { team in
          team.dimensions.map { d in
            if let reason = d.suppression {
              return [
                escape(team.team), escape(framework.dimensionName(d.id)), String(d.n), "–", "", "", "", "", "", "", "*withheld: \(reason.words)*",
              ]
            }
            let x = d.difference
            let verdict =
              x.map { ($0.verdict.isMeaningful ? "**\(ComparisonWords.verdict($0))**" : ComparisonWords.verdict($0)) }
              ?? (team.isBaseline ? "baseline" : "")
            return [
              escape(team.team), escape(framework.dimensionName(d.id)), String(d.n), Format.fixed(d.mean, 2), ComparisonWords.interval(d.interval, 2),
              Format.fixed(d.sd, 2),
              "\(Format.fixed(d.favorable, 0)) / \(Format.fixed(d.neutral, 0)) / \(Format.fixed(d.unfavorable, 0))",
              ComparisonWords.signed(x?.difference, 2), ComparisonWords.p(x?.adjustedP), ComparisonWords.signed(x?.cohensD, 2), verdict,
            ]
          }
        })
      out += ["", "### Reliability (whole sample)", ""]
      out += table(
        ["Dimension", "Items", "n", "α pairwise [95% CI]", "α listwise [95% CI]", "Complete", "Item-rest r (α if deleted)"],
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
    out += ["", "## Privacy", ""] + ComparisonWords.privacy(report).map { "- \(escape($0))" }
    out += ["", "## Method", ""] + ComparisonWords.method(report).map { "- \($0)" }
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
