import SurveyModel

/// The drivers as terminal tables, one per group.
public struct DriversTableReporter: ReportRenderer {
  public static let identifier = "table"
  public init() {}

  public func render(_ report: DriversReport) -> String {
    var out = ["\(report.survey.title): drivers of \(DriverWords.outcome(report))", "Framework: \(report.framework.name)", ""]
    for group in report.groups {
      out.append("== " + DriverWords.group(group, method: report.method) + " ==")
      guard group.suppression == nil, group.source == .own else {
        out.append("")
        continue
      }
      var table = TextTable(
        ["Driver", "r", "95% CI", "p (Holm)", "Weight", "Share", "Weight 95% CI", "POMP", "Priority"], rightAligned: [1, 3, 4, 5, 7])
      for d in group.drivers {
        let star = DriverWords.significant(d, report.method) ? "*" : ""
        table.add([
          d.target.name == d.target.id ? d.target.id : "\(d.target.name)", Format.fixed(d.correlation, 2) + star,
          interval(d.correlationInterval, 2), p(d.adjustedP), Format.fixed(d.rawWeight, 3), d.share.map { Format.fixed($0 * 100, 0) + "%" } ?? "",
          interval(d.weightInterval, 3), Format.fixed(d.scorePOMP, 1), DriverWords.quadrant(d.quadrant),
        ])
      }
      out.append(table.render().trimmingTrailingSpaces())
      out.append("")
    }
    out.append("* significant after Holm's adjustment")
    out += DriverWords.method(report)
    out.append("Privacy: minimum group size \(report.privacy.minGroupSize); \(report.privacy.rule).")
    return out.joined(separator: "\n") + "\n"
  }

  private func interval(_ i: Interval?, _ decimals: Int) -> String {
    i.map { "[\(Format.fixed($0.lower, decimals)), \(Format.fixed($0.upper, decimals))]" } ?? ""
  }

  private func p(_ value: Double?) -> String {
    guard let value else { return "" }
    return value < 0.001 ? "<0.001" : Format.fixed(value, 3)
  }
}
