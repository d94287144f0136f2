import SurveyModel

/// One row per framework × team × wave × measure (the index, then each dimension's POMP),
/// with the change since the wave before, full precision. Withheld points have their n and
/// the suppression reason only.
public struct TrendCSVReporter: ReportRenderer {
  public static let identifier = "csv"
  public init() {}

  static let header = ["framework", "team", "wave", "n", "suppressed", "measure", "value", "change"]

  public func render(_ report: TrendReport) -> String {
    var lines = [CSVText.line(Self.header)]
    for framework in report.frameworks {
      for line in framework.teams + [framework.organisation] {
        for (w, wave) in report.waves.enumerated() {
          guard let point = line.points[w] else { continue }
          let lead = [framework.id, line.team, wave.name].map(SafeText.spreadsheetCell) + [String(point.n)]
          if let reason = point.suppression {
            lines.append(CSVText.line(lead + [reason.rawValue, "", "", ""]))
            continue
          }
          lines.append(
            CSVText.line(lead + [point.indexSuppression?.rawValue ?? "", "index", Format.exact(point.index), Format.exact(line.indexChange(at: w))]))
          for d in framework.dimensions {
            let reason = point.dimensions.first { $0.id == d.id }?.suppression
            lines.append(
              CSVText.line(
                lead + [
                  reason?.rawValue ?? "", SafeText.spreadsheetCell(d.id), Format.exact(line.pomp(of: d.id, at: w)),
                  Format.exact(line.pompChange(of: d.id, at: w)),
                ]))
          }
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
