import SurveyModel

/// One row per framework × team × measure (the index, then each dimension), full precision.
/// Suppressed teams get a single row with their n and no scores.
public struct CSVReporter: Reporter {
  public static let identifier = "csv"
  public init() {}

  static let header = [
    "framework", "team", "team_n", "suppressed", "measure", "n", "mean", "sd", "pomp",
    "favorable_pct", "neutral_pct", "unfavorable_pct", "index", "band",
  ]

  public func render(_ report: ScoreReport) -> String {
    var lines = [CSVText.line(Self.header)]
    for framework in report.frameworks {
      for team in framework.teams + [framework.organisation] {
        let lead = [framework.id, team.team, String(team.n)]
        if let reason = team.suppression {
          lines.append(CSVText.line(lead + [reason.rawValue] + Array(repeating: "", count: Self.header.count - 4)))
          continue
        }
        lines.append(CSVText.line(lead + ["", "index", String(team.n), "", "", "", "", "", "", Format.exact(team.index), team.band?.label ?? ""]))
        for d in team.dimensions {
          lines.append(CSVText.line(lead + ["", d.id, String(d.n), Format.exact(d.mean), Format.exact(d.sd), Format.exact(d.pomp),
                                            Format.exact(d.favorable), Format.exact(d.neutral), Format.exact(d.unfavorable), "", ""]))
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
