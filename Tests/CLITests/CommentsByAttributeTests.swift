import Foundation
import Testing

/// `comments --by` and `selections --by` with attributes (`location`, banded `tenure`, and
/// units crossed with them): the groups and the decision are those of `score --by` (one
/// universe, one engine), with the comment threshold for comments.
@Suite(.serialized) struct CommentsByAttributeTests {
  /// A respondent: team path, location cell, tenure cell (a number, banded at 1 and 3).
  typealias Respondent = (team: String, location: String, tenure: String)

  /// The comments example with attributes declared; every respondent answers, comments and
  /// ticks an option.
  func scratch(_ respondents: [Respondent], minGroupSize: Int = 5) throws -> Scratch {
    let scratch = Scratch()
    let example = CommentsCommandTests.example
    let survey = try String(contentsOfFile: example + "/voice.yaml", encoding: .utf8)
      .replacingOccurrences(of: "min_group_size: 5", with: "min_group_size: \(minGroupSize)")
    scratch.write("voice.yaml", survey + "attributes:\n  location: [Berlin, Lisbon, Remote]\n  tenure: { bands: [1, 3] }\n")
    scratch.write("plugins/learning-voice.lua", try String(contentsOfFile: example + "/plugins/learning-voice.lua", encoding: .utf8))
    var lines = ["respondent_id,team,location,tenure,s1,s2,wish,formats"]
    for (i, r) in respondents.enumerated() {
      lines.append("r\(i),\(r.team),\(r.location),\(r.tenure),3,4,comment \(i) of \(r.team) in \(r.location),workshops")
    }
    scratch.write("responses.csv", lines.joined(separator: "\n") + "\n")
    return scratch
  }

  func isShown(_ run: [String: [String]?], _ name: String) -> Bool { if case .some(.some) = run[name] { true } else { false } }
  func isWithheld(_ run: [String: [String]?], _ name: String) -> Bool { if case .some(.none) = run[name] { true } else { false } }

  func json(_ arguments: [String], in scratch: Scratch) throws -> [String: Any] {
    let result = try CLI.run(arguments + ["--format", "json"], in: scratch.path)
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
  }

  /// Per group of a `comments` or `selections` run: its sorted comments (or its n), nil when
  /// withheld.
  func shown(_ command: String, _ cut: String, source: [String] = ["--responses", "responses.csv"], in scratch: Scratch) throws -> [String:
    [String]?]
  {
    let root = try json([command, "voice.yaml", "--by", cut] + source + (command == "comments" ? ["--seed", "1"] : []), in: scratch)
    var out: [String: [String]?] = [:]
    for group in ((root["items"] as? [[String: Any]])?.first?["groups"] as? [[String: Any]]) ?? [] {
      let name = group["name"] as? String ?? "?"
      let withheld = group["withheld"] != nil && !(group["withheld"] is NSNull)
      let value = command == "comments" ? (group["comments"] as? [String])?.sorted() : ["\(group["n"] ?? "")"]
      // updateValue: a withheld group's nil is a value, not a removal.
      out.updateValue(withheld ? nil : value, forKey: name)
    }
    return out
  }

  /// Unit U has 12 commenters in Berlin and 1 in Lisbon; V has 11 in Lisbon. `--by unit:1`
  /// shows U (13) and V (11); shown with it, `location: Berlin` (12, all in U) would give U
  /// minus Berlin: the one Lisbon commenter of U. The attribute cut is decided in the same
  /// universe as the unit cut, so no difference of what the runs show isolates 1–9 comments.
  @Test func anAttributeCutMinusAUnitCutIsolatesNoComments() throws {
    let scratch = try scratch(
      Array(repeating: ("U/a", "Berlin", "2"), count: 12) + [("U/a", "Lisbon", "2")] + Array(repeating: ("V/b", "Lisbon", "0.5"), count: 11))
    let runs = try ["team", "unit:1", "location", "unit:1,location", "tenure", "unit"].map { try shown("comments", $0, in: scratch) }
    #expect(isShown(runs[1], "U") && isShown(runs[1], "V"), "the unit cut shows both units")
    #expect(isWithheld(runs[2], "location: Berlin"), "Berlin equals U but one commenter")
    #expect(isWithheld(runs[3], "U × location: Lisbon") && isShown(runs[3], "V × location: Lisbon"))
    #expect(isShown(runs[4], "tenure: 1-3") && isShown(runs[4], "tenure: <1"), "banded: 13 and 11")
    let all = runs.flatMap { $0.compactMap { name, texts in texts.map { (name, Set($0)) } } }
    for (a, big) in all {
      for (b, small) in all where small.isSubset(of: big) {
        let rest = big.subtracting(small).count
        #expect(rest == 0 || rest >= 10, "\(a) minus \(b) shows \(rest) comments")
      }
    }
  }

  /// The same with selections (threshold 5): U (6 in Berlin, 1 in Lisbon) and Berlin cannot
  /// both be shown, nor V × Lisbon and Lisbon.
  @Test func anAttributeCutMinusAUnitCutIsolatesNoSelections() throws {
    let scratch = try scratch(
      Array(repeating: ("U/a", "Berlin", "2"), count: 6) + [("U/a", "Lisbon", "2")] + Array(repeating: ("V/b", "Lisbon", "0.5"), count: 6))
    let units = try shown("selections", "unit:1", in: scratch)
    let locations = try shown("selections", "location", in: scratch)
    let crossed = try shown("selections", "unit:1,location", in: scratch)
    #expect(isShown(units, "U") && isShown(units, "V"))
    #expect(!isShown(units, "U") || !isShown(locations, "location: Berlin"), "U minus Berlin is one respondent's ticks")
    #expect(!isShown(units, "V") || !isShown(locations, "location: Lisbon"), "Lisbon minus V is one respondent's ticks")
    #expect(!isShown(crossed, "U × location: Berlin") || !isShown(units, "U"))
  }

  /// On generated organisations (every respondent answers, comments and ticks; threshold 10
  /// for all three), `comments`, `selections` and `score` withhold the same groups of every
  /// cut: one universe, one engine. Fixed seeds and one random seed, printed on failure.
  @Test func commentsSelectionsAndScoreDecideTheSameGroups() throws {
    let random = UInt64.random(in: 1...UInt64.max)
    for seed in [1, random] {
      var state = seed
      func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
      }
      var respondents: [Respondent] = []
      for team in ["A/a1", "A/a2", "A/B/b1", "C/c1", "C/c2", "D"].prefix(3 + next(4)) {
        for _ in 0..<(1 + next(16)) {
          respondents.append((team, ["Berlin", "Lisbon", "Remote", ""][next(4)], ["", "0.5", "1", "2.5", "3", "7"][next(6)]))
        }
      }
      let scratch = try scratch(respondents, minGroupSize: 10)
      for cut in ["unit:1", "location", "tenure", "unit:1,location", "unit,tenure"] {
        let score = try json(["score", "voice.yaml", "--responses", "responses.csv", "--by", cut], in: scratch)
        let teams = ((score["frameworks"] as? [[String: Any]])?.first?["teams"] as? [[String: Any]]) ?? []
        var expected: [String: [String]?] = [:]
        for team in teams {
          expected.updateValue(team["suppressed"] as? Bool == true ? nil : ["\(team["n"] ?? "")"], forKey: team["team"] as? String ?? "?")
        }
        #expect(!expected.isEmpty, "seed \(seed), \(cut)")
        var selections = try shown("selections", cut, in: scratch)
        selections["(all teams)"] = nil
        #expect(selections == expected, "seed \(seed), --by \(cut)")
        var comments = try shown("comments", cut, in: scratch).mapValues { $0.map { ["\($0.count)"] } }
        comments["(all teams)"] = nil
        #expect(comments == expected, "seed \(seed), --by \(cut)")
      }
    }
  }

  /// A wave of the store is cut by the attribute values stored with each response (a banded
  /// tenure stored as its band), as the response file it was imported from.
  @Test func aStoredWaveIsCutAsItsFile() throws {
    let scratch = try scratch(
      Array(repeating: ("U/a", "Berlin", "2"), count: 12) + [("U/a", "Lisbon", "7")] + Array(repeating: ("V/b", "Lisbon", "0.5"), count: 11))
    let imported = try CLI.run(["import", "voice.yaml", "responses.csv", "--wave", "w", "--store", "s.sqlite"], in: scratch.path)
    #expect(imported.status == 0, "\(imported.stderr)")
    for command in ["comments", "selections"] {
      for cut in ["location", "unit:1,location", "tenure"] {
        let fromFile = try shown(command, cut, in: scratch)
        let fromStore = try shown(command, cut, source: ["--wave", "w", "--store", "s.sqlite"], in: scratch)
        #expect(fromStore == fromFile, "\(command) --by \(cut)")
        #expect(fromFile.count > 2, "\(command) --by \(cut): \(fromFile.keys.sorted())")
      }
    }
  }

  /// A cell the attribute does not allow fails the run with its line, column and a hint, as
  /// in `score`, whatever the cut; `--skip-invalid` counts the row out.
  @Test func aBadAttributeCellIsRefusedWithItsPlace() throws {
    let scratch = try scratch([("U/a", "Berlin", "2"), ("U/a", "Berlln", "2"), ("U/a", "Lisbon", "two")])
    for cut in [[], ["--by", "location"]] {
      let result = try CLI.run(["comments", "voice.yaml", "--responses", "responses.csv"] + cut, in: scratch.path)
      #expect(result.status == 65, "\(result.stderr)")
      #expect(
        result.stderr.contains(
          "responses.csv:3: error: column 3 'location': 'Berlln' is not a value of attribute 'location' (did you mean 'Berlin'?)"))
      #expect(result.stderr.contains("responses.csv:4: error: column 4 'tenure': 'two' is not a number for attribute 'tenure'"))
      #expect(result.stderr.contains("hint: fix the rows, or run with --skip-invalid"), "\(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
    let skipped = try CLI.run(["selections", "voice.yaml", "--responses", "responses.csv", "--by", "location", "--skip-invalid"], in: scratch.path)
    #expect(skipped.status == 0 && skipped.stderr.contains("3 rows read, 1 used, 2 rejected"), "\(skipped.stderr)")
  }
}
