import SurveyModel

/// The drivers as terminal tables, one per group.
public struct DriversTableReporter: ReportRenderer {
  public static let identifier = "table"
  public init() {}

  public func render(_ report: DriversReport) -> String {
    let w = ReportWords(report.survey.language)
    var out = [
      w("drivers.title", ["title": report.survey.title, "outcome": DriverWords.outcome(report, w)]),
      w("drivers.framework", ["name": report.framework.name]), "",
    ]
    for group in report.groups {
      out.append("== " + DriverWords.group(group, method: report.method, w) + " ==")
      guard group.suppression == nil, group.source == .own else {
        out.append("")
        continue
      }
      var table = TextTable(
        [
          w("drivers.driver"), "r", w("ci"), "p (Holm)", w("drivers.weight"), w("drivers.share"), w("drivers.weight-ci"), "POMP",
          w("drivers.priority"),
        ],
        rightAligned: [1, 3, 4, 5, 7])
      for d in group.drivers {
        let star = DriverWords.significant(d, report.method) ? "*" : ""
        table.add([
          d.target.name == d.target.id ? d.target.id : "\(d.target.name)", Format.fixed(d.correlation, 2) + star,
          interval(d.correlationInterval, 2), p(d.adjustedP), Format.fixed(d.rawWeight, 3), d.share.map { Format.fixed($0 * 100, 0) + "%" } ?? "",
          interval(d.weightInterval, 3), Format.fixed(d.scorePOMP, 1), DriverWords.quadrant(d.quadrant, w),
        ])
      }
      out.append(table.render().trimmingEnd { $0 == " " })
      out.append("")
    }
    out.append(w("drivers.significant"))
    out += DriverWords.method(report, w)
    out.append(DriverWords.privacy(report.privacy, w))
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
