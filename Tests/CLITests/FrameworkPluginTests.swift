import Foundation
import Testing

/// The bundled framework plugins, their surveys and sample responses, end to end.
@Suite(.serialized) struct FrameworkPluginTests {
  static let surveys = [
    "gill-leader-habits", "training-vs-learning-culture", "gill-learning-culture-signs", "gill-force-field",
    "team-psychological-safety", "learning-building-blocks", "gill-learning-dna", "manager-learning-practices",
    "gill-learning-culture-scenarios", "pulse",
  ]

  @Test func everyBundledPluginIsValidAndItsFixturesPass() throws {
    let check = try CLI.run(["plugins", "check"])
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.split(separator: "\n").filter { $0.hasPrefix("ok: plugins/") }.count == 15)
    let test = try CLI.run(["plugins", "test"])
    #expect(test.status == 0, "\(test.stdout)")
    #expect(test.stdout.contains("16 fixtures run: all passed"))
  }

  @Test(arguments: surveys) func eachSurveyScoresItsSample(_ survey: String) throws {
    let result = try CLI.run(["score", "surveys/\(survey).yaml", "--responses", "surveys/samples/\(survey).csv"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("233 rows read, 233 used, 0 rejected"))
    // The index column is as wide as its heading ("net force -100–100" for gill-force-field).
    #expect(result.stdout.range(of: #"Legal               3 +-  suppressed"#, options: .regularExpression) != nil)
  }

  @Test func forceFieldNamesDriversBlockersAndTheNet() throws {
    let result = try CLI.run(["score", "surveys/gill-force-field.yaml", "--responses", "surveys/samples/gill-force-field.csv"])
    let out = result.stdout
    // Driver and blocker strength are per-respondent measures, not dimensions.
    #expect(out.contains("Finance           Driver strength    27  2.16  0.43   58.2"))
    #expect(out.contains("Finance           Blocker strength   27  3.51  0.45   94.7"))
    #expect(!out.contains("Driver strength (all drivers)"))
    #expect(out.contains("Finance            27               -33.8  Blockers prevail"))
    #expect(out.contains("net force -100–100"))
    #expect(
      out.contains(
        "- Finance, net force -33.8 (Blockers prevail): Net force -34 (driver strength 29, blocker strength 63). Strongest blockers: Fear of failure (67), Low or unclear expectations (67), No accountability (66). Strongest drivers: Compliance (35), Hiring (34), Competition (33)."
      ))
    // A blocker gets its advice when it is strong (advice_above), a driver when it is weak.
    #expect(out.contains("- Finance, Blocker: Fear of failure (67/100): Make failing safe"))
    #expect(out.contains("- Finance, Driver: Technology (23/100): Treat each new tool"))
    #expect(!out.contains("- Engineering, Blocker:"))
    #expect(out.contains("Index rule: index computed by the plugin's index(team) hook: net force = driver strength - blocker strength"))
  }

  @Test func buildingBlocksAreComparedWithThePublishedMedians() throws {
    let table = try CLI.run(["score", "surveys/learning-building-blocks.yaml", "--responses", "surveys/samples/learning-building-blocks.csv"]).stdout
    #expect(table.contains("POMP  Fav %  Bench   Diff"))
    #expect(table.contains("Finance           Block 1: Supportive learning environment       27  3.69  0.61  44.9            71  -26.1"))
    #expect(table.contains("- Finance, Block 2: Concrete learning processes (35/100; benchmark 74): Below the published median (74)."))
    #expect(
      table.contains(
        "- Finance, index 39.4 (Weak): Below the published median: Supportive learning environment 44.9 (median 71); Concrete learning processes 35.5 (median 74); Leadership that reinforces learning 37.9 (median 76)."
      ))
    let json = try CLI.run([
      "score", "surveys/learning-building-blocks.yaml", "--responses", "surveys/samples/learning-building-blocks.csv", "--format", "json",
    ]).stdout
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let framework = try #require((root["frameworks"] as? [[String: Any]])?.first)
    let benchmarks = (framework["dimensions"] as? [[String: Any]] ?? []).compactMap { $0["benchmark"] as? Double }
    #expect(benchmarks == [71, 74, 76])
    let finance = try #require((framework["teams"] as? [[String: Any]])?.first { $0["team"] as? String == "Finance" })
    let block1 = try #require((finance["dimensions"] as? [[String: Any]])?.first { $0["id"] as? String == "environment" })
    let pomp = try #require(block1["pomp"] as? Double)
    let diff = try #require(block1["vs_benchmark"] as? Double)
    #expect(abs(diff - (pomp - 71)) < 1e-12)
  }

  @Test func pulseShowsEveryFrameworkPerTeam() throws {
    let out = try CLI.run(["score", "surveys/pulse.yaml", "--responses", "surveys/samples/pulse.csv"]).stdout
    for name in [
      "Senge's five disciplines", "Team psychological safety", "Training culture vs learning culture",
      "Leader habits of a learning culture", "Organisational learning DNA", "Building blocks of a learning organisation",
      "Manager practices for a learning culture", "Do you have a learning culture? (scenarios)",
    ] {
      #expect(out.contains("== \(name) ("), "missing \(name)")
    }
    #expect(out.components(separatedBy: "\nEngineering        62  ").count == 9)  // one index row per framework
  }

  @Test func bandAdviceExpectationsAreChecked() throws {
    let scratch = Scratch()
    let plugin = trustPlugin.replacingOccurrences(
      of: "  scale = { min = 1, max = 5 },",
      with: """
          scale = { min = 1, max = 5 },
          band = function(index, name, team)
            return { label = 'x', advice = string.format('Trust %.1f in %s', team.dimensions.trust.pomp, name) }
          end,
        """)
    #expect(plugin.contains("band = function"))
    scratch.write("plugins/trust/trust.lua", plugin)
    scratch.write("plugins/trust/tests/small.csv", "respondent_id,team,q1,q2,q3\n1,A,4,5,2\n2,A,2,3,\n")
    scratch.write("plugins/trust/tests/small.expected.json", #"{ "teams": { "A": { "advice_includes": ["Trust 62.5 in A", "Trust 63"] } } }"#)
    let result = try CLI.run(["plugins", "test"], in: scratch.path)
    #expect(result.status == 1)
    #expect(result.stdout.contains("team 'A' band advice: expected a text containing 'Trust 63', got 'Trust 62.5 in A'"))
    #expect(!result.stdout.contains("containing 'Trust 62.5 in A'"))
  }
}
