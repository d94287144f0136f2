import SurveyModel

/// The trend as JSON: waves, the team mapping applied, and per framework one line per team
/// with a point per wave (null where the team had no responses).
public struct TrendJSONReporter: ReportRenderer {
  public static let identifier = "json"
  public init() {}

  public func render(_ report: TrendReport) -> String {
    let root = JSON.object([
      ("survey", .object([("id", .string(report.survey.id)), ("title", .string(report.survey.title))])),
      ("waves", .array(report.waves.map { .object([("name", .string($0.name)), ("responses", .number(Double($0.responses)))]) })),
      ("cut", .string(report.cut ?? "team")),
      (
        "team_mapping",
        .array(
          report.mappingApplied.map { applied in
            .object([
              ("kind", .string(applied.rule.kind.rawValue)), ("teams", .array(applied.rule.sources.map { .string($0) })),
              ("counted_as", .string(applied.rule.target)), ("waves", .array(applied.waves.map { .string($0) })),
            ])
          })
      ),
      ("frameworks", .array(report.frameworks.map { framework($0, waves: report.waves) })),
      (
        "privacy",
        .object([
          ("min_group_size", .number(Double(report.minGroupSize))), ("rule", .string(report.privacyRule)),
          (
            "waves",
            .array(
              report.privacy.enumerated().map { w, privacy in
                .object([("wave", .string(w < report.waves.count ? report.waves[w].name : nil)), ("audit", PrivacyAuditReport.json(privacy))])
              })
          ),
        ])
      ),
    ])
    return root.render() + "\n"
  }

  private func framework(_ framework: FrameworkTrend, waves: [WaveInput]) -> JSON {
    .object([
      ("id", .string(framework.id)), ("name", .string(framework.name)), ("version", .string(framework.version)),
      (
        "index_scale",
        .object([
          ("label", .string(framework.indexLabel)), ("min", .number(framework.indexRange?.lowerBound)),
          ("max", .number(framework.indexRange?.upperBound)),
        ])
      ),
      ("teams", .array((framework.teams + [framework.organisation]).map { line(framework, $0, waves: waves) })),
    ])
  }

  private func line(_ framework: FrameworkTrend, _ line: TeamLine, waves: [WaveInput]) -> JSON {
    .object([
      ("team", .string(line.team)),
      (
        "points",
        .array(
          waves.indices.map { w in
            guard let point = line.points[w] else { return .null }
            var fields: [(String, JSON)] = [("wave", .string(waves[w].name)), ("n", .number(Double(point.n)))]
            if let reason = point.suppression { return .object(fields + [("suppressed", .string(reason.rawValue))]) }
            if let reason = point.indexSuppression { fields.append(("index_suppression", .string(reason.rawValue))) }
            fields += [("index", .number(point.index)), ("index_change", .number(line.indexChange(at: w)))]
            fields.append(
              (
                "dimensions",
                .object(
                  framework.dimensions.map { d in
                    let score = point.dimensions.first { $0.id == d.id }
                    if let reason = score?.suppression {
                      return (d.id, .object([("n", .number(Double(score!.n))), ("suppressed", .string(reason.rawValue))]))
                    }
                    return (
                      d.id,
                      .object([
                        ("n", .number(score.map { Double($0.n) })), ("pomp", .number(line.pomp(of: d.id, at: w))),
                        ("change", .number(line.pompChange(of: d.id, at: w))),
                      ])
                    )
                  })
              ))
            return .object(fields)
          })
      ),
    ])
  }
}
