import SurveyModel

/// One record per group and driver, in full precision.
public struct DriversCSVReporter: ReportRenderer {
  public static let identifier = "csv"
  public init() {}

  static let header = [
    "group", "source", "suppressed", "n", "r_squared", "outcome_kind", "outcome", "driver_kind", "driver", "r", "r_ci_low", "r_ci_high",
    "p", "p_holm", "significant", "raw_weight", "share", "weight_ci_low", "weight_ci_high", "score_pomp", "quadrant",
  ]

  public func render(_ report: DriversReport) -> String {
    var lines = [CSVText.line(Self.header)]
    let x = Format.exact
    for group in report.groups {
      let lead = [
        group.group, group.source.rawValue, group.suppression == nil ? "false" : "true", String(group.n), x(group.rSquared),
        report.outcome.kind.rawValue, report.outcome.id,
      ]
      if group.suppression != nil {
        lines.append(CSVText.line(lead + Array(repeating: "", count: Self.header.count - lead.count)))
        continue
      }
      for d in group.drivers {
        lines.append(
          CSVText.line(
            lead + [
              d.target.kind.rawValue, d.target.id, x(d.correlation), x(d.correlationInterval?.lower), x(d.correlationInterval?.upper), x(d.p),
              x(d.adjustedP), DriverWords.significant(d, report.method) ? "true" : "false", x(d.rawWeight), x(d.share),
              x(d.weightInterval?.lower), x(d.weightInterval?.upper), x(d.scorePOMP), d.quadrant?.rawValue ?? "",
            ]))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
