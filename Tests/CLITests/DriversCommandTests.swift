import Foundation
import Testing

@Suite(.serialized) struct DriversCommandTests {
  let sample = ["drivers", "surveys/learning-culture.yaml", "--responses", "surveys/sample-responses.csv"]

  /// Every format of the bundled sample: the organisation's drivers, teams below 30 complete
  /// respondents labelled as showing the organisation's, withheld teams with nothing but n.
  @Test(arguments: ["table", "csv", "json", "html"])
  func sampleInEveryFormat(_ format: String) throws {
    let result = try CLI.run(sample + ["--outcome", "sv1", "--by", "team", "--bootstrap", "50", "--format", format])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Personal mastery") || result.stdout.contains("personal_mastery"))
    // The outcome's own dimension (it contains sv1) is not a driver.
    #expect(!result.stdout.contains("Shared vision") && !result.stdout.contains("shared_vision"))
    switch format {
    case "json":
      let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      #expect(json["schema"] as? String == "cultivar.drivers/1")
      let groups = try #require(json["groups"] as? [[String: Any]])
      let byName = Dictionary(uniqueKeysWithValues: groups.map { ($0["group"] as! String, $0) })
      #expect(Set(byName["Legal"]!.keys) == ["group", "n", "suppressed", "suppression_reason"])
      #expect(byName["Finance"]!["source"] as? String == "organisation")
      #expect(byName["Engineering"]!["source"] as? String == "own")
      let drivers = try #require(groups[0]["drivers"] as? [[String: Any]])
      let shares = drivers.compactMap { $0["share"] as? Double }
      #expect(shares.count == 4 && abs(shares.reduce(0, +) - 1) < 1e-9)
    case "table":
      #expect(result.stdout.contains("Finance: 27 complete respondents, fewer than 30: the organisation's drivers are shown"))
      #expect(result.stdout.contains("Legal (n = 3): withheld"))
    case "html":
      #expect(result.stdout.contains("<svg class=\"matrix\""))
      #expect(!result.stdout.contains("<script"))
    default:
      #expect(result.stdout.hasPrefix("group,source,suppressed,n,r_squared"))
    }
  }

  /// The same seed gives the same bytes; another seed other bootstrap intervals.
  @Test func bootstrapIsReproducible() throws {
    let a = try CLI.run(sample + ["--outcome", "index", "--format", "csv", "--bootstrap", "40", "--seed", "7"])
    let b = try CLI.run(sample + ["--outcome", "index", "--format", "csv", "--bootstrap", "40", "--seed", "7"])
    let c = try CLI.run(sample + ["--outcome", "index", "--format", "csv", "--bootstrap", "40", "--seed", "8"])
    #expect(a.status == 0 && a.stdout == b.stdout)
    #expect(a.stdout != c.stdout)
  }

  @Test(arguments: [
    (["--outcome", "sv"], "unknown outcome 'sv'"),
    (["--outcome", "shared_visoin"], "did you mean 'shared_vision'?"),
    (["--outcome", "sv1", "--by", "location"], "unknown cut 'location'"),
    (["--outcome", "sv1", "--format", "pdf"], "unknown format 'pdf'"),
    (["--outcome", "sv1", "--min-n", "1"], "--min-n must be between 2"),
  ])
  func usageErrors(_ extra: [String], _ message: String) throws {
    let result = try CLI.run(sample + extra)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  /// `--by unit:N` and `--by ATTRIBUTE`: the groups `score --by` the same cut publishes, each
  /// withheld one showing nothing, and each group's driver POMPs equal to its dimension POMPs.
  @Test(arguments: ["unit:2", "location", "unit:1,tenure"])
  func cutsAreTheGroupsScorePublishes(_ cut: String) throws {
    let file = ["surveys/org/acme.yaml", "--responses", "surveys/org/responses-2026-spring.csv", "--org", "surveys/org/acme.org.yaml", "--by", cut]
    let score = try CLI.run(["score"] + file + ["--format", "json"])
    #expect(score.status == 0, "\(score.stderr)")
    let scored = try #require(try JSONSerialization.jsonObject(with: Data(score.stdout.utf8)) as? [String: Any])
    let teams = try #require(((scored["frameworks"] as? [[String: Any]])?.first?["teams"]) as? [[String: Any]])
    let drivers = try CLI.run(["drivers"] + file + ["--outcome", "index", "--format", "json", "--min-n", "10", "--bootstrap", "0"])
    #expect(drivers.status == 0, "\(drivers.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(drivers.stdout.utf8)) as? [String: Any])
    let groups = try #require(report["groups"] as? [[String: Any]]).dropFirst()
    #expect(groups.map { $0["group"] as? String } == teams.map { $0["team"] as? String }, "the same groups in the same order")
    var own = 0
    for (group, team) in zip(groups, teams) {
      if team["suppressed"] as? Bool == true {
        #expect(Set(group.keys) == ["group", "n", "suppressed", "suppression_reason"], "withheld: \(group)")
        continue
      }
      guard group["source"] as? String == "own" else { continue }
      own += 1
      let pomps = Dictionary(
        uniqueKeysWithValues: (team["dimensions"] as! [[String: Any]]).map { ($0["id"] as! String, $0["pomp"] as? Double ?? .nan) })
      for driver in group["drivers"] as! [[String: Any]] {
        let id = (driver["driver"] as! [String: Any])["id"] as! String
        #expect(abs((driver["score_pomp"] as? Double ?? .nan) - pomps[id]!) < 1e-9, "\(cut) \(group["group"]!) \(id)")
      }
    }
    #expect(own > 0, "some groups show their own drivers")
    #expect(teams.contains { $0["suppressed"] as? Bool == true } || cut == "location", "the cut withholds some group")
  }
}
