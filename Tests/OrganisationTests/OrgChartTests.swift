import Foundation
import SurveyIO
import Testing

@testable import Organisation

@Suite struct OrgChartTests {
  func load(_ text: String, csv: Bool = false) throws -> OrgChart {
    let path = NSTemporaryDirectory() + "org-\(UUID().uuidString).\(csv ? "csv" : "yaml")"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try OrgChartLoader.load(path: path, displayName: "org.yaml")
  }

  func messages(_ text: String, csv: Bool = false) -> String {
    do {
      _ = try load(text, csv: csv)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func yamlUnitsNestAtAnyDepthParentsFirst() throws {
    let chart = try load(
      """
      units:
        - { id: mobile, name: Mobile, parent: platform, headcount: { w1: 6, w2: 7 } }
        - { id: eng, name: Engineering, headcount: 50 }
        - { id: platform, name: Platform, parent: eng }
      """)
    #expect(chart.units.map(\.id) == ["eng", "platform", "mobile"])
    #expect(chart.units.map(\.level) == [1, 2, 3])
    let mobile = try #require(chart.unit(named: "Mobile"))
    #expect(chart.lineage(of: mobile).map { chart.units[$0].id } == ["mobile", "platform", "eng"])
    #expect(chart.ancestor(of: mobile, atLevel: 1) == chart.unit(named: "eng"))
    #expect(chart.ownHeadcount(mobile, wave: "w2") == 7)
    #expect(chart.ownHeadcount(chart.unit(named: "eng")!, wave: "w2") == 50)
    #expect(chart.units[mobile].line == 2)
  }

  @Test func csvUnitsWithHeadcountsPerWave() throws {
    let chart = try load("id,name,parent,headcount,headcount:w2\neng,Engineering,,40,\nops,Operations,eng,,9\n", csv: true)
    #expect(chart.units.map(\.name) == ["Engineering", "Operations"])
    #expect(chart.units[1].headcount == ["w2": 9])
    #expect(chart.units[0].headcount == ["": 40])
  }

  @Test func teamPathsBuildTheHierarchy() {
    let chart = OrgChart.fromPaths(["Engineering/Platform/Mobile", "Engineering/Platform/Web", "Sales"])
    #expect(chart.units.map(\.id) == ["Engineering", "Engineering/Platform", "Engineering/Platform/Mobile", "Engineering/Platform/Web", "Sales"])
    #expect(chart.units.map(\.level) == [1, 2, 3, 3, 1])
    #expect(chart.units[3].parent == 1)
  }

  /// Each class of mistake: the line, the message and the hint.
  @Test(arguments: [
    ("units:\n  - { id: a, name: A }\n  - { id: a, name: B }\n", "org.yaml:3: error: duplicate unit id 'a' (first declared at line 2)"),
    (
      "units:\n  - { id: eng, name: E }\n  - { id: b, parent: egn }\n",
      "org.yaml:3: error: unit 'b' names an unknown parent 'egn'\n  hint: did you mean 'eng'?"
    ),
    ("units:\n  - { id: a, parent: b }\n  - { id: b, parent: a }\n", "org.yaml:2: error: units form a cycle: a → b → a"),
    ("units:\n  - { id: a, parent: a }\n", "org.yaml:2: error: units form a cycle: a → a"),
    ("units:\n  - { id: a, headcount: -3 }\n", "org.yaml:2: error: headcount of 'a' must be a whole number of people"),
    ("units:\n  - { id: a, headcount: 1e300 }\n", "org.yaml:2: error: headcount of 'a' must be a whole number of people"),
    ("units:\n  - { id: a, parnet: b }\n", "org.yaml:2: error: unknown key 'parnet' in a unit\n  hint: did you mean 'parent'?"),
    ("units:\n  - { name: A }\n", "org.yaml:2: error: a unit needs an 'id'"),
    (
      "units:\n  - { id: eng, name: Eng }\n  - { id: web, name: Web, parent: eng }\n  - { id: ops, name: Ops }\n  - { id: w2, name: Web, parent: ops }\n",
      "org.yaml:5: error: units 'web' (line 3) and 'w2' are both named 'Web'\n  hint: reports show units by name; give each its own, e.g. 'Web (Ops)'"
    ),
    (
      "units:\n  - { id: web, name: Web }\n  - { id: app, name: web }\n",
      "org.yaml:3: error: unit 'app' is named 'web', the id of the unit at line 2"
    ),
    (
      "units:\n  - { id: web, name: Web }\n  - { id: x, name: 'Web × site: Berlin' }\n",
      "org.yaml:3: error: the name of unit 'x' holds ' × ', which joins a unit and an attribute value in crossed cuts"
    ),
    ("teams: []\n", "org.yaml:1: error: an organisation file must be a mapping with a list 'units'"),
    ("", "org.yaml: error: the organisation file is empty"),
  ])
  func yamlMistakes(_ text: String, _ expected: String) {
    #expect(messages(text).contains(expected), "\(messages(text))")
  }

  @Test(arguments: [
    ("name,parent\nA,\n", "org.yaml:1: error: the header has no 'id' column"),
    ("id,name,parent\na,A\n", "org.yaml:2: error: 2 fields, the header has 3"),
    ("id,name,parent,headcount\na,A,,lots\n", "org.yaml:2: error: column 4 'headcount': 'lots' is not a whole number"),
    ("id,name,parent\na,A,\nb,B,z\n", "org.yaml:3: error: unit 'b' names an unknown parent 'z'"),
    ("id,name,parent\na,A,\nb,A,a\n", "org.yaml:3: error: units 'a' (line 2) and 'b' are both named 'A'"),
    // One name in two spellings (é composed, then e and a combining acute) is one name.
    ("id,name,parent\na,Caf\u{E9},\nb,Cafe\u{301},a\n", "org.yaml:3: error: units 'a' (line 2) and 'b' are both named"),
  ])
  func csvMistakes(_ text: String, _ expected: String) {
    #expect(messages(text, csv: true).contains(expected), "\(messages(text, csv: true))")
  }

  /// A random forest of units written in a random order always loads parents first, with
  /// levels one more than the parent's; a random back edge always gives a cycle error.
  @Test func randomChartsLoadOrFailCleanly() throws {
    var random = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let count = Int.random(in: 1...30, using: &random)
      var parents: [Int?] = [nil]
      for i in 1..<max(count, 1) { parents.append(Bool.random(using: &random) ? nil : Int.random(in: 0..<i, using: &random)) }
      var lines = (0..<count).map { i in "  - { id: u\(i), name: Unit \(i)" + (parents[i].map { ", parent: u\($0)" } ?? "") + " }" }
      lines.shuffle(using: &random)
      let chart = try load("units:\n" + lines.joined(separator: "\n") + "\n")
      #expect(chart.units.count == count)
      for unit in chart.units {
        if let p = unit.parent { #expect(chart.units[p].level + 1 == unit.level) } else { #expect(unit.level == 1) }
      }
      for (i, unit) in chart.units.enumerated() { #expect(unit.parent.map { $0 < i } ?? true) }
      // Point the top unit of some chain at one of its descendants: a cycle.
      if let child = parents.indices.last(where: { parents[$0] != nil }) {
        var top = child
        while let p = parents[top] { top = p }
        let cyclic = lines.map { $0.contains("id: u\(top),") ? "  - { id: u\(top), name: Top, parent: u\(child) }" : $0 }
        #expect(messages("units:\n" + cyclic.joined(separator: "\n") + "\n").contains("units form a cycle"))
      }
    }
  }
}

@Suite struct ParticipationTests {
  let chart = OrgChart(
    units: [
      .init(id: "eng", name: "Engineering", level: 1, headcount: ["": 4]),
      .init(id: "web", name: "Web", parent: 0, level: 2, headcount: ["": 10, "w2": 12]),
      .init(id: "app", name: "App", parent: 0, level: 2, headcount: ["": 3]),
      .init(id: "ops", name: "Operations", level: 1),
    ], file: "org.yaml")

  /// A unit's line pools its own members and every unit below it; rates only from the
  /// minimum group size invited; no headcount, no rate.
  @Test func ratesPerUnitLine() throws {
    let p = try Participation(chart: chart, responded: [2, 8, 3, 7], wave: "w2", minimumGroupSize: 5)
    #expect(p.rows.map(\.invited) == [19, 12, 3, nil])
    #expect(p.rows.map(\.responded) == [13, 8, 3, 7])
    #expect(p.rows[0].rate == 13.0 / 19)
    #expect(p.rows[2].rate == nil)  // 3 invited < 5: no rate
    #expect(p.rows[3].rate == nil)
    #expect(try Participation(chart: chart, responded: [2, 8, 3, 7], wave: "w1", minimumGroupSize: 5).rows[1].invited == 10)
  }

  @Test func moreResponsesThanInvitationsNamesTheUnit() {
    #expect(throws: Participation.Problem.self) { try Participation(chart: chart, responded: [0, 0, 4, 0], wave: nil, minimumGroupSize: 5) }
    do {
      _ = try Participation(chart: chart, responded: [0, 0, 4, 0], wave: nil, minimumGroupSize: 5)
    } catch {
      #expect("\(error)".hasPrefix("org.yaml: error: unit 'App' has 4 responses but only 3 people invited"))
    }
  }
}
