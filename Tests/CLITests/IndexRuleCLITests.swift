import Foundation
import Testing

/// The index-rule example survey (eNPS, % positive, pooled, weighted) end to end.
@Suite struct IndexRuleCLITests {
  static let survey = "surveys/examples/index-rules/survey.yaml"
  static let responses = "surveys/examples/index-rules/responses.csv"

  @Test func trendLabelsEachIndexAsItsPluginDeclares() throws {
    let box = try Sandbox()
    for wave in ["2026-q1", "2026-q2"] {
      let result = try box.run("import", Self.survey, Self.responses, "--wave", wave)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let result = try box.run("trend", Self.survey, "--waves", "2026-q1,2026-q2")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("(enps 1.0.0): eNPS -100–100 per wave"))
    #expect(result.stdout.contains("(lattice-positive-people 1.0.0): % positive 0–100 per wave"))
    #expect(result.stdout.contains("(glint-pooled-index 1.0.0): pooled index 0–100 per wave"))
    #expect(result.stdout.contains("(weighted-learning-index 1.0.0): weighted index 0–100 per wave"))
    #expect(result.stdout.contains("Finance                   -90.9  12    -90.9  12  0.0"))
    #expect(!result.stdout.contains("): index 0–100 per wave"))
    let json = try box.run("trend", Self.survey, "--waves", "2026-q1,2026-q2", "--format", "json")
    #expect(json.stdout.filter { !$0.isWhitespace }.contains("\"index_scale\":{\"label\":\"eNPS\",\"min\":-100,\"max\":100}"))
  }

  @Test func noPublishedNumberOfASuppressedTeamLeaksThroughMeasures() throws {
    // Sales (4 people) is below the minimum of 5; Learning & Development is withheld with it.
    let result = try CLI.run(["score", Self.survey, "--responses", Self.responses, "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = try #require(rows.first)
    let numbers = ["n", "mean", "sd", "pomp", "favorable_pct", "index", "sum", "at_least_pct", "at_most_pct", "pooled"].compactMap {
      header.firstIndex(of: $0)
    }
    for row in rows.dropFirst() where row[1] == "Sales" || row[1] == "Learning & Development" {
      #expect(numbers.allSatisfy { row[$0].isEmpty }, "\(row)")
    }
    #expect(rows.contains { $0[1] == "Finance" && $0[4] == "measure:share_positive" })
  }

  @Test func aSurveyThatLeavesOutAMeasuresItemIsRefused() throws {
    let box = try Sandbox()
    try box.write(
      "survey.yaml",
      """
      id: sub
      title: Subset
      frameworks:
        - id: enps
          items: []
      columns:
        respondent: respondent_id
        team: team
      min_group_size: 5

      """)
    let result = try box.run("score", "survey.yaml", "--responses", Self.responses)
    #expect(result.status == 78)
    #expect(
      result.stderr.contains("survey.yaml:4: error: framework 'enps': its measure 'nps' is the answer to item 'enps', which 'items:' leaves out"),
      "\(result.stderr)")
    #expect(result.stderr.contains("hint: add 'enps' to the framework's 'items:' list"))
  }
}
