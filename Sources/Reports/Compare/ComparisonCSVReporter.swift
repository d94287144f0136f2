import SurveyModel

/// The comparison as one CSV table, full precision, one record per line; the `record` column
/// says what a line holds: `team` (index), `dimension` (statistics and difference), `reliability`
/// (alpha of a dimension in a group), `item` (item statistics) or `suppressed` (n and reason only).
/// Columns that do not apply to a record are empty.
public struct ComparisonCSVReporter: ReportRenderer {
  public static let identifier = "csv"
  public init() {}

  static let header = [
    "record", "framework", "team", "team_n", "suppressed", "baseline", "dimension", "item", "n", "mean", "sd", "ci_low", "ci_high",
    "pomp", "favorable_pct", "neutral_pct", "unfavorable_pct", "baseline_n", "baseline_mean", "difference", "t", "df", "p", "p_holm",
    "cohens_d", "min_detectable_difference", "verdict", "small_sample", "untestable_reason", "index", "index_ci_low", "index_ci_high", "band",
    "alpha_pairwise",
    "alpha_pairwise_ci_low", "alpha_pairwise_ci_high", "alpha_listwise", "alpha_listwise_ci_low", "alpha_listwise_ci_high",
    "respondents", "complete_respondents", "item_rest_r", "alpha_if_deleted", "warning",
  ]

  /// Columns holding text from the inputs, neutralised against spreadsheet formulas (the
  /// others hold numbers, which stay numbers, negative ones included).
  static let textColumns: Set<String> = ["framework", "team", "dimension", "item", "band", "warning"]

  public func render(_ report: ComparisonReport) -> String {
    var lines = [CSVText.line(Self.header)]
    func add(_ fields: [String: String]) {
      lines.append(
        Self.header.map { column in
          let value = fields[column] ?? ""
          return Self.textColumns.contains(column) ? CSVText.field(SafeText.spreadsheetCell(value)) : CSVText.field(value)
        }.joined(separator: ","))
    }
    let x = Format.exact
    for framework in report.frameworks {
      for team in framework.teams + [framework.organisation] {
        var lead = ["framework": framework.id, "team": team.team, "team_n": String(team.n)]
        if let reason = team.suppression {
          lead["record"] = "suppressed"
          lead["suppressed"] = reason.rawValue
          add(lead)
          continue
        }
        lead["baseline"] = team.isBaseline ? "true" : "false"
        add(
          lead.merging([
            "record": "team", "n": String(team.n), "index": x(team.index), "index_ci_low": x(team.indexInterval?.lower),
            "index_ci_high": x(team.indexInterval?.upper), "band": team.band ?? "",
          ]) { $1 })
        if let reason = team.indexSuppression {
          lines.removeLast()
          add(lead.merging(["record": "team", "n": String(team.n), "suppressed": reason.rawValue]) { $1 })
        }
        for d in team.dimensions {
          if let reason = d.suppression {
            add(lead.merging(["record": "dimension", "dimension": d.id, "n": String(d.n), "suppressed": reason.rawValue]) { $1 })
            continue
          }
          var fields = lead.merging([
            "record": "dimension", "dimension": d.id, "n": String(d.n), "mean": x(d.mean), "sd": x(d.sd), "ci_low": x(d.interval?.lower),
            "ci_high": x(d.interval?.upper), "pomp": x(d.pomp), "favorable_pct": x(d.favorable), "neutral_pct": x(d.neutral),
            "unfavorable_pct": x(d.unfavorable),
          ]) { $1 }
          if let diff = d.difference {
            fields.merge([
              "baseline_n": String(diff.baselineN), "baseline_mean": x(diff.baselineMean), "difference": x(diff.difference), "t": x(diff.t),
              "df": x(diff.degreesOfFreedom), "p": x(diff.p), "p_holm": x(diff.adjustedP), "cohens_d": x(diff.cohensD),
              "min_detectable_difference": x(diff.minimumDetectable), "verdict": diff.verdict.rawValue,
              "small_sample": diff.smallSample ? "true" : "false", "untestable_reason": diff.untestableReason?.rawValue ?? "",
            ]) { $1 }
          }
          add(fields)
        }
        let isOrganisation = team == framework.organisation
        for scale in isOrganisation ? framework.reliability : team.reliability { reliability(scale, lead: lead, add: add) }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func reliability(_ scale: ScaleReliability, lead: [String: String], add: ([String: String]) -> Void) {
    let x = Format.exact
    add(
      lead.merging([
        "record": "reliability", "dimension": scale.dimension, "n": String(scale.respondents), "alpha_pairwise": x(scale.pairwise?.alpha),
        "alpha_pairwise_ci_low": x(scale.pairwise?.interval?.lower), "alpha_pairwise_ci_high": x(scale.pairwise?.interval?.upper),
        "alpha_listwise": x(scale.listwise?.alpha), "alpha_listwise_ci_low": x(scale.listwise?.interval?.lower),
        "alpha_listwise_ci_high": x(scale.listwise?.interval?.upper), "respondents": String(scale.respondents),
        "complete_respondents": String(scale.completeRespondents),
      ]) { $1 })
    for item in scale.itemStatistics {
      add(
        lead.merging([
          "record": "item", "dimension": scale.dimension, "item": item.item, "n": String(item.n), "item_rest_r": x(item.itemRest),
          "alpha_if_deleted": x(item.alphaIfDeleted), "warning": item.warning ?? "",
        ]) { $1 })
    }
  }
}
