import Foundation
import Testing

/// `compare --org FILE --by CUT`: the groups of a cut, as `score --by` publishes them, and
/// `--baseline parent`.
@Suite(.serialized) struct CompareCutsCLITests {
  let sample = ["surveys/org/acme.yaml", "--responses", "surveys/org/responses-2026-spring.csv", "--org", "surveys/org/acme.org.yaml"]

  private func groups(_ result: CLIResult) throws -> [[String: Any]] {
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    return try #require(((json["frameworks"] as? [[String: Any]])?.first?["teams"]) as? [[String: Any]])
  }

  /// Each group's shown dimensions (empty: the group is withheld), by name.
  private func shown(_ groups: [[String: Any]]) -> [String: Set<String>] {
    Dictionary(
      uniqueKeysWithValues: groups.map { group in
        let dimensions = (group["dimensions"] as? [[String: Any]]) ?? []
        return (group["team"] as! String, Set(dimensions.filter { $0["suppressed"] == nil }.compactMap { $0["id"] as? String }))
      })
  }

  /// The groups compare shows, and the dimensions it shows of each, are score's; a withheld
  /// group carries nothing but its name and n.
  @Test(arguments: ["unit:1", "unit:2", "tenure", "unit:1,tenure"])
  func compareShowsWhatScoreShows(_ cut: String) throws {
    let compared = try groups(CLI.run(["compare"] + sample + ["--by", cut, "--format", "json"]))
    let scored = try groups(CLI.run(["score"] + sample + ["--by", cut, "--format", "json"]))
    #expect(shown(compared) == shown(scored))
    #expect(compared.contains { $0["suppressed"] as? Bool == true } || cut == "tenure")
    for group in compared where group["suppressed"] as? Bool == true {
      #expect(Set(group.keys) == ["team", "n", "suppressed", "suppression_reason"], "\(group)")
    }
    let scoredMeans = Dictionary(uniqueKeysWithValues: scored.map { ($0["team"] as! String, ($0["dimensions"] as? [[String: Any]]) ?? []) })
    for group in compared {
      for (d, dimension) in ((group["dimensions"] as? [[String: Any]]) ?? []).enumerated() where dimension["mean"] != nil {
        let mean = try #require(scoredMeans[group["team"] as! String]?[d]["mean"] as? Double)
        #expect(abs((dimension["mean"] as! Double) - mean) < 1e-12)
      }
    }
  }

  @Test func theTableNamesTheCutAndWithholdsTheSameGroups() throws {
    let result = try CLI.run(["compare"] + sample + ["--by", "unit:1"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Groups: --by unit:1"))
    #expect(result.stdout.contains("Operations              78      -                suppressed:"))
    #expect(!result.stdout.contains("Operations  Shared vision"))
  }

  /// Units A (A1, A2), B (B1, B2), C (C1, C2 below the threshold); answers with gaps.
  private func organisation() -> (Scratch, rows: [(team: String, trust: Double?, voice: Double?)]) {
    let sizes = [("A1", 8), ("A2", 7), ("B1", 6), ("B2", 9), ("C1", 7), ("C2", 3)]
    var lines = ["respondent_id,team,q1,q2,q3"]
    var rows: [(String, Double?, Double?)] = []
    for (u, (team, size)) in sizes.enumerated() {
      for i in 0..<size {
        let q1 = 1 + (i * 7 + u * 3) % 5
        let q2: Int? = i % 4 == 3 ? nil : 1 + (i * 2 + u) % 5
        let q3: Int? = i % 5 == 4 ? nil : 1 + (i + u * 2) % 5
        lines.append("r\(u)-\(i),\(team),\(q1),\(q2.map(String.init) ?? ""),\(q3.map(String.init) ?? "")")
        rows.append((team, q2.map { Double(q1 + $0) / 2 } ?? Double(q1), q3.map { Double(6 - $0) }))
      }
    }
    let scratch = project(csv: lines.joined(separator: "\n") + "\n")
    scratch.write(
      "org.yaml",
      "units:\n"
        + ["A", "B", "C"].map { p in
          "  - { id: \(p), name: \(p) }\n  - { id: \(p)1, name: \(p)1, parent: \(p) }\n  - { id: \(p)2, name: \(p)2, parent: \(p) }\n"
        }.joined())
    return (scratch, rows)
  }

  /// Every difference is the unit's mean minus its parent's respondents outside the unit (for a
  /// top unit, the rest of the organisation), computed here from the responses; a unit whose
  /// parent is withheld has none, and says so.
  @Test func parentBaselineDifferences() throws {
    let (scratch, rows) = organisation()
    let base = ["surveys/t.yaml", "--responses", "responses.csv", "--org", "org.yaml"]
    let compared = try groups(CLI.run(["compare"] + base + ["--by", "unit:2", "--baseline", "parent", "--format", "json"], in: scratch.path))
    let parents = shown(try groups(CLI.run(["score"] + base + ["--by", "unit:1", "--format", "json"], in: scratch.path)))
    func mean(_ teams: Set<String>, _ d: Int) -> Double {
      let values = rows.filter { teams.contains($0.team) }.compactMap { d == 0 ? $0.trust : $0.voice }
      return values.reduce(0, +) / Double(values.count)
    }
    var checked = 0
    var labelled = 0
    // Top units: their parent is the organisation.
    let tops = try groups(CLI.run(["compare"] + base + ["--by", "unit:1", "--baseline", "parent", "--format", "json"], in: scratch.path))
    for group in tops where group["suppressed"] as? Bool == false {
      let top = group["team"] as! String
      for (d, dimension) in (group["dimensions"] as! [[String: Any]]).enumerated() where dimension["mean"] != nil {
        let difference = try #require((dimension["difference"] as? [String: Any])?["difference"] as? Double, "\(group["team"]!) \(d)")
        #expect(
          abs(
            difference
              - (mean([top + "1", top + "2"], d) - mean(Set(rows.map(\.team)).subtracting([top + "1", top + "2"]), d))) < 1e-9)
        checked += 1
      }
    }
    for group in compared where group["suppressed"] as? Bool == false {
      let unit = group["team"] as! String
      let parent = String(unit.prefix(1))
      for (d, dimension) in (group["dimensions"] as! [[String: Any]]).enumerated() where dimension["mean"] != nil {
        if parents[parent, default: []].contains(dimension["id"] as! String) {
          let difference = try #require((dimension["difference"] as? [String: Any])?["difference"] as? Double, "\(unit) \(d)")
          let sibling = unit.hasSuffix("1") ? parent + "2" : parent + "1"
          #expect(abs(difference - (mean([unit], d) - mean([sibling], d))) < 1e-9, "\(unit) \(d)")
          checked += 1
        } else {
          #expect(dimension["difference"] is NSNull)
          #expect(dimension["no_difference"] as? String == "no difference: parent '\(parent)' withheld")
          labelled += 1
        }
      }
    }
    #expect(checked >= 6)
    #expect(labelled >= 1)
  }

  @Test(arguments: [
    (["--baseline", "parent"], "--baseline parent compares units with their parent units"),
    (["--by", "tenure", "--baseline", "parent"], "--baseline parent with --by tenure: only whole units have a parent unit"),
    (["--by", "unit:1", "--direct", "--baseline", "parent"], "--baseline parent with --by unit:1 --direct"),
    (["--by", "unit:7"], "--by unit:7: surveys/org/acme.org.yaml has 3 levels"),
  ])
  func usageErrors(_ extra: [String], _ message: String) throws {
    let result = try CLI.run(["compare"] + sample + extra)
    #expect(result.status == 64, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }
}
