import Foundation
import SurveyIO
import SurveyModel
import Testing

@testable import Importers

/// Respondent attributes read from every tool's export: matched by the attribute's name or
/// its question, validated like answers, given as the declared value's label.
@Suite struct AttributeImportTests {
  static let attributed: SurveyDefinition = {
    var s = survey
    var location = Attribute(name: "location", values: ["Berlin", "Lisbon", "Remote"], line: 9)
    location.question = "Where do you work?"
    var tenure = Attribute.banded(name: "tenure", limits: [1, 3], line: 10)
    tenure.question = "How many years have you worked here?"
    s.attributes = [location, tenure]
    return s
  }()

  /// The attributes of each row of the truth file, as labels ("" = not given).
  static func truth() throws -> [[String]] {
    let text = try String(contentsOf: fixtures.appendingPathComponent("attributes-truth.csv"), encoding: .utf8)
    return text.split(separator: "\r\n").dropFirst().map { line in
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let tenure = Double(cells[3]).map { $0 < 1 ? "<1" : $0 < 3 ? "1-3" : "3+" } ?? ""
      return [cells[2], tenure]
    }
  }

  @Test(arguments: ["qualtrics-attributes.csv", "google-forms-attributes.csv", "surveymonkey-attributes.csv", "ms-forms-attributes.xlsx"])
  func everyExportGivesTheSameAttributesAsTheTruth(file: String) throws {
    let reader = try ExportReader(
      path: fixtures.appendingPathComponent(file).path, displayName: file, items: items, survey: Self.attributed,
      teamColumn: file.hasPrefix("google") ? "Which team are you in?" : nil)
    let questions = ["Where do you work?", "How many years have you worked here?", "location", "tenure"]
    #expect(reader.unmatchedColumns.allSatisfy { !questions.contains($0) }, "\(reader.unmatchedColumns)")
    let given = try rows(reader).map { outcome -> [String] in
      guard case .row(let row) = outcome else { return ["rejected"] }
      let byName = Dictionary(uniqueKeysWithValues: row.attributes.map { ($0.name, $0.value) })
      return [byName["location"] ?? "", byName["tenure"] ?? ""]
    }
    let expected = try Self.truth()
    #expect(given == expected)
    // The fixtures hold every value, a band of each kind and some not given.
    #expect(Set(expected.map { $0[0] }) == ["Berlin", "Lisbon", "Remote", ""])
    #expect(Set(expected.map { $0[1] }) == ["<1", "1-3", "3+", ""])
  }

  @Test func aValueNotDeclaredIsARowProblemWithASuggestion() throws {
    let path = try temporaryFile(
      "respondent_id,team,sv1,sv2,Where do you work?,tenure\nr1,A,4,2,Lisbonn,1\nr2,A,4,2, Remote ,-2\nr3,A,4,2,,many\nr4,A,4,2,berlin,\n")
    let reader = try ExportReader(path: path, displayName: "x.csv", items: items, survey: Self.attributed)
    let outcomes = try rows(reader)
    guard case .rejected(let line, let problems, _) = outcomes[0] else {
      Issue.record("expected a rejected row")
      return
    }
    #expect(line == 2)
    #expect(problems.count == 1)
    #expect(problems[0].column == 5 && problems[0].value == "Lisbonn")
    #expect(problems[0].reason.contains("did you mean 'Lisbon'?"))
    // Spaces around a value do not matter; a negative number is still a number (band <1).
    guard case .row(let second) = outcomes[1] else {
      Issue.record("expected a row")
      return
    }
    #expect(second.attributes.map(\.value) == ["Remote", "<1"])
    guard case .rejected(_, let third, _) = outcomes[2] else {
      Issue.record("expected a rejected row")
      return
    }
    #expect(third[0].column == 6 && third[0].reason.contains("is not a number for attribute 'tenure'"))
    // Values are matched exactly, as score matches them in a CSV file.
    guard case .rejected(_, let fourth, _) = outcomes[3] else {
      Issue.record("expected a rejected row")
      return
    }
    #expect(fourth[0].reason.contains("did you mean 'Berlin'?"))
  }

  @Test func twoColumnsForOneAttributeAreAHeaderProblem() throws {
    let path = try temporaryFile("respondent_id,team,sv1,sv2,location,Where do you work?\nr1,A,4,2,Berlin,Berlin\n")
    #expect {
      _ = try ExportReader(path: path, displayName: "x.csv", items: items, survey: Self.attributed)
    } throws: { error in
      "\(error)".contains("columns 5 and 6 both hold attribute 'location'")
    }
  }

  /// Random cells: every accepted cell gives a declared value; every refused one names its
  /// column and value. Never a crash, never a dropped row.
  @Test func randomCellsAreEitherADeclaredValueOrARowProblem() throws {
    var generator = SystemRandomNumberGenerator()
    let pieces = ["Berlin", "Lisbon", "Remote", "berlin", " ", "1", "2.5", "-0", "1e3", "nan", "inf", "é", "\u{A0}", "3", "x", "0x10", ""]
    var lines = ["respondent_id,team,sv1,sv2,location,tenure"]
    for n in 0..<300 {
      let a = (0..<Int.random(in: 0...2, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
      let b = (0..<Int.random(in: 0...2, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
      lines.append("r\(n),A,4,2,\"\(a)\",\"\(b)\"")
    }
    let path = try temporaryFile(lines.joined(separator: "\n") + "\n")
    let outcomes = try rows(try ExportReader(path: path, displayName: "x.csv", items: items, survey: Self.attributed))
    #expect(outcomes.count == 300)
    for outcome in outcomes {
      switch outcome {
      case .row(let row):
        for (name, value) in row.attributes {
          let attribute = Self.attributed.attributes.first { $0.name == name }!
          #expect(attribute.values.contains(value))
        }
      case .rejected(_, let problems, _):
        #expect(!problems.isEmpty && problems.allSatisfy { $0.column == 5 || $0.column == 6 })
      }
    }
  }
}
