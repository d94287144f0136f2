import SurveyModel

/// One row per framework × team × measure (the index, then each dimension), full precision.
/// Suppressed teams get a single row with their n and no scores; a withheld index or
/// dimension keeps its row with the reason in `suppressed` and no numbers. Text cells are
/// neutralised against spreadsheet formulas (numbers are written as numbers). The organisation's
/// dimension rows also carry the dimension's Cronbach's alpha.
public struct CSVReporter: Reporter {
  public static let identifier = "csv"
  public init() {}

  static let header = [
    "framework", "team", "team_n", "suppressed", "measure", "n", "mean", "sd", "pomp",
    "favorable_pct", "neutral_pct", "unfavorable_pct", "index", "band", "alpha", "invited", "response_rate",
  ]

  public func write(_ report: ScoreReport, to sink: ReportSink) throws {
    sink.write(Self.header.joined(separator: ",") + "\n")
    for framework in report.frameworks {
      let alphas = Dictionary(uniqueKeysWithValues: framework.reliability.map { ($0.id, $0.alpha) })
      for team in framework.teams {
        try row(framework.id, team, alphas: [:], sink)
      }
      try row(framework.id, framework.organisation, alphas: alphas, sink)
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
      sink.byte(0x0A)
    }
  }

  private func row(_ framework: String, _ team: TeamResult, alphas: [String: Double?], _ sink: ReportSink) throws {
    func lead() {
      sink.csvField(framework)
      sink.byte(0x2C)
      sink.csvField(team.team)
      sink.byte(0x2C)
      sink.integer(Int64(team.n))
      sink.byte(0x2C)
    }
    func cells(_ values: [Double?]) {
      for value in values {
        sink.byte(0x2C)
        sink.exact(value)
      }
    }
    lead()
    if let reason = team.suppression {
      sink.write(reason.rawValue + ",,,,,,,,,,,,,\n")
      try sink.flushIfFull()
      return
    }
    sink.write(team.indexSuppression.map { $0.rawValue } ?? "")
    sink.write(",index,")
    sink.integer(Int64(team.n))
    sink.write(",,,,,,")
    cells([team.index])
    sink.byte(0x2C)
    sink.csvField(team.band?.label ?? "")
    sink.write(",,,\n")
    for d in team.dimensions {
      lead()
      sink.write(d.suppression.map { $0.rawValue } ?? "")
      sink.byte(0x2C)
      sink.csvField(d.id)
      sink.byte(0x2C)
      sink.integer(Int64(d.n))
      cells([d.mean, d.sd, d.pomp, d.favorable, d.neutral, d.unfavorable])
      sink.write(",,,")
      sink.exact(alphas[d.id] ?? nil)
      sink.write(",,\n")
    }
    try sink.flushIfFull()
  }
}
