import SurveyModel

/// The drivers as JSON (schema `cultivar.drivers/1`, see docs/drivers-json.md).
public struct DriversJSONReporter: ReportRenderer {
  public static let identifier = "json"
  public init() {}

  public func render(_ report: DriversReport) -> String {
    let m = report.method
    let json = JSON.object([
      ("schema", .string("cultivar.drivers/1")),
      ("survey", .object([("id", .string(report.survey.id)), ("title", .string(report.survey.title))])),
      (
        "input",
        .object([
          ("file", .string(report.input.file)), ("rows_read", .number(Double(report.input.rowsRead))),
          ("rows_used", .number(Double(report.input.rowsUsed))), ("rows_rejected", .number(Double(report.input.rowsRejected))),
        ])
      ),
      ("framework", .object([("id", .string(report.framework.id)), ("name", .string(report.framework.name))])),
      ("outcome", target(report.outcome)),
      (
        "method",
        .object([
          ("minimum_n", .number(Double(m.minimumN))), ("bootstrap_samples", .number(Double(m.bootstrapSamples))),
          ("seed", .number(Double(m.seed))), ("confidence_level", .number(m.confidenceLevel)), ("significance_level", .number(m.significanceLevel)),
          ("deletion", .string("listwise")), ("rules", .array(DriverWords.method(report, ReportWords(nil)).map { .string($0) })),
        ])
      ),
      ("groups", .array(report.groups.map { group($0, report) })),
      ("privacy", .object([("min_group_size", .number(Double(report.privacy.minGroupSize))), ("rule", .string(report.privacy.rule))])),
    ])
    return json.render() + "\n"
  }

  private func target(_ t: DriverTarget) -> JSON {
    .object([("kind", .string(t.kind.rawValue)), ("id", .string(t.id)), ("name", .string(t.name))])
  }

  private func group(_ g: DriverGroup, _ report: DriversReport) -> JSON {
    if let reason = g.suppression {
      return .object([
        ("group", .string(g.group)), ("n", .number(Double(g.n))), ("suppressed", .bool(true)),
        ("suppression_reason", .string(reason.rawValue)),
      ])
    }
    func interval(_ i: Interval?) -> JSON { i.map { .array([.number($0.lower), .number($0.upper)]) } ?? .null }
    return .object([
      ("group", .string(g.group)), ("n", .number(Double(g.n))), ("suppressed", .bool(false)), ("source", .string(g.source.rawValue)),
      ("r_squared", .number(g.rSquared)), ("bootstrap_used", .number(Double(g.bootstrapUsed))),
      (
        "drivers",
        .array(
          g.drivers.map { d in
            .object([
              ("driver", target(d.target)), ("r", .number(d.correlation)), ("r_ci", interval(d.correlationInterval)), ("p", .number(d.p)),
              ("p_holm", .number(d.adjustedP)), ("significant", .bool(DriverWords.significant(d, report.method))),
              ("raw_weight", .number(d.rawWeight)), ("share", .number(d.share)), ("weight_ci", interval(d.weightInterval)),
              ("score_pomp", .number(d.scorePOMP)), ("quadrant", .string(d.quadrant?.rawValue)),
            ])
          })
      ),
    ])
  }
}
