import SurveyModel

/// The machine-readable report; its schema (`cultivar.score/1`) is documented in
/// docs/score-json.md and only grows by new keys within a major version.
public struct JSONReporter: ReportRenderer {
  public static let identifier = "json"
  public static let schema = "cultivar.score/1"
  public init() {}

  public func write(_ report: ScoreReport, to sink: ReportSink) throws {
    let input = report.input
    let root = JSON.object([
      ("schema", .string(Self.schema)),
      ("survey", .object([("id", .string(report.survey.id)), ("title", .string(report.survey.title))])),
      (
        "input",
        .object([
          ("file", .string(input.file)), ("rows_read", .number(Double(input.rowsRead))),
          ("rows_used", .number(Double(input.rowsUsed))), ("rows_rejected", .number(Double(input.rowsRejected))),
          ("rejects_file", .string(input.rejectsFile)),
        ])
      ),
      ("privacy", PrivacyAuditReport.json(report.privacy)),
      ("frameworks", .array(report.frameworks.map(framework))),
      ("cut", .string(report.cut)),
      (
        "participation",
        .array(
          report.participation.map { p in
            .object([
              ("unit", .string(p.unit)), ("invited", p.invited.map { .number(Double($0)) } ?? .null),
              ("responded", .number(Double(p.responded))), ("response_rate", .number(p.rate)),
            ])
          })
      ),
    ])
    try root.write(to: sink)
    sink.byte(0x0A)
  }

  private func framework(_ f: FrameworkResult) -> JSON {
    .object([
      ("id", .string(f.id)), ("name", .string(f.name)), ("version", .string(f.version)), ("source", .string(f.source)),
      (
        "scale",
        .object([
          ("min", .number(f.scale.min)), ("max", .number(f.scale.max)),
          ("labels", .array(f.scale.labels.map { .string($0) })),
          ("favorable", .array(f.scale.favorable.map { .number($0) })),
          ("unfavorable", .array(f.scale.unfavorable.map { .number($0) })),
        ])
      ),
      ("rules", .object([("index", .string(f.indexRule)), ("missing_data", .string(f.missingRule)), ("favorable", .string(f.favorableRule))])),
      (
        "index_scale",
        .object([("label", .string(f.indexLabel)), ("min", .number(f.indexRange?.lowerBound)), ("max", .number(f.indexRange?.upperBound))])
      ),
      ("measures", .array(f.measures.map { .object([("id", .string($0.id)), ("name", .string($0.name)), ("rule", .string($0.rule))]) })),
      (
        "dimensions",
        .array(f.dimensions.map { .object([("id", .string($0.id)), ("name", .string($0.name)), ("benchmark", .number($0.benchmark))]) })
      ),
      (
        "reliability",
        .array(
          f.reliability.map { r in
            .object([
              ("id", .string(r.id)), ("items", .number(Double(r.items))), ("alpha", .number(r.alpha)),
              ("deletion", .string("pairwise")), ("complete_respondents", .number(Double(r.completeRespondents))),
            ])
          })
      ),
      ("teams", .lazyArray(f.teams.count) { team(f.teams[$0], f) }),
      ("organisation", team(f.organisation, f)),
    ])
  }

  private func team(_ t: TeamResult, _ f: FrameworkResult) -> JSON {
    let infos = Dictionary(uniqueKeysWithValues: f.dimensions.map { ($0.id, $0) })
    var fields: [(String, JSON)] = [("team", .string(t.team)), ("n", .number(Double(t.n))), ("suppressed", .bool(t.suppression != nil))]
    if let reason = t.suppression {
      fields.append(("suppression_reason", .string(reason.rawValue)))
      return .object(fields)
    }
    if let reason = t.indexSuppression { fields.append(("index_suppression", .string(reason.rawValue))) }
    fields.append(("index", .number(t.index)))
    fields.append(("band", t.band.map { .object([("label", .string($0.label)), ("advice", .string($0.advice))]) } ?? .null))
    fields.append(
      (
        "dimensions",
        .array(
          t.dimensions.map { d in
            if let reason = d.suppression {
              return .object([("id", .string(d.id)), ("n", .number(Double(d.n))), ("suppressed", .string(reason.rawValue))])
            }
            return .object([
              ("id", .string(d.id)), ("n", .number(Double(d.n))), ("mean", .number(d.mean)), ("sd", .number(d.sd)),
              ("pomp", .number(d.pomp)), ("favorable_pct", .number(d.favorable)), ("neutral_pct", .number(d.neutral)),
              ("unfavorable_pct", .number(d.unfavorable)), ("advice", .string(d.advice)),
              ("vs_benchmark", .number(infos[d.id]?.differenceFromBenchmark(d))),
            ])
          })
      ))
    fields.append(
      (
        "measures",
        .array(
          t.measures.map { m in
            if let reason = m.suppression {
              return .object([("id", .string(m.id)), ("n", .number(Double(m.n))), ("suppressed", .string(reason.rawValue))])
            }
            return .object([
              ("id", .string(m.id)), ("n", .number(Double(m.n))), ("mean", .number(m.mean)), ("sd", .number(m.sd)), ("sum", .number(m.sum)),
              ("at_least_pct", .number(m.atLeast)), ("at_most_pct", .number(m.atMost)), ("pooled", .number(m.pooled)),
            ])
          })
      ))
    return .object(fields)
  }
}
