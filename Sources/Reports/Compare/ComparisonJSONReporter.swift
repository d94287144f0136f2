import SurveyModel

/// The machine-readable comparison; its schema (`cultivar.compare/1`) is documented in
/// docs/compare-json.md and only grows by new keys within a major version.
public struct ComparisonJSONReporter: ReportRenderer {
  public static let identifier = "json"
  public static let schema = "cultivar.compare/1"
  public init() {}

  public func render(_ report: ComparisonReport) -> String { root(report).render() + "\n" }

  /// Writes the report block by block; a team's values are made only as it is written, so a
  /// comparison of 50,000 teams is never held as text or as values.
  public func write(_ report: ComparisonReport, to sink: ReportSink) throws {
    try root(report).write(to: sink)
    sink.byte(0x0A)
    try sink.flushIfFull()
  }

  private func root(_ report: ComparisonReport) -> JSON {
    let input = report.input
    let method = report.method
    var baseline: [(String, JSON)] = [
      ("kind", .string(report.baseline == .restOfOrganisation ? "rest_of_organisation" : report.baseline == .parent ? "parent" : "team"))
    ]
    if case .team(let name) = report.baseline { baseline.append(("team", .string(name))) } else { baseline.append(("team", .null)) }
    baseline.append(("description", .string(report.baseline.description)))
    let root = JSON.object([
      ("schema", .string(Self.schema)),
      ("survey", .object([("id", .string(report.survey.id)), ("title", .string(report.survey.title))])),
      (
        "input",
        .object([
          ("file", .string(input.file)), ("rows_read", .number(Double(input.rowsRead))), ("rows_used", .number(Double(input.rowsUsed))),
          ("rows_rejected", .number(Double(input.rowsRejected))), ("rejects_file", .string(input.rejectsFile)),
        ])
      ),
      ("baseline", .object(baseline)),
      ("selected_teams", report.selectedTeams.map { .array($0.map { .string($0) }) } ?? .null),
      (
        "method",
        .object([
          ("confidence_level", .number(method.confidenceLevel)), ("significance_level", .number(method.significanceLevel)),
          ("power", .number(method.power)), ("small_team_below", .number(Double(method.smallTeamBelow))),
          ("reliability_minimum", .number(Double(method.reliabilityMinimum))), ("deletion_rule", .string(method.deletionRule)),
          ("holm_family_size", .number(Double(method.familySize))), ("tests", .string(RuleSentences().tests(method))),
          ("intervals", .string(RuleSentences().intervals(method))), ("reliability", .string(RuleSentences().reliability(method))),
        ])
      ),
      ("privacy", PrivacyAuditReport.json(report.privacy)),
      ("frameworks", .array(report.frameworks.map(framework))),
    ])
    return root
  }

  private func framework(_ f: FrameworkComparison) -> JSON {
    .object([
      ("id", .string(f.id)), ("name", .string(f.name)), ("version", .string(f.version)),
      ("scale", .object([("min", .number(f.scale.min)), ("max", .number(f.scale.max))])),
      ("rules", RuleSentences().json(f.rules)),
      (
        "index_scale",
        .object([("label", .string(f.indexLabel)), ("min", .number(f.indexRange?.lowerBound)), ("max", .number(f.indexRange?.upperBound))])
      ),
      ("dimensions", .array(f.dimensions.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })),
      ("organisation", team(f.organisation)),
      ("teams", JSON.list(f.teams.count) { team(f.teams[$0]) }),
      ("reliability", .array(f.reliability.map(ComparisonJSONParts.reliability))),
    ])
  }

  private func team(_ t: TeamComparison) -> JSON {
    var fields: [(String, JSON)] = [("team", .string(t.team)), ("n", .number(Double(t.n))), ("suppressed", .bool(t.suppression != nil))]
    if let reason = t.suppression {
      fields.append(("suppression_reason", .string(reason.rawValue)))
      return .object(fields)
    }
    fields += [
      ("baseline", .bool(t.isBaseline)), ("index_suppression", .string(t.indexSuppression?.rawValue)), ("index", .number(t.index)),
      ("index_ci", ComparisonJSONParts.interval(t.indexInterval)),
      ("band", .string(t.band)), ("dimensions", .array(t.dimensions.map(ComparisonJSONParts.dimension))),
      ("reliability", .array(t.reliability.map(ComparisonJSONParts.reliability))),
    ]
    return .object(fields)
  }
}

/// The nested parts of the comparison JSON.
enum ComparisonJSONParts {
  static func interval(_ interval: Interval?) -> JSON {
    interval.map { .array([.number($0.lower), .number($0.upper)]) } ?? .null
  }

  static func dimension(_ d: DimensionComparison) -> JSON {
    if let reason = d.suppression {
      return .object([("id", .string(d.id)), ("n", .number(Double(d.n))), ("suppressed", .string(reason.rawValue))])
    }
    var fields: [(String, JSON)] = [
      ("id", .string(d.id)), ("n", .number(Double(d.n))), ("mean", .number(d.mean)), ("sd", .number(d.sd)),
      ("ci", interval(d.interval)), ("pomp", .number(d.pomp)), ("favorable_pct", .number(d.favorable)),
      ("neutral_pct", .number(d.neutral)), ("unfavorable_pct", .number(d.unfavorable)),
      ("difference", d.difference.map(difference) ?? .null),
    ]
    if let reason = d.noDifference { fields.append(("no_difference", .string(reason))) }
    return .object(fields)
  }

  static func difference(_ x: BaselineDifference) -> JSON {
    .object([
      ("baseline_n", .number(Double(x.baselineN))), ("baseline_mean", .number(x.baselineMean)), ("difference", .number(x.difference)),
      ("t", .number(x.t)), ("df", .number(x.degreesOfFreedom)), ("p", .number(x.p)), ("p_holm", .number(x.adjustedP)),
      ("cohens_d", .number(x.cohensD)), ("min_detectable_difference", .number(x.minimumDetectable)),
      ("verdict", .string(x.verdict.rawValue)), ("meaningful", .bool(x.verdict.isMeaningful)),
      ("small_sample", .bool(x.smallSample)), ("untestable_reason", x.untestableReason.map { .string($0.rawValue) } ?? .null),
    ])
  }

  static func reliability(_ r: ScaleReliability) -> JSON {
    func alpha(_ value: AlphaValue?) -> JSON {
      value.map { .object([("alpha", .number($0.alpha)), ("ci", interval($0.interval))]) } ?? .null
    }
    return .object([
      ("dimension", .string(r.dimension)), ("items", .array(r.items.map { .string($0) })),
      ("respondents", .number(Double(r.respondents))), ("complete_respondents", .number(Double(r.completeRespondents))),
      ("alpha_pairwise", alpha(r.pairwise)), ("alpha_listwise", alpha(r.listwise)),
      (
        "item_statistics",
        .array(
          r.itemStatistics.map { item in
            .object([
              ("item", .string(item.item)), ("n", .number(Double(item.n))), ("item_rest_r", .number(item.itemRest)),
              ("alpha_if_deleted", .number(item.alphaIfDeleted)), ("warning", .string(item.warning)),
            ])
          })
      ),
    ])
  }
}
