import SurveyModel

/// One row per framework × team × measure (the index, then each dimension), full precision.
/// Suppressed teams get a single row with their n and no scores; a withheld index or
/// dimension keeps its row with the reason in `suppressed` and no numbers. Text cells are
/// neutralised against spreadsheet formulas (numbers are written as numbers). The organisation's
/// dimension rows also carry the dimension's Cronbach's alpha. The index row carries the
/// index's label and range; a per-respondent measure's row (`measure:ID`) its sum, shares at or
/// above / at or below its thresholds and pooled mean.
public struct CSVReporter: ReportRenderer {
  public static let identifier = "csv"
  public init() {}

  static let header = [
    "framework", "team", "team_n", "suppressed", "measure", "n", "mean", "sd", "pomp",
    "favorable_pct", "neutral_pct", "unfavorable_pct", "index", "band", "alpha", "invited", "response_rate",
    "sum", "at_least_pct", "at_most_pct", "pooled", "index_label", "index_min", "index_max",
  ]

  public func write(_ report: ScoreReport, to sink: ReportSink) throws {
    sink.write(Self.header.joined(separator: ",") + "\n")
    for framework in report.frameworks {
      let alphas = Dictionary(uniqueKeysWithValues: framework.reliability.map { ($0.dimension, $0.pairwise?.alpha) })
      try sink.items(framework.teams.count) { [self] t, part in row(framework, framework.teams[t], alphas: [:], part) }
      row(framework, framework.organisation, alphas: alphas, sink)
      try sink.flushIfFull()
    }
    // Participation rows: team_n and n are the unit's respondents; invited and the rate are
    // empty where the organisation file gives no headcount or fewer than the minimum were invited.
    for p in report.participation {
      sink.byte(0x2C)
      sink.csvField(p.unit)
      sink.byte(0x2C)
      sink.integer(Int64(p.responded))
      sink.write(",,participation,")
      sink.integer(Int64(p.responded))
      sink.write(",,,,,,,,,,")
      if let invited = p.invited { sink.integer(Int64(invited)) }
      sink.byte(0x2C)
      sink.exact(p.rate)
      sink.write(",,,,,,,\n")
    }
  }

  private func row(_ result: FrameworkResult, _ team: TeamResult, alphas: [String: Double?], _ sink: ReportSink) {
    func lead() {
      sink.csvField(result.id)
      sink.byte(0x2C)
      sink.csvField(team.team)
      sink.byte(0x2C)
      sink.integer(Int64(team.n))
      sink.byte(0x2C)
    }
    func cell(_ value: Double?) {
      sink.byte(0x2C)
      sink.exact(value)
    }
    lead()
    if let reason = team.suppression {
      sink.write(reason.rawValue + ",,,,,,,,,,,,,,,,,,,,\n")
      return
    }
    sink.write(team.indexSuppression.map { $0.rawValue } ?? "")
    sink.write(",index,")
    sink.integer(Int64(team.n))
    sink.write(",,,,,,")
    cell(team.index)
    sink.byte(0x2C)
    sink.csvField(team.band?.label ?? "")
    sink.write(",,,,,,,,")
    sink.csvField(result.indexLabel)
    cell(result.indexRange?.lowerBound)
    cell(result.indexRange?.upperBound)
    sink.byte(0x0A)
    for d in team.dimensions {
      lead()
      sink.write(d.suppression.map { $0.rawValue } ?? "")
      sink.byte(0x2C)
      sink.csvField(d.id)
      sink.byte(0x2C)
      sink.integer(Int64(d.n))
      cell(d.mean)
      cell(d.sd)
      cell(d.pomp)
      cell(d.favorable)
      cell(d.neutral)
      cell(d.unfavorable)
      sink.write(",,,")
      sink.exact(alphas[d.id] ?? nil)
      sink.write(",,,,,,,,,\n")
    }
    for m in team.measures {
      lead()
      sink.write(m.suppression.map { $0.rawValue } ?? "")
      sink.byte(0x2C)
      sink.csvField("measure:" + m.id)
      sink.byte(0x2C)
      sink.integer(Int64(m.n))
      cell(m.mean)
      cell(m.sd)
      sink.write(",,,,,,,,,")
      cell(m.sum)
      cell(m.atLeast)
      cell(m.atMost)
      cell(m.pooled)
      sink.write(",,,\n")
    }
  }
}
