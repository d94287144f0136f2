import Foundation
import SurveyModel
import Testing

@testable import Reports

let sampleReport: ScoreReport = {
  let dims = [DimensionInfo(id: "a", name: "Alpha, \"quoted\"")]
  let shown = TeamResult(
    team: "Ops", n: 12, index: 62.5, band: Band(min: 50, label: "Developing", advice: "Keep going"),
    dimensions: [DimensionScore(id: "a", n: 12, mean: 3.5, sd: 0.75, pomp: 62.5, favorable: 50, neutral: 25, unfavorable: 25, advice: nil)])
  let hidden = TeamResult(team: "Tiny", n: 3, suppression: .belowMinimum)
  let org = TeamResult(
    team: "(all teams)", n: 15, index: 60,
    dimensions: [DimensionScore(id: "a", n: 15, mean: 3.4, sd: 0.8, pomp: 60, favorable: 40, neutral: 40, unfavorable: 20)])
  let framework = FrameworkResult(
    id: "f", name: "Frame", version: "1.0", source: "Someone (2020)", scale: Scale(min: 1, max: 5),
    rules: ScoringRules(scale: Scale(min: 1, max: 5), minimumAnswered: 2),
    dimensions: dims, teams: [shown, hidden], organisation: org,
    reliability: [
      ScaleReliability(
        dimension: "a", items: ["a1", "a2", "a3", "a4"], respondents: 15, completeRespondents: 14,
        pairwise: AlphaValue(alpha: 0.8125, interval: nil), listwise: nil, itemStatistics: [])
    ])
  return ScoreReport(
    survey: SurveyInfo(id: "s", title: "Survey"), input: InputSummary(file: "r.csv", rowsRead: 16, rowsUsed: 15, rowsRejected: 1),
    frameworks: [framework],
    privacy: PrivacySummary(minGroupSize: 5, rule: "rule", suppressed: [SuppressedGroup(team: "Tiny", n: 3, reason: .belowMinimum)]))
}()

@Suite struct ReporterTests {
  @Test func everyFormatIsRegistered() {
    #expect(OutputFormats.score.names == ["table", "csv", "json"])
    #expect(OutputFormats.comparison.names == ["table", "md", "csv", "json", "html"])
    #expect(OutputFormats.trend.names == ["table", "csv", "json"])
    #expect(OutputFormats.drivers.names == ["table", "csv", "json", "html"])
    #expect(OutputFormats.comments.names == ["table", "json"])
    #expect(OutputFormats.selections.names == ["table", "csv", "json"])
    #expect(throws: UsageError.self) { try OutputFormats.score.renderer(named: "xml") }
    do {
      _ = try OutputFormats.comparison.renderer(named: "htm")
      Issue.record("an unknown format was accepted")
    } catch let error as UsageError {
      #expect(error.message == "unknown format 'htm' (did you mean 'html'?)")
      #expect(error.hint == "use one of: table, md, csv, json, html")
    } catch { Issue.record("unexpected \(error)") }
  }

  @Test func tableShowsScoresRulesAndPrivacy() {
    let text = TableReporter().render(sampleReport)
    #expect(text.contains("r.csv: 16 rows read, 15 used, 1 rejected"))
    #expect(text.contains("Ops          12   62.5  Developing"))
    #expect(text.contains("Tiny          3      -  suppressed"))
    #expect(
      text.contains(
        "Index rule: index = mean over dimensions of POMP of the team's dimension means, POMP = (mean − 1) / (5 − 1) × 100."))
    #expect(text.contains("Favourability: favourable = answers of 4 or 5 after reverse-keying, as a share of answered item responses."))
    #expect(text.contains("- Tiny (n = 3): scores withheld, fewer than 5 respondents"))
    #expect(text.contains("- Ops, index 62.5 (Developing): Keep going"))
  }

  @Test func csvHasOneRowPerMeasureAndNoScoresForSuppressedTeams() {
    let lines = CSVReporter().render(sampleReport).split(separator: "\n").map(String.init)
    #expect(
      lines[0]
        == "framework,team,team_n,suppressed,measure,n,mean,sd,pomp,favorable_pct,neutral_pct,unfavorable_pct,index,band,alpha,invited,response_rate,sum,at_least_pct,at_most_pct,pooled,index_label,index_min,index_max"
    )
    #expect(lines[1] == "f,Ops,12,,index,12,,,,,,,62.5,Developing,,,,,,,,index,0,100")
    #expect(lines[2] == "f,Ops,12,,a,12,3.5,0.75,62.5,50,25,25,,,,,,,,,,,,")
    #expect(lines[3] == "f,Tiny,3,below_min_group_size,,,,,,,,,,,,,,,,,,,,")
    #expect(lines[5] == "f,(all teams),15,,a,15,3.4,0.8,60,40,40,20,,,0.8125,,,,,,,,,")
    #expect(lines.count == 6)
    #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 24 })
  }

  @Test func jsonIsStableAndSuppressedTeamsCarryOnlyTheirN() {
    let text = JSONReporter().render(sampleReport)
    #expect(text.hasPrefix("{\n  \"schema\": \"cultivar.score/1\","))
    #expect(
      text.contains(
        "\n        {\"team\": \"Tiny\", \"n\": 3, \"suppressed\": true, \"suppression_reason\": \"below_min_group_size\"}"
      ))
    #expect(text.contains("\"name\": \"Alpha, \\\"quoted\\\"\""))
    #expect(
      text.contains(
        "\"reliability\": [\n        {\"id\": \"a\", \"items\": 4, \"alpha\": 0.8125, \"deletion\": \"pairwise\""
      ))
    #expect(JSONReporter().render(sampleReport) == text)
  }

  @Test func benchmarksAddColumnsAndJSONKeys() {
    var report = sampleReport
    report.frameworks[0].dimensions = [DimensionInfo(id: "a", name: "Alpha", benchmark: 71)]
    var teams = Array(report.frameworks[0].teams)
    teams[0].dimensions[0].advice = "Reflect more"
    report.frameworks[0].teams = TeamResultList(teams)
    let table = TableReporter().render(report)
    #expect(table.contains("Team         Dimension   n  Mean    SD  POMP  Fav %  Bench   Diff"))
    #expect(table.contains("Ops          Alpha      12  3.50  0.75  62.5   50.0     71   -8.5"))
    #expect(table.contains("(all teams)  Alpha      15  3.40  0.80  60.0   40.0     71  -11.0"))
    #expect(table.contains("- Ops, Alpha (63/100; benchmark 71): Reflect more"))
    let json = JSONReporter().render(report)
    #expect(json.contains("\"name\": \"Alpha\", \"benchmark\": 71}\n"))
    #expect(json.contains("\"advice\": \"Reflect more\", \"vs_benchmark\": -8.5}\n"))
    #expect(json.contains("\"vs_benchmark\": -11}\n"))
    // Without benchmarks: no extra columns, null keys.
    #expect(!TableReporter().render(sampleReport).contains("Bench"))
    #expect(JSONReporter().render(sampleReport).contains("\"vs_benchmark\": null"))
  }

  @Test(arguments: [(1.25, "+1.3"), (-8.5, "-8.5"), (0, "0.0"), (-0.01, "0.0")]) func signedFormatting(_ value: Double, _ text: String) {
    #expect(Format.signed(value, 1) == text)
  }

  /// The one signed formatter: the comparison reports' typographic minus is its only
  /// difference, and on 20,000 generated values (rounding to zero, halves, huge, tiny, not
  /// finite) the sign follows the value and the digits are those of the unsigned number.
  @Test func comparisonsSignNumbersAsEveryReportDoesButWithATypographicMinus() {
    var rng = SystemRandomNumberGenerator()
    let specials: [Double] = [0, -0.0, 0.004, -0.004, 0.005, -0.005, 0.125, -0.125, 1e-300, -1e300, .infinity, -.infinity, .nan]
    let values =
      specials
      + (0..<20_000).map { _ in
        Double.random(in: -1...1, using: &rng) * pow(10, Double(Int.random(in: -4...6, using: &rng)))
      }
    for value in values {
      for decimals in 0...3 {
        let plain = Format.signed(value, decimals)
        let typographic = ComparisonWords.signed(value, decimals)
        #expect(typographic == plain.replacingOccurrences(of: "-", with: "\u{2212}"), "\(value)")
        let digits = Format.fixed(abs(value), decimals)
        guard value.isFinite else {
          #expect(plain.isEmpty)
          continue
        }
        if Double(digits) == 0 {
          #expect(plain == digits, "\(value)")
        } else {
          #expect(plain == (value > 0 ? "+" : "-") + digits, "\(value)")
        }
      }
    }
  }

  @Test(arguments: [(3.14159, 2, "3.14"), (2.5, 0, "3"), (-0.001, 1, "0.0"), (7, 1, "7.0"), (62.5, 1, "62.5")])
  func fixedFormatting(_ value: Double, _ decimals: Int, _ text: String) {
    #expect(Format.fixed(value, decimals) == text)
  }
}
