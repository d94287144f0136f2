import SurveyModel
import Testing

@testable import Reports

/// An eNPS framework: team Ops shows its measure, team Small has it withheld (n 2 behind it).
private let enpsReport: ScoreReport = {
  let dims = [DimensionInfo(id: "recommend", name: "Recommend")]
  let measure = MeasureScore(id: "nps", n: 8, mean: 7.5, sd: 1.5, sum: 60, atLeast: 50, atMost: 25)
  var ops = TeamResult(team: "Ops", n: 8, index: 25, dimensions: [DimensionScore(id: "recommend", n: 8, mean: 7.5, sd: 1.5, pomp: 75, favorable: 50)])
  ops.measures = [measure]
  var small = TeamResult(
    team: "Small", n: 6, indexSuppression: .derived, dimensions: [DimensionScore(id: "recommend", n: 6, mean: 6, sd: 2, pomp: 60, favorable: 30)])
  small.measures = [MeasureScore(id: "nps", n: 2, suppression: .dataPointBelowMinimum)]
  var org = TeamResult(
    team: "(all teams)", n: 14, index: 10, dimensions: [DimensionScore(id: "recommend", n: 14, mean: 7, sd: 1.8, pomp: 70, favorable: 40)])
  org.measures = [MeasureScore(id: "nps", n: 10, mean: 7, sd: 1.9, sum: 70, atLeast: 40, atMost: 30)]
  var framework = FrameworkResult(
    id: "enps", name: "eNPS", version: "1", source: "Reichheld (2003)", scale: Scale(min: 0, max: 10),
    rules: ScoringRules(
      scale: Scale(min: 0, max: 10), index: IndexDefinition(rule: .nps, measure: "nps"),
      measures: [Measure(id: "nps", name: "Answer to enps", source: .item("enps"), min: 0, max: 10, atLeast: 9, atMost: 6)]),
    dimensions: dims, teams: [ops, small], organisation: org)
  framework.measures = [MeasureInfo(id: "nps", name: "Answer to enps")]
  framework.indexLabel = "eNPS"
  framework.indexRange = -100...100
  return ScoreReport(
    survey: SurveyInfo(id: "s", title: "Survey"), input: InputSummary(file: "r.csv", rowsRead: 14, rowsUsed: 14, rowsRejected: 0),
    frameworks: [framework], privacy: PrivacySummary(minGroupSize: 5, rule: "rule", suppressed: []))
}()

@Suite struct IndexRuleReportTests {
  @Test func tableNamesTheIndexWithItsRangeAndListsMeasuresWithoutWithheldNumbers() {
    let text = TableReporter().render(enpsReport)
    #expect(text.contains("Team          n  eNPS -100–100  Band"))
    #expect(text.contains("Ops           8           25.0"))
    #expect(text.contains("Per-respondent measures (Answer to enps = their answer to enps (0–10); share ≥ 9; share ≤ 6):"))
    #expect(text.contains("Ops          Answer to enps   8  7.50  1.50  60.0  50.0  25.0"))
    #expect(text.contains("Small        Answer to enps   2     -\n"))
  }

  @Test func csvGivesTheLabelRangeAndMeasureRows() {
    let lines = CSVReporter().render(enpsReport).split(separator: "\n").map(String.init)
    #expect(lines[1] == "enps,Ops,8,,index,8,,,,,,,25,,,,,,,,,eNPS,-100,100")
    #expect(lines[3] == "enps,Ops,8,,measure:nps,8,7.5,1.5,,,,,,,,,,60,50,25,,,,")
    #expect(lines.contains("enps,Small,6,below_min_respondents,measure:nps,2,,,,,,,,,,,,,,,,,,"))
    #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 24 })
  }

  @Test func jsonGivesTheIndexScaleAndMeasures() {
    let json = JSONReporter().render(enpsReport).filter { !$0.isWhitespace }
    #expect(json.contains("\"index_scale\":{\"label\":\"eNPS\",\"min\":-100,\"max\":100}"))
    #expect(json.contains("{\"id\":\"nps\",\"n\":8,\"mean\":7.5,\"sd\":1.5,\"sum\":60,\"at_least_pct\":50,\"at_most_pct\":25,\"pooled\":null}"))
    #expect(json.contains("{\"id\":\"nps\",\"n\":2,\"suppressed\":\"below_min_respondents\"}"))
  }

  @Test func trendLabelsTheIndexAsThePluginDeclares() {
    let point = TeamResult(team: "Ops", n: 8, index: 25)
    var enps = FrameworkTrend(
      id: "enps", name: "eNPS", version: "1", dimensions: [], teams: [TeamLine(team: "Ops", points: [point])],
      organisation: TeamLine(team: "(all teams)", points: [point]))
    enps.indexLabel = "eNPS"
    enps.indexRange = -100...100
    var hook = enps
    hook.indexLabel = "net force"
    hook.indexRange = nil
    let report = TrendReport(
      survey: SurveyInfo(id: "s", title: "S"), waves: [WaveInput(name: "2026", responses: 8)], mappingApplied: [],
      frameworks: [enps, hook], minGroupSize: 5, privacyRule: "rule")
    let text = TrendTableReporter().render(report)
    #expect(text.contains("(enps 1): eNPS -100–100 per wave"))
    #expect(text.contains("(enps 1): net force per wave"))
    #expect(!text.contains("index 0–100"))
    #expect(TrendJSONReporter().render(report).contains("\"index_scale\""))
  }
}
