import Foundation
import Testing

/// `trend --by unit:N`: each wave's units decided with the whole universe of cuts, against the
/// teams as `score` of the wave shows them and the merged groups as `trend` shows them; `trend
/// --by ATTRIBUTE` shows each wave as `score --wave W --by` it; and `trend` reads the store
/// through the same batch pipeline as `score` reads a file.
@Suite(.serialized) struct TrendCutsCLITests {
  private func run(_ box: Sandbox, _ arguments: [String]) throws -> Cultivar.Result { try Cultivar.run(arguments, in: box.url) }

  /// Per group: n and index (nil when withheld) and each dimension's POMP, from `score` JSON.
  private func scored(_ result: Cultivar.Result) throws -> [String: [Double?]] {
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let framework = try #require((json["frameworks"] as? [[String: Any]])?.first)
    var out: [String: [Double?]] = [:]
    for team in (framework["teams"] as! [[String: Any]]) + [framework["organisation"] as! [String: Any]] {
      let dimensions = ((team["dimensions"] as? [[String: Any]]) ?? []).sorted { ($0["id"] as! String) < ($1["id"] as! String) }
      out[team["team"] as! String] = [Double(team["n"] as! Int), team["index"] as? Double] + dimensions.map { $0["pomp"] as? Double }
    }
    return out
  }

  /// The same from `trend` JSON (the wave `w`).
  private func trended(_ result: Cultivar.Result, wave w: Int = 0) throws -> [String: [Double?]] {
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let framework = try #require((json["frameworks"] as? [[String: Any]])?.first)
    var out: [String: [Double?]] = [:]
    for team in framework["teams"] as! [[String: Any]] {
      guard let point = (team["points"] as! [Any])[w] as? [String: Any] else { continue }
      let dimensions = point["dimensions"] as? [String: [String: Any]] ?? [:]
      out[team["team"] as! String] =
        [Double(point["n"] as! Int), point["index"] as? Double] + dimensions.keys.sorted().map { dimensions[$0]?["pomp"] as? Double }
    }
    return out
  }

  private func same(_ a: [String: [Double?]], _ b: [String: [Double?]]) {
    #expect(Set(a.keys) == Set(b.keys))
    for (team, values) in a {
      let other = b[team] ?? []
      let shown = values.prefix(2) + values.dropFirst(2).filter { $0 != nil }
      let otherShown = other.prefix(2) + other.dropFirst(2).filter { $0 != nil }
      #expect(shown.count == otherShown.count, "\(team): \(values) vs \(other)")
      for (x, y) in zip(shown, otherShown) {
        #expect((x == nil && y == nil) || (x != nil && y != nil && abs(x! - y!) < 1e-9), "\(team): \(values) vs \(other)")
      }
    }
  }

  /// A file scored by `score` and the same rows imported and read by `trend` give the same
  /// numbers, by team and by unit.
  @Test func theStoreAndTheFileGiveTheSameNumbers() throws {
    let box = try Sandbox()
    // The organisation sample without its team mapping (so the names are as in the file).
    let survey = try String(contentsOfFile: box.path("surveys/org/acme.yaml"), encoding: .utf8)
    try box.write("surveys/org/plain.yaml", String(survey[..<survey.range(of: "team_mapping:")!.lowerBound]))
    let file = ["surveys/org/plain.yaml", "--responses", "surveys/org/responses-2026-spring.csv"]
    #expect(try box.run("import", "surveys/org/plain.yaml", "surveys/org/responses-2026-spring.csv", "--wave", "s").status == 0)
    let org = ["--org", "surveys/org/acme.org.yaml"]
    same(
      try scored(run(box, ["score"] + file + ["--format", "json"])),
      try trended(run(box, ["trend", "surveys/org/plain.yaml", "--waves", "s", "--format", "json", "--jobs", "2"])))
    for cut in ["unit:1", "unit:2", "unit"] {
      same(
        try scored(run(box, ["score"] + file + org + ["--by", cut, "--format", "json"])),
        try trended(run(box, ["trend", "surveys/org/plain.yaml", "--waves", "s", "--format", "json"] + org + ["--by", cut])))
    }
  }

  /// Legal (4) and Finance (10) were merged into unit LF; `score` of the wave shows Finance and
  /// withholds Legal. LF by unit must not be shown: LF minus Finance would be Legal.
  @Test func aMergedUnitDoesNotRevealATeamTheWaveWithholds() throws {
    let box = try Sandbox()
    var survey = try String(contentsOfFile: box.path("surveys/learning-culture.yaml"), encoding: .utf8)
    survey += "team_mapping:\n  merged:\n    lf: [Legal, Finance]\n"
    try box.write("surveys/learning-culture.yaml", survey)
    try box.write(
      "org.yaml",
      "units:\n  - { id: corp, name: Corp }\n  - { id: lf, name: LF, parent: corp }\n  - { id: ops, name: Ops, parent: corp }\n"
        + "  - { id: tiny, name: Tiny, parent: ops }\n")
    let header =
      "respondent_id,team,submitted_on," + ["sv", "pm", "mm", "tl", "st"].flatMap { p in (1...4).map { "\(p)\($0)" } }.joined(separator: ",")
    var lines = [header]
    for (team, size) in [("Legal", 4), ("Finance", 10), ("ops", 12), ("tiny", 2)] {
      for i in 0..<size {
        let answers = (0..<20).map { String(1 + (i * 7 + $0 * 3 + team.count) % 5) }
        lines.append("\(team)-\(i),\(team),2026-10-01,\(answers.joined(separator: ","))")
      }
    }
    try box.write("w.csv", lines.joined(separator: "\n") + "\n")
    #expect(try box.run("import", "surveys/learning-culture.yaml", "w.csv", "--wave", "w").status == 0)
    let teams = try scored(run(box, ["score", "surveys/learning-culture.yaml", "--wave", "w", "--format", "json"]))
    #expect(teams["Finance"]?[1] != nil, "the attack needs Finance shown: \(teams)")
    #expect(teams["Legal"]?[1] == nil)
    let units = try trended(
      run(box, ["trend", "surveys/learning-culture.yaml", "--waves", "w", "--org", "org.yaml", "--by", "unit:2", "--format", "json"]))
    #expect(units["LF"]?[0] == 14)
    #expect(units["LF"]?[1] == nil, "LF − Finance would recover Legal: \(units)")
    #expect(units["Ops"]?[1] == nil, "Ops − ops would recover Tiny: \(units)")
    let merged = try trended(run(box, ["trend", "surveys/learning-culture.yaml", "--waves", "w", "--format", "json"]))
    #expect(merged["lf"]?[1] == nil)
  }

  @Test func unknownUnitsAreRefused() throws {
    let box = try Sandbox()
    #expect(try box.run("import", "surveys/org/acme.yaml", "surveys/org/responses-2026-spring.csv", "--wave", "s").status == 0)
    try box.write("small.org.yaml", "units:\n  - { id: core-api, name: Core API }\n")
    let unknown = try box.run("trend", "surveys/org/acme.yaml", "--waves", "s", "--org", "small.org.yaml", "--by", "unit:1")
    #expect(unknown.status == 65, "\(unknown.stderr)")
    #expect(unknown.stderr.contains("is not a unit of small.org.yaml"), "\(unknown.stderr)")
  }

  /// `trend --by ATTRIBUTE` (alone and crossed with a unit level) on the organisation sample,
  /// whose team mapping merges two teams in the first wave: each wave shows exactly what
  /// `score --wave W --by` the same cut shows.
  @Test func attributeCutsShowEachWaveAsScoreDoes() throws {
    let box = try Sandbox()
    let waves = [("s", "surveys/org/responses-2026-spring.csv"), ("a", "surveys/org/responses-2026-autumn.csv")]
    for (wave, file) in waves { #expect(try box.run("import", "surveys/org/acme.yaml", file, "--wave", wave).status == 0) }
    let org = ["--org", "surveys/org/acme.org.yaml"]
    for cut in ["location", "unit:1,tenure"] {
      let trend = try run(box, ["trend", "surveys/org/acme.yaml", "--waves", "s,a", "--format", "json"] + org + ["--by", cut])
      for (w, (wave, _)) in waves.enumerated() {
        var scoredGroups = try scored(run(box, ["score", "surveys/org/acme.yaml", "--wave", wave, "--format", "json"] + org + ["--by", cut]))
        scoredGroups["(all teams)"] = nil
        var trendGroups = try trended(trend, wave: w)
        trendGroups["(all teams)"] = nil
        #expect(!trendGroups.isEmpty, "\(cut) \(wave)")
        same(scoredGroups, trendGroups)
      }
    }
  }

  /// Lisbon has 3 respondents in the first wave (so Berlin is withheld too: the organisation
  /// minus Berlin would be Lisbon) and 7 in the second: trend hides both groups in the first
  /// wave, as `score --by location` of that wave does, and shows them in the second.
  @Test func aGroupHiddenInOneWaveIsNeverShownByTrend() throws {
    let box = try Sandbox()
    var survey = try String(contentsOfFile: box.path("surveys/learning-culture.yaml"), encoding: .utf8)
    survey += "attributes:\n  location: [Berlin, Lisbon]\nteam_mapping:\n  merged:\n    lf: [Legal, Finance]\n"
    try box.write("surveys/learning-culture.yaml", survey)
    let header =
      "respondent_id,team,location,submitted_on,"
      + ["sv", "pm", "mm", "tl", "st"].flatMap { p in (1...4).map { "\(p)\($0)" } }.joined(separator: ",")
    for (wave, sizes) in [("w1", [("Berlin", 10), ("Lisbon", 3)]), ("w2", [("Berlin", 8), ("Lisbon", 7)])] {
      var lines = [header]
      for (location, size) in sizes {
        for i in 0..<size {
          let team = i % 2 == 0 ? "Legal" : "Finance"
          let answers = (0..<20).map { String(1 + (i * 7 + $0 * 3 + location.count) % 5) }
          lines.append("\(wave)-\(location)-\(i),\(team),\(location),2026-10-01,\(answers.joined(separator: ","))")
        }
      }
      try box.write("\(wave).csv", lines.joined(separator: "\n") + "\n")
      #expect(try box.run("import", "surveys/learning-culture.yaml", "\(wave).csv", "--wave", wave).status == 0)
    }
    let trend = try run(box, ["trend", "surveys/learning-culture.yaml", "--waves", "w1,w2", "--by", "location", "--format", "json"])
    let first = try trended(trend, wave: 0)
    #expect(first["location: Lisbon"]?[0] == 3)
    #expect(first["location: Lisbon"]?.dropFirst().allSatisfy { $0 == nil } == true, "below the minimum: \(first)")
    #expect(first["location: Berlin"]?[0] == 10)
    #expect(first["location: Berlin"]?.dropFirst().allSatisfy { $0 == nil } == true, "organisation − Berlin = Lisbon: \(first)")
    let second = try trended(trend, wave: 1)
    #expect(second["location: Lisbon"]?[1] != nil && second["location: Berlin"]?[1] != nil, "\(second)")
    let table = try run(box, ["trend", "surveys/learning-culture.yaml", "--waves", "w1,w2", "--by", "location"])
    #expect(table.status == 0, "\(table.stderr)")
    for w in 0..<2 {
      var scoredGroups = try scored(
        run(box, ["score", "surveys/learning-culture.yaml", "--wave", "w\(w + 1)", "--by", "location", "--format", "json"]))
      scoredGroups["(all teams)"] = nil
      var trendGroups = try trended(trend, wave: w)
      trendGroups["(all teams)"] = nil
      same(scoredGroups, trendGroups)
    }
  }

  /// A sandbox whose survey has a `location` attribute and the team mapping `mapping` (the
  /// lines under `team_mapping:`), an organisation of units A and B with the leaf `units`
  /// (id, parent `a` or `b`), and wave w1 imported with `groups` (team, location, size).
  private func storedWave(mapping: String, units: [(id: String, parent: String)], groups: [(String, String, Int)]) throws -> Sandbox {
    let box = try Sandbox()
    var survey = try String(contentsOfFile: box.path("surveys/learning-culture.yaml"), encoding: .utf8)
    survey += "attributes:\n  location: [Berlin, Lisbon]\nteam_mapping:\n  \(mapping)\n"
    try box.write("surveys/learning-culture.yaml", survey)
    try box.write(
      "org.yaml",
      "units:\n  - { id: a, name: A }\n  - { id: b, name: B }\n"
        + units.map { "  - { id: \($0.id), name: \($0.id), parent: \($0.parent) }\n" }.joined())
    let header =
      "respondent_id,team,location,submitted_on,"
      + ["sv", "pm", "mm", "tl", "st"].flatMap { p in (1...4).map { "\(p)\($0)" } }.joined(separator: ",")
    var lines = [header]
    for (team, location, size) in groups {
      for _ in 0..<size {
        let r = lines.count
        lines.append("r\(r),\(team),\(location),2026-10-01," + (0..<20).map { String(1 + (r * 7 + $0 * 3) % 5) }.joined(separator: ","))
      }
    }
    try box.write("w1.csv", lines.joined(separator: "\n") + "\n")
    #expect(try box.run("import", "surveys/learning-culture.yaml", "w1.csv", "--wave", "w1").status == 0)
    return box
  }

  /// Team `old` (2 in Berlin, 12 in Lisbon) moves from unit A to unit B through the mapping: the
  /// crossed group "B × location: Berlin" of trend holds 2 more people than its twin in `score
  /// --by unit:1,location`, which shows it, so trend must withhold it (and "A × …: Berlin").
  @Test func aCrossedGroupTheMappingChangesIsDecidedAgainstItsScoreTwin() throws {
    let box = try storedWave(
      mapping: "renamed:\n    old: new", units: [("a1", "a"), ("old", "a"), ("b1", "b"), ("new", "b")],
      groups: [
        ("a1", "Berlin", 20), ("a1", "Lisbon", 20), ("old", "Berlin", 2), ("old", "Lisbon", 12), ("b1", "Berlin", 20), ("b1", "Lisbon", 20),
      ])
    let cut = ["--org", "org.yaml", "--by", "unit:1,location", "--format", "json"]
    let score = try scored(run(box, ["score", "surveys/learning-culture.yaml", "--wave", "w1"] + cut))
    #expect(score["B × location: Berlin"]?[0] == 20 && score["B × location: Berlin"]?[1] != nil, "the twin is shown: \(score)")
    #expect(score["A × location: Berlin"]?[0] == 22 && score["A × location: Berlin"]?[1] != nil, "\(score)")
    let trend = try trended(run(box, ["trend", "surveys/learning-culture.yaml", "--waves", "w1"] + cut))
    #expect(trend["B × location: Berlin"]?[0] == 22)
    #expect(trend["B × location: Berlin"]?.dropFirst().allSatisfy { $0 == nil } == true, "22 − 20 would isolate 2: \(trend)")
    #expect(trend["A × location: Berlin"]?.dropFirst().allSatisfy { $0 == nil } == true, "22 − 20 would isolate 2: \(trend)")
  }

  /// A merge (`merged: z: [x, y]`) and a split (`split: z: [x, y]`, later waves counted as the
  /// old team) move team x from unit A into unit B, where z is: each crossed group of `trend
  /// --by unit:1,location` then holds 2 people (x in Berlin) more or fewer than its twin in
  /// `score --by unit:1,location`, which shows it. Trend must withhold "A × location: Berlin"
  /// and "B × location: Berlin" (22 − 20 and 30 − 28 would isolate x's 2 in Berlin), and no
  /// group trend shows may differ by fewer than 5 respondents from a twin that `score` shows.
  @Test(arguments: ["merged", "split"])
  func aCrossedGroupAMergeOrSplitChangesRevealsNothingTheWaveHides(mapping: String) throws {
    let box = try storedWave(
      mapping: "\(mapping):\n    z: [x, y]", units: [("a1", "a"), ("x", "a"), ("b1", "b"), ("y", "b"), ("z", "b")],
      groups: [
        ("a1", "Berlin", 20), ("a1", "Lisbon", 20), ("x", "Berlin", 2), ("x", "Lisbon", 12), ("b1", "Berlin", 20), ("b1", "Lisbon", 20),
        ("y", "Berlin", 8), ("y", "Lisbon", 8),
      ])
    let cut = ["--org", "org.yaml", "--by", "unit:1,location", "--format", "json"]
    let score = try scored(run(box, ["score", "surveys/learning-culture.yaml", "--wave", "w1"] + cut))
    #expect(score["A × location: Berlin"]?[0] == 22 && score["A × location: Berlin"]?[1] != nil, "the twin is shown: \(score)")
    #expect(score["B × location: Berlin"]?[0] == 28 && score["B × location: Berlin"]?[1] != nil, "the twin is shown: \(score)")
    let trend = try trended(run(box, ["trend", "surveys/learning-culture.yaml", "--waves", "w1"] + cut))
    #expect(trend["A × location: Berlin"]?[0] == 20 && trend["B × location: Berlin"]?[0] == 30, "x is counted in B: \(trend)")
    for group in ["A × location: Berlin", "B × location: Berlin"] {
      #expect(trend[group]?.dropFirst().allSatisfy { $0 == nil } == true, "\(group) and its twin differ by x's 2 in Berlin: \(trend)")
    }
    // What the wave publishes elsewhere: its teams (x, y) and the merged group z as `trend`
    // without a cut shows it.
    let teams = try scored(run(box, ["score", "surveys/learning-culture.yaml", "--wave", "w1", "--format", "json"]))
    let merged = try trended(run(box, ["trend", "surveys/learning-culture.yaml", "--waves", "w1", "--format", "json"]))
    #expect(merged["z"]?[0] == 30 && merged["z"]?[1] != nil, "the merged group is shown: \(merged)")
    for (name, values) in trend where values[1] != nil {
      for other in [score, teams, merged] {
        guard let twin = other[name], twin[1] != nil, let n = values[0], let m = twin[0] else { continue }
        #expect(n == m || abs(n - m) >= 5, "\(name): trend shows \(n) respondents, another output \(m)")
      }
    }
  }
}
