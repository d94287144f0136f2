import Foundation
import SurveyModel
import Testing

@testable import SurveyIO

@Suite struct InputLimitsTests {
  /// Nine levels of nine aliases each: 9^9 nodes once expanded, from a few hundred bytes.
  static let aliasBomb: String = {
    var text = "id: bomb\ntitle: Bomb\nframeworks: [senge]\nl0: &l0 [x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
      text += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
    }
    return text
  }()

  @Test func anAliasBombIsRefusedWithAClearError() throws {
    #expect(Self.aliasBomb.utf8.count < 700)
    do {
      _ = try SurveyLoader.parse(Self.aliasBomb, file: "bomb.yaml")
      Issue.record("the alias bomb was accepted")
    } catch let error as InputError {
      #expect(error.description.contains("bomb.yaml: error: the survey file expands to more than 100000 YAML nodes"))
      #expect(error.description.utf8.count < 1000)
    }
  }

  @Test func aFewAliasesAreStillFine() throws {
    let survey = try SurveyLoader.parse("id: a\ntitle: A\nframeworks: &f [senge]\ncolumns:\n  ignore: &i [when, where]\n", file: "a.yaml")
    #expect(survey.ignoredColumns == ["when", "where"])
  }

  @Test func aHugeValueIsShortenedInMessages() throws {
    let yaml = "id: a\ntitle: A\nframeworks: [senge]\nmin_group_size: " + String(repeating: "x", count: 100_000) + "\n"
    do {
      _ = try SurveyLoader.parse(yaml, file: "a.yaml")
      Issue.record("accepted")
    } catch let problems as InputProblems {
      #expect(problems.description.utf8.count < 1000)
    }
  }

  @Test func aHeaderOfManyUnknownColumnsGivesAShortSummary() throws {
    let header = "respondent_id,team,q1,q2," + (0..<100_000).map { "junk\($0)" }.joined(separator: ",") + "\n"
    let path = writeTemporary(header + "r1,A,1,2\n")
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try ResponseFileReader(path: path, displayName: "r.csv", survey: testSurvey, items: testItems)
      Issue.record("accepted")
    } catch let problems as InputProblems {
      #expect(problems.problems.count == 20)
      #expect(problems.total == 100_000)
      #expect(problems.description.hasSuffix("... and 99980 more problems"))
      #expect(problems.description.utf8.count < 20_000)
    }
  }

  @Test func missingColumnsAreListedEvenAmongManyUnknownOnes() throws {
    let header = "respondent_id,q1," + (0..<50).map { "junk\($0)" }.joined(separator: ",") + "\n"
    let path = writeTemporary(header)
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try ResponseFileReader(path: path, displayName: "r.csv", survey: testSurvey, items: testItems)
      Issue.record("accepted")
    } catch let problems as InputProblems {
      #expect(problems.problems.contains { $0.message.contains("there is no team column") })
      #expect(problems.problems.contains { $0.message.contains("no column for item 'q2'") })
      #expect(problems.total == 52)
    }
  }

  @Test(arguments: ["4\u{0}junk", "0x1p2", "+0x3", "inf", "-inf", "nan", "1e999", "1e", ".", "+", "4 4", "٣", "1_000"])
  func notDecimalNumbers(_ text: String) {
    #expect(NumberParser.parse(text) == nil)
  }

  @Test(arguments: [
    ("4", 4.0), ("+2", 2), ("-0.5", -0.5), ("1.", 1), (".5", 0.5), ("1e1", 10), ("2E-1", 0.2), (" 3 ", 3), ("0000000000000000004", 4),
  ])
  func decimalNumbers(_ text: String, _ value: Double) {
    #expect(NumberParser.parse(text) == value)
  }

  @Test func teamCellsWithControlCharactersAreRejectedNotMerged() throws {
    let rows = try outcomes("respondent_id,team,q1,q2\nr1,A,1,2\nr2,A\u{0}x,1,2\nr3,\u{0},1,2\nr4,\u{1B}[31m,1,2\n")
    guard case .row(let first) = rows[0] else {
      Issue.record("row 2 was rejected")
      return
    }
    #expect(first.team == "A")
    for outcome in rows.dropFirst() {
      #expect(reasons(outcome).first?.contains("the team name contains a control character") == true, "\(outcome)")
    }
    #expect(TeamName.problem("A\u{0}x") == "the team name contains a control character (U+0000); remove it from the cell")
    #expect(TeamName.problem("  ") == "the team is missing")
    #expect(TeamName.problem("Ops, North") == nil)
  }
}

@Suite struct AliasKeyTests {
  @Test(arguments: [("a: &a [1]\n*a : x\n", 2), ("a: &a [1]\nb:\n  - *a: x\n", 3), ("a: &a [1]\nb: [1, *a: x]\n", 2), ("a: &a [1]\n? *a\n: x\n", 2)])
  func aliasesUsedAsKeysAreRefused(_ yaml: String, _ line: Int) {
    #expect(SurveyLoader.aliasKeyLine(yaml) == line)
  }

  @Test(arguments: ["a: &a [1]\nb: *a\n", "description: see *note: here\n", "a: [*x, *y]\n", "# *a: in a comment\n", "t: \"x\" # *a: b\n"])
  func otherAliasesAndAsterisksAreFine(_ yaml: String) {
    #expect(SurveyLoader.aliasKeyLine(yaml) == nil)
  }
}
