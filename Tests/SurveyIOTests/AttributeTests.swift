import Foundation
import SurveyModel
import Testing

@testable import SurveyIO

/// Respondent attributes: declared in the survey file, each cell checked when read.
@Suite struct AttributeTests {
  static let head = "id: a\ntitle: A\nframeworks: [x]\n"

  @Test func listedValuesAndBandsAreRead() throws {
    let survey = try SurveyLoader.parse(
      Self.head + "attributes:\n  location: [Berlin, Lisbon]\n  tenure: { bands: [1, 3.5] }\n  role: { values: [IC, Lead] }\n", file: "s.yaml")
    #expect(survey.attributes.map(\.name) == ["location", "tenure", "role"])
    #expect(survey.attributes[0].values == ["Berlin", "Lisbon"])
    #expect(survey.attributes[1].values == ["<1", "1-3.5", "3.5+"])
    #expect(survey.attributes[1].bands == [1, 3.5])
    #expect(survey.attributes[0].line == 5)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let yaml: String
    let expected: String
    var testDescription: String { expected }
  }

  static let cases: [Case] = [
    Case(yaml: "attributes: [location]\n", expected: "s.yaml:4: error: 'attributes' must map each attribute column to its values"),
    Case(yaml: "attributes:\n  location: []\n", expected: "s.yaml:5: error: attribute 'location' must list its values"),
    Case(yaml: "attributes:\n  location: [Berlin, Berlin]\n", expected: "s.yaml:5: error: attribute 'location' lists 'Berlin' twice"),
    Case(
      yaml: "attributes:\n  tenure: { bands: [3, 1] }\n",
      expected: "s.yaml:5: error: bands of attribute 'tenure' must be a list of finite numbers in increasing order"),
    Case(
      yaml: "attributes:\n  tenure: { bands: [1, x] }\n",
      expected: "s.yaml:5: error: bands of attribute 'tenure' must be a list of finite numbers in increasing order"),
    Case(
      yaml: "attributes:\n  tenure: { band: [1, 3] }\n",
      expected: "s.yaml:5: error: unknown key 'band' in the attribute 'tenure' (did you mean 'bands'?)"),
    Case(yaml: "attributes:\n  team: [a, b]\n", expected: "s.yaml:5: error: attribute 'team' is also the respondent, team or an ignored column"),
    Case(yaml: "attributes:\n  location: Berlin\n", expected: "s.yaml:5: error: attribute 'location' must list its values"),
    Case(
      yaml: "attributes:\n  level: [" + (1...51).map { "v\($0)" }.joined(separator: ", ") + "]\n",
      expected: "s.yaml:5: error: attribute 'level' has 51 values; at most 50"),
  ]

  @Test(arguments: cases) func problemsNameTheLine(_ c: Case) {
    do {
      _ = try SurveyLoader.parse(Self.head + c.yaml, file: "s.yaml")
      Issue.record("no error for \(c.yaml)")
    } catch {
      #expect(String(describing: error).hasPrefix(c.expected), "got: \(error)")
    }
  }

  static let survey = SurveyDefinition(
    id: "s", title: "S", frameworks: [.init(id: "f")], file: "surveys/s.yaml")

  func read(_ csv: String, keyed: Bool = false) throws -> [ResponseOutcome] {
    var survey = Self.survey
    survey.attributes = [Attribute(name: "location", values: ["Berlin", "Lisbon", "Remote"]), .banded(name: "tenure", limits: [1, 3])]
    let path = writeTemporary(csv)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try ResponseFileReader(path: path, displayName: "r.csv", survey: survey, items: testItems, keyAttributes: keyed)
    var out: [ResponseOutcome] = []
    while let outcome = try reader.next() { out.append(outcome) }
    return out
  }

  @Test func aCellThatIsNoValueIsARowErrorWithASuggestion() throws {
    let out = try read("respondent_id,team,location,tenure,q1,q2\nr1,A,Lisbn,2,3,4\nr2,A,Berlin,x,3,4\n")
    #expect(
      reasons(out[0]) == [
        "2:3:'Lisbn' is not a value of attribute 'location' (did you mean 'Lisbon'?); give one of: Berlin, Lisbon, Remote, or leave it empty"
      ])
    #expect(reasons(out[1]).first?.hasPrefix("3:4:'x' is not a number for attribute 'tenure'") == true)
  }

  @Test func keysCarryTheValuesAndBands() throws {
    let out = try read(
      "respondent_id,team,location,tenure,q1,q2\nr1,A,Lisbon,0.5,3,4\nr2,A, ,3,3,4\nr3,A,Remote,1-3,3,4\nr4,A,Berlin,+2.9,3,4\n", keyed: true)
    let keys = out.compactMap { if case .row(let row) = $0 { return row.team } else { return nil } }
    #expect(keys.map { AttributeKey.split($0).values } == [[1, 0], [nil, 2], [2, 1], [0, 1]])
    #expect(keys.allSatisfy { AttributeKey.split($0).team == "A" })
  }

  @Test(arguments: ["A", "Équipe Nord", "e\u{301}quipe", "👩‍👩‍👧 team", "Ops/Berlin", ""])
  func aKeySplitsBackIntoItsTeamAndValues(team: String) {
    for values: [Int?] in [[], [nil], [0, nil, 2], [51, 3]] {
      let key = AttributeKey.compose(team: team, values: values)
      #expect(AttributeKey.split(key).team == team)
      #expect(AttributeKey.split(key).values == values)
    }
    // A team alone (no codes) is its own key.
    #expect(AttributeKey.split(team).team == team)
    #expect(AttributeKey.split(team).values.isEmpty)
  }

  @Test func aMissingAttributeColumnMeansNotGiven() throws {
    let out = try read("respondent_id,team,q1,q2\nr1,A,3,4\n", keyed: true)
    guard case .row(let row) = out[0] else {
      Issue.record("rejected")
      return
    }
    #expect(AttributeKey.split(row.team).values == [nil, nil])
  }
}
