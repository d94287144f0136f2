import Foundation
import Testing

/// `score --org FILE --by unit:N` on the bundled sample organisation, and its errors.
@Suite(.serialized) struct OrganisationCommandTests {
  let sample = ["score", "surveys/org/acme.yaml", "--responses", "surveys/org/responses-2026-spring.csv"]

  @Test(arguments: ["unit:1", "unit:2", "unit:3"])
  func everyLevelOfTheSample(_ cut: String) throws {
    let result = try CLI.run(sample + ["--org", "surveys/org/acme.org.yaml", "--by", cut, "--headcount-wave", "2026-spring", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(json["cut"] as? String == cut)
    let teams = try #require(((json["frameworks"] as? [[String: Any]])?.first?["teams"]) as? [[String: Any]])
    let participation = try #require(json["participation"] as? [[String: Any]])
    #expect(Set(participation.compactMap { $0["unit"] as? String }) == Set(teams.compactMap { $0["team"] as? String }))
    let total = teams.compactMap { $0["n"] as? Int }.reduce(0, +)
    #expect(total == 207)
  }

  @Test func theTableShowsParticipation() throws {
    let result = try CLI.run(sample + ["--org", "surveys/org/acme.org.yaml", "--by", "unit:1", "--headcount-wave", "2026-spring"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Participation (unit:1; rates only where at least 5 people were invited):"))
    #expect(result.stdout.contains("Product & Engineering       92         70   76%"))
  }

  @Test func pathsInTheTeamColumnNeedNoOrganisationFile() throws {
    let scratch = project(
      csv: "respondent_id,team,q1,q2,q3\n" + (0..<12).map { "r\($0),\($0 < 6 ? "Eng/Web" : "Eng/App"),\(1 + $0 % 5),3,2" }.joined(separator: "\n")
        + "\n")
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv", "--by", "unit:1", "--format", "csv"], in: scratch.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains(",Eng,12,"))
    #expect(!result.stdout.contains("Eng/Web"))
  }

  @Test(arguments: [
    (["--by", "unit:9"], 64, "--by unit:9: surveys/org/acme.org.yaml has 3 levels"),
    (["--by", "units:1"], 64, "--by units:1: unknown cut 'units:1' (did you mean 'unit:1'?)"),
  ])
  func usageErrors(_ extra: [String], _ status: Int32, _ message: String) throws {
    let result = try CLI.run(sample + ["--org", "surveys/org/acme.org.yaml"] + extra)
    #expect(result.status == status, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  /// A team cell that names no unit, and more responses than invitations.
  @Test func responsesThatDoNotFitTheOrganisation() throws {
    let scratch = project(
      csv: "respondent_id,team,q1,q2,q3\n" + (0..<8).map { "r\($0),\($0 < 7 ? "web" : "Wbe"),3,3,3" }.joined(separator: "\n") + "\n")
    scratch.write("org.yaml", "units:\n  - { id: eng, name: Eng }\n  - { id: web, name: Web, parent: eng, headcount: 6 }\n")
    let unknown = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv", "--org", "org.yaml", "--by", "unit:1"], in: scratch.path)
    #expect(unknown.status == 65, "\(unknown.stderr)")
    #expect(unknown.stderr.contains("error: team 'Wbe' is not a unit of org.yaml (did you mean 'web'?)"), "\(unknown.stderr)")
    scratch.write("responses.csv", "respondent_id,team,q1,q2,q3\n" + (0..<8).map { "r\($0),web,3,3,3" }.joined(separator: "\n") + "\n")
    let stuffed = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv", "--org", "org.yaml", "--by", "unit:2"], in: scratch.path)
    #expect(stuffed.status == 65, "\(stuffed.stderr)")
    #expect(stuffed.stderr.contains("unit 'Eng' has 8 responses but only 6 people invited (org.yaml)"), "\(stuffed.stderr)")
  }

  /// Groups that would be published under one name are refused: a team path named like
  /// another path's cell (`Eng/Web × site: Berlin`), in the pack, which publishes both.
  @Test func twoGroupsNamedAlikeAreRefused() throws {
    let scratch = project(
      survey: trustSurvey + "\nattributes:\n  site: [Berlin, Lisbon]\n",
      csv: "respondent_id,team,site,q1,q2,q3\n"
        + (0..<24).map { "r\($0),\($0 < 12 ? "Eng/Web" : "Eng/Web × site: Berlin"),Berlin,\(1 + $0 % 5),3,2" }.joined(separator: "\n") + "\n")
    let result = try CLI.run(["report", "surveys/t.yaml", "--responses", "responses.csv", "--per-unit", "pack"], in: scratch.path)
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains("error: two of the groups this run publishes are named 'Eng/Web × site: Berlin'"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: scratch.path + "/pack"))
  }

  /// Attributes and crossed cuts of the sample: each value (or unit × value) pools exactly its
  /// respondents, and every level of `--by unit` adds up to the organisation.
  @Test(arguments: [("tenure", 3), ("location", 3), ("role", 2), ("unit:1,tenure", 9), ("unit", 34)])
  func attributeAndCrossedCutsOfTheSample(_ cut: String, _ groups: Int) throws {
    let result = try CLI.run(sample + ["--org", "surveys/org/acme.org.yaml", "--by", cut, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let teams = try #require(((json["frameworks"] as? [[String: Any]])?.first?["teams"]) as? [[String: Any]])
    #expect(teams.count == groups)
    if cut != "unit" { #expect(teams.compactMap { $0["n"] as? Int }.reduce(0, +) == 207) }
    let audit = try #require((json["privacy"] as? [String: Any])?["withheld"] as? [[String: Any]])
    #expect(Set(audit.compactMap { $0["group"] as? String }).isSubset(of: Set(teams.compactMap { $0["team"] as? String }).union(["(all teams)"])))
  }

  @Test(arguments: [
    (["--by", "tenure,location"], 64, "--by tenure,location: two attributes cannot be crossed"),
    (["--by", "tenur"], 64, "--by tenur: unknown cut 'tenur' (did you mean 'tenure'?)"),
    (["--by", "unit:1,unit:2"], 64, "--by unit:1,unit:2: units are named twice"),
    (["--by", "tenure", "--direct"], 64, "--direct with --by tenure: direct members are a unit's"),
    (["--direct"], 64, "--direct needs a unit cut"),
  ])
  func cutErrors(_ extra: [String], _ status: Int32, _ message: String) throws {
    let result = try CLI.run(sample + ["--org", "surveys/org/acme.org.yaml"] + extra)
    #expect(result.status == status, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  /// A value the survey does not declare is a row error with the file, line, column and a suggestion.
  @Test func anUndeclaredAttributeValueIsARowError() throws {
    let scratch = project(
      survey: trustSurvey + "\nattributes:\n  site: [Berlin, Lisbon]\n",
      csv: "respondent_id,team,site,q1,q2,q3\n" + (0..<6).map { "r\($0),web,\($0 == 3 ? "Lisbn" : "Lisbon"),3,3,3" }.joined(separator: "\n") + "\n")
    let result = try CLI.run(["score", "surveys/t.yaml", "--responses", "responses.csv", "--by", "site"], in: scratch.path)
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains("responses.csv:5"), "\(result.stderr)")
    #expect(result.stderr.contains("'Lisbn' is not a value of attribute 'site' (did you mean 'Lisbon'?)"), "\(result.stderr)")
  }

  /// A cut whose groups are the teams publishes what `score` by team publishes, measures
  /// included: each group's measure is decided as its own data point (it used to be read
  /// from another group's decision in cut runs).
  @Test func theLeafCutPublishesWhatTheTeamRunPublishes() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cultivar-leafcut-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let org = dir.appendingPathComponent("org.yaml")
    try Data(
      """
      units:
        - { id: tech, name: Tech }
        - { id: biz, name: Business }
        - { id: Data, name: Data, parent: tech }
        - { id: Design, name: Design, parent: tech }
        - { id: Platform, name: Platform, parent: tech }
        - { id: Sales, name: Sales, parent: biz }
        - { id: Support, name: Support, parent: biz }

      """.utf8
    ).write(to: org)
    let run = [
      "score", "surveys/examples/multilingual/survey.yaml", "--responses", "surveys/examples/multilingual/responses.csv", "--format", "json",
    ]
    func teams(_ result: CLIResult) throws -> [String: String] {
      let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let framework = try #require((json["frameworks"] as? [[String: Any]])?.first)
      var out: [String: String] = [:]
      for team in (framework["teams"] as? [[String: Any]] ?? []) + [framework["organisation"] as? [String: Any] ?? [:]] {
        let name = team["team"] as? String ?? "?"
        let data = try JSONSerialization.data(
          withJSONObject: ["dimensions": team["dimensions"] ?? [], "measures": team["measures"] ?? []], options: [.sortedKeys])
        out[name] = String(decoding: data, as: UTF8.self)
      }
      return out
    }
    let byTeam = try CLI.run(run)
    let byLeaf = try CLI.run(run + ["--org", org.path, "--by", "unit:2"])
    #expect(byTeam.status == 0 && byLeaf.status == 0, "\(byTeam.stderr)\(byLeaf.stderr)")
    let expected = try teams(byTeam)
    #expect(expected["Platform"]?.contains("activities_count") == true)
    #expect(try teams(byLeaf) == expected)
  }
}
