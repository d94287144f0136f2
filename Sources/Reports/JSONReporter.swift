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
      ("rules", RuleSentences().json(f.rules)),
      (
        "index_scale",
        .object([("label", .string(f.indexLabel)), ("min", .number(f.indexRange?.lowerBound)), ("max", .number(f.indexRange?.upperBound))])
      ),
      (
        "measures",
        .array(
          f.rules.measures.map { .object([("id", .string($0.id)), ("name", .string($0.name)), ("rule", .string(RuleSentences().measure($0)))]) })
      ),
      (
        "dimensions",
        .array(f.dimensions.map { .object([("id", .string($0.id)), ("name", .string($0.name)), ("benchmark", .number($0.benchmark))]) })
      ),
      (
        "reliability",
        .array(
          f.reliability.map { r in
            .object([
              ("id", .string(r.dimension)), ("items", .number(Double(r.items.count))), ("alpha", .number(r.pairwise?.alpha)),
              ("deletion", .string("pairwise")), ("complete_respondents", .number(Double(r.completeRespondents))),
            ])
          })
      ),
      ("teams", teams(f)),
      ("organisation", .stream { sink, indent in JSONTeamWriter(f).write(f.organisation, to: sink, indent: indent) }),
    ])
  }

  /// The teams, written one by one as they are made (see ``JSONTeamWriter``).
  private func teams(_ f: FrameworkResult) -> JSON {
    guard !f.teams.isEmpty else { return .array([]) }
    return .stream { sink, indent in
      let writer = JSONTeamWriter(f)
      sink.byte(0x5B)
      try sink.items(f.teams.count) { n, part in
        if n > 0 { part.byte(0x2C) }
        JSON.newline(part, indent + 1)
        writer.write(f.teams[n], to: part, indent: indent + 1)
      }
      JSON.newline(sink, indent)
      sink.byte(0x5D)
    }
  }
}
